using System.Collections.Concurrent;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Storage.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.PersistentVolumes;

/// <summary>
/// The PersistentVolume binder with k3s's local-path provisioner built in. Unbound claims get the
/// default storage class retroactively, then bind to a fitting volume (<see cref="PersistentVolumePlan.Decide"/>);
/// claims of a class provisioned by rancher.io/local-path get a new hostPath volume under
/// <see cref="LocalStoragePath"/> (on the node the scheduler selected, for WaitForFirstConsumer classes).
/// A volume whose claim is deleted is Released (Retain) or deleted with its directory (Delete).
/// Queue keys are "claim:&lt;ns&gt;/&lt;name&gt;" and "volume:&lt;name&gt;".
/// </summary>
internal sealed class PersistentVolumeController
{
    private const string ClaimPrefix = "claim:";
    private const string VolumePrefix = "volume:";

    private readonly KubernetesClient _client;
    private readonly Informer<PersistentVolumeClaim> _claims;
    private readonly Informer<PersistentVolume> _volumes;
    private readonly Informer<StorageClass> _classes;
    private readonly Informer<Node> _nodes;
    private readonly ILogger _logger;
    private readonly EventRecorder _events;
    private readonly WorkQueue<string> _queue = new(RateLimiters.DefaultController<string>());
    /// <summary>Last event reported per claim uid, so a claim that keeps waiting is not reported at every resync.</summary>
    private readonly ConcurrentDictionary<string, string> _reported = new(StringComparer.Ordinal);

    public PersistentVolumeController(KubernetesClient client, SharedInformers informers, ILogger logger)
    {
        _client = client;
        _claims = informers.For<PersistentVolumeClaim>();
        _volumes = informers.For<PersistentVolume>();
        _classes = informers.For<StorageClass>();
        _nodes = informers.For<Node>();
        _logger = logger;
        _events = new EventRecorder(client, "persistentvolume-controller", logger);
        _claims.AddEventHandler(new ResourceEventHandler<PersistentVolumeClaim>
        {
            OnAdd = (c, _) => EnqueueClaim(c),
            OnUpdate = (_, c) => EnqueueClaim(c),
            OnDelete = (c, finalStateUnknown) =>
            {
                _reported.TryRemove(c.Metadata?.Uid ?? "", out _);
                foreach (var v in _volumes.Lister.List(null, v => v.Spec?.ClaimRef?.Uid == c.Metadata?.Uid))
                {
                    EnqueueVolume(v);
                }
            },
        });
        _volumes.AddEventHandler(new ResourceEventHandler<PersistentVolume>
        {
            OnAdd = (v, _) => VolumeChanged(v),
            OnUpdate = (_, v) => VolumeChanged(v),
            OnDelete = (v, _) => VolumeChanged(v),
        });
        // A new (default) class can bind or provision claims that waited for it.
        _classes.AddEventHandler(new ResourceEventHandler<StorageClass>
        {
            OnAdd = (_, _) => EnqueueUnboundClaims(),
            OnUpdate = (_, _) => EnqueueUnboundClaims(),
        });
    }

    /// <summary>Where local-path volumes live on the nodes (k3s: &lt;data-dir&gt;/storage).</summary>
    public string LocalStoragePath { get; init; } = "/var/lib/kubesharp/storage";

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        new ControllerWorker<string>("persistentvolume-binder", _queue, SyncAsync, _logger).RunAsync(workers, cancellationToken);

    private void EnqueueClaim(PersistentVolumeClaim claim) => _queue.Add(ClaimPrefix + ObjectCache<PersistentVolumeClaim>.KeyOf(claim));

    private void EnqueueVolume(PersistentVolume volume) => _queue.Add(VolumePrefix + volume.Metadata?.Name);

    private void VolumeChanged(PersistentVolume volume)
    {
        EnqueueVolume(volume);
        if (volume.Spec?.ClaimRef is { Name: { } name } claimRef)
        {
            _queue.Add(ClaimPrefix + ObjectCache<PersistentVolumeClaim>.KeyOf(claimRef.Namespace, name));
        }
        else
        {
            // A volume became available: claims still waiting may fit it.
            EnqueueUnboundClaims();
        }
    }

    private void EnqueueUnboundClaims()
    {
        foreach (var claim in _claims.Lister.List(null, c => string.IsNullOrEmpty(c.Spec?.VolumeName) || c.Status?.Phase != "Bound"))
        {
            EnqueueClaim(claim);
        }
    }

    private Task SyncAsync(string key, CancellationToken cancellationToken) =>
        key.StartsWith(ClaimPrefix, StringComparison.Ordinal)
            ? SyncClaimAsync(key[ClaimPrefix.Length..], cancellationToken)
            : SyncVolumeAsync(key[VolumePrefix.Length..], cancellationToken);

