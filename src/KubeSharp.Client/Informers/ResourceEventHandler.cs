using KubeSharp.Api;

namespace KubeSharp.Client.Informers;

/// <summary>
/// Callbacks an informer makes as its cache changes, in order, on one task per handler (a slow
/// handler delays only itself). Exceptions are logged and do not stop the informer.
/// </summary>
public sealed class ResourceEventHandler<T>
    where T : KubernetesObject
{
    /// <summary>A new object; the flag is true while replaying the initial list.</summary>
    public Action<T, bool>? OnAdd { get; init; }
    /// <summary>An object changed (old, new). Also called with equal resourceVersions on resync and relist.</summary>
    public Action<T, T>? OnUpdate { get; init; }
    /// <summary>
    /// An object is gone. The flag (final state unknown) is true when the deletion was inferred from a
    /// relist: the object passed is then the last state seen, not the state at deletion.
    /// </summary>
    public Action<T, bool>? OnDelete { get; init; }
}
