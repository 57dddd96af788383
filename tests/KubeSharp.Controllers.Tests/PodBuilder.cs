using KubeSharp.Api;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Controllers.Tests;

/// <summary>Pods in a given scheduling/readiness state, for the pure-function tests.</summary>
internal static class PodBuilder
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Pod Pod(string name, string? node = "node-1", string phase = "Running", bool ready = true, DateTimeOffset? readySince = null, int restarts = 0, DateTimeOffset? created = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default", CreationTimestamp = created ?? Epoch, Labels = new() { ["app"] = "web" } },
        Spec = new PodSpec { NodeName = node },
        Status = new PodStatus
        {
            Phase = phase,
            Conditions = [new PodCondition { Type = "Ready", Status = ready ? "True" : "False", LastTransitionTime = readySince ?? Epoch }],
            ContainerStatuses = [new ContainerStatus { Name = "c", RestartCount = restarts }],
        },
    };
}
