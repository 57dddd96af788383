using System.Text.Json.Serialization;

namespace KubeSharp.Api.Core.V1;

/// <summary>A container of a pod.</summary>
public sealed class Container
{
    /// <summary>Name of the container, unique within the pod (a DNS label).</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Container image reference.</summary>
    [Proto(2)] public string? Image { get; set; }
    /// <summary>Entrypoint, replacing the image's ENTRYPOINT; $(VAR) references are expanded.</summary>
    [Proto(3)] public List<string>? Command { get; set; }
    /// <summary>Arguments, replacing the image's CMD; $(VAR) references are expanded.</summary>
    [Proto(4)] public List<string>? Args { get; set; }
    /// <summary>Working directory; the image's by default.</summary>
    [Proto(5)] public string? WorkingDir { get; set; }
    /// <summary>Ports the container exposes (informational; any listening port is reachable).</summary>
    [Proto(6), PatchMerge("containerPort")] public List<ContainerPort>? Ports { get; set; }
    /// <summary>Sources whose keys all become environment variables; env takes precedence.</summary>
    [Proto(19)] public List<EnvFromSource>? EnvFrom { get; set; }
    /// <summary>Environment variables to set.</summary>
    [Proto(7), PatchMerge("name")] public List<EnvVar>? Env { get; set; }
    /// <summary>Compute resources the container needs.</summary>
    [Proto(8)] public ResourceRequirements? Resources { get; set; }
    /// <summary>How the container reacts to in-place resource changes.</summary>
    [Proto(23)] public List<ContainerResizePolicy>? ResizePolicy { get; set; }
    /// <summary>Only for init containers: Always makes it a sidecar that starts before and runs beside the app containers.</summary>
    [Proto(24)] public string? RestartPolicy { get; set; }
    /// <summary>Volumes mounted into the container's filesystem.</summary>
    [Proto(9), PatchMerge("mountPath")] public List<VolumeMount>? VolumeMounts { get; set; }
    /// <summary>Raw block volumes exposed as devices.</summary>
    [Proto(21), PatchMerge("devicePath")] public List<VolumeDevice>? VolumeDevices { get; set; }
    /// <summary>Check whose failure restarts the container.</summary>
    [Proto(10)] public Probe? LivenessProbe { get; set; }
    /// <summary>Check whose failure takes the pod out of service endpoints.</summary>
    [Proto(11)] public Probe? ReadinessProbe { get; set; }
    /// <summary>Check that must succeed before the other probes start.</summary>
    [Proto(22)] public Probe? StartupProbe { get; set; }
    /// <summary>Actions run right after start and before stop.</summary>
    [Proto(12)] public Lifecycle? Lifecycle { get; set; }
    /// <summary>File whose contents become the termination message; /dev/termination-log by default.</summary>
    [Proto(13)] public string? TerminationMessagePath { get; set; }
    /// <summary>File (default) or FallbackToLogsOnError (use the log tail when the file is empty).</summary>
    [Proto(20)] public string? TerminationMessagePolicy { get; set; }
    /// <summary>Always, Never or IfNotPresent; Always for :latest or untagged images, else IfNotPresent.</summary>
    [Proto(14)] public string? ImagePullPolicy { get; set; }
    /// <summary>Security options of the container, overriding the pod's.</summary>
    [Proto(15)] public SecurityContext? SecurityContext { get; set; }
    /// <summary>Keep a stdin open for the container.</summary>
    [Proto(16)] public bool? Stdin { get; set; }
    /// <summary>Close stdin after the first attach session ends.</summary>
    [Proto(17)] public bool? StdinOnce { get; set; }
    /// <summary>Allocate a terminal (needs stdin).</summary>
    [Proto(18)] public bool? Tty { get; set; }
}

