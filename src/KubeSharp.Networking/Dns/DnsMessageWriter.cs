using System.Buffers.Binary;
using System.Text;

namespace KubeSharp.Networking.Dns;

/// <summary>
/// Writes DNS messages. Owner names and the names inside CNAME/PTR/NS/SOA data are compressed (RFC 1035 §4.1.4):
/// every suffix written at an offset below 0x4000 is remembered and later occurrences become a pointer to it.
/// </summary>
internal sealed class DnsMessageWriter
{
    private readonly List<byte> _buffer = new(512);
    private readonly Dictionary<string, int> _suffixOffsets = new(StringComparer.OrdinalIgnoreCase);

    public byte[] Write(DnsMessage message, IReadOnlyList<DnsRecord> answers, IReadOnlyList<DnsRecord> authority, IReadOnlyList<DnsRecord> additional, bool truncated = false)
    {
        WriteUInt16(message.Id);
        var flags = (message.IsResponse ? 0x8000 : 0)
            | ((message.OpCode & 0xF) << 11)
            | (message.Authoritative ? 0x0400 : 0)
            | (truncated || message.Truncated ? 0x0200 : 0)
            | (message.RecursionDesired ? 0x0100 : 0)
            | (message.RecursionAvailable ? 0x0080 : 0)
            | (message.AuthenticData ? 0x0020 : 0)
            | (message.CheckingDisabled ? 0x0010 : 0)
            | ((int)message.ResponseCode & 0xF);
        WriteUInt16((ushort)flags);
        WriteUInt16((ushort)message.Questions.Count);
        WriteUInt16((ushort)answers.Count);
        WriteUInt16((ushort)authority.Count);
        WriteUInt16((ushort)additional.Count);
        foreach (var question in message.Questions)
        {
            WriteName(question.Name, compress: true);
            WriteUInt16((ushort)question.Type);
            WriteUInt16(question.Class);
        }

        foreach (var record in answers.Concat(authority).Concat(additional))
        {
            WriteRecord(record);
        }

        return [.. _buffer];
    }

    private void WriteRecord(DnsRecord record)
    {
        WriteName(record.Name, compress: record.Type != DnsType.OPT);
        WriteUInt16((ushort)record.Type);
        WriteUInt16(record.Class);
        WriteUInt32(record.Ttl);
        var lengthAt = _buffer.Count;
        WriteUInt16(0);
        switch (record.Data)
        {
            case AddressRecordData a:
                _buffer.AddRange(a.Address.GetAddressBytes());
                break;
            case NameRecordData n:
                WriteName(n.Target, compress: true);
                break;
            case ServiceRecordData s:
                WriteUInt16(s.Priority);
                WriteUInt16(s.Weight);
                WriteUInt16(s.Port);
                WriteName(s.Target, compress: false);
                break;
            case TextRecordData t:
                foreach (var text in t.Strings)
                {
                    var bytes = Encoding.UTF8.GetBytes(text);
                    if (bytes.Length > 255)
                    {
                        throw new ArgumentException("a TXT character-string holds at most 255 bytes", nameof(record));
                    }

                    _buffer.Add((byte)bytes.Length);
                    _buffer.AddRange(bytes);
                }

                break;
            case StartOfAuthorityRecordData soa:
                WriteName(soa.PrimaryServer, compress: true);
                WriteName(soa.Mailbox, compress: true);
                WriteUInt32(soa.Serial);
                WriteUInt32(soa.Refresh);
                WriteUInt32(soa.Retry);
                WriteUInt32(soa.Expire);
                WriteUInt32(soa.Minimum);
                break;
            case RawRecordData raw:
                _buffer.AddRange(raw.Bytes.Span);
                break;
            default:
                throw new ArgumentException($"unsupported record data {record.Data.GetType().Name}", nameof(record));
        }

        var length = _buffer.Count - lengthAt - 2;
        _buffer[lengthAt] = (byte)(length >> 8);
        _buffer[lengthAt + 1] = (byte)length;
    }

    /// <summary>Writes a name given in presentation form ("a.b.c" or "a.b.c."; "." or "" is the root).</summary>
    private void WriteName(string name, bool compress)
    {
        var labels = DnsName.Labels(name);
        for (var i = 0; i < labels.Count; i++)
        {
            var suffix = string.Join('.', labels.Skip(i));
            if (compress && _suffixOffsets.TryGetValue(suffix, out var offset))
            {
                WriteUInt16((ushort)(0xC000 | offset));
                return;
            }

            if (_buffer.Count < 0x4000)
            {
                _suffixOffsets.TryAdd(suffix, _buffer.Count);
            }

            var bytes = Encoding.ASCII.GetBytes(labels[i]);
            if (bytes.Length is 0 or > 63)
            {
                throw new ArgumentException($"label '{labels[i]}' of '{name}' is empty or longer than 63 bytes", nameof(name));
            }

            _buffer.Add((byte)bytes.Length);
            _buffer.AddRange(bytes);
        }

        _buffer.Add(0);
    }

    private void WriteUInt16(ushort value)
    {
        _buffer.Add((byte)(value >> 8));
        _buffer.Add((byte)value);
    }

    private void WriteUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        foreach (var b in bytes)
        {
            _buffer.Add(b);
        }
    }
}

/// <summary>Domain names in presentation form: labels, normalisation and suffix tests (case-insensitive).</summary>
internal static class DnsName
{
    public static IReadOnlyList<string> Labels(string name)
    {
        var trimmed = name.TrimEnd('.');
        return trimmed.Length == 0 ? [] : trimmed.Split('.');
    }

    /// <summary>Lower case, no trailing dot.</summary>
    public static string Normalize(string name) => name.TrimEnd('.').ToLowerInvariant();

    /// <summary>True if <paramref name="name"/> is <paramref name="zone"/> or below it; both normalised.</summary>
    public static bool IsInZone(string name, string zone) =>
        name == zone || name.EndsWith("." + zone, StringComparison.Ordinal);

    /// <summary>The absolute form with a trailing dot, as names appear in answers.</summary>
    public static string Absolute(string name) => name.EndsWith('.') ? name : name + ".";
}
