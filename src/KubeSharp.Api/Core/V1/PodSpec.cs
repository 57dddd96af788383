namespace KubeSharp.Api.Core.V1;

/// <summary>The desired state of a pod: its containers, volumes and scheduling constraints.</summary>
public sealed class PodSpec
{
    /// <summary>Volumes containers of the pod can mount.</summary>
    [Proto(1), PatchMerge("name"), PatchRetainKeys] public List<Volume>? Volumes { get; set; }
    /// <summary>Containers run in order before the app containers start; with restartPolicy Always, sidecars that keep running.</summary>
    [Proto(20), PatchMerge("name")] public List<Container>? InitContainers { get; set; }
    /// <summary>The pod's app containers; at least one.</summary>
    [Proto(2), PatchMerge("name")] public List<Container>? Containers { get; set; }
    /// <summary>Debugging containers added to a running pod (through the ephemeralcontainers subresource).</summary>
    [Proto(34), PatchMerge("name")] public List<EphemeralContainer>? EphemeralContainers { get; set; }
    /// <summary>Always (default), OnFailure or Never.</summary>
    [Proto(3)] public string? RestartPolicy { get; set; }
    /// <summary>Seconds between the stop signal and the kill signal; 30 by default.</summary>
    [Proto(4)] public long? TerminationGracePeriodSeconds { get; set; }
    /// <summary>Seconds the pod may be active before the kubelet fails it.</summary>
    [Proto(5)] public long? ActiveDeadlineSeconds { get; set; }
    /// <summary>ClusterFirst (default), ClusterFirstWithHostNet, Default or None.</summary>
    [Proto(6)] public string? DnsPolicy { get; set; }
    /// <summary>Labels the node must carry.</summary>
    [Proto(7)] public Dictionary<string, string>? NodeSelector { get; set; }
    /// <summary>Service account the pod runs as; "default" when unset.</summary>
    [Proto(8)] public string? ServiceAccountName { get; set; }
    /// <summary>Deprecated alias of serviceAccountName.</summary>
    [Proto(9)] public string? ServiceAccount { get; set; }
    /// <summary>Whether to mount the service account's API token.</summary>
    [Proto(21)] public bool? AutomountServiceAccountToken { get; set; }
    /// <summary>The node the pod is bound to; set by the scheduler, or by hand to bypass it.</summary>
    [Proto(10)] public string? NodeName { get; set; }
    /// <summary>Use the node's network namespace.</summary>
    [Proto(11)] public bool? HostNetwork { get; set; }
    /// <summary>Use the node's PID namespace.</summary>
    [Proto(12)] public bool? HostPID { get; set; }
    /// <summary>Use the node's IPC namespace.</summary>
    [Proto(13)] public bool? HostIPC { get; set; }
    /// <summary>Run all containers in one PID namespace.</summary>
    [Proto(27)] public bool? ShareProcessNamespace { get; set; }
    /// <summary>Security options for all containers of the pod.</summary>
    [Proto(14)] public PodSecurityContext? SecurityContext { get; set; }
    /// <summary>Secrets with registry credentials for pulling the images.</summary>
    [Proto(15), PatchMerge("name")] public List<LocalObjectReference>? ImagePullSecrets { get; set; }
    /// <summary>Host name of the pod; the pod name by default.</summary>
    [Proto(16)] public string? Hostname { get; set; }
    /// <summary>With hostname, gives the pod the DNS name &lt;hostname&gt;.&lt;subdomain&gt;.&lt;namespace&gt;.svc.&lt;cluster-domain&gt;.</summary>
    [Proto(17)] public string? Subdomain { get; set; }
    /// <summary>Node and pod affinity rules.</summary>
    [Proto(18)] public Affinity? Affinity { get; set; }
    /// <summary>Scheduler that places the pod; default-scheduler by default.</summary>
    [Proto(19)] public string? SchedulerName { get; set; }
    /// <summary>Taints the pod tolerates.</summary>
    [Proto(22)] public List<Toleration>? Tolerations { get; set; }
    /// <summary>Extra entries for the pod's /etc/hosts.</summary>
    [Proto(23), PatchMerge("ip")] public List<HostAlias>? HostAliases { get; set; }
    /// <summary>PriorityClass giving the pod's priority.</summary>
    [Proto(24)] public string? PriorityClassName { get; set; }
    /// <summary>Priority value, filled from priorityClassName by admission.</summary>
    [Proto(25)] public int? Priority { get; set; }
    /// <summary>DNS settings merged into those the dnsPolicy produces.</summary>
    [Proto(26)] public PodDNSConfig? DnsConfig { get; set; }
    /// <summary>Extra conditions that must be True for the pod to be ready.</summary>
    [Proto(28)] public List<PodReadinessGate>? ReadinessGates { get; set; }
    /// <summary>RuntimeClass (container runtime handler) to run the pod with.</summary>
    [Proto(29)] public string? RuntimeClassName { get; set; }
    /// <summary>Inject environment variables for the services of the namespace (Docker-links style); true by default.</summary>
    [Proto(30)] public bool? EnableServiceLinks { get; set; }
    /// <summary>PreemptLowerPriority (default) or Never.</summary>
    [Proto(31)] public string? PreemptionPolicy { get; set; }
    /// <summary>Resources the runtime itself uses for the pod, set from the RuntimeClass.</summary>
    [Proto(32)] public Dictionary<string, Quantity>? Overhead { get; set; }
    /// <summary>How to spread the pod's group across topology domains.</summary>
    [Proto(33), PatchMerge("topologyKey")] public List<TopologySpreadConstraint>? TopologySpreadConstraints { get; set; }
    /// <summary>Make the pod's hostname its fully qualified domain name.</summary>
    [Proto(35)] public bool? SetHostnameAsFQDN { get; set; }
    /// <summary>Operating system the pod needs.</summary>
    [Proto(36)] public PodOS? Os { get; set; }
    /// <summary>false runs the pod in its own user namespace.</summary>
    [Proto(37)] public bool? HostUsers { get; set; }
    /// <summary>Gates that keep the pod unscheduled until all are removed.</summary>
    [Proto(38), PatchMerge("name")] public List<PodSchedulingGate>? SchedulingGates { get; set; }
    /// <summary>Dynamically allocated resources (DRA) the pod's containers may use.</summary>
    [Proto(39), PatchMerge("name"), PatchRetainKeys] public List<PodResourceClaim>? ResourceClaims { get; set; }
    /// <summary>Pod-wide compute resources shared by all containers (alpha).</summary>
    [Proto(40)] public ResourceRequirements? Resources { get; set; }
}

