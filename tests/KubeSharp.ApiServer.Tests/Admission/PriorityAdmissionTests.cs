using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Scheduling.V1;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Tests.Admission;

public sealed class PriorityAdmissionTests
{
    private static Pod Pod(string? className = null, int? priority = null) => new()
    {
        Metadata = new ObjectMeta { Name = "p", Namespace = "default" },
        Spec = new PodSpec { PriorityClassName = className, Priority = priority },
    };

    private static PriorityClass Class(string name, int value, bool globalDefault = false, string? policy = null) => new()
    {
        Metadata = new ObjectMeta { Name = name },
        Value = value,
        GlobalDefault = globalDefault,
        PreemptionPolicy = policy,
    };

    [Fact]
    public void A_pod_gets_the_value_and_preemption_policy_of_its_priority_class()
    {
        var pod = Pod("batch-low");
        PriorityAdmission.Apply(pod, [Class("batch-low", 10, policy: "Never")]);

        Assert.Equal(10, pod.Spec!.Priority);
        Assert.Equal("Never", pod.Spec.PreemptionPolicy);
    }

    [Fact]
    public void A_pod_without_a_class_gets_the_global_default_or_zero()
    {
        var withDefault = Pod();
        PriorityAdmission.Apply(withDefault, [Class("normal", 1000, globalDefault: true)]);
        Assert.Equal(1000, withDefault.Spec!.Priority);
        Assert.Equal("normal", withDefault.Spec.PriorityClassName);

        var withoutDefault = Pod();
        PriorityAdmission.Apply(withoutDefault, []);
        Assert.Equal(0, withoutDefault.Spec!.Priority);
        Assert.Equal("PreemptLowerPriority", withoutDefault.Spec.PreemptionPolicy);
    }

    [Fact]
    public void The_built_in_critical_classes_are_known_without_being_stored()
    {
        var pod = Pod(PriorityAdmission.SystemNodeCritical);
        PriorityAdmission.Apply(pod, []);

        Assert.Equal(2_000_001_000, pod.Spec!.Priority);
    }

    [Fact]
    public void An_unknown_class_is_forbidden()
    {
        var e = Assert.Throws<ApiException>(() => PriorityAdmission.Apply(Pod("nope"), []));

        Assert.Equal(403, e.Code);
        Assert.Equal("pods \"p\" is forbidden: no PriorityClass with name nope was found", e.Message);
    }

    [Fact]
    public void A_priority_in_the_spec_that_disagrees_with_the_class_is_forbidden()
    {
        var e = Assert.Throws<ApiException>(() => PriorityAdmission.Apply(Pod("high", priority: 5), [Class("high", 100)]));

        Assert.Equal(
            "pods \"p\" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 100 from the given PriorityClass name",
            e.Message);
    }
}
