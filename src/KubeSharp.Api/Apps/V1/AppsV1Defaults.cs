namespace KubeSharp.Api.Apps.V1;

/// <summary>
/// Server-side defaulting of apps/v1 objects, as the API server applies it on create and update.
/// The pod template inside each workload is defaulted separately by the core/v1 defaults.
/// </summary>
public static class AppsV1Defaults
{
    public static void Apply(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var spec = deployment.Spec ??= new DeploymentSpec();
        spec.Replicas ??= 1;
        var strategy = spec.Strategy ??= new DeploymentStrategy();
        if (string.IsNullOrEmpty(strategy.Type))
        {
            strategy.Type = "RollingUpdate";
        }

        if (strategy.Type == "RollingUpdate")
        {
            var rollingUpdate = strategy.RollingUpdate ??= new RollingUpdateDeployment();
            rollingUpdate.MaxUnavailable ??= "25%";
            rollingUpdate.MaxSurge ??= "25%";
        }

        spec.RevisionHistoryLimit ??= 10;
        spec.ProgressDeadlineSeconds ??= 600;
    }

    public static void Apply(ReplicaSet replicaSet)
    {
        ArgumentNullException.ThrowIfNull(replicaSet);
        var spec = replicaSet.Spec ??= new ReplicaSetSpec();
        spec.Replicas ??= 1;
    }

    public static void Apply(StatefulSet statefulSet)
    {
        ArgumentNullException.ThrowIfNull(statefulSet);
        var spec = statefulSet.Spec ??= new StatefulSetSpec();
        if (string.IsNullOrEmpty(spec.PodManagementPolicy))
        {
            spec.PodManagementPolicy = "OrderedReady";
        }

        var strategy = spec.UpdateStrategy ??= new StatefulSetUpdateStrategy();
        if (string.IsNullOrEmpty(strategy.Type))
        {
            strategy.Type = "RollingUpdate";
            strategy.RollingUpdate ??= new RollingUpdateStatefulSetStrategy();
        }

        // An explicit RollingUpdate without parameters stays without them, as in Kubernetes.
        if (strategy.Type == "RollingUpdate" && strategy.RollingUpdate is { } rollingUpdate)
        {
            rollingUpdate.Partition ??= 0;
        }

        var retention = spec.PersistentVolumeClaimRetentionPolicy ??= new StatefulSetPersistentVolumeClaimRetentionPolicy();
        if (string.IsNullOrEmpty(retention.WhenDeleted))
        {
            retention.WhenDeleted = "Retain";
        }

        if (string.IsNullOrEmpty(retention.WhenScaled))
        {
            retention.WhenScaled = "Retain";
        }

        spec.Replicas ??= 1;
        spec.RevisionHistoryLimit ??= 10;
    }

    public static void Apply(DaemonSet daemonSet)
    {
        ArgumentNullException.ThrowIfNull(daemonSet);
        var spec = daemonSet.Spec ??= new DaemonSetSpec();
        var strategy = spec.UpdateStrategy ??= new DaemonSetUpdateStrategy();
        if (string.IsNullOrEmpty(strategy.Type))
        {
            strategy.Type = "RollingUpdate";
        }

        if (strategy.Type == "RollingUpdate")
        {
            var rollingUpdate = strategy.RollingUpdate ??= new RollingUpdateDaemonSet();
            rollingUpdate.MaxUnavailable ??= 1;
            rollingUpdate.MaxSurge ??= 0;
        }

        spec.RevisionHistoryLimit ??= 10;
    }
}
