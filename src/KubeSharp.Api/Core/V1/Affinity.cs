namespace KubeSharp.Api.Core.V1;

/// <summary>Scheduling constraints relative to nodes and to other pods.</summary>
public sealed class Affinity
{
    /// <summary>Which nodes the pod prefers or needs.</summary>
    [Proto(1)] public NodeAffinity? NodeAffinity { get; set; }
    /// <summary>Pods this pod wants to be near.</summary>
    [Proto(2)] public PodAffinity? PodAffinity { get; set; }
    /// <summary>Pods this pod wants to be away from.</summary>
    [Proto(3)] public PodAntiAffinity? PodAntiAffinity { get; set; }
}

/// <summary>Selects nodes; the terms are ORed.</summary>
public sealed class NodeSelector
{
    /// <summary>Terms of which at least one must match.</summary>
    [Proto(1)] public List<NodeSelectorTerm>? NodeSelectorTerms { get; set; }
}

/// <summary>Requirements that must all match (AND).</summary>
public sealed class NodeSelectorTerm
{
    /// <summary>Requirements on node labels.</summary>
    [Proto(1)] public List<NodeSelectorRequirement>? MatchExpressions { get; set; }
    /// <summary>Requirements on node fields (only metadata.name).</summary>
    [Proto(2)] public List<NodeSelectorRequirement>? MatchFields { get; set; }
}

/// <summary>A condition on one node label or field.</summary>
public sealed class NodeSelectorRequirement
{
    /// <summary>Label or field name.</summary>
    [Proto(1)] public string? Key { get; set; }
    /// <summary>In, NotIn, Exists, DoesNotExist, Gt or Lt.</summary>
    [Proto(2)] public string? Operator { get; set; }
    /// <summary>Values for In/NotIn; one integer for Gt/Lt; empty otherwise.</summary>
    [Proto(3)] public List<string>? Values { get; set; }
}

/// <summary>Selects topology domains by label; the requirements are ANDed.</summary>
public sealed class TopologySelectorTerm
{
    /// <summary>Requirements on topology labels.</summary>
    [Proto(1)] public List<TopologySelectorLabelRequirement>? MatchLabelExpressions { get; set; }
}

/// <summary>A topology label and the values it may have.</summary>
public sealed class TopologySelectorLabelRequirement
{
    /// <summary>The label.</summary>
    [Proto(1)] public string? Key { get; set; }
    /// <summary>Allowed values.</summary>
    [Proto(2)] public List<string>? Values { get; set; }
}

/// <summary>Rules to place the pod in the same topology domain as other pods.</summary>
public sealed class PodAffinity
{
    /// <summary>Terms that must all hold when the pod is scheduled.</summary>
    [Proto(1)] public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    /// <summary>Weighted terms the scheduler tries to satisfy.</summary>
    [Proto(2)] public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

/// <summary>Rules to keep the pod out of the topology domains of other pods.</summary>
public sealed class PodAntiAffinity
{
    /// <summary>Terms that must all hold when the pod is scheduled.</summary>
    [Proto(1)] public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    /// <summary>Weighted terms the scheduler tries to satisfy.</summary>
    [Proto(2)] public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

/// <summary>A preferred pod affinity term and its weight.</summary>
public sealed class WeightedPodAffinityTerm
{
    /// <summary>Weight in the range 1-100.</summary>
    [Proto(1)] public int? Weight { get; set; }
    /// <summary>The term.</summary>
    [Proto(2)] public PodAffinityTerm? PodAffinityTerm { get; set; }
}

/// <summary>Pods (selected by labels and namespaces) that must or must not share a topology domain with this pod.</summary>
public sealed class PodAffinityTerm
{
    /// <summary>Labels of the other pods.</summary>
    [Proto(1)] public LabelSelector? LabelSelector { get; set; }
    /// <summary>Namespaces of the other pods; this pod's namespace when this and namespaceSelector are empty.</summary>
    [Proto(2)] public List<string>? Namespaces { get; set; }
    /// <summary>Node label whose value defines the domain, e.g. kubernetes.io/hostname.</summary>
    [Proto(3)] public string? TopologyKey { get; set; }
    /// <summary>Labels of the namespaces of the other pods; {} means all.</summary>
    [Proto(4)] public LabelSelector? NamespaceSelector { get; set; }
    /// <summary>Label keys whose values on this pod are added to labelSelector as In requirements.</summary>
    [Proto(5)] public List<string>? MatchLabelKeys { get; set; }
    /// <summary>Label keys whose values on this pod are added to labelSelector as NotIn requirements.</summary>
    [Proto(6)] public List<string>? MismatchLabelKeys { get; set; }
}

/// <summary>Node constraints of a pod.</summary>
public sealed class NodeAffinity
{
    /// <summary>Nodes the pod may be scheduled on.</summary>
    [Proto(1)] public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }
    /// <summary>Weighted node preferences.</summary>
    [Proto(2)] public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

/// <summary>A preferred node selector term and its weight.</summary>
public sealed class PreferredSchedulingTerm
{
    /// <summary>Weight in the range 1-100.</summary>
    [Proto(1)] public int? Weight { get; set; }
    /// <summary>The node selector term.</summary>
    [Proto(2)] public NodeSelectorTerm? Preference { get; set; }
}