/// <summary>A network port a container listens on.</summary>
public sealed class ContainerPort
{
    /// <summary>IANA_SVC_NAME-style name services can refer to.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Port to expose on the node; most pods do not need one.</summary>
    [Proto(2)] public int? HostPort { get; set; }
    /// <summary>Port number on the pod's IP.</summary>
    [Proto(3), JsonPropertyName("containerPort")] public int? ContainerPortValue { get; set; }
    /// <summary>UDP, TCP (default) or SCTP.</summary>
    [Proto(4)] public string? Protocol { get; set; }
    /// <summary>Node IP the host port binds to.</summary>
    [Proto(5)] public string? HostIP { get; set; }
}

/// <summary>Mounts a pod volume into a container.</summary>
public sealed class VolumeMount
{
    /// <summary>Name of the pod volume.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Mount the volume read-only when true.</summary>
    [Proto(2)] public bool? ReadOnly { get; set; }
    /// <summary>Whether a read-only mount is read-only for submounts too: Disabled, IfPossible or Enabled.</summary>
    [Proto(7)] public string? RecursiveReadOnly { get; set; }
    /// <summary>Path inside the container; may not contain ':'.</summary>
    [Proto(3)] public string? MountPath { get; set; }
    /// <summary>Mount only this path inside the volume.</summary>
    [Proto(4)] public string? SubPath { get; set; }
    /// <summary>How mounts propagate between host and container: None, HostToContainer or Bidirectional.</summary>
    [Proto(5)] public string? MountPropagation { get; set; }
    /// <summary>Like subPath, with $(VAR) references to the container's environment expanded.</summary>
    [Proto(6)] public string? SubPathExpr { get; set; }
}

/// <summary>Maps a raw block volume into the container as a device.</summary>
public sealed class VolumeDevice
{
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Device path inside the container.</summary>
    [Proto(2)] public string? DevicePath { get; set; }
}

/// <summary>An environment variable of a container.</summary>
public sealed class EnvVar
{
    /// <summary>Variable name.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Literal value; $(VAR) references to earlier variables are expanded, $$(VAR) escapes.</summary>
    [Proto(2)] public string? Value { get; set; }
    /// <summary>Take the value from a field, resource, config map or secret instead.</summary>
    [Proto(3)] public EnvVarSource? ValueFrom { get; set; }
}

/// <summary>Where an environment variable's value comes from; exactly one field is set.</summary>
public sealed class EnvVarSource
{
    /// <summary>A field of the pod, e.g. metadata.name or status.podIP.</summary>
    [Proto(1)] public ObjectFieldSelector? FieldRef { get; set; }
    /// <summary>A container resource limit or request.</summary>
    [Proto(2)] public ResourceFieldSelector? ResourceFieldRef { get; set; }
    /// <summary>A key of a ConfigMap.</summary>
    [Proto(3)] public ConfigMapKeySelector? ConfigMapKeyRef { get; set; }
    /// <summary>A key of a Secret.</summary>
    [Proto(4)] public SecretKeySelector? SecretKeyRef { get; set; }
}

/// <summary>Selects a field of the pod.</summary>
public sealed class ObjectFieldSelector
{
    /// <summary>Version the field path is written against; "v1" by default.</summary>
    [Proto(1)] public string? ApiVersion { get; set; }
    /// <summary>Path of the field, e.g. metadata.labels['app'].</summary>
    [Proto(2)] public string? FieldPath { get; set; }
}

/// <summary>Selects a container resource (limits.cpu, requests.memory, ...).</summary>
public sealed class ResourceFieldSelector
{
    /// <summary>Container to read; required in volumes.</summary>
    [Proto(1)] public string? ContainerName { get; set; }
    /// <summary>The resource, e.g. limits.cpu.</summary>
    [Proto(2)] public string? Resource { get; set; }
    /// <summary>Unit the value is expressed in; 1 by default.</summary>
    [Proto(3)] public Quantity? Divisor { get; set; }
}

/// <summary>Selects one key of a ConfigMap.</summary>
[ProtoBase(1)]
public sealed class ConfigMapKeySelector : LocalObjectReference
{
    /// <summary>The key.</summary>
    [Proto(2)] public string? Key { get; set; }
    /// <summary>When true, a missing source object or key is not an error.</summary>
    [Proto(3)] public bool? Optional { get; set; }
}

