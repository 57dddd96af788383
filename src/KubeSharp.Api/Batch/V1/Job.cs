namespace KubeSharp.Api.Batch.V1;

[KubernetesEntity("batch", "v1", "Job", "jobs", Categories = ["all"], Subresources = ["status"])]
public sealed class Job : KubernetesObject
{
    [Proto(2)] public JobSpec? Spec { get; set; }
    [Proto(3)] public JobStatus? Status { get; set; }
}

public sealed class JobSpec
{
    [Proto(1)] public int? Parallelism { get; set; }
    [Proto(2)] public int? Completions { get; set; }
    [Proto(3)] public long? ActiveDeadlineSeconds { get; set; }
    [Proto(11)] public PodFailurePolicy? PodFailurePolicy { get; set; }
    [Proto(16)] public SuccessPolicy? SuccessPolicy { get; set; }
    [Proto(7)] public int? BackoffLimit { get; set; }
    [Proto(12)] public int? BackoffLimitPerIndex { get; set; }
    [Proto(13)] public int? MaxFailedIndexes { get; set; }
    [Proto(4)] public LabelSelector? Selector { get; set; }
    [Proto(5)] public bool? ManualSelector { get; set; }
    [Proto(6)] public Core.V1.PodTemplateSpec? Template { get; set; }
    [Proto(8)] public int? TtlSecondsAfterFinished { get; set; }
    [Proto(9)] public string? CompletionMode { get; set; }
    [Proto(10)] public bool? Suspend { get; set; }
    [Proto(14)] public string? PodReplacementPolicy { get; set; }
    [Proto(15)] public string? ManagedBy { get; set; }
}

public sealed class JobStatus
{
    [Proto(1), PatchMerge("type")] public List<JobCondition>? Conditions { get; set; }
    [Proto(2)] public DateTimeOffset? StartTime { get; set; }
    [Proto(3)] public DateTimeOffset? CompletionTime { get; set; }
    [Proto(4)] public int? Active { get; set; }
    [Proto(5)] public int? Succeeded { get; set; }
    [Proto(6)] public int? Failed { get; set; }
    [Proto(11)] public int? Terminating { get; set; }
    [Proto(7)] public string? CompletedIndexes { get; set; }
    [Proto(10)] public string? FailedIndexes { get; set; }
    [Proto(8)] public UncountedTerminatedPods? UncountedTerminatedPods { get; set; }
    [Proto(9)] public int? Ready { get; set; }
}

public sealed class PodFailurePolicy
{
    [Proto(1)] public List<PodFailurePolicyRule>? Rules { get; set; }
}

public sealed class SuccessPolicy
{
    [Proto(1)] public List<SuccessPolicyRule>? Rules { get; set; }
}

public sealed class JobCondition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(3)] public DateTimeOffset? LastProbeTime { get; set; }
    [Proto(4)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(5)] public string? Reason { get; set; }
    [Proto(6)] public string? Message { get; set; }
}

public sealed class UncountedTerminatedPods
{
    [Proto(1)] public List<string>? Succeeded { get; set; }
    [Proto(2)] public List<string>? Failed { get; set; }
}

public sealed class PodFailurePolicyRule
{
    [Proto(1)] public string? Action { get; set; }
    [Proto(2)] public PodFailurePolicyOnExitCodesRequirement? OnExitCodes { get; set; }
    [Proto(3)] public List<PodFailurePolicyOnPodConditionsPattern>? OnPodConditions { get; set; }
}

public sealed class SuccessPolicyRule
{
    [Proto(1)] public string? SucceededIndexes { get; set; }
    [Proto(2)] public int? SucceededCount { get; set; }
}

public sealed class PodFailurePolicyOnExitCodesRequirement
{
    [Proto(1)] public string? ContainerName { get; set; }
    [Proto(2)] public string? Operator { get; set; }
    [Proto(3)] public List<int>? Values { get; set; }
}

public sealed class PodFailurePolicyOnPodConditionsPattern
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
}
