using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Storage;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Lifecycle;

/// <summary>
/// The namespace controller: a namespace marked for deletion has every object in it deleted;
/// once none is left its "kubernetes" spec finalizer is removed and the namespace goes.
/// </summary>
public sealed class NamespaceLifecycle
{
    private readonly ResourceStore _store;
    private readonly ILogger _logger;

    public NamespaceLifecycle(ResourceStore store, ILogger logger)
    {
        _store = store;
        _logger = logger;
    }

    public IAsyncDisposable Start() => new BackgroundLoop(async ct =>
    {
        long seen = -1;
        while (!ct.IsCancellationRequested)
        {
            var activity = _store.Cache.DeletionActivity;
            if (activity != seen)
            {
                seen = activity;
                await PassAsync(ct).ConfigureAwait(false);
            }

            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    });

    public async Task PassAsync(CancellationToken ct)
    {
        var namespaces = _store.Catalog.Get<Namespace>();
        var (items, _) = await _store.Cache.SnapshotAsync(namespaces, consistent: false, ct).ConfigureAwait(false);
        foreach (var ns in items.Values.Where(n => n.Object.Meta.DeletionTimestamp is not null))
        {
            var name = ns.Name;
            var remaining = 0;
            foreach (var (definition, objects) in _store.Cache.AllSnapshots().Where(s => s.Definition.Namespaced))
            {
                var prefix = definition.NamespacePrefix(name);
                foreach (var item in objects.Values.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    remaining++;
                    if (item.Object.Meta.DeletionTimestamp is not null)
                    {
                        continue;
                    }

                    try
                    {
                        await _store.DeleteAsync(definition, name, item.Name, new DeleteOptions { PropagationPolicy = "Background" }, ct).ConfigureAwait(false);
                    }
                    catch (ApiException e) when (e.Code is 404 or 409)
                    {
                    }
                }
            }

            if (remaining > 0)
            {
                continue;
            }

            _logger.LogInformation("namespace {Namespace} is empty; finalizing", name);
            try
            {
                await _store.UpdateAsync(namespaces, null, name, current =>
                {
                    var obj = current!.Clone<Namespace>();
                    if (obj.Spec is not null)
                    {
                        obj.Spec.Finalizers = null;
                    }

                    return obj;
                }, new WriteOptions(FieldManager: "namespace-controller", Subresource: "finalize"), allowCreate: false, ct).ConfigureAwait(false);
                await _store.DeleteNowAsync(namespaces, null, name, ns.Object.Meta.Uid, ct).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
            }
        }
    }
}
