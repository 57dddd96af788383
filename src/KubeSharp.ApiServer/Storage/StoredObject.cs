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

    private readonly byte[]?[] _eventLines = new byte[]?[3];

    /// <summary>
    /// The watch-stream line for this object as an event of <paramref name="type"/>
    /// (<c>{"type":…,"object":…}\n</c>), encoded once and shared by every watcher that sends it.
    /// </summary>
    public byte[] EventLine(WatchEventType type)
    {
        var index = (int)type;
        if (Volatile.Read(ref _eventLines[index]) is { } line)
        {
            return line;
        }

        ReadOnlySpan<byte> prefix = type switch
        {
            WatchEventType.Added => "{\"type\":\"ADDED\",\"object\":"u8,
            WatchEventType.Modified => "{\"type\":\"MODIFIED\",\"object\":"u8,
            _ => "{\"type\":\"DELETED\",\"object\":"u8,
        };
        var bytes = new byte[prefix.Length + Json.Length + 2];
        prefix.CopyTo(bytes);
        Json.CopyTo(bytes, prefix.Length);
        bytes[^2] = (byte)'}';
        bytes[^1] = (byte)'\n';
        Interlocked.CompareExchange(ref _eventLines[index], bytes, null);
        return _eventLines[index]!;
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
