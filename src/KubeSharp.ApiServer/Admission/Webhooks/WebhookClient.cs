using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KubeSharp.Api;
using KubeSharp.Api.Admission.V1;
using KubeSharp.Api.AdmissionRegistration.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Admission.Webhooks;

/// <summary>
/// Posts AdmissionReviews to webhooks over HTTPS, trusting only the webhook's caBundle (the
/// system roots when it has none). A webhook behind a Service is addressed as
/// https://NAME.NAMESPACE.svc:PORT/PATH — the name its certificate must carry — and reached at a
/// ready endpoint of the Service's port, read from the watch cache.
/// </summary>
public sealed class WebhookClient : IDisposable
{
    private const string ServiceSuffix = ".svc";
    private readonly ResourceStore _store;
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    public WebhookClient(ResourceStore store) => _store = store;

    /// <summary>The URL Kubernetes posts to for this client configuration (before the timeout query).</summary>
    public static string? TargetUrl(WebhookClientConfig? config) =>
        TargetUrl(config?.Url, config?.Service?.Namespace, config?.Service?.Name, config?.Service?.Path, config?.Service?.Port, config?.Service is not null);

    /// <summary>The URL for a webhook given by <paramref name="url"/>, or else by a Service (port default 443).</summary>
    public static string? TargetUrl(string? url, string? serviceNamespace, string? serviceName, string? path, int? port, bool hasService)
    {
        if (url is { Length: > 0 })
        {
            return url;
        }

        return hasService
            ? $"https://{serviceName}.{serviceNamespace}{ServiceSuffix}:{(port ?? 443).ToString(CultureInfo.InvariantCulture)}{path ?? ""}"
            : null;
    }

    /// <summary>Posts the review; returns the webhook's review or throws <see cref="WebhookCallException"/> with Go's wording of the failure.</summary>
    public async Task<AdmissionReview> CallAsync(WebhookClientConfig config, int timeoutSeconds, AdmissionReview review, CancellationToken cancellationToken)
    {
        var url = TargetUrl(config) ?? throw new WebhookCallException("webhook has no url or service");
        var body = await PostAsync(url, config.CaBundle, timeoutSeconds, KubeJson.SerializeToUtf8Bytes(review), cancellationToken).ConfigureAwait(false);
        try
        {
            return KubeJson.Deserialize<AdmissionReview>(body) ?? throw new WebhookCallException("failed to call webhook: empty response");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new WebhookCallException($"failed to call webhook: {e.Message}");
        }
    }

    /// <summary>
    /// Posts a JSON body to a webhook at <paramref name="url"/> (https://NAME.NAMESPACE.svc:PORT/… for a Service),
    /// trusting <paramref name="caBundle"/>; returns the response body of a 2xx answer or throws <see cref="WebhookCallException"/>.
    /// </summary>
    public async Task<byte[]> PostAsync(string url, byte[]? caBundle, int timeoutSeconds, byte[] json, CancellationToken cancellationToken)
    {
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var target = $"{url}{separator}timeout={timeoutSeconds.ToString(CultureInfo.InvariantCulture)}s";
        var client = ClientFor(caBundle);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(json) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? body
                : throw new WebhookCallException($"failed to call webhook: the server responded with the status code {(int)response.StatusCode} but did not return AdmissionReview") { StatusCode = (int)response.StatusCode };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebhookCallException($"failed to call webhook: Post \"{target}\": context deadline exceeded");
        }
        catch (HttpRequestException e)
        {
            throw new WebhookCallException($"failed to call webhook: Post \"{target}\": {Describe(e)}");
        }
    }

    private static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case System.Security.Authentication.AuthenticationException:
                    return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "dial tcp: connect: connection refused",
                        SocketError.HostUnreachable => "dial tcp: connect: no route to host",
                        SocketError.HostNotFound => "dial tcp: lookup: no such host",
                        _ => "dial tcp: " + socket.Message,
                    };
                case WebhookCallException call:
                    return call.Message;
            }
        }

        return e.Message;
    }

    private HttpClient ClientFor(byte[]? caBundle)
    {
        var key = caBundle is { Length: > 0 } ? Convert.ToHexString(SHA256.HashData(caBundle)) : "";
        return _clients.GetOrAdd(key, _ => new HttpClient(CreateHandler(caBundle), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan });
    }

    private SocketsHttpHandler CreateHandler(byte[]? caBundle)
    {
        X509Certificate2Collection? roots = null;
        if (caBundle is { Length: > 0 })
        {
            roots = [];
            try
            {
                roots.ImportFromPem(Encoding.UTF8.GetString(caBundle));
            }
            catch (CryptographicException)
            {
                // An unreadable bundle trusts nothing: every call fails certificate verification.
            }
        }

        return new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            UseProxy = false,
            ConnectCallback = ConnectAsync,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => Verify(certificate, errors, roots),
            },
        };
    }

    private static bool Verify(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? roots)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        if (roots is null)
        {
            return errors == SslPolicyErrors.None;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    /// <summary>Dials NAME.NAMESPACE.svc at a ready endpoint of the Service's port; other hosts as DNS resolves them.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        EndPoint target = context.DnsEndPoint;
        if (host.EndsWith(ServiceSuffix, StringComparison.OrdinalIgnoreCase) && host.Split('.') is [var name, var ns, _])
        {
            target = await ServiceEndpointAsync(ns, name, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<IPEndPoint> ServiceEndpointAsync(string ns, string name, int port, CancellationToken cancellationToken)
    {
        var services = _store.Catalog.Find("", "v1", "services")!;
        var service = (await _store.TryGetAsync(services, ns, name, cancellationToken).ConfigureAwait(false))?.Object as Service
            ?? throw new WebhookCallException($"service \"{name}\" not found");
        var servicePort = (service.Spec?.Ports ?? []).FirstOrDefault(p => p.Port == port)
            ?? throw new WebhookCallException($"no service port {port.ToString(CultureInfo.InvariantCulture)} found for service \"{name}\"");
        var endpointsDefinition = _store.Catalog.Find("", "v1", "endpoints")!;
        var endpoints = (await _store.TryGetAsync(endpointsDefinition, ns, name, cancellationToken).ConfigureAwait(false))?.Object as Endpoints;
        var candidates = new List<IPEndPoint>();
        foreach (var subset in endpoints?.Subsets ?? [])
        {
            if ((subset.Ports ?? []).FirstOrDefault(p => (p.Name ?? "") == (servicePort.Name ?? "")) is not { Port: { } endpointPort })
            {
                continue;
            }

            foreach (var address in subset.Addresses ?? [])
            {
                if (IPAddress.TryParse(address.Ip, out var ip))
                {
                    candidates.Add(new IPEndPoint(ip, endpointPort));
                }
            }
        }

        return candidates.Count == 0
            ? throw new WebhookCallException($"service \"{ns}/{name}\" has no ready endpoints")
            : candidates[Random.Shared.Next(candidates.Count)];
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}

/// <summary>A webhook could not be called or gave no usable answer; the message is what Kubernetes reports.</summary>
public sealed class WebhookCallException(string message) : Exception(message)
{
    public int? StatusCode { get; init; }
}
