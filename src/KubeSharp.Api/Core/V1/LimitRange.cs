namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "LimitRange", "limitranges", ShortNames = ["limits"])]
public sealed class LimitRange : KubernetesObject
{
    [Proto(2)] public LimitRangeSpec? Spec { get; set; }
}

public sealed class LimitRangeItem
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public Dictionary<string, Quantity>? Max { get; set; }
    [Proto(3)] public Dictionary<string, Quantity>? Min { get; set; }
    [Proto(4)] public Dictionary<string, Quantity>? Default { get; set; }
    [Proto(5)] public Dictionary<string, Quantity>? DefaultRequest { get; set; }
    [Proto(6)] public Dictionary<string, Quantity>? MaxLimitRequestRatio { get; set; }
}

public sealed class LimitRangeSpec
{
    [Proto(1)] public List<LimitRangeItem>? Limits { get; set; }
}
