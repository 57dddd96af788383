using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using KubeSharp.Api;

namespace KubeSharp.Client;

/// <summary>Event types of a watch stream.</summary>
public static class WatchEventType
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
    public const string Bookmark = "BOOKMARK";
    public const string Error = "ERROR";
}

/// <summary>
/// Decodes a watch response body: a stream of JSON objects <c>{"type":…,"object":…}</c>. The API
/// server ends each with a newline, but values are delimited by JSON structure here, so any
/// whitespace (or none) between them is accepted and an event split across reads is reassembled.
/// </summary>
public static class WatchStream
{
    /// <summary>
    /// Yields the events of <paramref name="body"/> until it ends. An ERROR event ends the stream with
    /// <see cref="WatchExpiredException"/> (code 410) or <see cref="KubernetesApiException"/>; a
    /// truncated final event throws <see cref="IOException"/>.
    /// </summary>
    public static async IAsyncEnumerable<WatchEvent<T>> ReadAsync<T>(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                var events = new List<WatchEvent<T>>();
                var consumed = ParseComplete(ref buffer, events, out var error);
                reader.AdvanceTo(consumed, buffer.End);
                foreach (var e in events)
                {
                    yield return e;
                }

                if (error is not null)
                {
                    // Events before the ERROR in the same read are delivered first.
                    throw error;
                }

                if (result.IsCompleted)
                {
                    if (!IsWhitespace(result.Buffer.Slice(consumed)))
                    {
                        throw new IOException("watch stream ended in the middle of an event");
                    }

                    yield break;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    // Decodes every complete JSON value at the start of the buffer; returns the position after the last one.
    private static SequencePosition ParseComplete<T>(ref ReadOnlySequence<byte> buffer, List<WatchEvent<T>> events, out KubernetesApiException? error)
    {
        error = null;
        var consumed = buffer.Start;
        while (true)
        {
            var rest = buffer.Slice(consumed);
            var reader = new Utf8JsonReader(rest, isFinalBlock: false, state: default);
            if (!reader.Read() || !reader.TrySkip())
            {
                // Nothing but whitespace, or an incomplete value: wait for more bytes. Leading
                // whitespace stays unconsumed; that is harmless and keeps the logic single-path.
                return consumed;
            }

            var end = rest.GetPosition(reader.BytesConsumed);
            try
            {
                events.Add(Decode<T>(rest.Slice(0, end)));
            }
            catch (KubernetesApiException e)
            {
                error = e;
                return end;
            }

            consumed = end;
        }
    }

    private static WatchEvent<T> Decode<T>(ReadOnlySequence<byte> json) => TryDecodeInOnePass<T>(json) ?? DecodeThroughDocument<T>(json);

    /// <summary>
    /// The event as the API server writes it, <c>{"type":…,"object":…}</c> with the type first and not
    /// ERROR, decoded straight into <typeparamref name="T"/> without building a document first (every
    /// informer decodes every change of its resource: this is the hot path). Null for any other shape.
    /// </summary>
    private static WatchEvent<T>? TryDecodeInOnePass<T>(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
            || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("type"u8)
            || !reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        var type = reader.ValueTextEquals("ADDED"u8) ? WatchEventType.Added
            : reader.ValueTextEquals("MODIFIED"u8) ? WatchEventType.Modified
            : reader.ValueTextEquals("DELETED"u8) ? WatchEventType.Deleted
            : reader.ValueTextEquals("BOOKMARK"u8) ? WatchEventType.Bookmark
            : null;
        if (type is null
            || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("object"u8)
            || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var obj = JsonSerializer.Deserialize<T>(ref reader, KubeJson.Options);
        return reader.Read() && reader.TokenType == JsonTokenType.EndObject && !reader.Read()
            ? new WatchEvent<T> { Type = type, Object = obj }
            : null;
    }

    private static WatchEvent<T> DecodeThroughDocument<T>(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw new JsonException("watch event is not an object with a string \"type\"");
        }

        var type = typeElement.GetString()!;
        root.TryGetProperty("object", out var obj);
        if (type == WatchEventType.Error)
        {
            var status = obj.ValueKind == JsonValueKind.Object
                ? obj.Deserialize<Status>(KubeJson.Options) ?? new Status()
                : new Status { Message = "watch ERROR event without a Status" };
            status.Code ??= 500;
            throw status.Code == (int)HttpStatusCode.Gone || status.Reason is "Expired" or "Gone"
                ? new WatchExpiredException(status)
                : new KubernetesApiException(status);
        }

        return new WatchEvent<T>
        {
            Type = type,
            Object = obj.ValueKind == JsonValueKind.Object ? obj.Deserialize<T>(KubeJson.Options) : default,
        };
    }

    private static bool IsWhitespace(ReadOnlySequence<byte> rest)
    {
        foreach (var segment in rest)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
