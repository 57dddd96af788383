using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeSharp.Api.Tests.Patch;

// Test-only kinds shaped like the real apps/v1 Deployment and core/v1 PodSpec, carrying the same
// patch metadata, so the engines are tested without depending on the real model files.

[KubernetesEntity("apps", "v1", "Deployment", "deployments")]
internal sealed class TestDeployment : KubernetesObject
{
    public TestDeploymentSpec? Spec { get; set; }
    public TestDeploymentStatus? Status { get; set; }
}

internal sealed class TestDeploymentSpec
{
    public int? Replicas { get; set; }
    public LabelSelector? Selector { get; set; }
    public TestPodTemplateSpec? Template { get; set; }
    [PatchRetainKeys] public TestDeploymentStrategy? Strategy { get; set; }
    public int? MinReadySeconds { get; set; }
    public bool? Paused { get; set; }
}

internal sealed class TestDeploymentStrategy
{
    public string? Type { get; set; }
    public TestRollingUpdate? RollingUpdate { get; set; }
}

internal sealed class TestRollingUpdate
{
    public IntOrString? MaxUnavailable { get; set; }
    public IntOrString? MaxSurge { get; set; }
}

internal sealed class TestDeploymentStatus
{
    public int? Replicas { get; set; }
    [PatchMerge("type")] public List<Condition>? Conditions { get; set; }
}

internal sealed class TestPodTemplateSpec
{
    public ObjectMeta? Metadata { get; set; }
    public TestPodSpec? Spec { get; set; }
}

internal sealed class TestPodSpec
{
    [PatchMerge("name")] public List<TestContainer>? InitContainers { get; set; }
    [PatchMerge("name")] public List<TestContainer>? Containers { get; set; }
    [PatchMerge("name"), PatchRetainKeys] public List<TestVolume>? Volumes { get; set; }
    public List<TestToleration>? Tolerations { get; set; }
    public Dictionary<string, string>? NodeSelector { get; set; }
    public long? TerminationGracePeriodSeconds { get; set; }
    [JsonPropertyName("serviceAccount")] public string? DeprecatedServiceAccount { get; set; }
}

internal sealed class TestContainer
{
    public string? Name { get; set; }
    public string? Image { get; set; }
    public List<string>? Command { get; set; }
    public List<string>? Args { get; set; }
    [PatchMerge("containerPort")] public List<TestContainerPort>? Ports { get; set; }
    [PatchMerge("name")] public List<TestEnvVar>? Env { get; set; }
    public TestResources? Resources { get; set; }
    [PatchMerge("mountPath")] public List<TestVolumeMount>? VolumeMounts { get; set; }
}

internal sealed class TestContainerPort
{
    public string? Name { get; set; }
    public int? ContainerPort { get; set; }
    public string? Protocol { get; set; }
}

internal sealed class TestEnvVar
{
    public string? Name { get; set; }
    public string? Value { get; set; }
}

internal sealed class TestResources
{
    public Dictionary<string, Quantity>? Limits { get; set; }
    public Dictionary<string, Quantity>? Requests { get; set; }
}

internal sealed class TestVolumeMount
{
    public string? Name { get; set; }
    public string? MountPath { get; set; }
    public bool? ReadOnly { get; set; }
}

/// <summary>Like core/v1 Volume: the VolumeSource struct is embedded inline.</summary>
[ProtoBase(2)]
internal sealed class TestVolume : TestVolumeSource
{
    public string? Name { get; set; }
}

internal class TestVolumeSource
{
    public TestEmptyDir? EmptyDir { get; set; }
    public TestHostPath? HostPath { get; set; }
    public TestConfigMapVolume? ConfigMap { get; set; }
}

internal sealed class TestEmptyDir
{
    public string? Medium { get; set; }
}

internal sealed class TestHostPath
{
    public string? Path { get; set; }
    public string? Type { get; set; }
}

internal sealed class TestConfigMapVolume
{
    public string? Name { get; set; }
}

internal sealed class TestToleration
{
    public string? Key { get; set; }
    public string? Operator { get; set; }
    public string? Value { get; set; }
    public string? Effect { get; set; }
}

/// <summary>A CRD-like kind: opaque JSON and a field whose JSON name starts with '$'.</summary>
[KubernetesEntity("example.com", "v1", "Widget", "widgets")]
internal sealed class TestWidget : KubernetesObject
{
    public JsonElement? Spec { get; set; }
    [JsonPropertyName("$ref")] public string? Ref { get; set; }
    public Dictionary<string, TestEnvVar>? Named { get; set; }
}

[KubernetesEntity("", "v1", "Pod", "pods")]
internal sealed class TestPod : KubernetesObject
{
    public TestPodSpec? Spec { get; set; }
    public TestDeploymentStatus? Status { get; set; }
}
