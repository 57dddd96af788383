namespace KubeSharp.Api;

/// <summary>Protobuf wire types.</summary>
internal enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    StartGroup = 3,
    EndGroup = 4,
    Fixed32 = 5,
}

/// <summary>
/// Reads protobuf wire data from a span. Every read checks bounds; malformed data throws
/// <see cref="KubeProtobufException"/> and nothing else.
/// </summary>
internal ref struct ProtoReader
{
    private readonly ReadOnlySpan<byte> data;
    private int position;

    public ProtoReader(ReadOnlySpan<byte> data)
    {
        this.data = data;
        position = 0;
    }

    public readonly bool End => position >= data.Length;

    public (int Field, WireType Type) ReadTag()
    {
        var tag = ReadVarint();
        var field = tag >> 3;
        if (field == 0 || field > 536_870_911)
        {
            throw new KubeProtobufException($"invalid field number {field}");
        }

        var type = (int)(tag & 7);
        if (type > 5)
        {
            throw new KubeProtobufException($"invalid wire type {type} for field {field}");
        }

        return ((int)field, (WireType)type);
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (position >= data.Length)
            {
                throw new KubeProtobufException("unexpected end of data in varint");
            }

            var b = data[position++];
            if (shift == 63 && b > 1)
            {
                throw new KubeProtobufException("varint overflows 64 bits");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new KubeProtobufException("varint overflows 64 bits");
    }

    public ulong ReadFixed64()
    {
        var span = Take(8);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(span);
    }

    public uint ReadFixed32()
    {
        var span = Take(4);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span);
    }

    public ReadOnlySpan<byte> ReadLengthDelimited()
    {
        var length = ReadVarint();
        if (length > (ulong)(data.Length - position))
        {
            throw new KubeProtobufException("length-delimited field runs past the end of data");
        }

        return Take((int)length);
    }

    public void Skip(WireType type)
    {
        switch (type)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(8);
                break;
            case WireType.LengthDelimited:
                ReadLengthDelimited();
                break;
            case WireType.Fixed32:
                Take(4);
                break;
            default:
                throw new KubeProtobufException($"unsupported wire type {(int)type}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > data.Length - position)
        {
            throw new KubeProtobufException("unexpected end of data");
        }

        var span = data.Slice(position, count);
        position += count;
        return span;
    }
}

/// <summary>Appends protobuf wire data to a growable buffer.</summary>
internal sealed class ProtoWriter
{
    private byte[] buffer = new byte[256];
    private int length;

    public int Length => length;

    public ReadOnlySpan<byte> WrittenSpan => buffer.AsSpan(0, length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void WriteTag(int field, WireType type) => WriteVarint(((ulong)field << 3) | (uint)type);

    public void WriteVarint(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            buffer[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[length++] = (byte)value;
    }

    public void WriteFixed64(ulong value)
    {
        Ensure(8);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(length), value);
        length += 8;
    }

    public void WriteFixed32(uint value)
    {
        Ensure(4);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(length), value);
        length += 4;
    }

    public void WriteBytes(int field, ReadOnlySpan<byte> bytes)
    {
        WriteTag(field, WireType.LengthDelimited);
        WriteVarint((ulong)bytes.Length);
        WriteRaw(bytes);
    }

    public void WriteString(int field, string value) => WriteBytes(field, System.Text.Encoding.UTF8.GetBytes(value));

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    private void Ensure(int extra)
    {
        if (length + extra > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + extra));
        }
    }
}
