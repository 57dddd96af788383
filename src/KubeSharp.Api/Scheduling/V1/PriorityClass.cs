namespace KubeSharp.Api.Scheduling.V1;

[KubernetesEntity("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", Namespaced = false, ShortNames = ["pc"])]
public sealed class PriorityClass : KubernetesObject
{
    [Proto(2)] public int? Value { get; set; }
    [Proto(3)] public bool? GlobalDefault { get; set; }
    [Proto(4)] public string? Description { get; set; }
    [Proto(5)] public string? PreemptionPolicy { get; set; }
}
