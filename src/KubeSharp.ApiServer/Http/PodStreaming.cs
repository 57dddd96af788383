using System.Globalization;
using System.Net.WebSockets;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Http;

/// <summary>The query of pods/{name}/log.</summary>
public sealed record PodLogQuery(string? Container, bool Follow, bool Previous, bool Timestamps, long? TailLines, long? LimitBytes, DateTimeOffset? SinceTime);

/// <summary>
/// What a node offers the API server for a pod's streams (the kubelet's containerLogs, exec and
/// attach endpoints). Errors are <see cref="ApiException"/>s with Kubernetes' messages.
/// </summary>
public interface IPodStreamingBackend
{
    /// <summary>Whether this backend serves pods bound to <paramref name="nodeName"/>.</summary>
    bool ServesNode(string nodeName);

    Task WriteLogAsync(string ns, string pod, PodLogQuery query, Stream output, CancellationToken cancellationToken);

    /// <summary>The container runtime's streaming URL (a WebSocket endpoint speaking v4.channel.k8s.io).</summary>
    Task<Uri> ExecUrlAsync(string ns, string pod, string? container, IReadOnlyList<string> command, bool stdin, bool stdout, bool stderr, bool tty, CancellationToken cancellationToken);

    Task<Uri> AttachUrlAsync(string ns, string pod, string? container, bool stdin, bool stdout, bool stderr, bool tty, CancellationToken cancellationToken);
}

/// <summary>
/// pods/log, pods/exec and pods/attach: looks the pod up, finds the backend of its node and
/// streams. exec/attach accept kubectl's WebSocket (v5.channel.k8s.io, or v4) and relay frames to
/// the runtime's WebSocket streaming endpoint (v4.channel.k8s.io; same framing).
/// </summary>
public sealed class PodStreaming
{
    private static readonly string[] Protocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"];

    private readonly ResourceStore _store;
    private readonly List<IPodStreamingBackend> _backends = [];

    public PodStreaming(ResourceStore store)
    {
        _store = store;
    }

    public void AddBackend(IPodStreamingBackend backend) => _backends.Add(backend);

    public void Register(ResourceHandler handler)
    {
        handler.RegisterSubresource("pods", "log", LogAsync);
        handler.RegisterSubresource("pods", "exec", (c, d, r) => StreamAsync(c, d, r, exec: true));
        handler.RegisterSubresource("pods", "attach", (c, d, r) => StreamAsync(c, d, r, exec: false));
    }

    private async Task<(Pod Pod, IPodStreamingBackend Backend)> ResolveAsync(ResourceDefinition definition, RequestInfo request, CancellationToken ct)
    {
        var pod = (await _store.GetAsync(definition, request.Namespace, request.Name!, ct).ConfigureAwait(false)).Clone<Pod>();
        var node = pod.Spec?.NodeName;
        if (string.IsNullOrEmpty(node))
        {
            throw ApiException.BadRequest($"pod {request.Name} does not have a host assigned");
        }

        var backend = _backends.FirstOrDefault(b => b.ServesNode(node))
            ?? throw new ApiException(502, "BadGateway", $"no streaming connection to node {node}");
        return (pod, backend);
    }

    private async Task LogAsync(HttpContext context, ResourceDefinition definition, RequestInfo request)
    {
        if (context.Request.Method != "GET")
        {
            throw ApiException.MethodNotSupported(definition.GroupResource, context.Request.Method);
        }

        var q = context.Request.Query;
        var query = new PodLogQuery(
            NullIfEmpty(q["container"]),
            IsTrue(q["follow"]),
            IsTrue(q["previous"]),
            IsTrue(q["timestamps"]),
            PositiveLong(q["tailLines"], "tailLines"),
            PositiveLong(q["limitBytes"], "limitBytes"),
            q["sinceTime"].ToString() is { Length: > 0 } since ? DateTimeOffset.Parse(since, CultureInfo.InvariantCulture)
                : PositiveLong(q["sinceSeconds"], "sinceSeconds") is long s ? DateTimeOffset.UtcNow.AddSeconds(-s) : null);
        var (_, backend) = await ResolveAsync(definition, request, context.RequestAborted).ConfigureAwait(false);
        // The backend validates before writing; once the body starts, errors end the stream.
        context.Response.ContentType = "text/plain";
        var output = new LazyStartStream(context);
        await backend.WriteLogAsync(request.Namespace!, request.Name!, query, output, context.RequestAborted).ConfigureAwait(false);
        await output.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, ResourceDefinition definition, RequestInfo request, bool exec)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw new ApiException(400, "BadRequest", "Upgrade request required: use a WebSocket with the v5.channel.k8s.io protocol");
        }

        var q = context.Request.Query;
        var command = q["command"].Select(c => c ?? "").ToList();
        if (exec && command.Count == 0)
        {
            throw ApiException.BadRequest("you must specify at least 1 command");
        }

        var stdin = IsTrue(q["stdin"]);
        var stdout = IsTrue(q["stdout"]);
        var stderr = IsTrue(q["stderr"]);
        var tty = IsTrue(q["tty"]);
        var (_, backend) = await ResolveAsync(definition, request, context.RequestAborted).ConfigureAwait(false);
        var container = NullIfEmpty(q["container"]);
        var url = exec
            ? await backend.ExecUrlAsync(request.Namespace!, request.Name!, container, command, stdin, stdout, stderr, tty, context.RequestAborted).ConfigureAwait(false)
            : await backend.AttachUrlAsync(request.Namespace!, request.Name!, container, stdin, stdout, stderr, tty, context.RequestAborted).ConfigureAwait(false);

        using var upstream = new ClientWebSocket();
        upstream.Options.AddSubProtocol("v4.channel.k8s.io");
        var wsUrl = new UriBuilder(url) { Scheme = url.Scheme == "https" ? "wss" : "ws" }.Uri;
        await upstream.ConnectAsync(wsUrl, context.RequestAborted).ConfigureAwait(false);
        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var protocol = Protocols.FirstOrDefault(requested.Contains) ?? "v4.channel.k8s.io";
        using var client = await context.WebSockets.AcceptWebSocketAsync(protocol).ConfigureAwait(false);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var down = RelayAsync(upstream, client, dropCloseSignal: false, done.Token);
        var up = RelayAsync(client, upstream, dropCloseSignal: true, done.Token);
        await Task.WhenAny(down, up).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        await CloseQuietly(client).ConfigureAwait(false);
        await CloseQuietly(upstream).ConfigureAwait(false);
    }

    /// <summary>Copies messages; the v5 stdin-close signal (channel 255) has no v4 equivalent and is dropped.</summary>
    private static async Task RelayAsync(WebSocket from, WebSocket to, bool dropCloseSignal, CancellationToken ct)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await from.ReceiveAsync(buffer, ct).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var bytes = message.ToArray();
                if (dropCloseSignal && bytes.Length > 0 && bytes[0] == 255)
                {
                    continue;
                }

                await to.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
        }
    }

    private static async Task CloseQuietly(WebSocket socket)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
        }
    }

    private static bool IsTrue(string? value) => value is "true" or "1" or "True";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static long? PositiveLong(string? value, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v
            : throw ApiException.Invalid("PodLogOptions", "", "", [FieldError.Invalid(name, value, "must be greater than or equal to 0")]);
    }

    /// <summary>The response body; headers go out with the first write, so errors before it can still be a Status.</summary>
    private sealed class LazyStartStream(HttpContext context) : Stream
    {
        private readonly Stream _body = context.Response.Body;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => _body.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => _body.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _body.Write(buffer, offset, count);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await _body.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            await _body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
