using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Selectors;
using KubeSharp.Api.Storage.V1;
using KubeSharp.Scheduler;

namespace KubeSharp.Controllers.PersistentVolumes;

/// <summary>What the binder does about one unbound claim.</summary>
internal enum ClaimAction
{
    /// <summary>Bind to <see cref="ClaimDecision.Volume"/>.</summary>
    Bind,
    /// <summary>Wait for a pod to use the claim (WaitForFirstConsumer, no node selected yet).</summary>
    WaitForConsumer,
    /// <summary>Create a volume with the local-path provisioner.</summary>
    ProvisionLocalPath,
    /// <summary>Leave it to an external provisioner (or an administrator) named by the class.</summary>
    WaitForExternalProvisioner,
    /// <summary>Nothing can give it a volume; stays Pending with a warning.</summary>
    Fail,
}

/// <summary>The binder's decision for an unbound claim, with the event it reports (reason and message).</summary>
internal sealed record ClaimDecision(ClaimAction Action, PersistentVolume? Volume = null, string? Reason = null, string? Message = null);

/// <summary>What happens to a volume whose claim is gone.</summary>
internal enum ReleaseAction
{
    None,
    /// <summary>Phase Released; the volume keeps its data and its claimRef until an administrator acts.</summary>
    MarkReleased,
    /// <summary>Delete the volume (and, for local-path volumes, its directory).</summary>
    Delete,
}

/// <summary>
/// The PersistentVolume controller's decisions as pure functions (facts from upstream
/// pkg/controller/volume/persistentvolume): which volume an unbound claim gets, what a claim's
/// storage class means when none fits, what the binding writes, and what a volume's reclaim policy
/// does once its claim is deleted.
/// </summary>
internal static class PersistentVolumePlan
{
    public const string BindCompletedAnnotation = "pv.kubernetes.io/bind-completed";
    public const string BoundByControllerAnnotation = "pv.kubernetes.io/bound-by-controller";
    public const string ProvisionedByAnnotation = "pv.kubernetes.io/provisioned-by";
    public const string SelectedNodeAnnotation = "volume.kubernetes.io/selected-node";
    public const string StorageProvisionerAnnotation = "volume.kubernetes.io/storage-provisioner";
    public const string BetaStorageProvisionerAnnotation = "volume.beta.kubernetes.io/storage-provisioner";
    public const string BetaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class";
    public const string DefaultClassAnnotation = "storageclass.kubernetes.io/is-default-class";
    public const string BetaDefaultClassAnnotation = "storageclass.beta.kubernetes.io/is-default-class";
    public const string LocalPathProvisioner = "rancher.io/local-path";
    public const string WaitForFirstConsumer = "WaitForFirstConsumer";
    public const string HostnameLabel = "kubernetes.io/hostname";

    /// <summary>The claim's class: spec.storageClassName, else the beta annotation, else "" (no class).</summary>
    public static string ClassOf(PersistentVolumeClaim claim) =>
        claim.Spec?.StorageClassName
        ?? (claim.Metadata?.Annotations?.TryGetValue(BetaStorageClassAnnotation, out var beta) == true ? beta : "");

    public static string ClassOf(PersistentVolume volume) => volume.Spec?.StorageClassName ?? "";

    /// <summary>Whether the class is marked default (either annotation, value "true").</summary>
    public static bool IsDefaultClass(StorageClass storageClass) =>
        storageClass.Metadata?.Annotations is { } a
        && ((a.TryGetValue(DefaultClassAnnotation, out var v) && v == "true") || (a.TryGetValue(BetaDefaultClassAnnotation, out var b) && b == "true"));

