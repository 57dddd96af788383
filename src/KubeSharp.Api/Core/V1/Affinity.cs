namespace KubeSharp.Api.Core.V1;

public sealed class Affinity
{
    [Proto(1)] public NodeAffinity? NodeAffinity { get; set; }
    [Proto(2)] public PodAffinity? PodAffinity { get; set; }
    [Proto(3)] public PodAntiAffinity? PodAntiAffinity { get; set; }
}

public sealed class NodeSelector
{
    [Proto(1)] public List<NodeSelectorTerm>? NodeSelectorTerms { get; set; }
}

public sealed class NodeSelectorTerm
{
    [Proto(1)] public List<NodeSelectorRequirement>? MatchExpressions { get; set; }
    [Proto(2)] public List<NodeSelectorRequirement>? MatchFields { get; set; }
}

public sealed class NodeSelectorRequirement
{
    [Proto(1)] public string? Key { get; set; }
    [Proto(2)] public string? Operator { get; set; }
    [Proto(3)] public List<string>? Values { get; set; }
}

public sealed class TopologySelectorTerm
{
    [Proto(1)] public List<TopologySelectorLabelRequirement>? MatchLabelExpressions { get; set; }
}

public sealed class TopologySelectorLabelRequirement
{
    [Proto(1)] public string? Key { get; set; }
    [Proto(2)] public List<string>? Values { get; set; }
}

public sealed class PodAffinity
{
    [Proto(1)] public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    [Proto(2)] public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

public sealed class PodAntiAffinity
{
    [Proto(1)] public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    [Proto(2)] public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

public sealed class WeightedPodAffinityTerm
{
    [Proto(1)] public int? Weight { get; set; }
    [Proto(2)] public PodAffinityTerm? PodAffinityTerm { get; set; }
}

public sealed class PodAffinityTerm
{
    [Proto(1)] public LabelSelector? LabelSelector { get; set; }
    [Proto(2)] public List<string>? Namespaces { get; set; }
    [Proto(3)] public string? TopologyKey { get; set; }
    [Proto(4)] public LabelSelector? NamespaceSelector { get; set; }
    [Proto(5)] public List<string>? MatchLabelKeys { get; set; }
    [Proto(6)] public List<string>? MismatchLabelKeys { get; set; }
}

public sealed class NodeAffinity
{
    [Proto(1)] public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    [Proto(2)] public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

public sealed class PreferredSchedulingTerm
{
    [Proto(1)] public int? Weight { get; set; }
    [Proto(2)] public NodeSelectorTerm? Preference { get; set; }
}
