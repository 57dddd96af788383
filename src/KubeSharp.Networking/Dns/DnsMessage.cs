using System.Net;

namespace KubeSharp.Networking.Dns;

/// <summary>Record types this server answers or passes through (RFC 1035, 2782, 3596, 6891).</summary>
internal enum DnsType : ushort
{
    A = 1,
    NS = 2,
    CNAME = 5,
    SOA = 6,
    PTR = 12,
    MX = 15,
    TXT = 16,
    AAAA = 28,
    SRV = 33,
    OPT = 41,
    ANY = 255,
}

internal enum DnsResponseCode : byte
{
    NoError = 0,
    FormatError = 1,
    ServerFailure = 2,
    NameError = 3,
    NotImplemented = 4,
    Refused = 5,
}

internal sealed record DnsQuestion(string Name, DnsType Type, ushort Class = DnsMessage.ClassInternet);

/// <summary>The typed data of a resource record; <see cref="RawRecordData"/> carries any type not modelled.</summary>
internal abstract record DnsRecordData;

internal sealed record AddressRecordData(IPAddress Address) : DnsRecordData;

/// <summary>CNAME, PTR and NS data: one domain name (compressible, RFC 3597 §4).</summary>
internal sealed record NameRecordData(string Target) : DnsRecordData;

/// <summary>SRV data (RFC 2782); the target is never compressed.</summary>
internal sealed record ServiceRecordData(ushort Priority, ushort Weight, ushort Port, string Target) : DnsRecordData;

internal sealed record TextRecordData(IReadOnlyList<string> Strings) : DnsRecordData;

internal sealed record StartOfAuthorityRecordData(string PrimaryServer, string Mailbox, uint Serial, uint Refresh, uint Retry, uint Expire, uint Minimum) : DnsRecordData;

internal sealed record RawRecordData(ReadOnlyMemory<byte> Bytes) : DnsRecordData;

/// <summary>
/// One resource record. For OPT (EDNS0, RFC 6891) the class holds the requester's UDP payload size and the TTL
/// the extended RCODE, version and flags.
/// </summary>
internal sealed record DnsRecord(string Name, DnsType Type, ushort Class, uint Ttl, DnsRecordData Data);

/// <summary>A DNS message (RFC 1035 §4): header, question and the three record sections.</summary>
internal sealed class DnsMessage
{
    public const ushort ClassInternet = 1;

    /// <summary>The largest UDP response a requester without EDNS0 accepts (RFC 1035 §4.2.1).</summary>
    public const int ClassicUdpSize = 512;

    public ushort Id { get; set; }
    public bool IsResponse { get; set; }
    public byte OpCode { get; set; }
    public bool Authoritative { get; set; }
    public bool Truncated { get; set; }
    public bool RecursionDesired { get; set; }
    public bool RecursionAvailable { get; set; }
    public bool AuthenticData { get; set; }
    public bool CheckingDisabled { get; set; }
    public DnsResponseCode ResponseCode { get; set; }

    public List<DnsQuestion> Questions { get; } = [];
    public List<DnsRecord> Answers { get; } = [];
    public List<DnsRecord> Authority { get; } = [];
    public List<DnsRecord> Additional { get; } = [];

    /// <summary>The EDNS0 OPT pseudo-record of the additional section, if any.</summary>
    public DnsRecord? Edns => Additional.Find(r => r.Type == DnsType.OPT);

    /// <summary>
    /// The UDP payload size the sender of this request accepts: its EDNS0 size (never below 512), else 512.
    /// </summary>
    public int MaxUdpResponseSize => Edns is { } opt ? Math.Max(ClassicUdpSize, (int)opt.Class) : ClassicUdpSize;

    /// <summary>A response skeleton to this request: same id, opcode, RD and question; EDNS0 answered with our size.</summary>
    public DnsMessage CreateResponse(DnsResponseCode code, ushort ednsUdpSize = 1232)
    {
        var response = new DnsMessage
        {
            Id = Id,
            IsResponse = true,
            OpCode = OpCode,
            RecursionDesired = RecursionDesired,
            RecursionAvailable = true,
            CheckingDisabled = CheckingDisabled,
            ResponseCode = code,
        };
        response.Questions.AddRange(Questions);
        if (Edns is not null)
        {
            response.Additional.Add(new DnsRecord(".", DnsType.OPT, ednsUdpSize, 0, new RawRecordData(ReadOnlyMemory<byte>.Empty)));
        }

        return response;
    }

    /// <summary>
    /// The wire form, at most <paramref name="maxSize"/> bytes: a message that does not fit keeps its header,
    /// question and OPT record, loses its records and gets the TC bit (RFC 2181 §9), so the client retries over TCP.
    /// </summary>
    public byte[] Encode(int maxSize = ushort.MaxValue)
    {
        var full = new DnsMessageWriter().Write(this, Answers, Authority, Additional);
        if (full.Length <= maxSize)
        {
            return full;
        }

        var optOnly = Additional.Where(r => r.Type == DnsType.OPT).ToList();
        return new DnsMessageWriter().Write(this, [], [], optOnly, truncated: true);
    }

    /// <summary>Parses a message; throws <see cref="FormatException"/> on malformed input.</summary>
    public static DnsMessage Decode(ReadOnlySpan<byte> bytes) => DnsMessageReader.Read(bytes);
}
