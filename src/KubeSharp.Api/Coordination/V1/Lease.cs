using System.Text.Json.Serialization;

namespace KubeSharp.Api.Coordination.V1;

/// <summary>A lease, used for leader election and node heartbeats.</summary>
[KubernetesEntity("coordination.k8s.io", "v1", "Lease", "leases")]
public sealed class Lease : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public LeaseSpec? Spec { get; set; }
}

/// <summary>The holder and timing of a lease.</summary>
public sealed class LeaseSpec
{
    /// <summary>Who holds the lease.</summary>
    [Proto(1)] public string? HolderIdentity { get; set; }
    /// <summary>Seconds candidates wait after the last renewal before taking the lease over.</summary>
    [Proto(2)] public int? LeaseDurationSeconds { get; set; }
    /// <summary>When the current holder acquired the lease.</summary>
    [Proto(3), JsonConverter(typeof(MicroTimeConverter))] public DateTimeOffset? AcquireTime { get; set; }
    /// <summary>When the holder last renewed the lease.</summary>
    [Proto(4), JsonConverter(typeof(MicroTimeConverter))] public DateTimeOffset? RenewTime { get; set; }
    /// <summary>How many times the lease changed hands.</summary>
    [Proto(5)] public int? LeaseTransitions { get; set; }
    /// <summary>How candidates are chosen in coordinated leader election.</summary>
    [Proto(6)] public string? Strategy { get; set; }
    /// <summary>A holder coordinated leader election would like to take over.</summary>
    [Proto(7)] public string? PreferredHolder { get; set; }
}