    private async Task SyncClaimAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<PersistentVolumeClaim>.SplitKey(key);
        var claim = _claims.Lister.Get(name, ns);
        if (claim is null || claim.Metadata?.DeletionTimestamp is not null)
        {
            return;
        }

        if (claim.Status?.Phase == "Bound" && claim.Spec?.VolumeName is { Length: > 0 } boundTo
            && _volumes.Lister.Get(boundTo, null)?.Spec?.ClaimRef?.Uid == claim.Metadata?.Uid)
        {
            return;
        }

        var classes = _classes.Lister.List();
        if (PersistentVolumePlan.RetroactiveClass(claim, classes) is { } defaultClass)
        {
            var updated = ObjectCopy.Clone(claim);
            updated.Spec!.StorageClassName = defaultClass;
            await _client.UpdateAsync(updated, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        var className = PersistentVolumePlan.ClassOf(claim);
        var storageClass = className.Length == 0 ? null : classes.FirstOrDefault(c => c.Metadata?.Name == className);
        var selectedNodeName = claim.Metadata?.Annotations?.GetValueOrDefault(PersistentVolumePlan.SelectedNodeAnnotation);
        var selectedNode = string.IsNullOrEmpty(selectedNodeName) ? null : _nodes.Lister.Get(selectedNodeName, null);
        var decision = PersistentVolumePlan.Decide(claim, _volumes.Lister.List(), storageClass, selectedNode);
        switch (decision.Action)
        {
            case ClaimAction.Bind:
                await BindAsync(claim, decision.Volume!, cancellationToken).ConfigureAwait(false);
                break;
            case ClaimAction.ProvisionLocalPath:
                await ProvisionAsync(claim, storageClass!, selectedNodeName, cancellationToken).ConfigureAwait(false);
                break;
            case ClaimAction.WaitForExternalProvisioner:
                await AnnotateProvisionerAsync(claim, storageClass!.Provisioner ?? "", cancellationToken).ConfigureAwait(false);
                await ReportAsync(claim, "Normal", decision, cancellationToken).ConfigureAwait(false);
                break;
            case ClaimAction.WaitForConsumer:
                await ReportAsync(claim, "Normal", decision, cancellationToken).ConfigureAwait(false);
                break;
            case ClaimAction.Fail:
                await ReportAsync(claim, "Warning", decision, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task ReportAsync(PersistentVolumeClaim claim, string type, ClaimDecision decision, CancellationToken cancellationToken)
    {
        var what = decision.Reason + ":" + decision.Message;
        var uid = claim.Metadata?.Uid ?? "";
        if (_reported.TryGetValue(uid, out var last) && last == what)
        {
            return;
        }

        _reported[uid] = what;
        await _events.RecordAsync(claim, "v1", "PersistentVolumeClaim", type, decision.Reason!, decision.Message!, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Binds in upstream's order: volume claimRef, volume phase, claim volumeName, claim status.</summary>
    private async Task BindAsync(PersistentVolumeClaim claim, PersistentVolume volume, CancellationToken cancellationToken)
    {
        var boundVolume = PersistentVolumePlan.BoundVolume(volume, claim);
        if (volume.Spec?.ClaimRef?.Uid != claim.Metadata?.Uid
            || KubeJson.Serialize(volume.Metadata?.Annotations) != KubeJson.Serialize(boundVolume.Metadata?.Annotations))
        {
            volume = await _client.UpdateAsync(boundVolume, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (volume.Status?.Phase != "Bound")
        {
            var withPhase = ObjectCopy.Clone(volume);
            (withPhase.Status ??= new PersistentVolumeStatus()).Phase = "Bound";
            withPhase.Status.LastPhaseTransitionTime = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            volume = await _client.UpdateStatusAsync(withPhase, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var boundClaim = PersistentVolumePlan.BoundClaim(claim, volume);
        var updated = await _client.UpdateAsync(boundClaim, cancellationToken: cancellationToken).ConfigureAwait(false);
        updated.Status = boundClaim.Status;
        await _client.UpdateStatusAsync(updated, cancellationToken: cancellationToken).ConfigureAwait(false);
        _reported.TryRemove(claim.Metadata?.Uid ?? "", out _);
        _logger.LogInformation("bound claim {Namespace}/{Claim} to volume {Volume}", claim.Metadata?.Namespace, claim.Metadata?.Name, volume.Metadata?.Name);
    }

    private async Task ProvisionAsync(PersistentVolumeClaim claim, StorageClass storageClass, string? node, CancellationToken cancellationToken)
    {
        await AnnotateProvisionerAsync(claim, PersistentVolumePlan.LocalPathProvisioner, cancellationToken).ConfigureAwait(false);
        var volume = PersistentVolumePlan.LocalPathVolume(claim, storageClass, LocalStoragePath, node);
        await _events.RecordAsync(claim, "v1", "PersistentVolumeClaim", "Normal", "Provisioning",
            $"External provisioner is provisioning volume for claim \"{claim.Metadata?.Namespace}/{claim.Metadata?.Name}\"", cancellationToken).ConfigureAwait(false);
        try
        {
            await _client.CreateAsync(volume, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            return;
        }

        await _events.RecordAsync(claim, "v1", "PersistentVolumeClaim", "Normal", "ProvisioningSucceeded",
            $"Successfully provisioned volume {volume.Metadata!.Name}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Names the provisioner on the claim (both annotations), as upstream does before provisioning.</summary>
    private async Task AnnotateProvisionerAsync(PersistentVolumeClaim claim, string provisioner, CancellationToken cancellationToken)
    {
        if (claim.Metadata?.Annotations?.GetValueOrDefault(PersistentVolumePlan.StorageProvisionerAnnotation) == provisioner)
        {
            return;
        }

        var patch = KubeJson.Serialize(new
        {
            metadata = new
            {
                annotations = new Dictionary<string, string>
                {
                    [PersistentVolumePlan.StorageProvisionerAnnotation] = provisioner,
                    [PersistentVolumePlan.BetaStorageProvisionerAnnotation] = provisioner,
                },
            },
        });
        await _client.PatchAsync<PersistentVolumeClaim>(claim.Metadata!.Name!, new Patch(PatchType.Merge, patch), claim.Metadata.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private async Task SyncVolumeAsync(string name, CancellationToken cancellationToken)
    {
        var volume = _volumes.Lister.Get(name, null);
        if (volume is null || volume.Metadata?.DeletionTimestamp is not null)
        {
            return;
        }

        var claimRef = volume.Spec?.ClaimRef;
        var claim = claimRef?.Name is { } claimName ? _claims.Lister.Get(claimName, claimRef.Namespace) : null;
        var release = PersistentVolumePlan.Release(volume, claim);
        if (release != ReleaseAction.None)
        {
            // The cache may lag behind a claim just created: ask the server before giving the volume up.
            claim = await _client.TryGetAsync<PersistentVolumeClaim>(claimRef!.Name!, claimRef.Namespace, cancellationToken).ConfigureAwait(false);
            release = PersistentVolumePlan.Release(volume, claim);
        }

        switch (release)
        {
            case ReleaseAction.Delete:
                await DeleteVolumeAsync(volume, cancellationToken).ConfigureAwait(false);
                return;
            case ReleaseAction.MarkReleased:
                await SetPhaseAsync(volume, "Released", cancellationToken).ConfigureAwait(false);
                return;
        }

        if (PersistentVolumePlan.ExpectedPhase(volume, claim) is { } phase && phase != volume.Status?.Phase)
        {
            await SetPhaseAsync(volume, phase, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SetPhaseAsync(PersistentVolume volume, string phase, CancellationToken cancellationToken)
    {
        var updated = ObjectCopy.Clone(volume);
        var status = updated.Status ??= new PersistentVolumeStatus();
        status.Phase = phase;
        status.LastPhaseTransitionTime = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await _client.UpdateStatusAsync(updated, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes a released volume whose policy is Delete. A local-path volume's directory is removed first
    /// when it is on this machine (k3s runs a helper pod on the volume's node instead).
    /// </summary>
    private async Task DeleteVolumeAsync(PersistentVolume volume, CancellationToken cancellationToken)
    {
        if (volume.Metadata?.Annotations?.GetValueOrDefault(PersistentVolumePlan.ProvisionedByAnnotation) == PersistentVolumePlan.LocalPathProvisioner
            && volume.Spec?.HostPath?.Path is { } path
            && Path.GetFullPath(path).StartsWith(Path.GetFullPath(LocalStoragePath) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && Directory.Exists(path))
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _logger.LogWarning("could not remove the directory {Path} of volume {Volume}: {Message}", path, volume.Metadata?.Name, e.Message);
            }
        }

        try
        {
            await _client.DeleteAsync<PersistentVolume>(volume.Metadata!.Name!, options: new DeleteOptions { Preconditions = new Preconditions { Uid = volume.Metadata.Uid } }, cancellationToken: cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("deleted volume {Volume} released by its claim", volume.Metadata.Name);
        }
        catch (KubernetesApiException e) when (e.IsNotFound || e.IsConflict)
        {
        }
    }
}
