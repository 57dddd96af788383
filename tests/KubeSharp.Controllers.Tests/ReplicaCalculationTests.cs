using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Controllers.Autoscaling;

namespace KubeSharp.Controllers.Tests;

public class ReplicaCalculationTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ReplicaCalculationSettings Settings = new();

    /// <summary>A running pod with one container requesting <paramref name="cpuRequest"/>, started long ago and ready since then unless told otherwise.</summary>
    private static Pod Pod(string name, string? cpuRequest = "100m", string phase = "Running", bool ready = true, DateTimeOffset? started = null, DateTimeOffset? readySince = null, bool deleting = false)
    {
        var start = started ?? Now.AddHours(-1);
        return new Pod
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default", DeletionTimestamp = deleting ? Now : null },
            Spec = new PodSpec
            {
                Containers =
                [
                    new Container
                    {
                        Name = "app",
                        Resources = cpuRequest is null ? null : new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse(cpuRequest), ["memory"] = Quantity.Parse("64Mi") } },
                    },
                ],
            },
            Status = new PodStatus
            {
                Phase = phase,
                StartTime = start,
                Conditions = [new PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = readySince ?? start.AddSeconds(5) }],
            },
        };
    }

    private static PodUsage Usage(long milli, DateTimeOffset? at = null) => new(milli, at ?? Now.AddSeconds(-1), TimeSpan.FromSeconds(1));

    private static Dictionary<string, PodUsage> Samples(params (string Pod, long Milli)[] samples) =>
        samples.ToDictionary(s => s.Pod, s => Usage(s.Milli));

    [Fact]
    public void Utilization_above_target_asks_for_the_ratio_times_the_ready_pods_rounded_up()
    {
        var pods = new[] { Pod("a"), Pod("b") };

        var proposal = ReplicaCalculation.ForUtilization(2, 50, "cpu", null, pods, Samples(("a", 150), ("b", 150)), Settings, Now);

        Assert.Equal(6, proposal.Replicas);
        Assert.Equal(150, proposal.Utilization);
        Assert.Equal(150, proposal.AverageMilliValue);
    }

    [Fact]
    public void Utilization_within_the_tolerance_keeps_the_current_count()
    {
        var pods = new[] { Pod("a"), Pod("b") };

        Assert.Equal(2, ReplicaCalculation.ForUtilization(2, 100, "cpu", null, pods, Samples(("a", 108), ("b", 100)), Settings, Now).Replicas);
        Assert.Equal(2, ReplicaCalculation.ForUtilization(2, 100, "cpu", null, pods, Samples(("a", 91), ("b", 91)), Settings, Now).Replicas);
        Assert.Equal(3, ReplicaCalculation.ForUtilization(2, 100, "cpu", null, pods, Samples(("a", 112), ("b", 112)), Settings, Now).Replicas);
    }

    [Fact]
    public void Utilization_below_target_scales_down()
    {
        var pods = new[] { Pod("a"), Pod("b"), Pod("c"), Pod("d") };

        var proposal = ReplicaCalculation.ForUtilization(4, 50, "cpu", null, pods, Samples(("a", 10), ("b", 10), ("c", 10), ("d", 10)), Settings, Now);

        Assert.Equal(1, proposal.Replicas);
        Assert.Equal(10, proposal.Utilization);
    }

    [Fact]
    public void A_container_without_a_request_makes_utilization_fail_with_the_kubernetes_message()
    {
        var pods = new[] { Pod("a"), Pod("b", cpuRequest: null) };

        var error = Assert.Throws<MetricUnavailableException>(() => ReplicaCalculation.ForUtilization(2, 50, "cpu", null, pods, Samples(("a", 10), ("b", 10)), Settings, Now));

        Assert.StartsWith("missing request for cpu", error.Message, StringComparison.Ordinal);
        Assert.Equal("missing request for cpu in container app of Pod b", error.Message);
    }

    [Fact]
    public void Pods_without_samples_count_as_using_their_request_when_scaling_down()
    {
        var pods = new[] { Pod("a"), Pod("b"), Pod("c"), Pod("fresh") };

        // Alone the three samples ask for ceil(0.2 × 3) = 1; with "fresh" at 100% the ratio is 0.64 over four pods.
        var proposal = ReplicaCalculation.ForUtilization(4, 50, "cpu", null, pods, Samples(("a", 10), ("b", 10), ("c", 10)), Settings, Now);

        Assert.Equal(3, proposal.Replicas);
        Assert.Equal(10, proposal.Utilization);
    }

    [Fact]
    public void Pods_without_samples_count_as_idle_when_scaling_up()
    {
        var pods = new[] { Pod("busy"), Pod("fresh") };

        var proposal = ReplicaCalculation.ForUtilization(2, 50, "cpu", null, pods, Samples(("busy", 200)), Settings, Now);

        Assert.Equal(4, proposal.Replicas);
        Assert.Equal(200, proposal.Utilization);
    }

    [Fact]
    public void Assumed_use_that_reverses_the_direction_keeps_the_current_count()
    {
        var pods = new[] { Pod("a"), Pod("b"), Pod("c") };

        // 60% of a 50% target alone would scale up; the two pods without samples, idle, turn it into 20%.
        var proposal = ReplicaCalculation.ForUtilization(3, 50, "cpu", null, pods, Samples(("a", 60)), Settings, Now);

        Assert.Equal(3, proposal.Replicas);
    }

    [Fact]
    public void Unready_and_pending_pods_count_as_idle_when_scaling_up()
    {
        var pods = new[] { Pod("busy"), Pod("unready", ready: false), Pod("pending", phase: "Pending") };

        var proposal = ReplicaCalculation.ForUtilization(3, 50, "cpu", null, pods, Samples(("busy", 300), ("unready", 900)), Settings, Now);

        // (300 + 0 + 0) / 300 = 100% of request, twice the target, over three pods.
        Assert.Equal(6, proposal.Replicas);
        Assert.Equal(300, proposal.Utilization);
    }

    [Fact]
    public void Unready_pods_are_left_out_when_scaling_down()
    {
        var pods = new[] { Pod("a"), Pod("b"), Pod("unready", ready: false) };

        var proposal = ReplicaCalculation.ForUtilization(3, 50, "cpu", null, pods, Samples(("a", 10), ("b", 10), ("unready", 0)), Settings, Now);

        Assert.Equal(1, proposal.Replicas);
    }

    [Fact]
    public void A_cpu_sample_counts_only_when_taken_a_full_window_after_the_pod_became_ready_during_initialization()
    {
        var started = Now.AddSeconds(-60);
        var readySince = Now.AddSeconds(-10);
        var pods = new[] { Pod("a", started: started, readySince: readySince) };

        var early = new Dictionary<string, PodUsage> { ["a"] = new(200, readySince.AddMilliseconds(500), TimeSpan.FromSeconds(1)) };
        var late = new Dictionary<string, PodUsage> { ["a"] = new(200, readySince.AddSeconds(2), TimeSpan.FromSeconds(1)) };

        Assert.Equal(new[] { "a" }, ReplicaCalculation.Group(pods, early, "cpu", Settings, Now).Unready);
        Assert.Equal(1, ReplicaCalculation.Group(pods, late, "cpu", Settings, Now).ReadyCount);
        Assert.Throws<MetricUnavailableException>(() => ReplicaCalculation.ForUtilization(1, 50, "cpu", null, pods, early, Settings, Now));
        Assert.Equal(4, ReplicaCalculation.ForUtilization(1, 50, "cpu", null, pods, late, Settings, Now).Replicas);
    }

    [Fact]
    public void After_initialization_an_unready_pod_counts_unless_it_never_became_ready()
    {
        var started = Now.AddMinutes(-10);
        var neverReady = Pod("never", ready: false, started: started, readySince: started.AddSeconds(1));
        var wasReady = Pod("was", ready: false, started: started, readySince: started.AddMinutes(5));
        var samples = Samples(("never", 50), ("was", 50));

        var groups = ReplicaCalculation.Group([neverReady, wasReady], samples, "cpu", Settings, Now);

        Assert.Equal(new[] { "never" }, groups.Unready);
        Assert.Equal(1, groups.ReadyCount);
    }

    [Fact]
    public void Readiness_matters_only_for_cpu()
    {
        var pods = new[] { Pod("unready", ready: false, started: Now.AddSeconds(-5)) };

        Assert.Equal(1, ReplicaCalculation.Group(pods, Samples(("unready", 1)), "memory", Settings, Now).ReadyCount);
    }

    [Fact]
    public void Deleted_and_failed_pods_are_ignored()
    {
        var pods = new[] { Pod("a"), Pod("gone", deleting: true), Pod("failed", phase: "Failed") };

        var groups = ReplicaCalculation.Group(pods, Samples(("a", 10), ("gone", 500), ("failed", 500)), "cpu", Settings, Now);

        Assert.Equal(1, groups.ReadyCount);
        Assert.Equal(new[] { "failed", "gone" }, groups.Ignored.Order(StringComparer.Ordinal));
        Assert.Equal(1, ReplicaCalculation.ForUtilization(3, 50, "cpu", null, pods, Samples(("a", 10), ("gone", 500), ("failed", 500)), Settings, Now).Replicas);
    }

    [Fact]
    public void No_sample_from_any_counted_pod_is_an_error()
    {
        var pods = new[] { Pod("unready", ready: false) };

        var error = Assert.Throws<MetricUnavailableException>(() => ReplicaCalculation.ForUtilization(1, 50, "cpu", null, pods, Samples(("unready", 10)), Settings, Now));

        Assert.Equal("did not receive metrics for targeted pods (pods might be unready)", error.Message);
        Assert.Throws<MetricUnavailableException>(() => ReplicaCalculation.ForUtilization(1, 50, "cpu", null, [], Samples(), Settings, Now));
    }

    [Fact]
    public void Average_value_asks_for_the_ratio_to_the_target_times_the_ready_pods()
    {
        var pods = new[] { Pod("a", cpuRequest: null), Pod("b", cpuRequest: null) };

        var proposal = ReplicaCalculation.ForAverageValue(2, 100, "cpu", pods, Samples(("a", 300), ("b", 300)), Settings, Now);

        Assert.Equal(6, proposal.Replicas);
        Assert.Equal(300, proposal.AverageMilliValue);
        Assert.Equal(2, ReplicaCalculation.ForAverageValue(2, 100, "cpu", pods, Samples(("a", 105), ("b", 95)), Settings, Now).Replicas);
    }

    [Fact]
    public void Average_value_counts_missing_pods_at_the_target_when_scaling_down()
    {
        var pods = new[] { Pod("a"), Pod("b"), Pod("c"), Pod("fresh") };

        // (10 + 10 + 10 + 100) / 4 = 32m (a whole milli-unit) of a 100m target: ceil(0.32 × 4) = 2.
        var proposal = ReplicaCalculation.ForAverageValue(4, 100, "cpu", pods, Samples(("a", 10), ("b", 10), ("c", 10)), Settings, Now);

        Assert.Equal(2, proposal.Replicas);
    }

    [Fact]
    public void Requests_sum_containers_and_sidecars_or_only_the_named_container()
    {
        var pod = Pod("a");
        pod.Spec!.Containers!.Add(new Container { Name = "helper", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse("50m") } } });
        pod.Spec.InitContainers =
        [
            new Container { Name = "sidecar", RestartPolicy = "Always", Resources = new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse("25m") } } },
            new Container { Name = "setup" },
        ];

        Assert.Equal(175, ReplicaCalculation.Requests([pod], null, "cpu")["a"]);
        Assert.Equal(50, ReplicaCalculation.Requests([pod], "helper", "cpu")["a"]);
        Assert.Throws<MetricUnavailableException>(() => ReplicaCalculation.Requests([pod], "absent", "cpu"));
    }
}