/// <summary>Lets a pod be scheduled onto (or stay on) nodes with a matching taint.</summary>
public sealed class Toleration
{
    /// <summary>Taint key to match; empty with operator Exists matches every taint.</summary>
    [Proto(1)] public string? Key { get; set; }
    /// <summary>Equal (default) or Exists.</summary>
    [Proto(2)] public string? Operator { get; set; }
    /// <summary>Taint value to match with operator Equal.</summary>
    [Proto(3)] public string? Value { get; set; }
    /// <summary>Taint effect to match; empty matches all effects.</summary>
    [Proto(4)] public string? Effect { get; set; }
    /// <summary>For NoExecute: how long the pod stays after the taint appears; forever when unset.</summary>
    [Proto(5)] public long? TolerationSeconds { get; set; }
}

/// <summary>An extra pod condition that must be True for the pod to be ready.</summary>
public sealed class PodReadinessGate
{
    /// <summary>Type of the condition.</summary>
    [Proto(1)] public string? ConditionType { get; set; }
}

/// <summary>A named resource claim of a pod, existing or generated from a template.</summary>
public sealed class PodResourceClaim
{
    /// <summary>Name containers use to refer to the claim.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>An existing ResourceClaim in the pod's namespace.</summary>
    [Proto(3)] public string? ResourceClaimName { get; set; }
    /// <summary>A ResourceClaimTemplate to create the pod's own claim from.</summary>
    [Proto(4)] public string? ResourceClaimTemplateName { get; set; }
}

/// <summary>The operating system of a pod.</summary>
public sealed class PodOS
{
    /// <summary>linux or windows.</summary>
    [Proto(1)] public string? Name { get; set; }
}

/// <summary>A gate that holds a pod back from scheduling.</summary>
public sealed class PodSchedulingGate
{
    /// <summary>Name of the gate.</summary>
    [Proto(1)] public string? Name { get; set; }
}

