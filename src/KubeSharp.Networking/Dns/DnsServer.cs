using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Networking.Dns;

/// <summary>
/// A DNS server on UDP and TCP at each of its endpoints: questions in the cluster zone (and reverse names of
/// cluster addresses) are answered authoritatively from <see cref="ClusterDnsZone"/>; the rest go to the
/// upstream resolvers, and SERVFAIL comes back when none answers.
/// </summary>
internal sealed class DnsServer : IAsyncDisposable
{
    private static readonly TimeSpan TcpIdleTimeout = TimeSpan.FromSeconds(10);

    private readonly ClusterDnsZone _zone;
    private readonly UpstreamResolvers _upstream;
    private readonly ILogger _logger;
    private readonly List<Socket> _udpSockets = [];
    private readonly List<TcpListener> _tcpListeners = [];
    private readonly List<Task> _loops = [];
    private readonly CancellationTokenSource _stop = new();

    public DnsServer(ClusterDnsZone zone, UpstreamResolvers upstream, ILogger logger)
    {
        _zone = zone;
        _upstream = upstream;
        _logger = logger;
    }

    /// <summary>The bound endpoints (with the actual port when 0 was asked for), UDP and TCP on the same port.</summary>
    public IReadOnlyList<IPEndPoint> Endpoints => [.. _udpSockets.Where(s => s.IsBound).Select(s => (IPEndPoint)s.LocalEndPoint!)];

    /// <summary>Binds UDP and TCP on every endpoint (port 0: one free port shared by UDP and TCP) and starts serving.</summary>
    public void Start(IEnumerable<IPEndPoint> endpoints)
    {
        foreach (var requested in endpoints)
        {
            var (udp, tcp) = BindPair(requested);
            var bound = (IPEndPoint)udp.LocalEndPoint!;
            _udpSockets.Add(udp);
            _tcpListeners.Add(tcp);
            _loops.Add(ServeUdpAsync(udp, _stop.Token));
            _loops.Add(ServeTcpAsync(tcp, _stop.Token));
            _logger.LogInformation("cluster DNS listening on {Endpoint} (udp, tcp) for {Domain}; upstream {Upstream}", bound, _zone.Domain, _upstream.Servers.Count == 0 ? "none" : _upstream.ToString());
        }
    }

    /// <summary>
    /// UDP and TCP on one port. For port 0 the UDP socket picks a free port that TCP may find taken by someone else's
    /// connection, so another free port is tried then.
    /// </summary>
    private static (Socket Udp, TcpListener Tcp) BindPair(IPEndPoint requested)
    {
        for (var attempt = 1; ; attempt++)
        {
            var udp = new Socket(requested.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            TcpListener? tcp = null;
            try
            {
                udp.Bind(requested);
                tcp = new TcpListener((IPEndPoint)udp.LocalEndPoint!);
                tcp.Start();
                return (udp, tcp);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && requested.Port == 0 && attempt < 20)
            {
                tcp?.Dispose();
                udp.Dispose();
            }
            catch
            {
                tcp?.Dispose();
                udp.Dispose();
                throw;
            }
        }
    }

    /// <summary>The response to one request, or null when the request is not worth an answer (not even a header).</summary>
    public async Task<byte[]?> HandleAsync(byte[] request, bool overTcp, CancellationToken cancellationToken)
    {
        DnsMessage query;
        try
        {
            query = DnsMessage.Decode(request);
        }
        catch (FormatException)
        {
            if (request.Length < 12)
            {
                return null;
            }

            var header = new DnsMessage { Id = (ushort)((request[0] << 8) | request[1]), IsResponse = true, ResponseCode = DnsResponseCode.FormatError };
            return header.Encode();
        }

        if (query.IsResponse)
        {
            return null;
        }

        var maxSize = overTcp ? ushort.MaxValue : query.MaxUdpResponseSize;
        if (query.OpCode != 0)
        {
            return query.CreateResponse(DnsResponseCode.NotImplemented).Encode(maxSize);
        }

        if (query.Questions.Count != 1)
        {
            return query.CreateResponse(DnsResponseCode.FormatError).Encode(maxSize);
        }

        var answer = _zone.Answer(query.Questions[0]);
        if (answer is null)
        {
            return await _upstream.ForwardAsync(request, overTcp, cancellationToken).ConfigureAwait(false)
                ?? query.CreateResponse(DnsResponseCode.ServerFailure).Encode(maxSize);
        }

        var response = query.CreateResponse(answer.Code);
        response.Authoritative = true;
        response.Answers.AddRange(answer.Answers);
        response.Authority.AddRange(answer.Authority);
        response.Additional.InsertRange(0, answer.Additional);
        return response.Encode(maxSize);
    }

    private async Task ServeUdpAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[ushort.MaxValue];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            var request = buffer[..received.ReceivedBytes];
            var client = received.RemoteEndPoint;
            // Each question is answered on its own task: a slow upstream must not hold up cluster answers.
            _ = Task.Run(async () =>
            {
                try
                {
                    if (await HandleAsync(request, overTcp: false, cancellationToken).ConfigureAwait(false) is { } response)
                    {
                        await socket.SendToAsync(response, SocketFlags.None, client, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                }
#pragma warning disable CA1031 // One bad request must not stop the server; it is logged.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _logger.LogWarning(e, "DNS request from {Client} failed", client);
                }
            }, CancellationToken.None);
        }
    }

    private async Task ServeTcpAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeTcpConnectionAsync(client, cancellationToken);
        }
    }

    private async Task ServeTcpConnectionAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                while (true)
                {
                    using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    idle.CancelAfter(TcpIdleTimeout);
                    var request = await DnsTcpFraming.ReadAsync(stream, idle.Token).ConfigureAwait(false);
                    if (request is null)
                    {
                        return;
                    }

                    var response = await HandleAsync(request, overTcp: true, cancellationToken).ConfigureAwait(false);
                    if (response is null)
                    {
                        return;
                    }

                    await DnsTcpFraming.WriteAsync(stream, response, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
#pragma warning disable CA1031 // One bad connection must not stop the server; it is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _logger.LogWarning(e, "DNS TCP connection from {Client} failed", client.Client.RemoteEndPoint);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var socket in _udpSockets)
        {
            socket.Dispose();
        }

        foreach (var listener in _tcpListeners)
        {
            listener.Stop();
            listener.Dispose();
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
        _stop.Dispose();
    }
}
