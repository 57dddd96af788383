using System.Buffers;
using KubeSharp.Api;

namespace KubeSharp.ApiServer.Storage;

/// <summary>
/// An object as the server holds it in the watch cache: the typed object (with resourceVersion,
/// apiVersion and kind set) and its JSON encoding. Both are immutable once built: handlers that
/// change an object work on a copy (<see cref="Clone"/>).
/// </summary>
public sealed class StoredObject
{
    public StoredObject(string key, KubernetesObject obj, byte[] json, long revision)
    {
        Key = key;
        Object = obj;
        Json = json;
        Revision = revision;
    }

    public string Key { get; }
    public KubernetesObject Object { get; }
    public byte[] Json { get; }
    /// <summary>The store revision that produced this state (its resourceVersion).</summary>
    public long Revision { get; }

    /// <summary>
    /// Writes this object's watch-stream line as an event of <paramref name="type"/> (<c>{"type":…,"object":…}\n</c>)
    /// and returns its length. The line is written from the stored JSON each time rather than kept: a copy per
    /// object and event type would double the cache's memory, and writing it costs the same copy either way.
    /// </summary>
    public int WriteEventLine(IBufferWriter<byte> output, WatchEventType type)
    {
        ReadOnlySpan<byte> prefix = type switch
        {
            WatchEventType.Added => "{\"type\":\"ADDED\",\"object\":"u8,
            WatchEventType.Modified => "{\"type\":\"MODIFIED\",\"object\":"u8,
            _ => "{\"type\":\"DELETED\",\"object\":"u8,
        };
        // Written in parts: an object can be larger than one buffer segment of the response.
        output.Write(prefix);
        output.Write(Json);
        output.Write("}\n"u8);
        return prefix.Length + Json.Length + 2;
    }

    public string? Namespace => Object.Metadata?.Namespace;
    public string Name => Object.Metadata?.Name ?? "";

    /// <summary>A private, mutable copy of the typed object.</summary>
    public KubernetesObject Clone() => (KubernetesObject)KubeJson.Deserialize(Json, Object.GetType())!;

    public T Clone<T>()
        where T : KubernetesObject => (T)Clone();
}

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}

/// <summary>A change seen by the watch cache. For Deleted, <see cref="Object"/> is the last state with the delete's revision.</summary>
public sealed record CacheEvent(WatchEventType Type, StoredObject Object, StoredObject? Previous, long Revision);
