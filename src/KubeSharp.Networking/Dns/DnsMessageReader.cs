using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace KubeSharp.Networking.Dns;

/// <summary>Parses DNS messages, following compression pointers in names (backwards only, so no loops).</summary>
internal static class DnsMessageReader
{
    private const int HeaderSize = 12;

    public static DnsMessage Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize)
        {
            throw new FormatException("DNS message shorter than its header");
        }

        var flags = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        var message = new DnsMessage
        {
            Id = BinaryPrimitives.ReadUInt16BigEndian(bytes),
            IsResponse = (flags & 0x8000) != 0,
            OpCode = (byte)((flags >> 11) & 0xF),
            Authoritative = (flags & 0x0400) != 0,
            Truncated = (flags & 0x0200) != 0,
            RecursionDesired = (flags & 0x0100) != 0,
            RecursionAvailable = (flags & 0x0080) != 0,
            AuthenticData = (flags & 0x0020) != 0,
            CheckingDisabled = (flags & 0x0010) != 0,
            ResponseCode = (DnsResponseCode)(flags & 0xF),
        };
        int questions = BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]);
        int answers = BinaryPrimitives.ReadUInt16BigEndian(bytes[6..]);
        int authority = BinaryPrimitives.ReadUInt16BigEndian(bytes[8..]);
        int additional = BinaryPrimitives.ReadUInt16BigEndian(bytes[10..]);
        var position = HeaderSize;
        for (var i = 0; i < questions; i++)
        {
            var name = ReadName(bytes, ref position);
            var type = ReadUInt16(bytes, ref position);
            var @class = ReadUInt16(bytes, ref position);
            message.Questions.Add(new DnsQuestion(name, (DnsType)type, @class));
        }

        ReadRecords(bytes, ref position, answers, message.Answers);
        ReadRecords(bytes, ref position, authority, message.Authority);
        ReadRecords(bytes, ref position, additional, message.Additional);
        return message;
    }

    private static void ReadRecords(ReadOnlySpan<byte> bytes, ref int position, int count, List<DnsRecord> into)
    {
        for (var i = 0; i < count; i++)
        {
            var name = ReadName(bytes, ref position);
            var type = (DnsType)ReadUInt16(bytes, ref position);
            var @class = ReadUInt16(bytes, ref position);
            var ttl = ReadUInt32(bytes, ref position);
            int length = ReadUInt16(bytes, ref position);
            if (position + length > bytes.Length)
            {
                throw new FormatException("record data runs past the end of the message");
            }

            var dataEnd = position + length;
            var data = ReadData(bytes, position, dataEnd, type);
            position = dataEnd;
            into.Add(new DnsRecord(name, type, @class, ttl, data));
        }
    }

    private static DnsRecordData ReadData(ReadOnlySpan<byte> bytes, int start, int end, DnsType type)
    {
        var position = start;
        var length = end - start;
        switch (type)
        {
            case DnsType.A when length == 4:
            case DnsType.AAAA when length == 16:
                return new AddressRecordData(new IPAddress(bytes[start..end]));
            case DnsType.CNAME or DnsType.PTR or DnsType.NS:
                return new NameRecordData(ReadName(bytes, ref position));
            case DnsType.SRV:
                var priority = ReadUInt16(bytes, ref position);
                var weight = ReadUInt16(bytes, ref position);
                var port = ReadUInt16(bytes, ref position);
                return new ServiceRecordData(priority, weight, port, ReadName(bytes, ref position));
            case DnsType.TXT:
                var strings = new List<string>();
                while (position < end)
                {
                    int size = bytes[position++];
                    if (position + size > end)
                    {
                        throw new FormatException("TXT string runs past its record");
                    }

                    strings.Add(Encoding.UTF8.GetString(bytes.Slice(position, size)));
                    position += size;
                }

                return new TextRecordData(strings);
            case DnsType.SOA:
                var primary = ReadName(bytes, ref position);
                var mailbox = ReadName(bytes, ref position);
                return new StartOfAuthorityRecordData(primary, mailbox, ReadUInt32(bytes, ref position), ReadUInt32(bytes, ref position), ReadUInt32(bytes, ref position), ReadUInt32(bytes, ref position), ReadUInt32(bytes, ref position));
            default:
                return new RawRecordData(bytes[start..end].ToArray());
        }
    }

    /// <summary>Reads a name at <paramref name="position"/> in presentation form without trailing dot ("" for the root).</summary>
    public static string ReadName(ReadOnlySpan<byte> bytes, ref int position)
    {
        var labels = new List<string>();
        var cursor = position;
        var jumped = false;
        var total = 0;
        while (true)
        {
            if (cursor >= bytes.Length)
            {
                throw new FormatException("name runs past the end of the message");
            }

            int length = bytes[cursor];
            if ((length & 0xC0) == 0xC0)
            {
                if (cursor + 1 >= bytes.Length)
                {
                    throw new FormatException("truncated compression pointer");
                }

                var target = ((length & 0x3F) << 8) | bytes[cursor + 1];
                if (target >= cursor)
                {
                    throw new FormatException("compression pointer does not point backwards");
                }

                if (!jumped)
                {
                    position = cursor + 2;
                    jumped = true;
                }

                cursor = target;
                continue;
            }

            if ((length & 0xC0) != 0)
            {
                throw new FormatException("unsupported label type");
            }

            cursor++;
            if (length == 0)
            {
                break;
            }

            if (cursor + length > bytes.Length)
            {
                throw new FormatException("label runs past the end of the message");
            }

            total += length + 1;
            if (total > 255)
            {
                throw new FormatException("name longer than 255 bytes");
            }

            labels.Add(Encoding.ASCII.GetString(bytes.Slice(cursor, length)));
            cursor += length;
        }

        if (!jumped)
        {
            position = cursor;
        }

        return string.Join('.', labels);
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> bytes, ref int position)
    {
        if (position + 2 > bytes.Length)
        {
            throw new FormatException("message ends inside a field");
        }

        var value = BinaryPrimitives.ReadUInt16BigEndian(bytes[position..]);
        position += 2;
        return value;
    }

    private static uint ReadUInt32(ReadOnlySpan<byte> bytes, ref int position)
    {
        if (position + 4 > bytes.Length)
        {
            throw new FormatException("message ends inside a field");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(bytes[position..]);
        position += 4;
        return value;
    }
}
