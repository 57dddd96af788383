using System.Net;
using KubeSharp.Networking.Dns;

namespace KubeSharp.Networking.Tests.Dns;

public class DnsMessageTests
{
    private static readonly byte[] ExampleQuery =
    [
        0x12, 0x34, // id
        0x01, 0x00, // RD
        0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 1 question
        7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e',
        3, (byte)'c', (byte)'o', (byte)'m', 0,
        0x00, 0x01, 0x00, 0x01, // A, IN
    ];

    [Fact]
    public void A_query_encodes_to_the_rfc1035_layout()
    {
        var query = new DnsMessage { Id = 0x1234, RecursionDesired = true };
        query.Questions.Add(new DnsQuestion("example.com.", DnsType.A));

        Assert.Equal(ExampleQuery, query.Encode());
    }

    [Fact]
    public void A_query_decodes_from_its_wire_form()
    {
        var query = DnsMessage.Decode(ExampleQuery);

        Assert.Equal(0x1234, query.Id);
        Assert.True(query.RecursionDesired);
        Assert.False(query.IsResponse);
        var question = Assert.Single(query.Questions);
        Assert.Equal(new DnsQuestion("example.com", DnsType.A), question);
    }

    [Fact]
    public void Answer_owner_names_repeating_the_question_are_pointers_to_it()
    {
        var response = DnsMessage.Decode(ExampleQuery).CreateResponse(DnsResponseCode.NoError);
        response.Answers.Add(new DnsRecord("example.com", DnsType.A, 1, 5, new AddressRecordData(IPAddress.Parse("10.0.0.1"))));
        response.Answers.Add(new DnsRecord("www.example.com", DnsType.CNAME, 1, 5, new NameRecordData("example.com")));

        var bytes = response.Encode();

        // Header (12) + question (17); the first answer starts with a pointer to offset 12.
        Assert.Equal([0xC0, 0x0C], bytes[29..31]);
        Assert.Equal([0, 1, 0, 1, 0, 0, 0, 5, 0, 4, 10, 0, 0, 1], bytes[31..45]);
        // The second owner is "www" and a pointer to the question name; its data is only a pointer.
        Assert.Equal([3, (byte)'w', (byte)'w', (byte)'w', 0xC0, 0x0C], bytes[45..51]);
        Assert.Equal([0, 5, 0, 1, 0, 0, 0, 5, 0, 2, 0xC0, 0x0C], bytes[51..63]);
        Assert.Equal(63, bytes.Length);
    }

    [Fact]
    public void Every_record_type_survives_encoding_and_decoding()
    {
        var message = new DnsMessage { Id = 7, IsResponse = true, Authoritative = true, ResponseCode = DnsResponseCode.NameError };
        message.Questions.Add(new DnsQuestion("web.default.svc.cluster.local", DnsType.ANY));
        message.Answers.Add(new DnsRecord("web.default.svc.cluster.local", DnsType.A, 1, 5, new AddressRecordData(IPAddress.Parse("10.43.0.20"))));
        message.Answers.Add(new DnsRecord("web.default.svc.cluster.local", DnsType.AAAA, 1, 5, new AddressRecordData(IPAddress.Parse("fd00::20"))));
        message.Answers.Add(new DnsRecord("_http._tcp.web.default.svc.cluster.local", DnsType.SRV, 1, 5, new ServiceRecordData(0, 100, 80, "web.default.svc.cluster.local")));
        message.Answers.Add(new DnsRecord("dns-version.cluster.local", DnsType.TXT, 1, 5, new TextRecordData(["1.1.0", "second"])));
        message.Authority.Add(new DnsRecord("cluster.local", DnsType.SOA, 1, 5, new StartOfAuthorityRecordData("ns.dns.cluster.local", "hostmaster.cluster.local", 42, 7200, 1800, 86400, 5)));
        message.Additional.Add(new DnsRecord("", DnsType.OPT, 1232, 0, new RawRecordData(Array.Empty<byte>())));

        var decoded = DnsMessage.Decode(message.Encode());

        Assert.Equal(DnsResponseCode.NameError, decoded.ResponseCode);
        Assert.True(decoded.Authoritative);
        Assert.Equal(message.Questions, decoded.Questions);
        Assert.Equal(IPAddress.Parse("10.43.0.20"), Assert.IsType<AddressRecordData>(decoded.Answers[0].Data).Address);
        Assert.Equal(IPAddress.Parse("fd00::20"), Assert.IsType<AddressRecordData>(decoded.Answers[1].Data).Address);
        Assert.Equal(new ServiceRecordData(0, 100, 80, "web.default.svc.cluster.local"), decoded.Answers[2].Data);
        Assert.Equal(["1.1.0", "second"], Assert.IsType<TextRecordData>(decoded.Answers[3].Data).Strings);
        Assert.Equal(new StartOfAuthorityRecordData("ns.dns.cluster.local", "hostmaster.cluster.local", 42, 7200, 1800, 86400, 5), decoded.Authority[0].Data);
        Assert.Equal(1232, decoded.MaxUdpResponseSize);
    }

