namespace KubeSharp.Api.Batch.V1;

/// <summary>Creates Jobs on a repeating schedule.</summary>
[KubernetesEntity("batch", "v1", "CronJob", "cronjobs", ShortNames = ["cj"], Categories = ["all"], Subresources = ["status"])]
public sealed class CronJob : KubernetesObject
{
    /// <summary>The desired behaviour of the object.</summary>
    [Proto(2)] public CronJobSpec? Spec { get; set; }
    /// <summary>The most recently observed state; written by the system and read-only for users.</summary>
    [Proto(3)] public CronJobStatus? Status { get; set; }
}

/// <summary>The schedule and the Job to run.</summary>
public sealed class CronJobSpec
{
    /// <summary>The schedule in cron format.</summary>
    [Proto(1)] public string? Schedule { get; set; }
    /// <summary>The time zone of the schedule (IANA name); defaults to the controller's time zone.</summary>
    [Proto(8)] public string? TimeZone { get; set; }
    /// <summary>Seconds after a missed start time in which the Job may still start.</summary>
    [Proto(2)] public long? StartingDeadlineSeconds { get; set; }
    /// <summary>Allow (the default), Forbid or Replace concurrent runs.</summary>
    [Proto(3)] public string? ConcurrencyPolicy { get; set; }
    /// <summary>If true, no new runs start. Defaults to false.</summary>
    [Proto(4)] public bool? Suspend { get; set; }
    /// <summary>The Job created at each scheduled time.</summary>
    [Proto(5)] public JobTemplateSpec? JobTemplate { get; set; }
    /// <summary>Successful Jobs to keep. Defaults to 3.</summary>
    [Proto(6)] public int? SuccessfulJobsHistoryLimit { get; set; }
    /// <summary>Failed Jobs to keep. Defaults to 1.</summary>
    [Proto(7)] public int? FailedJobsHistoryLimit { get; set; }
}

/// <summary>The current state of a CronJob.</summary>
public sealed class CronJobStatus
{
    /// <summary>The Jobs currently running.</summary>
    [Proto(1)] public List<Core.V1.ObjectReference>? Active { get; set; }
    /// <summary>When a Job was last scheduled.</summary>
    [Proto(4)] public DateTimeOffset? LastScheduleTime { get; set; }
    /// <summary>When a Job last completed successfully.</summary>
    [Proto(5)] public DateTimeOffset? LastSuccessfulTime { get; set; }
}

/// <summary>The metadata and spec of Jobs created from a template.</summary>
public sealed class JobTemplateSpec
{
    /// <summary>Metadata of the created Jobs.</summary>
    [Proto(1)] public ObjectMeta? Metadata { get; set; }
    /// <summary>The spec of the created Jobs.</summary>
    [Proto(2)] public JobSpec? Spec { get; set; }
}