    /// <summary>
    /// The default class, as upstream's DefaultStorageClass admission picks it: among the classes marked
    /// default the newest (then the name first in order); null if none is marked.
    /// </summary>
    public static StorageClass? DefaultClass(IEnumerable<StorageClass> classes) =>
        classes.Where(IsDefaultClass)
            .OrderByDescending(c => c.Metadata?.CreationTimestamp ?? DateTimeOffset.MinValue)
            .ThenBy(c => c.Metadata?.Name, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>
    /// Retroactive default class: an unbound claim created without any class (storageClassName unset,
    /// not "") gets the default class once one exists.
    /// </summary>
    public static string? RetroactiveClass(PersistentVolumeClaim claim, IEnumerable<StorageClass> classes) =>
        claim.Spec?.StorageClassName is null
        && string.IsNullOrEmpty(claim.Spec?.VolumeName)
        && claim.Metadata?.Annotations?.ContainsKey(BetaStorageClassAnnotation) != true
            ? DefaultClass(classes)?.Metadata?.Name
            : null;

    /// <summary>The requested size (spec.resources.requests.storage), 0 if absent.</summary>
    public static decimal Request(PersistentVolumeClaim claim) =>
        claim.Spec?.Resources?.Requests?.TryGetValue("storage", out var q) == true ? q.Value : 0;

    public static decimal Capacity(PersistentVolume volume) =>
        volume.Spec?.Capacity?.TryGetValue("storage", out var q) == true ? q.Value : 0;

    /// <summary>Whether the volume's claimRef names this claim (same namespace and name, and same uid if it has one).</summary>
    public static bool IsPreBoundTo(PersistentVolume volume, PersistentVolumeClaim claim) =>
        volume.Spec?.ClaimRef is { } r
        && r.Name == claim.Metadata?.Name
        && r.Namespace == claim.Metadata?.Namespace
        && (string.IsNullOrEmpty(r.Uid) || r.Uid == claim.Metadata?.Uid);

    /// <summary>
    /// Whether the volume can serve the claim: same class and volume mode, every requested access mode
    /// offered, enough capacity, labels matching the claim's selector, and (given a node) node affinity
    /// admitting that node.
    /// </summary>
    public static bool Fits(PersistentVolume volume, PersistentVolumeClaim claim, Node? node)
    {
        var spec = volume.Spec;
        if (spec is null || volume.Metadata?.DeletionTimestamp is not null)
        {
            return false;
        }

        return ClassOf(volume) == ClassOf(claim)
            && (spec.VolumeMode ?? "Filesystem") == (claim.Spec?.VolumeMode ?? "Filesystem")
            && (claim.Spec?.AccessModes ?? []).All(m => spec.AccessModes?.Contains(m) == true)
            && Capacity(volume) >= Request(claim)
            && (claim.Spec?.Selector is not { } selector || LabelQuery.FromObject(selector).Matches(volume.Metadata?.Labels))
            && (node is null || spec.NodeAffinity?.Required is not { } required || NodeFilters.MatchesNodeSelector(required, node));
    }

    /// <summary>
    /// The volume the claim should bind to: a volume pre-bound to it (or named by its spec.volumeName)
    /// first, else the smallest fitting Available volume with no claimRef. Claims that wait for a consumer
    /// are matched only against volumes admitting the selected node, and not at all before one is selected.
    /// </summary>
    public static PersistentVolume? BestMatch(PersistentVolumeClaim claim, IEnumerable<PersistentVolume> volumes, bool delayBinding, Node? selectedNode)
    {
        var candidates = volumes.ToList();
        if (claim.Spec?.VolumeName is { Length: > 0 } wanted)
        {
            var named = candidates.FirstOrDefault(v => v.Metadata?.Name == wanted);
            return named is not null && (named.Spec?.ClaimRef is null || IsPreBoundTo(named, claim)) ? named : null;
        }

        var preBound = candidates.FirstOrDefault(v => IsPreBoundTo(v, claim) && Fits(v, claim, null));
        if (preBound is not null)
        {
            return preBound;
        }

        if (delayBinding && selectedNode is null)
        {
            return null;
        }

        return candidates
            .Where(v => v.Spec?.ClaimRef is null && v.Status?.Phase is null or "" or "Pending" or "Available")
            .Where(v => Fits(v, claim, delayBinding ? selectedNode : null))
            .OrderBy(Capacity)
            .ThenBy(v => v.Metadata?.Name, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>What to do with an unbound claim, given the volumes and the claim's storage class.</summary>
    public static ClaimDecision Decide(PersistentVolumeClaim claim, IEnumerable<PersistentVolume> volumes, StorageClass? storageClass, Node? selectedNode)
    {
        var className = ClassOf(claim);
        var delay = storageClass?.VolumeBindingMode == WaitForFirstConsumer;
        var hasSelectedNode = claim.Metadata?.Annotations?.ContainsKey(SelectedNodeAnnotation) == true;
        if (BestMatch(claim, volumes, delay, selectedNode) is { } volume)
        {
            return new ClaimDecision(ClaimAction.Bind, volume);
        }

        if (!string.IsNullOrEmpty(claim.Spec?.VolumeName))
        {
            return new ClaimDecision(ClaimAction.Fail, Reason: "FailedBinding", Message: "volume \"" + claim.Spec.VolumeName + "\" already bound to a different claim.");
        }

        if (delay && !hasSelectedNode)
        {
            return new ClaimDecision(ClaimAction.WaitForConsumer, Reason: "WaitForFirstConsumer", Message: "waiting for first consumer to be created before binding");
        }

        if (className.Length == 0)
        {
            return new ClaimDecision(ClaimAction.Fail, Reason: "FailedBinding", Message: "no persistent volumes available for this claim and no storage class is set");
        }

        if (storageClass is null)
        {
            return new ClaimDecision(ClaimAction.Fail, Reason: "ProvisioningFailed", Message: $"storageclass.storage.k8s.io \"{className}\" not found");
        }

        if (storageClass.Provisioner == LocalPathProvisioner)
        {
            return new ClaimDecision(ClaimAction.ProvisionLocalPath);
        }

        return new ClaimDecision(
            ClaimAction.WaitForExternalProvisioner,
            Reason: "ExternalProvisioning",
            Message: $"Waiting for a volume to be created either by the external provisioner '{storageClass.Provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.");
    }

    /// <summary>
    /// The volume after binding to the claim: claimRef with the claim's uid (and bound-by-controller when
    /// this binding set the claimRef), phase Bound.
    /// </summary>
    public static PersistentVolume BoundVolume(PersistentVolume volume, PersistentVolumeClaim claim)
    {
        var bound = ObjectCopy.Clone(volume);
        var spec = bound.Spec ??= new PersistentVolumeSpec();
        if (spec.ClaimRef is null)
        {
            (bound.Metadata!.Annotations ??= [])[BoundByControllerAnnotation] = "yes";
        }

        spec.ClaimRef = new ObjectReference
        {
            Kind = "PersistentVolumeClaim",
            ApiVersion = "v1",
            Namespace = claim.Metadata?.Namespace,
            Name = claim.Metadata?.Name,
            Uid = claim.Metadata?.Uid,
            ResourceVersion = claim.Metadata?.ResourceVersion,
        };
        return bound;
    }

    /// <summary>
    /// The claim after binding to the volume: spec.volumeName (bound-by-controller when this binding set
    /// it), bind-completed, and status Bound with the volume's access modes and capacity.
    /// </summary>
    public static PersistentVolumeClaim BoundClaim(PersistentVolumeClaim claim, PersistentVolume volume)
    {
        var bound = ObjectCopy.Clone(claim);
        var spec = bound.Spec ??= new PersistentVolumeClaimSpec();
        var annotations = bound.Metadata!.Annotations ??= [];
        if (string.IsNullOrEmpty(spec.VolumeName))
        {
            annotations[BoundByControllerAnnotation] = "yes";
            spec.VolumeName = volume.Metadata?.Name;
        }

        annotations[BindCompletedAnnotation] = "yes";
        var status = bound.Status ??= new PersistentVolumeClaimStatus();
        status.Phase = "Bound";
        status.AccessModes = volume.Spec?.AccessModes is { } modes ? [.. modes] : null;
        status.Capacity = volume.Spec?.Capacity is { } capacity ? new Dictionary<string, Quantity>(capacity) : null;
        return bound;
    }

    /// <summary>
    /// Reclaim for a volume whose claimRef carries a uid no live claim has: Retain (and Recycle, not
    /// supported here) → Released; Delete → deleted. Volumes already Released or Failed are left alone.
    /// </summary>
    public static ReleaseAction Release(PersistentVolume volume, PersistentVolumeClaim? claim)
    {
        if (volume.Spec?.ClaimRef is not { Uid: { Length: > 0 } uid } || volume.Metadata?.DeletionTimestamp is not null)
        {
            return ReleaseAction.None;
        }

        if (claim is not null && claim.Metadata?.Uid == uid)
        {
            return ReleaseAction.None;
        }

        return volume.Spec.PersistentVolumeReclaimPolicy switch
        {
            "Delete" => ReleaseAction.Delete,
            _ when volume.Status?.Phase is "Released" or "Failed" => ReleaseAction.None,
            _ => ReleaseAction.MarkReleased,
        };
    }

    /// <summary>The phase a volume should show: Bound with a live claim bound to it, Available without a claim uid; null: leave it.</summary>
    public static string? ExpectedPhase(PersistentVolume volume, PersistentVolumeClaim? claim)
    {
        if (volume.Spec?.ClaimRef is not { Uid: { Length: > 0 } uid })
        {
            // Also a Released volume whose claimRef an administrator removed: it can be claimed again.
            return "Available";
        }

        return claim?.Metadata?.Uid == uid && claim.Spec?.VolumeName == volume.Metadata?.Name ? "Bound" : null;
    }

    /// <summary>Directory of a local-path volume, as k3s's provisioner names it: &lt;storage&gt;/pvc-&lt;uid&gt;_&lt;ns&gt;_&lt;name&gt;.</summary>
    public static string LocalPathDirectory(string storagePath, PersistentVolumeClaim claim) =>
        Path.Combine(storagePath, $"pvc-{claim.Metadata?.Uid}_{claim.Metadata?.Namespace}_{claim.Metadata?.Name}");

    /// <summary>
    /// The volume the local-path provisioner creates for a claim: named pvc-&lt;claim uid&gt;, pre-bound to
    /// the claim, capacity = request, hostPath DirectoryOrCreate, pinned to the selected node, reclaim
    /// policy from the class (Delete by default).
    /// </summary>
    public static PersistentVolume LocalPathVolume(PersistentVolumeClaim claim, StorageClass storageClass, string storagePath, string? node)
    {
        var request = claim.Spec?.Resources?.Requests?.TryGetValue("storage", out var q) == true ? q : new Quantity(0);
        var volume = new PersistentVolume
        {
            ApiVersion = "v1",
            Kind = "PersistentVolume",
            Metadata = new ObjectMeta
            {
                Name = "pvc-" + claim.Metadata?.Uid,
                Annotations = new Dictionary<string, string> { [ProvisionedByAnnotation] = LocalPathProvisioner },
            },
            Spec = new PersistentVolumeSpec
            {
                Capacity = new Dictionary<string, Quantity> { ["storage"] = request },
                AccessModes = claim.Spec?.AccessModes is { } modes ? [.. modes] : ["ReadWriteOnce"],
                PersistentVolumeReclaimPolicy = storageClass.ReclaimPolicy ?? "Delete",
                StorageClassName = storageClass.Metadata?.Name,
                VolumeMode = claim.Spec?.VolumeMode ?? "Filesystem",
                HostPath = new HostPathVolumeSource { Path = LocalPathDirectory(storagePath, claim), Type = "DirectoryOrCreate" },
                ClaimRef = new ObjectReference
                {
                    Kind = "PersistentVolumeClaim",
                    ApiVersion = "v1",
                    Namespace = claim.Metadata?.Namespace,
                    Name = claim.Metadata?.Name,
                    Uid = claim.Metadata?.Uid,
                    ResourceVersion = claim.Metadata?.ResourceVersion,
                },
            },
        };
        if (!string.IsNullOrEmpty(node))
        {
            volume.Spec.NodeAffinity = new VolumeNodeAffinity
            {
                Required = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = HostnameLabel, Operator = "In", Values = [node] }] }],
                },
            };
        }

        return volume;
    }
}
