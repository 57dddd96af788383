namespace KubeSharp.Api.Batch.V1;

[KubernetesEntity("batch", "v1", "CronJob", "cronjobs", ShortNames = ["cj"], Categories = ["all"], Subresources = ["status"])]
public sealed class CronJob : KubernetesObject
{
    [Proto(2)] public CronJobSpec? Spec { get; set; }
    [Proto(3)] public CronJobStatus? Status { get; set; }
}

public sealed class CronJobSpec
{
    [Proto(1)] public string? Schedule { get; set; }
    [Proto(8)] public string? TimeZone { get; set; }
    [Proto(2)] public long? StartingDeadlineSeconds { get; set; }
    [Proto(3)] public string? ConcurrencyPolicy { get; set; }
    [Proto(4)] public bool? Suspend { get; set; }
    [Proto(5)] public JobTemplateSpec? JobTemplate { get; set; }
    [Proto(6)] public int? SuccessfulJobsHistoryLimit { get; set; }
    [Proto(7)] public int? FailedJobsHistoryLimit { get; set; }
}

public sealed class CronJobStatus
{
    [Proto(1)] public List<Core.V1.ObjectReference>? Active { get; set; }
    [Proto(4)] public DateTimeOffset? LastScheduleTime { get; set; }
    [Proto(5)] public DateTimeOffset? LastSuccessfulTime { get; set; }
}

public sealed class JobTemplateSpec
{
    [Proto(2)] public JobSpec? Spec { get; set; }
}
