using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Policy.V1;
using KubeSharp.Controllers.Disruption;

namespace KubeSharp.Controllers.Tests;

public sealed class DisruptionPlanTests
{
    private static readonly DateTimeOffset Now = PodBuilder.Epoch.AddHours(1);

    private static PodDisruptionBudget Budget(IntOrString? minAvailable = null, IntOrString? maxUnavailable = null) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default", Generation = 3 },
        Spec = new PodDisruptionBudgetSpec { MinAvailable = minAvailable, MaxUnavailable = maxUnavailable },
    };

    private static List<Pod> Pods(int ready, int unready = 0) =>
        [.. Enumerable.Range(0, ready).Select(i => PodBuilder.Pod("ready-" + i)), .. Enumerable.Range(0, unready).Select(i => PodBuilder.Pod("unready-" + i, ready: false))];

    [Fact]
    public void Integer_min_available_allows_disrupting_the_healthy_pods_above_it()
    {
        var status = DisruptionPlan.Status(Budget(minAvailable: 2), Pods(3, unready: 1), controllerScale: 5, Now);

        Assert.Equal((3, 2, 4, 1), (status.CurrentHealthy, status.DesiredHealthy, status.ExpectedPods, status.DisruptionsAllowed));
        Assert.Equal(3, status.ObservedGeneration);
        var condition = Assert.Single(status.Conditions!);
        Assert.Equal(("DisruptionAllowed", "True", "SufficientPods"), (condition.Type, condition.Status, condition.Reason));
    }

    [Fact]
    public void Too_few_healthy_pods_allow_no_disruption()
    {
        var status = DisruptionPlan.Status(Budget(minAvailable: 3), Pods(2, unready: 1), controllerScale: 3, Now);

        Assert.Equal(0, status.DisruptionsAllowed);
        var condition = Assert.Single(status.Conditions!);
        Assert.Equal(("False", "InsufficientPods"), (condition.Status, condition.Reason));
    }

    [Fact]
    public void Percentage_min_available_rounds_up_against_the_controllers_scale()
    {
        var status = DisruptionPlan.Status(Budget(minAvailable: "50%"), Pods(3), controllerScale: 5, Now);

        Assert.Equal((5, 3, 0), (status.ExpectedPods, status.DesiredHealthy, status.DisruptionsAllowed));
    }

    [Fact]
    public void Max_unavailable_is_subtracted_from_the_expected_pods()
    {
        var status = DisruptionPlan.Status(Budget(maxUnavailable: 1), Pods(4), controllerScale: 4, Now);

        Assert.Equal((4, 3, 1), (status.ExpectedPods, status.DesiredHealthy, status.DisruptionsAllowed));
    }

    [Fact]
    public void Percentage_max_unavailable_rounds_up_the_pods_that_may_be_unavailable()
    {
        var status = DisruptionPlan.Status(Budget(maxUnavailable: "25%"), Pods(10), controllerScale: 10, Now);

        Assert.Equal((7, 3), (status.DesiredHealthy, status.DisruptionsAllowed));
    }

    [Fact]
    public void Without_a_known_controller_the_matching_pods_are_expected()
    {
        var status = DisruptionPlan.Status(Budget(maxUnavailable: 1), Pods(2, unready: 1), controllerScale: null, Now);

        Assert.Equal((3, 2, 0), (status.ExpectedPods, status.DesiredHealthy, status.DisruptionsAllowed));
    }

    [Fact]
    public void Recently_disrupted_pods_are_not_healthy_until_the_record_expires()
    {
        var budget = Budget(minAvailable: 1);
        budget.Status = new PodDisruptionBudgetStatus { DisruptedPods = new() { ["ready-0"] = Now.AddSeconds(-30), ["ready-1"] = Now.AddMinutes(-5), ["gone"] = Now } };

        var status = DisruptionPlan.Status(budget, Pods(3), controllerScale: 3, Now);

        Assert.Equal(["ready-0"], status.DisruptedPods!.Keys);
        Assert.Equal((2, 1), (status.CurrentHealthy, status.DisruptionsAllowed));
        Assert.Equal(Now.AddSeconds(90), DisruptionPlan.NextExpiry(status));
    }

    [Fact]
    public void Condition_keeps_its_transition_time_while_its_status_holds()
    {
        var budget = Budget(minAvailable: 1);
        budget.Status = new PodDisruptionBudgetStatus { Conditions = [new Condition { Type = "DisruptionAllowed", Status = "True", LastTransitionTime = PodBuilder.Epoch }] };

        Assert.Equal(PodBuilder.Epoch, Assert.Single(DisruptionPlan.Status(budget, Pods(3), 3, Now).Conditions!).LastTransitionTime);
        Assert.Equal(Now, Assert.Single(DisruptionPlan.Status(budget, Pods(1), 1, Now).Conditions!).LastTransitionTime);
    }
}
