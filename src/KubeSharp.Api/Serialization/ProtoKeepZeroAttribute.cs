using System.Reflection;

namespace KubeSharp.Api;

/// <summary>
/// The Go field behind this property is a pointer (<c>*int32</c>, <c>*bool</c>, <c>*string</c>), so a
/// zero value (0, false, "") on the protobuf wire means that value, not "unset".
/// </summary>
/// <remarks>
/// Go's protobuf marshaller writes every non-pointer scalar, zero or not, and Go's JSON omits those
/// zeros (<c>omitempty</c>). The protobuf decoder therefore drops zero scalars unless the property
/// carries this attribute or is one of <see cref="GoPointerFields"/>, so a decoded body looks like
/// the JSON a Go client would have sent.
/// </remarks>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ProtoKeepZeroAttribute : Attribute;

/// <summary>
/// Well-known pointer scalars of k8s.io/api where zero is meaningful, named "DeclaringClass.Property"
/// (the C# class names follow the Go type names), so typed kinds need not repeat the attribute.
/// </summary>
internal static class GoPointerFields
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "ObjectMeta.DeletionGracePeriodSeconds",
        "OwnerReference.Controller",
        "OwnerReference.BlockOwnerDeletion",
        "DeleteOptions.GracePeriodSeconds",
        "DeleteOptions.OrphanDependents",
        "PodSpec.TerminationGracePeriodSeconds",
        "PodSpec.ActiveDeadlineSeconds",
        "PodSpec.AutomountServiceAccountToken",
        "PodSpec.ShareProcessNamespace",
        "PodSpec.Priority",
        "PodSpec.EnableServiceLinks",
        "PodSpec.SetHostnameAsFQDN",
        "PodSpec.HostUsers",
        "ServiceAccount.AutomountServiceAccountToken",
        "SecurityContext.Privileged",
        "SecurityContext.RunAsUser",
        "SecurityContext.RunAsGroup",
        "SecurityContext.RunAsNonRoot",
        "SecurityContext.ReadOnlyRootFilesystem",
        "SecurityContext.AllowPrivilegeEscalation",
        "PodSecurityContext.RunAsUser",
        "PodSecurityContext.RunAsGroup",
        "PodSecurityContext.RunAsNonRoot",
        "PodSecurityContext.FSGroup",
        "PodSecurityContext.FsGroup",
        "Probe.TerminationGracePeriodSeconds",
        "ContainerStatus.Started",
        "SecretVolumeSource.DefaultMode",
        "SecretVolumeSource.Optional",
        "ConfigMapVolumeSource.DefaultMode",
        "ConfigMapVolumeSource.Optional",
        "ProjectedVolumeSource.DefaultMode",
        "DownwardAPIVolumeSource.DefaultMode",
        "KeyToPath.Mode",
        "DownwardAPIVolumeFile.Mode",
        "SecretKeySelector.Optional",
        "ConfigMapKeySelector.Optional",
        "SecretEnvSource.Optional",
        "ConfigMapEnvSource.Optional",
        "ServiceAccountTokenProjection.ExpirationSeconds",
        "PersistentVolumeClaimSpec.StorageClassName",
        "ClientIPConfig.TimeoutSeconds",
        "ServiceSpec.AllocateLoadBalancerNodePorts",
        "ReplicationControllerSpec.Replicas",
        "DeploymentSpec.Replicas",
        "DeploymentSpec.RevisionHistoryLimit",
        "DeploymentSpec.ProgressDeadlineSeconds",
        "ReplicaSetSpec.Replicas",
        "StatefulSetSpec.Replicas",
        "StatefulSetSpec.RevisionHistoryLimit",
        "RollingUpdateStatefulSetStrategy.Partition",
        "DaemonSetSpec.RevisionHistoryLimit",
        "DeploymentStatus.CollisionCount",
        "DaemonSetStatus.CollisionCount",
        "StatefulSetStatus.CollisionCount",
        "JobSpec.Parallelism",
        "JobSpec.Completions",
        "JobSpec.ActiveDeadlineSeconds",
        "JobSpec.BackoffLimit",
        "JobSpec.BackoffLimitPerIndex",
        "JobSpec.MaxFailedIndexes",
        "JobSpec.TTLSecondsAfterFinished",
        "JobSpec.TtlSecondsAfterFinished",
        "JobSpec.Suspend",
        "JobSpec.ManualSelector",
        "JobStatus.Ready",
        "JobStatus.Terminating",
        "CronJobSpec.StartingDeadlineSeconds",
        "CronJobSpec.Suspend",
        "CronJobSpec.SuccessfulJobsHistoryLimit",
        "CronJobSpec.FailedJobsHistoryLimit",
        "HorizontalPodAutoscalerSpec.MinReplicas",
        "HorizontalPodAutoscalerSpec.TargetCPUUtilizationPercentage",
        "LeaseSpec.LeaseDurationSeconds",
        "LeaseSpec.LeaseTransitions",
        "PriorityClass.PreemptionPolicy",
        "Secret.Immutable",
        "ConfigMap.Immutable",
        "EndpointConditions.Ready",
        "EndpointConditions.Serving",
        "EndpointConditions.Terminating",
    };

    public static bool Contains(PropertyInfo property) =>
        property.DeclaringType is { } t && Names.Contains(t.Name + "." + property.Name);
}
