using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Controllers.Deployments;

namespace KubeSharp.Controllers.Tests;

public class DeploymentStatusPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static Deployment Deployment(int replicas, DeploymentStatus? status = null, int? deadline = 600) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", Generation = 2 },
        Spec = new DeploymentSpec { Replicas = replicas, ProgressDeadlineSeconds = deadline },
        Status = status,
    };

    private static ReplicaSet Rs(string name, int replicas, int ready, int available) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Status = new ReplicaSetStatus { Replicas = replicas, ReadyReplicas = ready, AvailableReplicas = available },
    };

    private static DeploymentCondition Condition(DeploymentStatus status, string type) => status.Conditions!.Single(c => c.Type == type);

    [Fact]
    public void A_finished_rollout_reports_counts_and_new_replica_set_available()
    {
        var newRs = Rs("web-abc", 3, 3, 3);

        var status = DeploymentStatusPlan.Compute(Deployment(3), newRs, [newRs], maxUnavailable: 0, NewReplicaSetEvent.None, Now);

        Assert.Equal((2L, 3, 3, 3, 3, null), (status.ObservedGeneration!.Value, status.Replicas!.Value, status.UpdatedReplicas!.Value, status.ReadyReplicas!.Value, status.AvailableReplicas!.Value, status.UnavailableReplicas));
        Assert.Equal(("True", "MinimumReplicasAvailable"), (Condition(status, "Available").Status, Condition(status, "Available").Reason));
        var progressing = Condition(status, "Progressing");
        Assert.Equal(("True", "NewReplicaSetAvailable", "ReplicaSet \"web-abc\" has successfully progressed."), (progressing.Status, progressing.Reason, progressing.Message));
    }

    [Fact]
    public void A_rollout_in_progress_counts_old_and_new_pods()
    {
        var newRs = Rs("web-new", 1, 0, 0);
        var oldRs = Rs("web-old", 3, 3, 3);

        var status = DeploymentStatusPlan.Compute(Deployment(3), newRs, [oldRs, newRs], maxUnavailable: 0, NewReplicaSetEvent.Created, Now);

        Assert.Equal((4, 1, 3, (int?)null), (status.Replicas!.Value, status.UpdatedReplicas!.Value, status.AvailableReplicas!.Value, status.UnavailableReplicas));
        Assert.Equal("NewReplicaSetCreated", Condition(status, "Progressing").Reason);
        Assert.Equal("Created new replica set \"web-new\"", Condition(status, "Progressing").Message);
    }

    [Fact]
    public void Too_few_available_pods_make_the_deployment_unavailable()
    {
        var newRs = Rs("web-abc", 3, 1, 1);

        var status = DeploymentStatusPlan.Compute(Deployment(3), newRs, [newRs], maxUnavailable: 1, NewReplicaSetEvent.None, Now);

        Assert.Equal(("False", "MinimumReplicasUnavailable"), (Condition(status, "Available").Status, Condition(status, "Available").Reason));
    }

    [Fact]
    public void No_progress_past_the_deadline_is_progress_deadline_exceeded()
    {
        var stuck = new DeploymentStatus
        {
            Replicas = 1,
            UpdatedReplicas = 1,
            Conditions = [new DeploymentCondition { Type = "Progressing", Status = "True", Reason = "ReplicaSetUpdated", Message = "ReplicaSet \"web-abc\" is progressing.", LastUpdateTime = Now.AddMinutes(-11), LastTransitionTime = Now.AddMinutes(-11) }],
        };
        var newRs = Rs("web-abc", 1, 0, 0);

        var status = DeploymentStatusPlan.Compute(Deployment(1, stuck), newRs, [newRs], maxUnavailable: 0, NewReplicaSetEvent.None, Now);

        var progressing = Condition(status, "Progressing");
        Assert.Equal(("False", "ProgressDeadlineExceeded", "ReplicaSet \"web-abc\" has timed out progressing."), (progressing.Status, progressing.Reason, progressing.Message));
    }

    [Fact]
    public void Pausing_sets_progressing_unknown()
    {
        var deployment = Deployment(1);
        deployment.Spec!.Paused = true;
        var newRs = Rs("web-abc", 1, 1, 1);

        var status = DeploymentStatusPlan.Compute(deployment, newRs, [newRs], 0, NewReplicaSetEvent.None, Now);

        Assert.Equal(("Unknown", "DeploymentPaused"), (Condition(status, "Progressing").Status, Condition(status, "Progressing").Reason));
    }

    [Fact]
    public void Template_hash_is_stable_short_and_ignores_its_own_label()
    {
        var template = new PodTemplateSpec
        {
            Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "nginx:1" }] },
        };
        var labelled = new PodTemplateSpec
        {
            Metadata = new ObjectMeta { Labels = new() { ["pod-template-hash"] = "xyz", ["app"] = "web" } },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "nginx:1" }] },
        };
        var changed = new PodTemplateSpec
        {
            Metadata = new ObjectMeta { Labels = new() { ["app"] = "web" } },
            Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "nginx:2" }] },
        };

        var hash = PodTemplateHash.Compute(template, null);
        Assert.Equal(hash, PodTemplateHash.Compute(template, null));
        Assert.InRange(hash.Length, 1, 10);
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]+$", hash);
        Assert.True(PodTemplateHash.EqualIgnoringHash(template, labelled));
        Assert.False(PodTemplateHash.EqualIgnoringHash(template, changed));
        Assert.NotEqual(hash, PodTemplateHash.Compute(changed, null));
        Assert.NotEqual(hash, PodTemplateHash.Compute(template, 1));
    }
}
