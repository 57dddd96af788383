using System.Text.Json.Serialization;

namespace KubeSharp.Api.Core.V1;

public sealed class Container
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Image { get; set; }
    [Proto(3)] public List<string>? Command { get; set; }
    [Proto(4)] public List<string>? Args { get; set; }
    [Proto(5)] public string? WorkingDir { get; set; }
    [Proto(6), PatchMerge("containerPort")] public List<ContainerPort>? Ports { get; set; }
    [Proto(19)] public List<EnvFromSource>? EnvFrom { get; set; }
    [Proto(7), PatchMerge("name")] public List<EnvVar>? Env { get; set; }
    [Proto(8)] public ResourceRequirements? Resources { get; set; }
    [Proto(23)] public List<ContainerResizePolicy>? ResizePolicy { get; set; }
    [Proto(24)] public string? RestartPolicy { get; set; }
    [Proto(9), PatchMerge("mountPath")] public List<VolumeMount>? VolumeMounts { get; set; }
    [Proto(21), PatchMerge("devicePath")] public List<VolumeDevice>? VolumeDevices { get; set; }
    [Proto(10)] public Probe? LivenessProbe { get; set; }
    [Proto(11)] public Probe? ReadinessProbe { get; set; }
    [Proto(22)] public Probe? StartupProbe { get; set; }
    [Proto(12)] public Lifecycle? Lifecycle { get; set; }
    [Proto(13)] public string? TerminationMessagePath { get; set; }
    [Proto(20)] public string? TerminationMessagePolicy { get; set; }
    [Proto(14)] public string? ImagePullPolicy { get; set; }
    [Proto(15)] public SecurityContext? SecurityContext { get; set; }
    [Proto(16)] public bool? Stdin { get; set; }
    [Proto(17)] public bool? StdinOnce { get; set; }
    [Proto(18)] public bool? Tty { get; set; }
}

public sealed class ContainerPort
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public int? HostPort { get; set; }
    [Proto(3), JsonPropertyName("containerPort")] public int? ContainerPortValue { get; set; }
    [Proto(4)] public string? Protocol { get; set; }
    [Proto(5)] public string? HostIP { get; set; }
}

public sealed class VolumeMount
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public bool? ReadOnly { get; set; }
    [Proto(7)] public string? RecursiveReadOnly { get; set; }
    [Proto(3)] public string? MountPath { get; set; }
    [Proto(4)] public string? SubPath { get; set; }
    [Proto(5)] public string? MountPropagation { get; set; }
    [Proto(6)] public string? SubPathExpr { get; set; }
}

public sealed class VolumeDevice
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? DevicePath { get; set; }
}

public sealed class EnvVar
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Value { get; set; }
    [Proto(3)] public EnvVarSource? ValueFrom { get; set; }
}

public sealed class EnvVarSource
{
    [Proto(1)] public ObjectFieldSelector? FieldRef { get; set; }
    [Proto(2)] public ResourceFieldSelector? ResourceFieldRef { get; set; }
    [Proto(3)] public ConfigMapKeySelector? ConfigMapKeyRef { get; set; }
    [Proto(4)] public SecretKeySelector? SecretKeyRef { get; set; }
}

public sealed class ObjectFieldSelector
{
    [Proto(1)] public string? ApiVersion { get; set; }
    [Proto(2)] public string? FieldPath { get; set; }
}

public sealed class ResourceFieldSelector
{
    [Proto(1)] public string? ContainerName { get; set; }
    [Proto(2)] public string? Resource { get; set; }
    [Proto(3)] public Quantity? Divisor { get; set; }
}

[ProtoBase(1)]
public sealed class ConfigMapKeySelector : LocalObjectReference
{
    [Proto(2)] public string? Key { get; set; }
    [Proto(3)] public bool? Optional { get; set; }
}

[ProtoBase(1)]
public sealed class SecretKeySelector : LocalObjectReference
{
    [Proto(2)] public string? Key { get; set; }
    [Proto(3)] public bool? Optional { get; set; }
}

public sealed class EnvFromSource
{
    [Proto(1)] public string? Prefix { get; set; }
    [Proto(2)] public ConfigMapEnvSource? ConfigMapRef { get; set; }
    [Proto(3)] public SecretEnvSource? SecretRef { get; set; }
}

[ProtoBase(1)]
public sealed class ConfigMapEnvSource : LocalObjectReference
{
    [Proto(2)] public bool? Optional { get; set; }
}

[ProtoBase(1)]
public sealed class SecretEnvSource : LocalObjectReference
{
    [Proto(2)] public bool? Optional { get; set; }
}

public sealed class SleepAction
{
    [Proto(1)] public long? Seconds { get; set; }
}

public sealed class ContainerResizePolicy
{
    [Proto(1)] public string? ResourceName { get; set; }
    [Proto(2)] public string? RestartPolicy { get; set; }
}

public sealed class ResourceRequirements
{
    [Proto(1)] public Dictionary<string, Quantity>? Limits { get; set; }
    [Proto(2)] public Dictionary<string, Quantity>? Requests { get; set; }
    [Proto(3)] public List<ResourceClaim>? Claims { get; set; }
}

public sealed class ResourceClaim
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Request { get; set; }
}

public sealed class LifecycleHandler
{
    [Proto(1)] public ExecAction? Exec { get; set; }
    [Proto(2)] public HTTPGetAction? HttpGet { get; set; }
    [Proto(3)] public TCPSocketAction? TcpSocket { get; set; }
    [Proto(4)] public SleepAction? Sleep { get; set; }
}

public sealed class Lifecycle
{
    [Proto(1)] public LifecycleHandler? PostStart { get; set; }
    [Proto(2)] public LifecycleHandler? PreStop { get; set; }
}

public class EphemeralContainerCommon
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Image { get; set; }
    [Proto(3)] public List<string>? Command { get; set; }
    [Proto(4)] public List<string>? Args { get; set; }
    [Proto(5)] public string? WorkingDir { get; set; }
    [Proto(6), PatchMerge("containerPort")] public List<ContainerPort>? Ports { get; set; }
    [Proto(19)] public List<EnvFromSource>? EnvFrom { get; set; }
    [Proto(7), PatchMerge("name")] public List<EnvVar>? Env { get; set; }
    [Proto(8)] public ResourceRequirements? Resources { get; set; }
    [Proto(23)] public List<ContainerResizePolicy>? ResizePolicy { get; set; }
    [Proto(24)] public string? RestartPolicy { get; set; }
    [Proto(9), PatchMerge("mountPath")] public List<VolumeMount>? VolumeMounts { get; set; }
    [Proto(21), PatchMerge("devicePath")] public List<VolumeDevice>? VolumeDevices { get; set; }
    [Proto(10)] public Probe? LivenessProbe { get; set; }
    [Proto(11)] public Probe? ReadinessProbe { get; set; }
    [Proto(22)] public Probe? StartupProbe { get; set; }
    [Proto(12)] public Lifecycle? Lifecycle { get; set; }
    [Proto(13)] public string? TerminationMessagePath { get; set; }
    [Proto(20)] public string? TerminationMessagePolicy { get; set; }
    [Proto(14)] public string? ImagePullPolicy { get; set; }
    [Proto(15)] public SecurityContext? SecurityContext { get; set; }
    [Proto(16)] public bool? Stdin { get; set; }
    [Proto(17)] public bool? StdinOnce { get; set; }
    [Proto(18)] public bool? Tty { get; set; }
}

[ProtoBase(1)]
public sealed class EphemeralContainer : EphemeralContainerCommon
{
    [Proto(2)] public string? TargetContainerName { get; set; }
}
