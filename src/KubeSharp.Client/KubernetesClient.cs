using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using KubeSharp.Api;
using KubeSharp.Client.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Client;

/// <summary>
/// A typed client of the Kubernetes REST API, generic over any kind that carries
/// <see cref="KubernetesEntityAttribute"/>. Thread-safe; create one per API server and share it.
/// </summary>
/// <remarks>
/// The underlying HttpClient has no overall timeout: ordinary requests get
/// <see cref="KubernetesClientConfiguration.RequestTimeout"/> each, watches run until their
/// timeoutSeconds (plus a margin after which the client gives up on a server that did not end it).
/// Dead connections are detected by TCP keep-alive (HTTP/1.1) and HTTP/2 PING frames.
/// </remarks>
public sealed class KubernetesClient : IDisposable
{
    /// <summary>How long past a watch's timeoutSeconds the client waits for the server to end it.</summary>
    internal static readonly TimeSpan WatchDeadlineMargin = TimeSpan.FromSeconds(30);
    private const int MaxTooManyRequestsRetries = 5;
    private static readonly TimeSpan TokenFileRefresh = TimeSpan.FromMinutes(1);

    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly object _tokenLock = new();
    private string? _cachedToken;
    private DateTime _tokenReadAt;

    public KubernetesClient(KubernetesClientConfiguration configuration, ILogger<KubernetesClient>? logger = null)
        : this(configuration, CreateHandler(configuration), logger)
    {
    }

    /// <summary>Uses <paramref name="handler"/> for transport (it is disposed with the client).</summary>
    public KubernetesClient(KubernetesClientConfiguration configuration, HttpMessageHandler handler, ILogger<KubernetesClient>? logger = null)
    {
        Configuration = configuration;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = configuration.Server,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        if (configuration.PreferHttp2 && configuration.Server.Scheme == Uri.UriSchemeHttps)
        {
            _http.DefaultRequestVersion = HttpVersion.Version20;
            _http.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }

        _http.DefaultRequestHeaders.UserAgent.ParseAdd(configuration.UserAgent);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public KubernetesClientConfiguration Configuration { get; }

    /// <summary>The transport the client uses by default: pooled connections, keep-alives, the configured trust and client certificate.</summary>
    public static SocketsHttpHandler CreateHandler(KubernetesClientConfiguration configuration)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            // Each watch holds an HTTP/2 stream for minutes; without extra connections a process with
            // many informers would queue requests behind the server's stream limit.
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.GZip,
            ConnectCallback = ConnectWithKeepAliveAsync,
        };

        var ssl = handler.SslOptions;
        if (!string.IsNullOrEmpty(configuration.TlsServerName))
        {
            ssl.TargetHost = configuration.TlsServerName;
        }

        if (configuration.ClientCertificate is not null)
        {
            ssl.ClientCertificates = [configuration.ClientCertificate];
            ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => configuration.ClientCertificate;
        }

        if (configuration.SkipTlsVerify)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (configuration.CertificateAuthorities.Count > 0)
        {
            var roots = configuration.CertificateAuthorities;
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                ValidateAgainstRoots(certificate, errors, roots);
        }

