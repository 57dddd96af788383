using KubeSharp.Api;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Lifecycle;

/// <summary>
/// Kubernetes' garbage collector, run inside the API server over the watch cache: deletes objects
/// whose owners are all gone (background propagation), deletes dependents of owners being deleted
/// in the foreground and then lets the owner go, and orphans dependents of owners deleted with the
/// orphan policy (removing the owner reference, then the owner's "orphan" finalizer).
/// </summary>
public sealed class GarbageCollector
{
    private readonly ResourceStore _store;
    private readonly ILogger _logger;

    public GarbageCollector(ResourceStore store, ILogger logger)
    {
        _store = store;
        _logger = logger;
    }

    public IAsyncDisposable Start() => new BackgroundLoop(async ct =>
    {
        long seen = -1;
        var lastFull = DateTimeOffset.MinValue;
        while (!ct.IsCancellationRequested)
        {
            var activity = _store.Cache.DeletionActivity;
            if (activity != seen || DateTimeOffset.UtcNow - lastFull > TimeSpan.FromSeconds(20))
            {
                seen = activity;
                lastFull = DateTimeOffset.UtcNow;
                await PassAsync(ct).ConfigureAwait(false);
            }

            await Task.Delay(150, ct).ConfigureAwait(false);
        }
    });

    /// <summary>One scan of the cluster; the decisions are <see cref="Plan"/>'s.</summary>
    public async Task PassAsync(CancellationToken cancellationToken)
    {
        var objects = _store.Cache.AllSnapshots()
            .SelectMany(s => s.Items.Values.Select(o => (s.Definition, Object: o)))
            .ToList();
        foreach (var action in Plan(objects.Select(o => (o.Definition, o.Object.Object)).ToList()))
        {
            try
            {
                await ExecuteAsync(action, cancellationToken).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
            }
            catch (ApiException e)
            {
                _logger.LogWarning("garbage collector: {Action} failed: {Message}", action, e.Message);
            }
        }
    }

    public enum ActionKind
    {
        DeleteBackground,
        DeleteForeground,
        RemoveOwnerReference,
        RemoveFinalizer,
    }

    public sealed record GcAction(ActionKind Kind, ResourceDefinition Definition, string? Namespace, string Name, string Uid, string? Detail);

    /// <summary>Pure decision: what the collector does given every object in the cluster.</summary>
    public static List<GcAction> Plan(IReadOnlyList<(ResourceDefinition Definition, KubernetesObject Object)> objects)
    {
        var byUid = new Dictionary<string, KubernetesObject>(StringComparer.Ordinal);
        var dependents = new Dictionary<string, List<(ResourceDefinition Definition, KubernetesObject Object)>>(StringComparer.Ordinal);
        foreach (var (definition, obj) in objects)
        {
            if (obj.Metadata?.Uid is { } uid)
            {
                byUid[uid] = obj;
            }

            foreach (var owner in obj.Metadata?.OwnerReferences ?? [])
            {
                if (owner.Uid is { } ou)
                {
                    if (!dependents.TryGetValue(ou, out var list))
                    {
                        dependents[ou] = list = [];
                    }

                    list.Add((definition, obj));
                }
            }
        }

        var actions = new List<GcAction>();
        foreach (var (definition, obj) in objects)
        {
            var meta = obj.Meta;
            var owners = meta.OwnerReferences ?? [];
            if (owners.Count > 0 && meta.DeletionTimestamp is null)
            {
                var live = owners.Where(o => o.Uid is not null && byUid.TryGetValue(o.Uid, out var ownerObj) && SameNamespaceScope(obj, ownerObj)).ToList();
                if (live.Count == 0)
                {
                    actions.Add(new GcAction(ActionKind.DeleteBackground, definition, meta.Namespace, meta.Name!, meta.Uid!, "all owners are gone"));
                    continue;
                }

                foreach (var o in live)
                {
                    var ownerMeta = byUid[o.Uid!].Meta;
                    if (ownerMeta.DeletionTimestamp is null)
                    {
                        continue;
                    }

                    if (ownerMeta.Finalizers?.Contains("orphan") == true)
                    {
                        actions.Add(new GcAction(ActionKind.RemoveOwnerReference, definition, meta.Namespace, meta.Name!, meta.Uid!, o.Uid));
                    }
                    else if (ownerMeta.Finalizers?.Contains("foregroundDeletion") == true && live.All(l => byUid[l.Uid!].Meta.DeletionTimestamp is not null))
                    {
                        actions.Add(new GcAction(ActionKind.DeleteForeground, definition, meta.Namespace, meta.Name!, meta.Uid!, null));
                        break;
                    }
                }
            }

            if (meta.DeletionTimestamp is not null && meta.Uid is { } selfUid)
            {
                var deps = dependents.GetValueOrDefault(selfUid) ?? [];
                if (meta.Finalizers?.Contains("orphan") == true && deps.Count == 0)
                {
                    actions.Add(new GcAction(ActionKind.RemoveFinalizer, definition, meta.Namespace, meta.Name!, selfUid, "orphan"));
                }

                var blocking = deps.Where(d => d.Object.Meta.OwnerReferences!.Any(r => r.Uid == selfUid && r.BlockOwnerDeletion == true)).ToList();
                if (meta.Finalizers?.Contains("foregroundDeletion") == true && blocking.Count == 0)
                {
                    actions.Add(new GcAction(ActionKind.RemoveFinalizer, definition, meta.Namespace, meta.Name!, selfUid, "foregroundDeletion"));
                }
            }
        }

        return actions;
    }

    private static bool SameNamespaceScope(KubernetesObject dependent, KubernetesObject owner) =>
        string.IsNullOrEmpty(owner.Metadata?.Namespace) || owner.Metadata?.Namespace == dependent.Metadata?.Namespace;

    private async Task ExecuteAsync(GcAction action, CancellationToken ct)
    {
        switch (action.Kind)
        {
            case ActionKind.DeleteBackground or ActionKind.DeleteForeground:
                await _store.DeleteAsync(action.Definition, action.Namespace, action.Name, new DeleteOptions
                {
                    PropagationPolicy = action.Kind == ActionKind.DeleteForeground ? "Foreground" : "Background",
                    Preconditions = new Preconditions { Uid = action.Uid },
                }, ct).ConfigureAwait(false);
                break;
            case ActionKind.RemoveOwnerReference:
                await _store.UpdateAsync(action.Definition, action.Namespace, action.Name, current =>
                {
                    var obj = current!.Clone();
                    obj.Meta.OwnerReferences = obj.Meta.OwnerReferences?.Where(r => r.Uid != action.Detail).ToList();
                    if (obj.Meta.OwnerReferences is { Count: 0 })
                    {
                        obj.Meta.OwnerReferences = null;
                    }

                    return obj;
                }, new WriteOptions(FieldManager: "garbage-collector"), allowCreate: false, ct).ConfigureAwait(false);
                break;
            case ActionKind.RemoveFinalizer:
                await _store.UpdateAsync(action.Definition, action.Namespace, action.Name, current =>
                {
                    var obj = current!.Clone();
                    obj.Meta.Finalizers = obj.Meta.Finalizers?.Where(f => f != action.Detail).ToList();
                    if (obj.Meta.Finalizers is { Count: 0 })
                    {
                        obj.Meta.Finalizers = null;
                    }

                    return obj;
                }, new WriteOptions(FieldManager: "garbage-collector"), allowCreate: false, ct).ConfigureAwait(false);
                break;
        }
    }
}