    [Fact]
    public void Srv_targets_are_written_uncompressed()
    {
        var message = new DnsMessage { IsResponse = true };
        message.Questions.Add(new DnsQuestion("a.b", DnsType.SRV));
        message.Answers.Add(new DnsRecord("a.b", DnsType.SRV, 1, 5, new ServiceRecordData(0, 0, 53, "a.b")));

        var bytes = message.Encode();

        Assert.Equal([0, 0, 0, 0, 0, 53, 1, (byte)'a', 1, (byte)'b', 0], bytes[^11..]);
    }

    [Fact]
    public void A_compression_pointer_that_does_not_point_backwards_is_a_format_error()
    {
        byte[] looping = [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1];

        Assert.Throws<FormatException>(() => DnsMessage.Decode(looping));
    }

    [Fact]
    public void A_message_cut_short_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => DnsMessage.Decode(ExampleQuery[..20]));
        Assert.Throws<FormatException>(() => DnsMessage.Decode(ExampleQuery[..5]));
    }

    [Fact]
    public void A_response_over_512_bytes_without_edns_is_truncated_to_its_question_with_TC_set()
    {
        var query = DnsMessage.Decode(ExampleQuery);
        var response = ResponseWithAddresses(query, 60);

        var bytes = response.Encode(query.MaxUdpResponseSize);
        var decoded = DnsMessage.Decode(bytes);

        Assert.True(decoded.Truncated);
        Assert.Empty(decoded.Answers);
        Assert.Single(decoded.Questions);
        Assert.True(bytes.Length <= 512);
        Assert.False(DnsMessage.Decode(response.Encode()).Truncated);
    }

    [Fact]
    public void An_edns_requester_gets_up_to_its_advertised_size_and_an_opt_record_back()
    {
        var query = DnsMessage.Decode(ExampleQuery);
        query.Additional.Add(new DnsRecord("", DnsType.OPT, 4096, 0, new RawRecordData(Array.Empty<byte>())));
        var response = ResponseWithAddresses(DnsMessage.Decode(query.Encode()), 60);

        var decoded = DnsMessage.Decode(response.Encode(query.MaxUdpResponseSize));

        Assert.Equal(4096, query.MaxUdpResponseSize);
        Assert.False(decoded.Truncated);
        Assert.Equal(60, decoded.Answers.Count);
        Assert.Equal(DnsType.OPT, Assert.Single(decoded.Additional).Type);
    }

    [Fact]
    public void An_edns_size_below_512_still_allows_512_bytes()
    {
        var query = DnsMessage.Decode(ExampleQuery);
        query.Additional.Add(new DnsRecord("", DnsType.OPT, 100, 0, new RawRecordData(Array.Empty<byte>())));

        Assert.Equal(512, query.MaxUdpResponseSize);
    }

    [Fact]
    public async Task Tcp_messages_carry_a_two_byte_big_endian_length_prefix()
    {
        using var stream = new MemoryStream();

        await DnsTcpFraming.WriteAsync(stream, ExampleQuery, CancellationToken.None);
        stream.Position = 0;

        Assert.Equal([0, (byte)ExampleQuery.Length], stream.ToArray()[..2]);
        Assert.Equal(ExampleQuery, await DnsTcpFraming.ReadAsync(stream, CancellationToken.None));
        Assert.Null(await DnsTcpFraming.ReadAsync(stream, CancellationToken.None));
    }

    private static DnsMessage ResponseWithAddresses(DnsMessage query, int count)
    {
        var response = query.CreateResponse(DnsResponseCode.NoError);
        for (var i = 0; i < count; i++)
        {
            response.Answers.Add(new DnsRecord("example.com", DnsType.A, 1, 5, new AddressRecordData(new IPAddress([10, 0, 0, (byte)i]))));
        }

        return response;
    }
}