/// <summary>Keeps matching pods evenly spread across a topology.</summary>
public sealed class TopologySpreadConstraint
{
    /// <summary>Largest allowed difference in matching pods between two domains.</summary>
    [Proto(1)] public int? MaxSkew { get; set; }
    /// <summary>Node label that defines the domains.</summary>
    [Proto(2)] public string? TopologyKey { get; set; }
    /// <summary>DoNotSchedule or ScheduleAnyway.</summary>
    [Proto(3)] public string? WhenUnsatisfiable { get; set; }
    /// <summary>Pods that are counted.</summary>
    [Proto(4)] public LabelSelector? LabelSelector { get; set; }
    /// <summary>Fewest eligible domains; below it empty domains count as zero.</summary>
    [Proto(5)] public int? MinDomains { get; set; }
    /// <summary>Honor (default) or Ignore the pod's node affinity when counting.</summary>
    [Proto(6)] public string? NodeAffinityPolicy { get; set; }
    /// <summary>Honor or Ignore (default) node taints when counting.</summary>
    [Proto(7)] public string? NodeTaintsPolicy { get; set; }
    /// <summary>Label keys whose values on this pod are added to labelSelector.</summary>
    [Proto(8)] public List<string>? MatchLabelKeys { get; set; }
}

/// <summary>An /etc/hosts entry.</summary>
public sealed class HostAlias
{
    /// <summary>IP address.</summary>
    [Proto(1)] public string? Ip { get; set; }
    /// <summary>Host names for the address.</summary>
    [Proto(2)] public List<string>? Hostnames { get; set; }
}

/// <summary>Security options that apply to the whole pod.</summary>
public sealed class PodSecurityContext
{
    /// <summary>SELinux context for all containers.</summary>
    [Proto(1)] public SELinuxOptions? SeLinuxOptions { get; set; }
    /// <summary>Windows-specific options for all containers.</summary>
    [Proto(8)] public WindowsSecurityContextOptions? WindowsOptions { get; set; }
    /// <summary>User ID the containers' processes run as.</summary>
    [Proto(2)] public long? RunAsUser { get; set; }
    /// <summary>Primary group ID of the containers' processes.</summary>
    [Proto(6)] public long? RunAsGroup { get; set; }
    /// <summary>Refuse to start a container that would run as root.</summary>
    [Proto(3)] public bool? RunAsNonRoot { get; set; }
    /// <summary>Extra group IDs for the first process of each container.</summary>
    [Proto(4)] public List<long>? SupplementalGroups { get; set; }
    /// <summary>Merge (default, also the image's groups) or Strict.</summary>
    [Proto(12)] public string? SupplementalGroupsPolicy { get; set; }
    /// <summary>Group that owns the pod's volumes, added to every container.</summary>
    [Proto(5)] public long? FsGroup { get; set; }
    /// <summary>Namespaced kernel parameters to set.</summary>
    [Proto(7)] public List<Sysctl>? Sysctls { get; set; }
    /// <summary>OnRootMismatch or Always (default): when to chown volumes.</summary>
    [Proto(9)] public string? FsGroupChangePolicy { get; set; }
    /// <summary>Seccomp profile for all containers.</summary>
    [Proto(10)] public SeccompProfile? SeccompProfile { get; set; }
    /// <summary>AppArmor profile for all containers.</summary>
    [Proto(11)] public AppArmorProfile? AppArmorProfile { get; set; }
    /// <summary>How SELinux labels are applied to volumes: Recursive or MountOption.</summary>
    [Proto(13)] public string? SeLinuxChangePolicy { get; set; }
}

/// <summary>DNS resolver settings of a pod.</summary>
public sealed class PodDNSConfig
{
    /// <summary>Name server IPs, appended to those of the DNS policy.</summary>
    [Proto(1)] public List<string>? Nameservers { get; set; }
    /// <summary>Search domains, appended to those of the DNS policy.</summary>
    [Proto(2)] public List<string>? Searches { get; set; }
    /// <summary>Resolver options; these override same-named options of the policy.</summary>
    [Proto(3)] public List<PodDNSConfigOption>? Options { get; set; }
}

/// <summary>A resolver option.</summary>
public sealed class PodDNSConfigOption
{
    /// <summary>Option name, e.g. ndots.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Option value, if it takes one.</summary>
    [Proto(2)] public string? Value { get; set; }
}

/// <summary>A pod description that controllers stamp pods from.</summary>
public sealed class PodTemplateSpec
{
    [Proto(1)] public ObjectMeta? Metadata { get; set; }
    /// <summary>Spec of the pods to create.</summary>
    [Proto(2)] public PodSpec? Spec { get; set; }
}

/// <summary>A kernel parameter to set.</summary>
public sealed class Sysctl
{
    /// <summary>Parameter name.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Value to set.</summary>
    [Proto(2)] public string? Value { get; set; }
}
