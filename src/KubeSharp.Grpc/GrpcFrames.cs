using System.Buffers.Binary;
using System.Globalization;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace KubeSharp.Grpc;

/// <summary>The gRPC-over-HTTP/2 wire conventions: length-prefixed frames, the content type and grpc-timeout.</summary>
internal static class GrpcFrames
{
    /// <summary>Bytes before each message: a compressed flag and a big-endian 32-bit length.</summary>
    public const int HeaderSize = 5;

    public static readonly MediaTypeHeaderValue ContentType = new("application/grpc");

    /// <summary>The message serialized with its 5-byte prefix (uncompressed).</summary>
    public static byte[] Encode(IMessage message)
    {
        var size = message.CalculateSize();
        var frame = new byte[HeaderSize + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)size);
        message.WriteTo(frame.AsSpan(HeaderSize));
        return frame;
    }

    public static ByteArrayContent CreateContent(IMessage message)
    {
        var content = new ByteArrayContent(Encode(message));
        content.Headers.ContentType = ContentType;
        return content;
    }

    /// <summary>
    /// grpc-timeout's value: at most 8 digits and a unit; rounded up so the server never sees a shorter deadline.
    /// </summary>
    public static string FormatTimeout(TimeSpan timeout)
    {
        const long MaxDigits = 99_999_999;
        var milliseconds = Math.Max(1L, (long)Math.Ceiling(timeout.TotalMilliseconds));
        if (milliseconds <= MaxDigits)
        {
            return milliseconds.ToString(CultureInfo.InvariantCulture) + "m";
        }

        var seconds = (long)Math.Ceiling(timeout.TotalSeconds);
        if (seconds <= MaxDigits)
        {
            return seconds.ToString(CultureInfo.InvariantCulture) + "S";
        }

        var hours = Math.Min(MaxDigits, (long)Math.Ceiling(timeout.TotalHours));
        return hours.ToString(CultureInfo.InvariantCulture) + "H";
    }
}
