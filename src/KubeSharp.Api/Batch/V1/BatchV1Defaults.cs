namespace KubeSharp.Api.Batch.V1;

/// <summary>
/// Server-side defaulting of batch/v1 objects. The pod templates are defaulted separately by the
/// core/v1 defaults.
/// </summary>
public static class BatchV1Defaults
{
    public static void Apply(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var spec = job.Spec ??= new JobSpec();

        // A Job that sets neither runs one pod to one completion.
        if (spec.Completions is null && spec.Parallelism is null)
        {
            spec.Completions = 1;
        }

        spec.Parallelism ??= 1;

        // With per-index limits the global limit must not end the Job first.
        spec.BackoffLimit ??= spec.BackoffLimitPerIndex is null ? 6 : int.MaxValue;

        if (spec.Template?.Metadata?.Labels is { } templateLabels && job.Meta.Labels is not { Count: > 0 })
        {
            job.Meta.Labels = new Dictionary<string, string>(templateLabels);
        }

        if (string.IsNullOrEmpty(spec.CompletionMode))
        {
            spec.CompletionMode = "NonIndexed";
        }

        spec.Suspend ??= false;

        // Waiting for full termination is the only safe choice when failures are classified by policy.
        if (string.IsNullOrEmpty(spec.PodReplacementPolicy))
        {
            spec.PodReplacementPolicy = spec.PodFailurePolicy is null ? "TerminatingOrFailed" : "Failed";
        }

        spec.ManualSelector ??= false;
        ApplyToPodFailurePolicy(spec.PodFailurePolicy);
    }

    public static void Apply(CronJob cronJob)
    {
        ArgumentNullException.ThrowIfNull(cronJob);
        var spec = cronJob.Spec ??= new CronJobSpec();
        if (string.IsNullOrEmpty(spec.ConcurrencyPolicy))
        {
            spec.ConcurrencyPolicy = "Allow";
        }

        spec.Suspend ??= false;
        spec.SuccessfulJobsHistoryLimit ??= 3;
        spec.FailedJobsHistoryLimit ??= 1;

        // The Job template's own spec is not defaulted as a Job (that happens when the Job is
        // created); only its nested pod failure policy is.
        ApplyToPodFailurePolicy(spec.JobTemplate?.Spec?.PodFailurePolicy);
    }

    private static void ApplyToPodFailurePolicy(PodFailurePolicy? policy)
    {
        foreach (var rule in policy?.Rules ?? [])
        {
            foreach (var pattern in rule.OnPodConditions ?? [])
            {
                if (string.IsNullOrEmpty(pattern.Status))
                {
                    pattern.Status = "True";
                }
            }
        }
    }
}
