using System.Collections.Concurrent;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Quota;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Admission;

/// <summary>
/// Kubernetes' ResourceQuota admission for creates: a new object in a namespace with quotas is refused (403) when its
/// usage would take a quota past a hard limit ("exceeded quota: …"), or when a quota limits cpu or memory and a
/// container of a pod does not state them ("failed quota: …: must specify …"). Usage is counted from the watch cache
/// (the namespace's objects of the same resource) plus the creates admitted but not yet seen there; admissions in one
/// namespace take turns, so concurrent creates cannot both take the last unit.
/// </summary>
public sealed class ResourceQuotaAdmission : IAdmissionPlugin
{
    /// <summary>How long an admitted create counts before it shows up in the cache (or is given up, if it failed).</summary>
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _namespaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    public async Task AdmitAsync(ResourceStore store, ResourceDefinition definition, KubernetesObject obj, KubernetesObject? old, CancellationToken cancellationToken)
    {
        if (old is not null || !definition.Namespaced || obj.Metadata?.Namespace is not { } ns)
        {
            return;
        }

        var (quotaItems, _) = await store.Cache.SnapshotAsync(store.Catalog.Get<ResourceQuota>(), false, cancellationToken).ConfigureAwait(false);
        var quotas = quotaItems.Values.Select(s => (ResourceQuota)s.Object)
            .Where(q => q.Metadata?.Namespace == ns && q.Metadata.DeletionTimestamp is null && ResourceQuotaUsage.Matches(q, obj))
            .ToList();
        if (quotas.Count == 0)
        {
            return;
        }

        var name = obj.Metadata.Name ?? "";
        if (obj is Pod pod)
        {
            foreach (var quota in quotas)
            {
                if (ResourceQuotaUsage.MissingResources(quota, pod) is { } missing)
                {
                    throw ApiException.Forbidden(definition.GroupResource, name, $"failed quota: {quota.Metadata?.Name}: {missing}");
                }
            }
        }

        var now = DateTimeOffset.UtcNow;
        var requested = ResourceQuotaUsage.Of(definition.Group, definition.Plural, obj, now);
        if (!quotas.Any(q => requested.Keys.Any((q.Spec?.Hard ?? []).ContainsKey)))
        {
            return;
        }

        var storage = definition.StorageDefinition ?? definition;
        var prefix = storage.Key(ns, "");
        var gate = _namespaces.GetOrAdd(ns, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (items, _) = await store.Cache.SnapshotAsync(storage, false, cancellationToken).ConfigureAwait(false);
            foreach (var (key, pending) in _pending)
            {
                if (pending.Expires < now || items.ContainsKey(key))
                {
                    _pending.TryRemove(key, out _);
                }
            }

            var objects = items.Where(i => i.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(i => i.Value.Object)
                .Concat(_pending.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(p => p.Value.Object))
                .ToList();
            foreach (var quota in quotas)
            {
                var used = ResourceQuotaUsage.Used(quota, objects.Where(o => ResourceQuotaUsage.Matches(quota, o)).Select(o => ResourceQuotaUsage.Of(definition.Group, definition.Plural, o, now)));
                if (ResourceQuotaUsage.Exceeded(quota, used, requested) is { } exceeded)
                {
                    throw ApiException.Forbidden(definition.GroupResource, name, exceeded);
                }
            }

            _pending[storage.Key(ns, name)] = new Pending(obj, now + PendingLifetime);
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed record Pending(KubernetesObject Object, DateTimeOffset Expires);
}
