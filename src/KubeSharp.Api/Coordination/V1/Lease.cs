using System.Text.Json.Serialization;

namespace KubeSharp.Api.Coordination.V1;

[KubernetesEntity("coordination.k8s.io", "v1", "Lease", "leases")]
public sealed class Lease : KubernetesObject
{
    [Proto(2)] public LeaseSpec? Spec { get; set; }
}

public sealed class LeaseSpec
{
    [Proto(1)] public string? HolderIdentity { get; set; }
    [Proto(2)] public int? LeaseDurationSeconds { get; set; }
    [Proto(3), JsonConverter(typeof(MicroTimeConverter))] public DateTimeOffset? AcquireTime { get; set; }
    [Proto(4), JsonConverter(typeof(MicroTimeConverter))] public DateTimeOffset? RenewTime { get; set; }
    [Proto(5)] public int? LeaseTransitions { get; set; }
    [Proto(6)] public string? Strategy { get; set; }
    [Proto(7)] public string? PreferredHolder { get; set; }
}
