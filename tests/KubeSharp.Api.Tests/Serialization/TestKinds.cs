using System.Text.Json;
using System.Text.Json.Serialization;

// Test-only kinds mimicking k8s.io/api (field numbers from its generated.proto), so the wire units
// are exercised on realistic shapes before the real typed kinds are merged.
namespace KubeSharp.Api.Tests.TestKinds;

[KubernetesEntity("apps", "v1", "Deployment", "deployments", ShortNames = ["deploy"])]
public sealed class Deployment : KubernetesObject
{
    [Proto(2)] public DeploymentSpec? Spec { get; set; }
    [Proto(3)] public DeploymentStatus? Status { get; set; }
}

public sealed class DeploymentSpec
{
    [Proto(1)] public int? Replicas { get; set; }
    [Proto(2)] public LabelSelector? Selector { get; set; }
    [Proto(3)] public PodTemplateSpec? Template { get; set; }
    [Proto(4)] public DeploymentStrategy? Strategy { get; set; }
    [Proto(5)] public int? MinReadySeconds { get; set; }
    [Proto(6)] public int? RevisionHistoryLimit { get; set; }
    [Proto(7)] public bool? Paused { get; set; }
    [Proto(9)] public int? ProgressDeadlineSeconds { get; set; }
}

public sealed class DeploymentStrategy
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public RollingUpdateDeployment? RollingUpdate { get; set; }
}

public sealed class RollingUpdateDeployment
{
    [Proto(1)] public IntOrString? MaxUnavailable { get; set; }
    [Proto(2)] public IntOrString? MaxSurge { get; set; }
}

public sealed class DeploymentStatus
{
    [Proto(1)] public long? ObservedGeneration { get; set; }
    [Proto(2)] public int? Replicas { get; set; }
    [Proto(3)] public int? UpdatedReplicas { get; set; }
    [Proto(7)] public int? ReadyReplicas { get; set; }
    [Proto(4)] public int? AvailableReplicas { get; set; }
    [Proto(5)] public int? UnavailableReplicas { get; set; }
    [Proto(6)] public List<DeploymentCondition>? Conditions { get; set; }
    [Proto(8)] public int? CollisionCount { get; set; }
}

public sealed class DeploymentCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(6)] public DateTimeOffset? LastUpdateTime { get; set; }
    [Proto(7)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(4)] public string? Reason { get; set; }
    [Proto(5)] public string? Message { get; set; }
}

public sealed class PodTemplateSpec
{
    [Proto(1)] public ObjectMeta? Metadata { get; set; }
    [Proto(2)] public PodSpec? Spec { get; set; }
}

public sealed class PodSpec
{
    [Proto(1)] public List<Volume>? Volumes { get; set; }
    [Proto(2)] public List<Container>? Containers { get; set; }
    [Proto(3)] public string? RestartPolicy { get; set; }
    [Proto(4)] public long? TerminationGracePeriodSeconds { get; set; }
    [Proto(6)] public string? DnsPolicy { get; set; }
    [Proto(7)] public Dictionary<string, string>? NodeSelector { get; set; }
    [Proto(8)] public string? ServiceAccountName { get; set; }
    [Proto(11)] public bool? HostNetwork { get; set; }
    [Proto(19)] public string? SchedulerName { get; set; }
    [Proto(20)] public List<Container>? InitContainers { get; set; }
    [Proto(21)] public bool? AutomountServiceAccountToken { get; set; }
    [Proto(32)] public Dictionary<string, Quantity>? Overhead { get; set; }
}

public sealed class Container
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Image { get; set; }
    [Proto(3)] public List<string>? Command { get; set; }
    [Proto(4)] public List<string>? Args { get; set; }
    [Proto(6), PatchMerge("containerPort")] public List<ContainerPort>? Ports { get; set; }
    [Proto(7), PatchMerge("name")] public List<EnvVar>? Env { get; set; }
    [Proto(8)] public ResourceRequirements? Resources { get; set; }
    [Proto(10)] public Probe? LivenessProbe { get; set; }
    [Proto(13)] public string? TerminationMessagePath { get; set; }
    [Proto(14)] public string? ImagePullPolicy { get; set; }
    [Proto(16)] public bool? Stdin { get; set; }
    [Proto(18)] public bool? Tty { get; set; }
    [Proto(20)] public string? TerminationMessagePolicy { get; set; }
}

public sealed class ContainerPort
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public int? HostPort { get; set; }
    [Proto(3), JsonPropertyName("containerPort")] public int? Number { get; set; }
    [Proto(4)] public string? Protocol { get; set; }
}

public sealed class EnvVar
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Value { get; set; }
}

public sealed class ResourceRequirements
{
    [Proto(1)] public Dictionary<string, Quantity>? Limits { get; set; }
    [Proto(2)] public Dictionary<string, Quantity>? Requests { get; set; }
}

/// <summary>Go inlines ProbeHandler in Probe: flat in JSON, nested at field 1 in protobuf.</summary>
[ProtoBase(1)]
public sealed class Probe : ProbeHandler
{
    [Proto(2)] public int? InitialDelaySeconds { get; set; }
    [Proto(3)] public int? TimeoutSeconds { get; set; }
    [Proto(4)] public int? PeriodSeconds { get; set; }
}

public class ProbeHandler
{
    [Proto(2)] public HttpGetAction? HttpGet { get; set; }
}