/// <summary>Selects one key of a Secret.</summary>
[ProtoBase(1)]
public sealed class SecretKeySelector : LocalObjectReference
{
    /// <summary>The key.</summary>
    [Proto(2)] public string? Key { get; set; }
    /// <summary>When true, a missing source object or key is not an error.</summary>
    [Proto(3)] public bool? Optional { get; set; }
}

/// <summary>Imports every key of a ConfigMap or Secret as environment variables.</summary>
public sealed class EnvFromSource
{
    /// <summary>Prepended to every imported name.</summary>
    [Proto(1)] public string? Prefix { get; set; }
    /// <summary>The ConfigMap to import.</summary>
    [Proto(2)] public ConfigMapEnvSource? ConfigMapRef { get; set; }
    /// <summary>The Secret to import.</summary>
    [Proto(3)] public SecretEnvSource? SecretRef { get; set; }
}

/// <summary>Names a ConfigMap whose keys become environment variables.</summary>
[ProtoBase(1)]
public sealed class ConfigMapEnvSource : LocalObjectReference
{
    /// <summary>When true, a missing source object or key is not an error.</summary>
    [Proto(2)] public bool? Optional { get; set; }
}

/// <summary>Names a Secret whose keys become environment variables.</summary>
[ProtoBase(1)]
public sealed class SecretEnvSource : LocalObjectReference
{
    /// <summary>When true, a missing source object or key is not an error.</summary>
    [Proto(2)] public bool? Optional { get; set; }
}

/// <summary>Pauses for a while.</summary>
public sealed class SleepAction
{
    /// <summary>Seconds to sleep.</summary>
    [Proto(1)] public long? Seconds { get; set; }
}

/// <summary>How a container reacts when one of its resources is resized in place.</summary>
public sealed class ContainerResizePolicy
{
    /// <summary>The resource, cpu or memory.</summary>
    [Proto(1)] public string? ResourceName { get; set; }
    /// <summary>NotRequired (default) or RestartContainer.</summary>
    [Proto(2)] public string? RestartPolicy { get; set; }
}

/// <summary>Compute resources a container asks for and may use.</summary>
public sealed class ResourceRequirements
{
    /// <summary>The most of each resource the container may use.</summary>
    [Proto(1)] public Dictionary<string, Quantity>? Limits { get; set; }
    /// <summary>The resources the scheduler reserves; defaults to the limits when only those are set.</summary>
    [Proto(2)] public Dictionary<string, Quantity>? Requests { get; set; }
    /// <summary>Dynamically allocated resources (from spec.resourceClaims) this container uses.</summary>
    [Proto(3)] public List<ResourceClaim>? Claims { get; set; }
}

/// <summary>Names a resource claim of the pod that a container uses.</summary>
public sealed class ResourceClaim
{
    /// <summary>Name of an entry in the pod's spec.resourceClaims.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Use only this request of the claim.</summary>
    [Proto(2)] public string? Request { get; set; }
}

/// <summary>An action run at a container lifecycle event; exactly one is set.</summary>
public sealed class LifecycleHandler
{
    /// <summary>Run a command in the container.</summary>
    [Proto(1)] public ExecAction? Exec { get; set; }
    /// <summary>Send an HTTP GET request.</summary>
    [Proto(2)] public HTTPGetAction? HttpGet { get; set; }
    /// <summary>Deprecated; accepted but not run.</summary>
    [Proto(3)] public TCPSocketAction? TcpSocket { get; set; }
    /// <summary>Pause for a while.</summary>
    [Proto(4)] public SleepAction? Sleep { get; set; }
}

/// <summary>Actions run on container start and stop.</summary>
public sealed class Lifecycle
{
    /// <summary>Run right after the container starts; a failure restarts it.</summary>
    [Proto(1)] public LifecycleHandler? PostStart { get; set; }
    /// <summary>Run before the container is stopped; the grace period keeps counting.</summary>
    [Proto(2)] public LifecycleHandler? PreStop { get; set; }
}

