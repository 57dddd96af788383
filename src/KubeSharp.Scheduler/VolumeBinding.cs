using KubeSharp.Api.Core.V1;

namespace KubeSharp.Scheduler;

/// <summary>
/// VolumeBinding and VolumeZone: the pod may only go where every bound volume's spec.nodeAffinity
/// and zone/region labels admit the node. An unbound claim whose storage class binds
/// WaitForFirstConsumer does not restrict the node: once the pod is placed, the scheduler names the
/// node on the claim (<see cref="SelectedNodeAnnotation"/>) and the controller manager's binder or
/// provisioner gives it a volume there. Any other unbound claim, or a missing one, makes the pod
/// unschedulable with upstream's message.
/// </summary>
internal sealed class VolumeState
{
    public const string UnboundClaims = "pod has unbound immediate PersistentVolumeClaims";
    public const string NodeAffinityConflict = "node(s) had volume node affinity conflict";
    public const string ZoneConflict = "node(s) had no available volume zone";
    public const string MissingVolume = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";
    public const string SelectedNodeAnnotation = "volume.kubernetes.io/selected-node";
    public const string WaitForFirstConsumer = "WaitForFirstConsumer";

    private static readonly string[] ZoneLabels =
    [
        "topology.kubernetes.io/zone", "topology.kubernetes.io/region",
        "failure-domain.beta.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/region",
    ];

    private readonly List<PersistentVolume> _volumes;
    private readonly bool _missingVolume;

    private VolumeState(List<PersistentVolume> volumes, bool missingVolume)
    {
        _volumes = volumes;
        _missingVolume = missingVolume;
    }

    /// <summary>The bound volumes of the pod's claims, or the pre-filter message that rules out every node.</summary>
    public static (VolumeState? State, string? Failure) Compute(Pod pod, ClusterObjects cluster)
    {
        var ns = pod.Metadata?.Namespace ?? "";
        var volumes = new List<PersistentVolume>();
        var missing = false;
        var unbound = false;
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            var claimName = volume.PersistentVolumeClaim?.ClaimName;
            if (string.IsNullOrEmpty(claimName))
            {
                continue;
            }

            var claim = cluster.Claim(ns, claimName);
            if (claim is null)
            {
                return (null, $"persistentvolumeclaim \"{claimName}\" not found");
            }

            if (claim.Metadata?.DeletionTimestamp is not null)
            {
                return (null, $"persistentvolumeclaim \"{claimName}\" is being deleted");
            }

            if (string.IsNullOrEmpty(claim.Spec?.VolumeName))
            {
                unbound |= !WaitsForFirstConsumer(claim, cluster);
                continue;
            }

            if (cluster.Volume(claim.Spec.VolumeName) is { } pv)
            {
                volumes.Add(pv);
            }
            else
            {
                missing = true;
            }
        }

        if (unbound)
        {
            return (null, UnboundClaims);
        }

        return volumes.Count == 0 && !missing ? (null, null) : (new VolumeState(volumes, missing), null);
    }

    /// <summary>
    /// The pod's unbound claims whose binding waits for a consumer and that do not yet name a node:
    /// the ones to annotate with the chosen node before the pod is bound.
    /// </summary>
    public static IReadOnlyList<PersistentVolumeClaim> ClaimsAwaitingNode(Pod pod, ClusterObjects cluster)
    {
        var ns = pod.Metadata?.Namespace ?? "";
        var claims = new List<PersistentVolumeClaim>();
        foreach (var claimName in (pod.Spec?.Volumes ?? []).Select(v => v.PersistentVolumeClaim?.ClaimName).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (cluster.Claim(ns, claimName) is { } claim
                && string.IsNullOrEmpty(claim.Spec?.VolumeName)
                && claim.Metadata?.Annotations?.ContainsKey(SelectedNodeAnnotation) != true
                && WaitsForFirstConsumer(claim, cluster))
            {
                claims.Add(claim);
            }
        }

        return claims;
    }

    /// <summary>Whether the claim's storage class (spec.storageClassName, else the beta annotation) delays binding until a pod uses it.</summary>
    private static bool WaitsForFirstConsumer(PersistentVolumeClaim claim, ClusterObjects cluster)
    {
        var className = claim.Spec?.StorageClassName;
        if (className is null && claim.Metadata?.Annotations?.TryGetValue("volume.beta.kubernetes.io/storage-class", out var beta) == true)
        {
            className = beta;
        }

        return !string.IsNullOrEmpty(className) && cluster.StorageClass(className)?.VolumeBindingMode == WaitForFirstConsumer;
    }

    public string? Filter(NodeInfo node)
    {
        if (_missingVolume)
        {
            return MissingVolume;
        }

        var n = node.Node!;
        foreach (var pv in _volumes)
        {
            if (pv.Spec?.NodeAffinity?.Required is { } required && !NodeFilters.MatchesNodeSelector(required, n))
            {
                return NodeAffinityConflict;
            }

            foreach (var key in ZoneLabels)
            {
                if (pv.Metadata?.Labels?.TryGetValue(key, out var wanted) == true)
                {
                    // A volume label may list several zones separated by "__".
                    var allowed = wanted.Split("__");
                    if (!node.Labels.TryGetValue(key, out var actual) || !allowed.Contains(actual))
                    {
                        return ZoneConflict;
                    }
                }
            }
        }

        return null;
    }
}
