using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace KubeSharp.Node.Kubelet;

/// <summary>
/// Relays an upgrade request (exec, attach, port-forward over SPDY or WebSocket) to a backend HTTP/1.1 server over an
/// already connected stream, and once the backend switches protocols, copies bytes both ways until either side
/// closes. Used by the kubelet port (towards the runtime's streaming server) and by the API server (towards a kubelet).
/// </summary>
public static class UpgradeRelay
{
    private const int MaxHeadBytes = 16 * 1024;

    /// <summary>Whether the request asks to switch protocols (and the server can).</summary>
    public static bool IsUpgradeRequest(HttpContext context) =>
        context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true };

    /// <summary>
    /// Sends the request line and the upgrade headers of <paramref name="context"/> to <paramref name="backend"/> as
    /// <c>{method} {pathAndQuery}</c>, then answers the client with the backend's response: a non-101 answer is copied
    /// as it is; 101 upgrades the client connection and relays the stream.
    /// </summary>
    public static async Task RelayAsync(HttpContext context, Stream backend, string pathAndQuery, string authority)
    {
        var aborted = context.RequestAborted;
        var upgrade = context.Features.Get<IHttpUpgradeFeature>() ?? throw new InvalidOperationException("the request cannot be upgraded");
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{context.Request.Method} {pathAndQuery} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {authority}\r\n");
        foreach (var (name, values) in context.Request.Headers)
        {
            if (IsUpgradeHeader(name))
            {
                foreach (var value in values)
                {
                    head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
                }
            }
        }

        await backend.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), aborted).ConfigureAwait(false);
        await backend.FlushAsync(aborted).ConfigureAwait(false);

        // The backend's response head, up to the blank line; whatever follows already belongs to the stream.
        var buffer = new byte[MaxHeadBytes];
        var filled = 0;
        int end;
        while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            var read = await backend.ReadAsync(buffer.AsMemory(filled), aborted).ConfigureAwait(false);
            if (read == 0 || filled + read >= buffer.Length)
            {
                throw new IOException("the backend closed the connection before answering the upgrade request");
            }

            filled += read;
        }

        var lines = Encoding.ASCII.GetString(buffer, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var name = line[..colon].Trim();
                if (!name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                    && !name.Equals("Date", StringComparison.OrdinalIgnoreCase) && !name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers.Append(name, line[(colon + 1)..].Trim());
                }
            }
        }

        var rest = buffer.AsMemory(end + 4, filled - end - 4);
        if (status != 101)
        {
            // An error before the switch (unknown container, not running …): its body ends with the connection.
            context.Response.StatusCode = status;
            await context.Response.Body.WriteAsync(rest, aborted).ConfigureAwait(false);
            await backend.CopyToAsync(context.Response.Body, aborted).ConfigureAwait(false);
            return;
        }

        await using var client = await upgrade.UpgradeAsync().ConfigureAwait(false);
        if (!rest.IsEmpty)
        {
            await client.WriteAsync(rest, aborted).ConfigureAwait(false);
            await client.FlushAsync(aborted).ConfigureAwait(false);
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var up = CopyAsync(client, backend, done.Token);
        var down = CopyAsync(backend, client, done.Token);
        await Task.WhenAny(up, down).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(up, down).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // One side closed; the session is over.
        }
    }

    private static bool IsUpgradeHeader(string name) =>
        name.Equals("Connection", StringComparison.OrdinalIgnoreCase) || name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Sec-WebSocket", StringComparison.OrdinalIgnoreCase) || name.StartsWith("X-Stream-Protocol", StringComparison.OrdinalIgnoreCase);

    // Flushes after every read: the backend may be a TLS stream, which would otherwise hold small frames back.
    private static async Task CopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            await to.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