/// <summary>The container fields an ephemeral container shares with a regular one.</summary>
public class EphemeralContainerCommon
{
    /// <summary>Name of the container, unique within the pod (a DNS label).</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Container image reference.</summary>
    [Proto(2)] public string? Image { get; set; }
    /// <summary>Entrypoint, replacing the image's ENTRYPOINT; $(VAR) references are expanded.</summary>
    [Proto(3)] public List<string>? Command { get; set; }
    /// <summary>Arguments, replacing the image's CMD; $(VAR) references are expanded.</summary>
    [Proto(4)] public List<string>? Args { get; set; }
    /// <summary>Working directory; the image's by default.</summary>
    [Proto(5)] public string? WorkingDir { get; set; }
    /// <summary>Ports the container exposes (informational; any listening port is reachable).</summary>
    [Proto(6), PatchMerge("containerPort")] public List<ContainerPort>? Ports { get; set; }
    /// <summary>Sources whose keys all become environment variables; env takes precedence.</summary>
    [Proto(19)] public List<EnvFromSource>? EnvFrom { get; set; }
    /// <summary>Environment variables to set.</summary>
    [Proto(7), PatchMerge("name")] public List<EnvVar>? Env { get; set; }
    /// <summary>Compute resources the container needs.</summary>
    [Proto(8)] public ResourceRequirements? Resources { get; set; }
    /// <summary>How the container reacts to in-place resource changes.</summary>
    [Proto(23)] public List<ContainerResizePolicy>? ResizePolicy { get; set; }
    /// <summary>Only for init containers: Always makes it a sidecar that starts before and runs beside the app containers.</summary>
    [Proto(24)] public string? RestartPolicy { get; set; }
    /// <summary>Volumes mounted into the container's filesystem.</summary>
    [Proto(9), PatchMerge("mountPath")] public List<VolumeMount>? VolumeMounts { get; set; }
    /// <summary>Raw block volumes exposed as devices.</summary>
    [Proto(21), PatchMerge("devicePath")] public List<VolumeDevice>? VolumeDevices { get; set; }
    /// <summary>Check whose failure restarts the container.</summary>
    [Proto(10)] public Probe? LivenessProbe { get; set; }
    /// <summary>Check whose failure takes the pod out of service endpoints.</summary>
    [Proto(11)] public Probe? ReadinessProbe { get; set; }
    /// <summary>Check that must succeed before the other probes start.</summary>
    [Proto(22)] public Probe? StartupProbe { get; set; }
    /// <summary>Actions run right after start and before stop.</summary>
    [Proto(12)] public Lifecycle? Lifecycle { get; set; }
    /// <summary>File whose contents become the termination message; /dev/termination-log by default.</summary>
    [Proto(13)] public string? TerminationMessagePath { get; set; }
    /// <summary>File (default) or FallbackToLogsOnError (use the log tail when the file is empty).</summary>
    [Proto(20)] public string? TerminationMessagePolicy { get; set; }
    /// <summary>Always, Never or IfNotPresent; Always for :latest or untagged images, else IfNotPresent.</summary>
    [Proto(14)] public string? ImagePullPolicy { get; set; }
    /// <summary>Security options of the container, overriding the pod's.</summary>
    [Proto(15)] public SecurityContext? SecurityContext { get; set; }
    /// <summary>Keep a stdin open for the container.</summary>
    [Proto(16)] public bool? Stdin { get; set; }
    /// <summary>Close stdin after the first attach session ends.</summary>
    [Proto(17)] public bool? StdinOnce { get; set; }
    /// <summary>Allocate a terminal (needs stdin).</summary>
    [Proto(18)] public bool? Tty { get; set; }
}

/// <summary>A temporary container added to a running pod for debugging; never restarted.</summary>
[ProtoBase(1)]
public sealed class EphemeralContainer : EphemeralContainerCommon
{
    /// <summary>Container whose process namespace this one joins.</summary>
    [Proto(2)] public string? TargetContainerName { get; set; }
}
