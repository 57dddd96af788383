namespace KubeSharp.Api.Core.V1;

public sealed class PodSpec
{
    [Proto(1), PatchMerge("name"), PatchRetainKeys] public List<Volume>? Volumes { get; set; }
    [Proto(20), PatchMerge("name")] public List<Container>? InitContainers { get; set; }
    [Proto(2), PatchMerge("name")] public List<Container>? Containers { get; set; }
    [Proto(34), PatchMerge("name")] public List<EphemeralContainer>? EphemeralContainers { get; set; }
    [Proto(3)] public string? RestartPolicy { get; set; }
    [Proto(4)] public long? TerminationGracePeriodSeconds { get; set; }
    [Proto(5)] public long? ActiveDeadlineSeconds { get; set; }
    [Proto(6)] public string? DnsPolicy { get; set; }
    [Proto(7)] public Dictionary<string, string>? NodeSelector { get; set; }
    [Proto(8)] public string? ServiceAccountName { get; set; }
    [Proto(9)] public string? ServiceAccount { get; set; }
    [Proto(21)] public bool? AutomountServiceAccountToken { get; set; }
    [Proto(10)] public string? NodeName { get; set; }
    [Proto(11)] public bool? HostNetwork { get; set; }
    [Proto(12)] public bool? HostPID { get; set; }
    [Proto(13)] public bool? HostIPC { get; set; }
    [Proto(27)] public bool? ShareProcessNamespace { get; set; }
    [Proto(14)] public PodSecurityContext? SecurityContext { get; set; }
    [Proto(15), PatchMerge("name")] public List<LocalObjectReference>? ImagePullSecrets { get; set; }
    [Proto(16)] public string? Hostname { get; set; }
    [Proto(17)] public string? Subdomain { get; set; }
    [Proto(18)] public Affinity? Affinity { get; set; }
    [Proto(19)] public string? SchedulerName { get; set; }
    [Proto(22)] public List<Toleration>? Tolerations { get; set; }
    [Proto(23), PatchMerge("ip")] public List<HostAlias>? HostAliases { get; set; }
    [Proto(24)] public string? PriorityClassName { get; set; }
    [Proto(25)] public int? Priority { get; set; }
    [Proto(26)] public PodDNSConfig? DnsConfig { get; set; }
    [Proto(28)] public List<PodReadinessGate>? ReadinessGates { get; set; }
    [Proto(29)] public string? RuntimeClassName { get; set; }
    [Proto(30)] public bool? EnableServiceLinks { get; set; }
    [Proto(31)] public string? PreemptionPolicy { get; set; }
    [Proto(32)] public Dictionary<string, Quantity>? Overhead { get; set; }
    [Proto(33), PatchMerge("topologyKey")] public List<TopologySpreadConstraint>? TopologySpreadConstraints { get; set; }
    [Proto(35)] public bool? SetHostnameAsFQDN { get; set; }
    [Proto(36)] public PodOS? Os { get; set; }
    [Proto(37)] public bool? HostUsers { get; set; }
    [Proto(38), PatchMerge("name")] public List<PodSchedulingGate>? SchedulingGates { get; set; }
    [Proto(39), PatchMerge("name"), PatchRetainKeys] public List<PodResourceClaim>? ResourceClaims { get; set; }
    [Proto(40)] public ResourceRequirements? Resources { get; set; }
}

public sealed class Toleration
{
    [Proto(1)] public string? Key { get; set; }
    [Proto(2)] public string? Operator { get; set; }
    [Proto(3)] public string? Value { get; set; }
    [Proto(4)] public string? Effect { get; set; }
    [Proto(5)] public long? TolerationSeconds { get; set; }
}

public sealed class PodReadinessGate
{
    [Proto(1)] public string? ConditionType { get; set; }
}

public sealed class PodResourceClaim
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(3)] public string? ResourceClaimName { get; set; }
    [Proto(4)] public string? ResourceClaimTemplateName { get; set; }
}

public sealed class PodOS
{
    [Proto(1)] public string? Name { get; set; }
}

public sealed class PodSchedulingGate
{
    [Proto(1)] public string? Name { get; set; }
}

public sealed class TopologySpreadConstraint
{
    [Proto(1)] public int? MaxSkew { get; set; }
    [Proto(2)] public string? TopologyKey { get; set; }
    [Proto(3)] public string? WhenUnsatisfiable { get; set; }
    [Proto(4)] public LabelSelector? LabelSelector { get; set; }
    [Proto(5)] public int? MinDomains { get; set; }
    [Proto(6)] public string? NodeAffinityPolicy { get; set; }
    [Proto(7)] public string? NodeTaintsPolicy { get; set; }
    [Proto(8)] public List<string>? MatchLabelKeys { get; set; }
}

public sealed class HostAlias
{
    [Proto(1)] public string? Ip { get; set; }
    [Proto(2)] public List<string>? Hostnames { get; set; }
}

public sealed class PodSecurityContext
{
    [Proto(1)] public SELinuxOptions? SeLinuxOptions { get; set; }
    [Proto(8)] public WindowsSecurityContextOptions? WindowsOptions { get; set; }
    [Proto(2)] public long? RunAsUser { get; set; }
    [Proto(6)] public long? RunAsGroup { get; set; }
    [Proto(3)] public bool? RunAsNonRoot { get; set; }
    [Proto(4)] public List<long>? SupplementalGroups { get; set; }
    [Proto(12)] public string? SupplementalGroupsPolicy { get; set; }
    [Proto(5)] public long? FsGroup { get; set; }
    [Proto(7)] public List<Sysctl>? Sysctls { get; set; }
    [Proto(9)] public string? FsGroupChangePolicy { get; set; }
    [Proto(10)] public SeccompProfile? SeccompProfile { get; set; }
    [Proto(11)] public AppArmorProfile? AppArmorProfile { get; set; }
    [Proto(13)] public string? SeLinuxChangePolicy { get; set; }
}

public sealed class PodDNSConfig
{
    [Proto(1)] public List<string>? Nameservers { get; set; }
    [Proto(2)] public List<string>? Searches { get; set; }
    [Proto(3)] public List<PodDNSConfigOption>? Options { get; set; }
}

public sealed class PodDNSConfigOption
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Value { get; set; }
}

public sealed class PodTemplateSpec
{
    [Proto(1)] public ObjectMeta? Metadata { get; set; }
    [Proto(2)] public PodSpec? Spec { get; set; }
}

public sealed class Sysctl
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Value { get; set; }
}
