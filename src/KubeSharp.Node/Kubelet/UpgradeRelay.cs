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
        long? contentLength = null;
        var chunked = false;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) && long.TryParse(value, CultureInfo.InvariantCulture, out var length))
                {
                    contentLength = length;
                }

                chunked |= name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
                if (!name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && !name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                    && !name.Equals("Date", StringComparison.OrdinalIgnoreCase) && !name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers.Append(name, value);
                }
            }
        }

        var rest = buffer.AsMemory(end + 4, filled - end - 4);
        if (status != 101)
        {
            // An error before the switch (unknown container, not running …). The backend may keep the connection open
            // after it, so the body is read by its framing rather than to the end of the stream.
            context.Response.StatusCode = status;
            var body = new PrefixedStream(rest, backend);
            if (chunked)
            {
                await CopyChunkedAsync(body, context.Response.Body, aborted).ConfigureAwait(false);
            }
            else
            {
                await CopyAsync(body, context.Response.Body, contentLength, aborted).ConfigureAwait(false);
            }

            return;
        }

        await using var client = await upgrade.UpgradeAsync().ConfigureAwait(false);
        if (!rest.IsEmpty)
        {
            await client.WriteAsync(rest, aborted).ConfigureAwait(false);
            await client.FlushAsync(aborted).ConfigureAwait(false);
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var up = CopyAsync(client, backend, null, done.Token);
        var down = CopyAsync(backend, client, null, done.Token);
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

    /// <summary>Copies <paramref name="limit"/> bytes (null: to the end), flushing after every read: the target may be a TLS stream, which would otherwise hold small frames back.</summary>
    private static async Task CopyAsync(Stream from, Stream to, long? limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[32 * 1024];
        var left = limit ?? long.MaxValue;
        int read;
        while (left > 0 && (read = await from.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            left -= read;
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            await to.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Copies an HTTP/1.1 chunked body's data (chunk-size lines, data, a zero chunk, trailers) without its framing.</summary>
    private static async Task CopyChunkedAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        while (true)
        {
            var sizeLine = await ReadLineAsync(from, cancellationToken).ConfigureAwait(false);
            var size = long.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while ((await ReadLineAsync(from, cancellationToken).ConfigureAwait(false)).Length > 0)
                {
                    // trailers
                }

                return;
            }

            await CopyAsync(from, to, size, cancellationToken).ConfigureAwait(false);
            await ReadLineAsync(from, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<string> ReadLineAsync(Stream from, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await from.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 1)
        {
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        throw new IOException("the backend closed the connection inside a chunked body");
    }

    /// <summary>Bytes already read past a response head, then the rest of the connection.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_prefix.IsEmpty)
            {
                return await rest.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            var count = Math.Min(buffer.Length, _prefix.Length);
            _prefix[..count].CopyTo(buffer);
            _prefix = _prefix[count..];
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