public sealed class HttpGetAction
{
    [Proto(1)] public string? Path { get; set; }
    [Proto(2)] public IntOrString? Port { get; set; }
    [Proto(4)] public string? Scheme { get; set; }
}

[ProtoBase(2)]
public sealed class Volume : VolumeSource
{
    [Proto(1)] public string? Name { get; set; }
}

public class VolumeSource
{
    [Proto(2)] public EmptyDirVolumeSource? EmptyDir { get; set; }
    [Proto(19)] public ConfigMapVolumeSource? ConfigMap { get; set; }
}

public sealed class EmptyDirVolumeSource
{
    [Proto(1)] public string? Medium { get; set; }
    [Proto(2)] public Quantity? SizeLimit { get; set; }
}

public sealed class ConfigMapVolumeSource
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(3)] public int? DefaultMode { get; set; }
}

[KubernetesEntity("", "v1", "Secret", "secrets")]
public sealed class Secret : KubernetesObject
{
    [Proto(5)] public bool? Immutable { get; set; }
    [Proto(2)] public Dictionary<string, byte[]>? Data { get; set; }
    [Proto(4)] public Dictionary<string, string>? StringData { get; set; }
    [Proto(3)] public string? Type { get; set; }
}

[KubernetesEntity("", "v1", "Service", "services", ShortNames = ["svc"])]
public sealed class Service : KubernetesObject
{
    [Proto(2)] public ServiceSpec? Spec { get; set; }
}

public sealed class ServiceSpec
{
    [Proto(1)] public List<ServicePort>? Ports { get; set; }
    [Proto(2)] public Dictionary<string, string>? Selector { get; set; }
    [Proto(3), JsonPropertyName("clusterIP")] public string? ClusterIp { get; set; }
    [Proto(18), JsonPropertyName("clusterIPs")] public List<string>? ClusterIps { get; set; }
    [Proto(4)] public string? Type { get; set; }
    [Proto(7)] public string? SessionAffinity { get; set; }
}

public sealed class ServicePort
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Protocol { get; set; }
    [Proto(3)] public int? Port { get; set; }
    [Proto(4)] public IntOrString? TargetPort { get; set; }
    [Proto(5)] public int? NodePort { get; set; }
}

[KubernetesEntity("", "v1", "ResourceQuota", "resourcequotas", ShortNames = ["quota"])]
public sealed class ResourceQuota : KubernetesObject
{
    [Proto(2)] public ResourceQuotaSpec? Spec { get; set; }
}

public sealed class ResourceQuotaSpec
{
    [Proto(1)] public Dictionary<string, Quantity>? Hard { get; set; }
    [Proto(2)] public List<string>? Scopes { get; set; }
}

[KubernetesEntity("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", ShortNames = ["pdb"])]
public sealed class PodDisruptionBudget : KubernetesObject
{
    [Proto(2)] public PodDisruptionBudgetSpec? Spec { get; set; }
}

public sealed class PodDisruptionBudgetSpec
{
    [Proto(1)] public IntOrString? MinAvailable { get; set; }
    [Proto(2)] public LabelSelector? Selector { get; set; }
    [Proto(3)] public IntOrString? MaxUnavailable { get; set; }
}

[KubernetesEntity("batch", "v1", "CronJob", "cronjobs", ShortNames = ["cj"])]
public sealed class CronJob : KubernetesObject
{
    [Proto(2)] public CronJobSpec? Spec { get; set; }
}

public sealed class CronJobSpec
{
    [Proto(1)] public string? Schedule { get; set; }
    [Proto(3)] public string? ConcurrencyPolicy { get; set; }
    [Proto(4)] public bool? Suspend { get; set; }
    [Proto(5)] public JobTemplateSpec? JobTemplate { get; set; }
}

public sealed class JobTemplateSpec
{
    [Proto(1)] public ObjectMeta? Metadata { get; set; }
    [Proto(2)] public JobSpec? Spec { get; set; }
}

public sealed class JobSpec
{
    [Proto(1)] public int? Parallelism { get; set; }
    [Proto(7)] public int? BackoffLimit { get; set; }
    [Proto(6)] public PodTemplateSpec? Template { get; set; }
}

/// <summary>MicroTime, doubles, packed numbers, map-of-list (ExtraValue), and raw JSON in one test kind.</summary>
[KubernetesEntity("test.kubesharp.io", "v1", "Sample", "samples")]
public sealed class Sample : KubernetesObject
{
    [Proto(2), JsonConverter(typeof(MicroTimeConverter))] public DateTimeOffset? EventTime { get; set; }
    [Proto(3)] public DateTimeOffset? FirstTimestamp { get; set; }
    [Proto(4)] public double? Ratio { get; set; }
    [Proto(5)] public List<int>? Numbers { get; set; }
    [Proto(6)] public List<long>? BigNumbers { get; set; }
    [Proto(7)] public Dictionary<string, List<string>>? Extra { get; set; }
    [Proto(8)] public JsonElement? Raw { get; set; }
    [Proto(9)] public byte[]? Blob { get; set; }
    [Proto(10)] public List<DeploymentCondition>? Conditions { get; set; }
    [Proto(11)] public List<double>? Weights { get; set; }
    [Proto(12)] public Dictionary<string, Quantity>? Capacity { get; set; }
    [Proto(13)] public bool? Flag { get; set; }
    [Proto(14), ProtoKeepZero] public int? Count { get; set; }
    [Proto(15)] public int? Zeroed { get; set; }
    [Proto(16)] public string? Note { get; set; }
    public string? NotOnTheWire { get; set; }
}
