using KubeSharp.Api.Apps.V1;

namespace KubeSharp.Api.Tests;

public sealed class AppsV1Tests
{
    private const string DeploymentJson = """
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {
            "name": "web",
            "namespace": "shop",
            "uid": "5b1c1a36-1f53-4a8b-9b2f-0c6f3b1e2a10",
            "resourceVersion": "4711",
            "generation": 3,
            "creationTimestamp": "2024-05-01T10:00:00Z",
            "labels": { "app": "web" },
            "annotations": { "deployment.kubernetes.io/revision": "2" }
          },
          "spec": {
            "replicas": 3,
            "selector": { "matchLabels": { "app": "web" }, "matchExpressions": [ { "key": "tier", "operator": "In", "values": [ "front" ] } ] },
            "template": {
              "metadata": { "labels": { "app": "web", "tier": "front" } },
              "spec": { "containers": [ { "name": "nginx", "image": "nginx:1.27", "ports": [ { "containerPort": 80, "protocol": "TCP" } ] } ] }
            },
            "strategy": { "type": "RollingUpdate", "rollingUpdate": { "maxUnavailable": 0, "maxSurge": "50%" } },
            "minReadySeconds": 5,
            "revisionHistoryLimit": 4,
            "paused": false,
            "progressDeadlineSeconds": 120
          },
          "status": {
            "observedGeneration": 3,
            "replicas": 3,
            "updatedReplicas": 2,
            "readyReplicas": 3,
            "availableReplicas": 3,
            "unavailableReplicas": 0,
            "collisionCount": 1,
            "conditions": [
              { "type": "Available", "status": "True", "lastUpdateTime": "2024-05-01T10:01:00Z", "lastTransitionTime": "2024-05-01T10:01:00Z", "reason": "MinimumReplicasAvailable", "message": "Deployment has minimum availability." },
              { "type": "Progressing", "status": "True", "lastUpdateTime": "2024-05-01T10:02:00Z", "lastTransitionTime": "2024-05-01T10:00:00Z", "reason": "NewReplicaSetAvailable", "message": "ReplicaSet \"web-7d4b9c\" has successfully progressed." }
            ]
          }
        }
        """;

    private const string StatefulSetJson = """
        {
          "apiVersion": "apps/v1",
          "kind": "StatefulSet",
          "metadata": { "name": "db", "namespace": "shop" },
          "spec": {
            "replicas": 3,
            "selector": { "matchLabels": { "app": "db" } },
            "serviceName": "db",
            "podManagementPolicy": "Parallel",
            "updateStrategy": { "type": "RollingUpdate", "rollingUpdate": { "partition": 1, "maxUnavailable": 2 } },
            "revisionHistoryLimit": 5,
            "minReadySeconds": 10,
            "persistentVolumeClaimRetentionPolicy": { "whenDeleted": "Delete", "whenScaled": "Retain" },
            "ordinals": { "start": 1 },
            "template": {
              "metadata": { "labels": { "app": "db" } },
              "spec": { "containers": [ { "name": "pg", "image": "postgres:16", "volumeMounts": [ { "name": "data", "mountPath": "/var/lib/postgresql" } ] } ] }
            },
            "volumeClaimTemplates": [
              {
                "apiVersion": "v1",
                "kind": "PersistentVolumeClaim",
                "metadata": { "name": "data" },
                "spec": { "accessModes": [ "ReadWriteOnce" ], "storageClassName": "local", "resources": { "requests": { "storage": "10Gi" } } }
              }
            ]
          },
          "status": {
            "observedGeneration": 2,
            "replicas": 3,
            "readyReplicas": 3,
            "currentReplicas": 2,
            "updatedReplicas": 1,
            "availableReplicas": 3,
            "currentRevision": "db-6c9f",
            "updateRevision": "db-7a1e",
            "collisionCount": 0,
            "conditions": [ { "type": "Ready", "status": "True", "lastTransitionTime": "2024-05-01T10:00:00Z", "reason": "AllReady", "message": "ok" } ]
          }
        }
        """;

    [Fact]
    public void Deployment_round_trips_without_losing_a_field()
    {
        var deployment = ApiGroupJson.AssertRoundTripLossless<Deployment>(DeploymentJson);
        Assert.Equal(IntOrString.FromInt(0), deployment.Spec!.Strategy!.RollingUpdate!.MaxUnavailable);
        Assert.Equal("50%", deployment.Spec.Strategy.RollingUpdate.MaxSurge!.StringValue);
    }

    [Fact]
    public void StatefulSet_round_trips_with_claim_templates_retention_policy_and_ordinals()
    {
        var statefulSet = ApiGroupJson.AssertRoundTripLossless<StatefulSet>(StatefulSetJson);
        Assert.Equal(1, statefulSet.Spec!.Ordinals!.Start);
        Assert.Equal("data", Assert.Single(statefulSet.Spec.VolumeClaimTemplates!).Metadata!.Name);
    }

