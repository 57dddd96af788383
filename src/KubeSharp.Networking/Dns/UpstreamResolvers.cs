using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KubeSharp.Networking.Dns;

/// <summary>
/// Forwards questions outside the cluster zone to the host's name servers, in order, each with a timeout. The
/// query's bytes go out unchanged (EDNS0 and all) and the first answer with the query's id comes back unchanged.
/// </summary>
internal sealed class UpstreamResolvers
{
    public UpstreamResolvers(IReadOnlyList<IPEndPoint> servers, TimeSpan? timeout = null)
    {
        Servers = servers;
        Timeout = timeout ?? TimeSpan.FromSeconds(2);
    }

    public IReadOnlyList<IPEndPoint> Servers { get; }

    public TimeSpan Timeout { get; }

    /// <summary>
    /// The nameserver lines of a resolv.conf (port 53), leaving out <paramref name="exclude"/> (our own listening
    /// endpoints, so a host that points at this server does not make it ask itself).
    /// </summary>
    public static List<IPEndPoint> FromResolvConf(string path, IEnumerable<IPEndPoint> exclude)
    {
        var excluded = exclude.ToHashSet();
        var servers = new List<IPEndPoint>();
        if (!File.Exists(path))
        {
            return servers;
        }

        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && fields[0] == "nameserver" && IPAddress.TryParse(fields[1].Split('%')[0], out var address))
            {
                var endpoint = new IPEndPoint(address, 53);
                if (!excluded.Contains(endpoint) && !servers.Contains(endpoint))
                {
                    servers.Add(endpoint);
                }
            }
        }

        return servers;
    }

    /// <summary>The first upstream response to <paramref name="query"/>, or null if no server answered in time.</summary>
    public async Task<byte[]?> ForwardAsync(byte[] query, bool overTcp, CancellationToken cancellationToken)
    {
        var id = BinaryPrimitives.ReadUInt16BigEndian(query);
        foreach (var server in Servers)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                var response = overTcp
                    ? await ForwardTcpAsync(server, query, timeout.Token).ConfigureAwait(false)
                    : await ForwardUdpAsync(server, query, id, timeout.Token).ConfigureAwait(false);
                if (response is not null)
                {
                    return response;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // This server did not answer in time; try the next.
            }
            catch (SocketException)
            {
            }
            catch (IOException)
            {
            }
        }

        return null;
    }

    private static async Task<byte[]?> ForwardUdpAsync(IPEndPoint server, byte[] query, ushort id, CancellationToken cancellationToken)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        await socket.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        await socket.SendAsync(query, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[ushort.MaxValue];
        while (true)
        {
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            // Ignore stray datagrams that are not the answer to this query.
            if (length >= 12 && BinaryPrimitives.ReadUInt16BigEndian(buffer) == id)
            {
                return buffer[..length];
            }
        }
    }

    private static async Task<byte[]?> ForwardTcpAsync(IPEndPoint server, byte[] query, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(server.AddressFamily);
        await client.ConnectAsync(server, cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        await DnsTcpFraming.WriteAsync(stream, query, cancellationToken).ConfigureAwait(false);
        return await DnsTcpFraming.ReadAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public override string ToString() => string.Join(", ", Servers.Select(s => s.ToString()));
}

/// <summary>DNS over TCP: each message is preceded by its length as two bytes, big-endian (RFC 1035 §4.2.2).</summary>
internal static class DnsTcpFraming
{
    public static async Task WriteAsync(Stream stream, byte[] message, CancellationToken cancellationToken)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, checked((ushort)message.Length));
        message.CopyTo(framed, 2);
        await stream.WriteAsync(framed, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The next message, or null at a clean end of stream.</summary>
    public static async Task<byte[]?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var prefix = new byte[2];
        if (!await ReadExactlyOrEndAsync(stream, prefix, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        if (!await ReadExactlyOrEndAsync(stream, message, cancellationToken).ConfigureAwait(false))
        {
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"stream ended inside a {message.Length}-byte DNS message"));
        }

        return message;
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return read == 0 && buffer.Length > 0 ? false : throw new IOException("stream ended inside a DNS message");
            }

            read += n;
        }

        return true;
    }
}
