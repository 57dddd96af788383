using KubeSharp.Api;
using KubeSharp.Api.ApiExtensions.V1;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Lifecycle;
using KubeSharp.ApiServer.Storage;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.CustomResources;

/// <summary>
/// Finishes the deletion of CustomResourceDefinitions (apiextensions' finalizer controller): deletes
/// every object of a Terminating definition's resource, waits until they are gone (their own
/// finalizers included), then removes the cleanup finalizer so the definition goes.
/// </summary>
internal sealed class CustomResourceCleanup
{
    private readonly ResourceStore _store;
    private readonly ILogger _logger;

    public CustomResourceCleanup(ResourceStore store, ILogger logger)
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
                if (!await PassAsync(ct).ConfigureAwait(false))
                {
                    // Objects still going: look again soon even if nothing else is deleted.
                    seen = -1;
                }
            }

            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    });

    /// <summary>One pass over the Terminating definitions; true when none is left waiting for its objects.</summary>
    public async Task<bool> PassAsync(CancellationToken ct)
    {
        var definitions = _store.Catalog.Get<CustomResourceDefinition>();
        var (items, _) = await _store.Cache.SnapshotAsync(definitions, consistent: false, ct).ConfigureAwait(false);
        var done = true;
        foreach (var stored in items.Values)
        {
            var crd = (CustomResourceDefinition)stored.Object;
            if (crd.Meta.DeletionTimestamp is null || crd.Meta.Finalizers?.Contains(CustomResourceDefinitionStrategy.CleanupFinalizer) != true)
            {
                continue;
            }

            if (await DeleteObjectsAsync(crd, ct).ConfigureAwait(false) > 0)
            {
                done = false;
                continue;
            }

            _logger.LogInformation("custom resources of {Definition} are gone; removing the cleanup finalizer", crd.Meta.Name);
            try
            {
                await _store.UpdateAsync(definitions, null, stored.Name, current =>
                {
                    var obj = current!.Clone<CustomResourceDefinition>();
                    obj.Meta.Finalizers?.Remove(CustomResourceDefinitionStrategy.CleanupFinalizer);
                    return obj;
                }, new WriteOptions(FieldManager: "apiextensions-finalizer"), allowCreate: false, ct).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
            }
        }

        return done;
    }

    /// <summary>Starts the deletion of the definition's objects; returns how many are still there.</summary>
    private async Task<int> DeleteObjectsAsync(CustomResourceDefinition crd, CancellationToken ct)
    {
        var resource = crd.Spec?.Versions?.FirstOrDefault(v => v.Storage == true)?.Name is { } version && crd.Spec.Group is { } group && crd.Spec.Names?.Plural is { } plural
            ? _store.Catalog.Find(group, version, plural)
            : null;
        if (resource is null)
        {
            return 0;
        }

        var (objects, _) = await _store.Cache.SnapshotAsync(resource, consistent: true, ct).ConfigureAwait(false);
        foreach (var item in objects.Values.Where(o => o.Object.Meta.DeletionTimestamp is null))
        {
            try
            {
                await _store.DeleteAsync(resource, item.Namespace, item.Name, new DeleteOptions { PropagationPolicy = "Background" }, ct).ConfigureAwait(false);
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
            }
        }

        return objects.Count;
    }
}