    [Fact]
    public void DaemonSet_and_ControllerRevision_round_trip()
    {
        ApiGroupJson.AssertRoundTripLossless<DaemonSet>("""
            {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"agent"},
             "spec":{"selector":{"matchLabels":{"app":"agent"}},"template":{"metadata":{"labels":{"app":"agent"}}},
                     "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"10%","maxSurge":0}},"minReadySeconds":1,"revisionHistoryLimit":3},
             "status":{"currentNumberScheduled":2,"numberMisscheduled":0,"desiredNumberScheduled":2,"numberReady":2,"observedGeneration":1,
                       "updatedNumberScheduled":2,"numberAvailable":2,"numberUnavailable":0,"collisionCount":0}}
            """);
        var revision = ApiGroupJson.AssertRoundTripLossless<ControllerRevision>("""
            {"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"db-6c9f"},
             "data":{"spec":{"template":{"$patch":"replace","metadata":{"labels":{"app":"db"}}}}},"revision":2}
            """);
        Assert.Equal(2, revision.Revision);
    }

    [Fact]
    public void Empty_deployment_gets_one_replica_rolling_update_of_25_percent_and_history_and_deadline()
    {
        var deployment = new Deployment();

        AppsV1Defaults.Apply(deployment);

        var spec = deployment.Spec!;
        Assert.Equal(1, spec.Replicas);
        Assert.Equal("RollingUpdate", spec.Strategy!.Type);
        Assert.Equal(IntOrString.FromString("25%"), spec.Strategy.RollingUpdate!.MaxUnavailable);
        Assert.Equal(IntOrString.FromString("25%"), spec.Strategy.RollingUpdate.MaxSurge);
        Assert.Equal(10, spec.RevisionHistoryLimit);
        Assert.Equal(600, spec.ProgressDeadlineSeconds);
    }

    [Fact]
    public void Recreate_deployment_gets_no_rolling_update_parameters_and_keeps_given_values()
    {
        var deployment = new Deployment { Spec = new DeploymentSpec { Replicas = 0, Strategy = new DeploymentStrategy { Type = "Recreate" }, RevisionHistoryLimit = 2 } };

        AppsV1Defaults.Apply(deployment);

        Assert.Equal(0, deployment.Spec!.Replicas);
        Assert.Null(deployment.Spec.Strategy!.RollingUpdate);
        Assert.Equal(2, deployment.Spec.RevisionHistoryLimit);
    }

    [Fact]
    public void Empty_statefulset_gets_ordered_ready_rolling_update_partition_zero_and_retained_claims()
    {
        var statefulSet = new StatefulSet();

        AppsV1Defaults.Apply(statefulSet);

        var spec = statefulSet.Spec!;
        Assert.Equal(1, spec.Replicas);
        Assert.Equal("OrderedReady", spec.PodManagementPolicy);
        Assert.Equal("RollingUpdate", spec.UpdateStrategy!.Type);
        Assert.Equal(0, spec.UpdateStrategy.RollingUpdate!.Partition);
        Assert.Equal(10, spec.RevisionHistoryLimit);
        Assert.Equal("Retain", spec.PersistentVolumeClaimRetentionPolicy!.WhenDeleted);
        Assert.Equal("Retain", spec.PersistentVolumeClaimRetentionPolicy.WhenScaled);
    }

    [Fact]
    public void Statefulset_with_explicit_rolling_update_type_gets_no_partition_block()
    {
        var statefulSet = new StatefulSet { Spec = new StatefulSetSpec { UpdateStrategy = new StatefulSetUpdateStrategy { Type = "RollingUpdate" } } };

        AppsV1Defaults.Apply(statefulSet);

        Assert.Null(statefulSet.Spec!.UpdateStrategy!.RollingUpdate);
    }

    [Fact]
    public void Empty_daemonset_rolls_one_node_at_a_time_without_surge()
    {
        var daemonSet = new DaemonSet();

        AppsV1Defaults.Apply(daemonSet);

        var strategy = daemonSet.Spec!.UpdateStrategy!;
        Assert.Equal("RollingUpdate", strategy.Type);
        Assert.Equal(IntOrString.FromInt(1), strategy.RollingUpdate!.MaxUnavailable);
        Assert.Equal(IntOrString.FromInt(0), strategy.RollingUpdate.MaxSurge);
        Assert.Equal(10, daemonSet.Spec.RevisionHistoryLimit);
    }

    [Fact]
    public void Empty_replicaset_gets_one_replica()
    {
        var replicaSet = new ReplicaSet();

        AppsV1Defaults.Apply(replicaSet);

        Assert.Equal(1, replicaSet.Spec!.Replicas);
    }
}
