using System.Net;
using System.Net.Sockets;
using KubeSharp.Api.Core.V1;
using KubeSharp.Networking.Dns;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Networking.Tests.Dns;

/// <summary>The server's request handling: forwarding, failures, malformed input, truncation over UDP and TCP.</summary>
public sealed class DnsServerTests : IAsyncLifetime
{
    private readonly ClusterDnsCatalog _upstreamCatalog = new();
    private DnsServer _upstream = null!;
    private DnsServer _server = null!;

    public Task InitializeAsync()
    {
        // The "upstream" is another instance answering example.test, so forwarding stays on loopback.
        _upstreamCatalog.Upsert(new Service { Metadata = new() { Name = "www", Namespace = "public" }, Spec = new() { ClusterIP = "192.0.2.10" } });
        _upstream = new DnsServer(new ClusterDnsZone(_upstreamCatalog, "example.test"), new UpstreamResolvers([]), NullLogger.Instance);
        _upstream.Start([new IPEndPoint(IPAddress.Loopback, 0)]);

        var catalog = new ClusterDnsCatalog();
        // Forty addresses do not fit 512 bytes.
        catalog.Upsert(new Service { Metadata = new() { Name = "many", Namespace = "default" }, Spec = new() { ClusterIPs = [.. Enumerable.Range(1, 40).Select(n => $"10.43.1.{n}")] } });

        _server = new DnsServer(new ClusterDnsZone(catalog), new UpstreamResolvers([_upstream.Endpoints[0]], TimeSpan.FromSeconds(5)), NullLogger.Instance);
        _server.Start([new IPEndPoint(IPAddress.Loopback, 0)]);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task Names_outside_the_cluster_are_forwarded_upstream_over_udp_and_tcp()
    {
        var query = Query("www.public.svc.example.test", DnsType.A);

        var overUdp = DnsMessage.Decode(await AskUdpAsync(_server.Endpoints[0], query));
        var overTcp = DnsMessage.Decode(await AskTcpAsync(_server.Endpoints[0], query));

        Assert.Equal(IPAddress.Parse("192.0.2.10"), Assert.IsType<AddressRecordData>(Assert.Single(overUdp.Answers).Data).Address);
        Assert.Equal(IPAddress.Parse("192.0.2.10"), Assert.IsType<AddressRecordData>(Assert.Single(overTcp.Answers).Data).Address);
    }

    [Fact]
    public async Task A_question_no_upstream_answers_gets_servfail()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var server = new DnsServer(new ClusterDnsZone(new ClusterDnsCatalog()), new UpstreamResolvers([(IPEndPoint)silent.LocalEndPoint!], TimeSpan.FromMilliseconds(200)), NullLogger.Instance);

        var response = DnsMessage.Decode((await server.HandleAsync(Query("example.com", DnsType.A), overTcp: false, CancellationToken.None))!);

        Assert.Equal(DnsResponseCode.ServerFailure, response.ResponseCode);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task A_large_answer_is_truncated_over_udp_and_whole_over_tcp()
    {
        var query = Query("many.default.svc.cluster.local", DnsType.A);

        var overUdp = DnsMessage.Decode(await AskUdpAsync(_server.Endpoints[0], query));
        var overTcp = DnsMessage.Decode(await AskTcpAsync(_server.Endpoints[0], query));

        Assert.True(overUdp.Truncated);
        Assert.Empty(overUdp.Answers);
        Assert.False(overTcp.Truncated);
        Assert.Equal(40, overTcp.Answers.Count);
    }

    [Fact]
    public async Task A_malformed_request_with_a_header_gets_formerr()
    {
        byte[] request = [0xAB, 0xCD, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 40, 1, 2];

        var response = DnsMessage.Decode((await _server.HandleAsync(request, overTcp: false, CancellationToken.None))!);

        Assert.Equal(0xABCD, response.Id);
        Assert.Equal(DnsResponseCode.FormatError, response.ResponseCode);
        Assert.Null(await _server.HandleAsync([1, 2, 3], overTcp: false, CancellationToken.None));
    }

    [Fact]
    public async Task Cluster_answers_are_authoritative_and_echo_the_question()
    {
        var response = DnsMessage.Decode((await _server.HandleAsync(Query("nope.default.svc.cluster.local", DnsType.A), overTcp: false, CancellationToken.None))!);

        Assert.True(response.IsResponse);
        Assert.True(response.Authoritative);
        Assert.Equal(DnsResponseCode.NameError, response.ResponseCode);
        Assert.Equal("nope.default.svc.cluster.local", Assert.Single(response.Questions).Name);
    }

    private static byte[] Query(string name, DnsType type)
    {
        var query = new DnsMessage { Id = (ushort)Random.Shared.Next(ushort.MaxValue), RecursionDesired = true };
        query.Questions.Add(new DnsQuestion(name, type));
        return query.Encode();
    }

    private static async Task<byte[]> AskUdpAsync(IPEndPoint server, byte[] query)
    {
        using var client = new UdpClient(AddressFamily.InterNetwork);
        client.Connect(server);
        await client.SendAsync(query);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return (await client.ReceiveAsync(timeout.Token)).Buffer;
    }

    private static async Task<byte[]> AskTcpAsync(IPEndPoint server, byte[] query)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server);
        var stream = client.GetStream();
        await DnsTcpFraming.WriteAsync(stream, query, CancellationToken.None);
        return (await DnsTcpFraming.ReadAsync(stream, CancellationToken.None))!;
    }
}