        return handler;
    }

    /// <summary>
    /// Accepts <paramref name="certificate"/> only if it chains to one of <paramref name="roots"/> and
    /// its name matches; the system trust store is not consulted.
    /// </summary>
    internal static bool ValidateAgainstRoots(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private static async ValueTask<Stream> ConnectWithKeepAliveAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // A half-open connection (peer gone without FIN) is noticed within ~1 minute instead of never.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 30);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // ---- typed operations -------------------------------------------------------------------

    public Task<T> GetAsync<T>(string name, string? ns = null, CancellationToken cancellationToken = default)
        where T : KubernetesObject =>
        SendJsonAsync<T>(HttpMethod.Get, ResourceInfo.For<T>().PathFor(ns, name), null, cancellationToken);

    /// <summary>Like <see cref="GetAsync{T}"/> but null when the object does not exist.</summary>
    public async Task<T?> TryGetAsync<T>(string name, string? ns = null, CancellationToken cancellationToken = default)
        where T : KubernetesObject
    {
        try
        {
            return await GetAsync<T>(name, ns, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Lists one page; a namespaced kind with <paramref name="ns"/> null lists all namespaces.</summary>
    public Task<KubernetesList<T>> ListAsync<T>(string? ns = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubernetesObject
    {
        var query = new QueryBuilder();
        options?.AppendTo(query);
        return SendJsonAsync<KubernetesList<T>>(HttpMethod.Get, ResourceInfo.For<T>().PathFor(ns) + query, null, cancellationToken);
    }

    /// <summary>Lists every page (following metadata.continue) and returns the items with the first page's resourceVersion.</summary>
    public async Task<KubernetesList<T>> ListAllAsync<T>(string? ns = null, ListOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubernetesObject
    {
        options ??= new ListOptions { Limit = 500 };
        var first = await ListAsync<T>(ns, options, cancellationToken).ConfigureAwait(false);
        var next = first.Metadata?.Continue;
        while (!string.IsNullOrEmpty(next))
        {
            // A continue token carries its own snapshot: resourceVersion must not be sent with it.
            var page = await ListAsync<T>(ns, options with { Continue = next, ResourceVersion = null, ResourceVersionMatch = null }, cancellationToken).ConfigureAwait(false);
            first.Items.AddRange(page.Items);
            next = page.Metadata?.Continue;
        }

        if (first.Metadata is not null)
        {
            first.Metadata.Continue = null;
            first.Metadata.RemainingItemCount = null;
        }

        return first;
    }

    /// <summary>Creates <paramref name="obj"/> in its metadata.namespace (or the configuration's namespace).</summary>
    public Task<T> CreateAsync<T>(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubernetesObject
    {
        var info = StampTypeInfo(obj);
        var query = new QueryBuilder();
        options?.AppendTo(query);
        return SendJsonAsync<T>(HttpMethod.Post, info.PathFor(NamespaceOf(obj, info)) + query, JsonBody(obj), cancellationToken);
    }

    /// <summary>Replaces the object (PUT). A stale metadata.resourceVersion fails with a conflict (<see cref="KubernetesApiException.IsConflict"/>).</summary>
    public Task<T> UpdateAsync<T>(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubernetesObject =>
        ReplaceAsync(obj, null, options, cancellationToken);

    /// <summary>Replaces the status subresource; the server ignores changes outside status.</summary>
    public Task<T> UpdateStatusAsync<T>(T obj, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubernetesObject =>
        ReplaceAsync(obj, "status", options, cancellationToken);

    private Task<T> ReplaceAsync<T>(T obj, string? subresource, WriteOptions? options, CancellationToken cancellationToken)
        where T : KubernetesObject
    {
        var info = StampTypeInfo(obj);
        var name = obj.Metadata?.Name ?? throw new ArgumentException("metadata.name is required to update", nameof(obj));
        var query = new QueryBuilder();
        options?.AppendTo(query);
        return SendJsonAsync<T>(HttpMethod.Put, info.PathFor(NamespaceOf(obj, info), name, subresource) + query, JsonBody(obj), cancellationToken);
    }

    public Task<T> PatchAsync<T>(string name, Patch patch, string? ns = null, WriteOptions? options = null, string? subresource = null, CancellationToken cancellationToken = default)
        where T : KubernetesObject
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (patch.Type == PatchType.Apply && string.IsNullOrEmpty(options?.FieldManager))
        {
            throw new ArgumentException("server-side apply requires WriteOptions.FieldManager", nameof(options));
        }

        var query = new QueryBuilder();
        options?.AppendTo(query);
        var body = patch.Body is string text ? Encoding.UTF8.GetBytes(text) : KubeJson.SerializeToUtf8Bytes(patch.Body, patch.Body.GetType());
        return SendJsonAsync<T>(HttpMethod.Patch, ResourceInfo.For<T>().PathFor(ns, name, subresource) + query, () => Body(body, patch.ContentType), cancellationToken);
    }

    /// <summary>Server-side apply of <paramref name="obj"/>'s fields as <paramref name="fieldManager"/>.</summary>
    public Task<T> ApplyAsync<T>(T obj, string fieldManager, bool force = false, CancellationToken cancellationToken = default)
        where T : KubernetesObject
    {
        var info = StampTypeInfo(obj);
        var name = obj.Metadata?.Name ?? throw new ArgumentException("metadata.name is required to apply", nameof(obj));
        return PatchAsync<T>(name, new Patch(PatchType.Apply, obj), NamespaceOf(obj, info),
            new WriteOptions { FieldManager = fieldManager, Force = force ? true : null }, null, cancellationToken);
    }

    /// <summary>
    /// Deletes an object. Returns the object when the server answers with it (deletion pending on
    /// finalizers or graceful termination), null when it answers with a Success Status.
    /// </summary>
    public async Task<T?> DeleteAsync<T>(string name, string? ns = null, DeleteOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubernetesObject
    {
        var path = ResourceInfo.For<T>().PathFor(ns, name);
        var json = await SendForBytesAsync(HttpMethod.Delete, path, DeleteBody(options), cancellationToken).ConfigureAwait(false);
        return IsStatus(json) ? null : KubeJson.Deserialize<T>(json);
    }

    /// <summary>Deletes every object matching <paramref name="listOptions"/>' selectors (in all namespaces when <paramref name="ns"/> is null).</summary>
    public async Task DeleteCollectionAsync<T>(string? ns = null, ListOptions? listOptions = null, DeleteOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubernetesObject
    {
        var query = new QueryBuilder();
        listOptions?.AppendTo(query);
        await SendForBytesAsync(HttpMethod.Delete, ResourceInfo.For<T>().PathFor(ns) + query, DeleteBody(options), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GET of a subresource, e.g. "scale" (TResult an autoscaling/v1 Scale or JsonObject).</summary>
    public Task<TResult> GetSubresourceAsync<T, TResult>(string name, string subresource, string? ns = null, CancellationToken cancellationToken = default)
        where T : KubernetesObject =>
        SendJsonAsync<TResult>(HttpMethod.Get, ResourceInfo.For<T>().PathFor(ns, name, subresource), null, cancellationToken);

    /// <summary>PUT of a subresource, e.g. "scale" or "status".</summary>
    public Task<TResult> ReplaceSubresourceAsync<T, TResult>(string name, string subresource, object body, string? ns = null, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubernetesObject
    {
        var query = new QueryBuilder();
        options?.AppendTo(query);
        return SendJsonAsync<TResult>(HttpMethod.Put, ResourceInfo.For<T>().PathFor(ns, name, subresource) + query, JsonBody(body), cancellationToken);
    }

    /// <summary>POST to a subresource: pods/binding (a v1 Binding), pods/eviction (a policy/v1 Eviction), ….
    /// Returns the server's answer, usually a Status.</summary>
    public Task<TResult> CreateSubresourceAsync<T, TResult>(string name, string subresource, object body, string? ns = null, WriteOptions? options = null, CancellationToken cancellationToken = default)
        where T : KubernetesObject
    {
        var query = new QueryBuilder();
        options?.AppendTo(query);
        return SendJsonAsync<TResult>(HttpMethod.Post, ResourceInfo.For<T>().PathFor(ns, name, subresource) + query, JsonBody(body), cancellationToken);
    }

    /// <summary>
    /// Watches a collection. Events arrive as the server sends them; the sequence ends when the server
    /// ends the watch (normally at <see cref="ListOptions.TimeoutSeconds"/>), or when the server keeps
    /// it open <see cref="WatchDeadlineMargin"/> past that. A 410 (before the stream or as an ERROR event)
    /// throws <see cref="WatchExpiredException"/>; other ERROR events throw <see cref="KubernetesApiException"/>;
    /// a broken connection throws <see cref="HttpRequestException"/> or <see cref="IOException"/>.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(string? ns = null, ListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : KubernetesObject
    {
        var query = new QueryBuilder();
        query.Add("watch", "true");
        options?.AppendTo(query);
        var path = ResourceInfo.For<T>().PathFor(ns) + query;

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options?.TimeoutSeconds is int seconds && seconds > 0)
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(seconds) + WatchDeadlineMargin);
        }

        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        await ThrowIfErrorAsync(response, deadline.Token).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var events = WatchStream.ReadAsync<T>(body, deadline.Token).ConfigureAwait(false).GetAsyncEnumerator();
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await events.MoveNextAsync())
                        {
                            yield break;
                        }
                    }
                    catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        _logger.LogWarning("Watch {Path} outlived its timeoutSeconds; ending it on the client side", path);
                        yield break;
                    }

                    yield return events.Current;
                }
            }
            finally
            {
                await events.DisposeAsync();
            }
        }
    }

    // ---- raw requests -----------------------------------------------------------------------

    /// <summary>
    /// Sends a request built by <paramref name="createRequest"/> (called again for each retry after a 429)
    /// with authentication added. Does not throw for error statuses; the caller owns the response.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, HttpCompletionOption completion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createRequest);
        for (var attempt = 0; ; attempt++)
        {
            var request = createRequest();
            Authenticate(request);
            var response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt >= MaxTooManyRequestsRetries)
            {
                return response;
            }

            // The server did not process the request (APF or a rate limit): waiting and resending is always safe.
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            wait = TimeSpan.FromTicks(Math.Clamp(wait.Ticks, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(10).Ticks));
            response.Dispose();
            _logger.LogDebug("429 from {Path}; retrying in {Wait}", request.RequestUri, wait);
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends a JSON request to any path (e.g. "/apis/coordination.k8s.io/v1/namespaces/x/leases/y")
    /// and decodes the JSON answer; error statuses throw <see cref="KubernetesApiException"/>.
    /// </summary>
    public Task<TResult> RequestAsync<TResult>(HttpMethod method, string pathAndQuery, object? body = null, string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        Func<HttpContent>? content = null;
        if (body is not null)
        {
            var bytes = body is string text ? Encoding.UTF8.GetBytes(text) : KubeJson.SerializeToUtf8Bytes(body, body.GetType());
            content = () => Body(bytes, contentType);
        }

        return SendJsonAsync<TResult>(method, pathAndQuery, content, cancellationToken);
    }

    // ---- plumbing ---------------------------------------------------------------------------

    private async Task<TResult> SendJsonAsync<TResult>(HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        var json = await SendForBytesAsync(method, path, content, cancellationToken).ConfigureAwait(false);
        return KubeJson.Deserialize<TResult>(json)
            ?? throw new KubernetesApiException(new Status { Code = 500, Reason = "InternalError", Message = $"empty response from {method} {path}" });
    }

    private async Task<byte[]> SendForBytesAsync(HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (Configuration.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(Configuration.RequestTimeout);
        }

        try
        {
            using var response = await SendAsync(
                () => new HttpRequestMessage(method, path) { Content = content?.Invoke() },
                HttpCompletionOption.ResponseContentRead,
                timeout.Token).ConfigureAwait(false);
            await ThrowIfErrorAsync(response, timeout.Token).ConfigureAwait(false);
            return await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{method} {path} did not complete within {Configuration.RequestTimeout}");
        }
    }

    private static async Task ThrowIfErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var status = ParseStatus(bytes, response.StatusCode);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        throw response.StatusCode == HttpStatusCode.Gone
            ? new WatchExpiredException(status)
            : new KubernetesApiException(status, response.StatusCode, retryAfter);
    }

    internal static Status ParseStatus(byte[] body, HttpStatusCode code)
    {
        try
        {
            if (IsStatus(body) && KubeJson.Deserialize<Status>(body) is { } status)
            {
                status.Code ??= (int)code;
                return status;
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to a synthesised Status carrying the text.
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        return new Status
        {
            StatusValue = "Failure",
            Code = (int)code,
            Reason = ReasonFor(code),
            Message = text.Length > 0 ? $"an error on the server (\"{text}\") has prevented the request from succeeding" : code.ToString(),
        };
    }

    private static string ReasonFor(HttpStatusCode code) => code switch
    {
        HttpStatusCode.BadRequest => "BadRequest",
        HttpStatusCode.Unauthorized => "Unauthorized",
        HttpStatusCode.Forbidden => "Forbidden",
        HttpStatusCode.NotFound => "NotFound",
        HttpStatusCode.MethodNotAllowed => "MethodNotAllowed",
        HttpStatusCode.NotAcceptable => "NotAcceptable",
        HttpStatusCode.Conflict => "Conflict",
        HttpStatusCode.Gone => "Expired",
        HttpStatusCode.UnsupportedMediaType => "UnsupportedMediaType",
        HttpStatusCode.UnprocessableEntity => "Invalid",
        HttpStatusCode.TooManyRequests => "TooManyRequests",
        HttpStatusCode.ServiceUnavailable => "ServiceUnavailable",
        HttpStatusCode.GatewayTimeout => "Timeout",
        _ => "InternalError",
    };

    private static bool IsStatus(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isKind = reader.ValueTextEquals("kind");
                reader.Read();
                if (isKind)
                {
                    return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("Status");
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return false;
    }

    private void Authenticate(HttpRequestMessage request)
    {
        var token = CurrentToken();
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (Configuration.Username is not null)
        {
            var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Configuration.Username}:{Configuration.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
    }

    private string? CurrentToken()
    {
        if (Configuration.TokenFile is null)
        {
            return string.IsNullOrEmpty(Configuration.AccessToken) ? null : Configuration.AccessToken;
        }

        lock (_tokenLock)
        {
            if (_cachedToken is null || DateTime.UtcNow - _tokenReadAt > TokenFileRefresh)
            {
                try
                {
                    _cachedToken = File.ReadAllText(Configuration.TokenFile).Trim();
                    _tokenReadAt = DateTime.UtcNow;
                }
                catch (IOException e) when (_cachedToken is not null)
                {
                    _logger.LogWarning(e, "Cannot re-read token file {Path}; keeping the previous token", Configuration.TokenFile);
                }
            }

            return _cachedToken;
        }
    }

    private string? NamespaceOf(KubernetesObject obj, ResourceInfo info)
    {
        if (!info.Namespaced)
        {
            return null;
        }

        var ns = obj.Metadata?.Namespace;
        return string.IsNullOrEmpty(ns) ? Configuration.Namespace : ns;
    }

    private static ResourceInfo StampTypeInfo<T>(T obj)
        where T : KubernetesObject
    {
        ArgumentNullException.ThrowIfNull(obj);
        var info = ResourceInfo.For(obj.GetType());
        obj.ApiVersion ??= info.ApiVersion;
        obj.Kind ??= info.Kind;
        return info;
    }

    private static Func<HttpContent> JsonBody(object body)
    {
        var bytes = KubeJson.SerializeToUtf8Bytes(body, body.GetType());
        return () => Body(bytes, "application/json");
    }

    private static Func<HttpContent>? DeleteBody(DeleteOptions? options)
    {
        if (options is null)
        {
            return null;
        }

        options.ApiVersion ??= "v1";
        options.Kind ??= "DeleteOptions";
        return JsonBody(options);
    }

    private static ByteArrayContent Body(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    public void Dispose() => _http.Dispose();
}
