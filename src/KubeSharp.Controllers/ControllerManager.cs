using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.LeaderElection;
using KubeSharp.Controllers.Autoscaling;
using KubeSharp.Controllers.CronJobs;
using KubeSharp.Controllers.DaemonSets;
using KubeSharp.Controllers.Deployments;
using KubeSharp.Controllers.Disruption;
using KubeSharp.Controllers.Endpoints;
using KubeSharp.Controllers.Jobs;
using KubeSharp.Controllers.NodeIpam;
using KubeSharp.Controllers.NodeLifecycle;
using KubeSharp.Controllers.PersistentVolumes;
using KubeSharp.Controllers.PodGarbageCollection;
using KubeSharp.Controllers.ReplicaSets;
using KubeSharp.Controllers.ResourceQuotas;
using KubeSharp.Controllers.StatefulSets;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers;

/// <summary>
/// kube-controller-manager: while it holds the Lease kube-system/kube-controller-manager, runs the
/// controllers (ReplicaSet, ReplicationController, Deployment, Job, CronJob, DaemonSet,
/// StatefulSet, node lifecycle, pod garbage collection, endpoints, disruption, persistent volume
/// binder with the local-path provisioner, horizontal pod autoscaler) over shared informers. Losing the lease
/// stops them; they start afresh (new informers, empty expectations) if it is won again.
/// Owner-reference garbage collection and namespace deletion run inside the API server.
/// </summary>
public sealed class ControllerManager(KubernetesClient client, ILoggerFactory loggerFactory)
{
    public const string LeaseName = "kube-controller-manager";
    public const string LeaseNamespace = "kube-system";

    private readonly ILogger _logger = loggerFactory.CreateLogger("controller-manager");

    /// <summary>This candidate's identity in the lease (host name plus a random suffix by default).</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}_{Guid.NewGuid():N}";

    /// <summary>Workers per controller.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Where the local-path provisioner puts volumes on the nodes (k3s: &lt;data-dir&gt;/storage).</summary>
    public string LocalStoragePath { get; init; } = "/var/lib/kubesharp/storage";

    /// <summary>The cluster's pod range nodes get their spec.podCIDR from (--cluster-cidr); null: no node IPAM.</summary>
    public string? ClusterCidr { get; init; }

    /// <summary>The size of each node's pod range (--node-cidr-mask-size).</summary>
    public int NodeCidrMaskSize { get; init; } = 24;

    /// <summary>How often the horizontal pod autoscaler reconciles each autoscaler (--horizontal-pod-autoscaler-sync-period).</summary>
    public TimeSpan HorizontalPodAutoscalerSyncPeriod { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The scale-down stabilization window of autoscalers without their own (--horizontal-pod-autoscaler-downscale-stabilization).</summary>
    public TimeSpan HorizontalPodAutoscalerDownscaleStabilization { get; init; } = TimeSpan.FromMinutes(5);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var elector = new LeaderElector(
            client,
            new LeaderElectionConfig { LeaseNamespace = LeaseNamespace, LeaseName = LeaseName, Identity = Identity },
            loggerFactory.CreateLogger("leader-election"))
        {
            OnStartedLeading = RunControllersAsync,
        };
        await elector.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs every controller until <paramref name="cancellationToken"/> is cancelled (no leader election).</summary>
    public async Task RunControllersAsync(CancellationToken cancellationToken)
    {
        var informers = new SharedInformers(client, loggerFactory);
        var replicaSets = new ReplicaController<ReplicaSet>(client, informers, new ReplicaSetKind(), loggerFactory.CreateLogger("replicaset-controller"));
        var replicationControllers = new ReplicaController<ReplicationController>(client, informers, new ReplicationControllerKind(), loggerFactory.CreateLogger("replicationcontroller-controller"));
        var deployments = new DeploymentController(client, informers, loggerFactory.CreateLogger("deployment-controller"));
        var jobs = new JobController(client, informers, loggerFactory.CreateLogger("job-controller"));
        var daemonSets = new DaemonSetController(client, informers, loggerFactory.CreateLogger("daemonset-controller"));
        var statefulSets = new StatefulSetController(client, informers, loggerFactory.CreateLogger("statefulset-controller"));
        var cronJobs = new CronJobController(client, informers, loggerFactory.CreateLogger("cronjob-controller"));
        var podGarbageCollector = new PodGarbageCollector(client, informers, loggerFactory.CreateLogger("pod-garbage-collector"));
        var nodeLifecycle = new NodeLifecycleController(client, informers, loggerFactory.CreateLogger("node-lifecycle-controller"));
        var endpoints = new EndpointsController(client, informers, loggerFactory.CreateLogger("endpoints-controller"));
        var endpointSliceMirroring = new EndpointSliceMirroringController(client, informers, loggerFactory.CreateLogger("endpointslice-mirroring-controller"));
        var disruption = new DisruptionController(client, informers, loggerFactory.CreateLogger("disruption-controller"));
        var persistentVolumes = new PersistentVolumeController(client, informers, loggerFactory.CreateLogger("persistentvolume-binder-controller")) { LocalStoragePath = LocalStoragePath };
        var resourceQuotas = new ResourceQuotaController(client, informers, loggerFactory.CreateLogger("resourcequota-controller"));
        var autoscalers = new HorizontalPodAutoscalerController(client, informers, loggerFactory.CreateLogger("horizontal-pod-autoscaler"))
        {
            SyncPeriod = HorizontalPodAutoscalerSyncPeriod,
            DownscaleStabilization = HorizontalPodAutoscalerDownscaleStabilization,
        };
        var nodeIpam = ClusterCidr is null ? null : new NodeIpamController(client, informers, ClusterCidr, NodeCidrMaskSize, loggerFactory.CreateLogger("node-ipam-controller"));
        informers.Start(cancellationToken);
        try
        {
            await informers.WaitForSyncAsync(cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("controllers started");
            await Task.WhenAll(
                replicaSets.RunAsync(Workers, cancellationToken),
                replicationControllers.RunAsync(Workers, cancellationToken),
                deployments.RunAsync(Workers, cancellationToken),
                jobs.RunAsync(Workers, cancellationToken),
                daemonSets.RunAsync(Workers, cancellationToken),
                statefulSets.RunAsync(Workers, cancellationToken),
                cronJobs.RunAsync(Workers, cancellationToken),
                podGarbageCollector.RunAsync(cancellationToken),
                nodeLifecycle.RunAsync(cancellationToken),
                endpoints.RunAsync(Workers, cancellationToken),
                endpointSliceMirroring.RunAsync(Workers, cancellationToken),
                disruption.RunAsync(Workers, cancellationToken),
                persistentVolumes.RunAsync(Workers, cancellationToken),
                resourceQuotas.RunAsync(Workers, cancellationToken),
                autoscalers.RunAsync(Workers, cancellationToken),
                nodeIpam?.RunAsync(1, cancellationToken) ?? Task.CompletedTask).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await informers.Completion.ConfigureAwait(false);
        _logger.LogInformation("controllers stopped");
    }
}
