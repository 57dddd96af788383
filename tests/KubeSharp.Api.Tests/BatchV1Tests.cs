using KubeSharp.Api.Batch.V1;

namespace KubeSharp.Api.Tests;

public sealed class BatchV1Tests
{
    private const string JobJson = """
        {
          "apiVersion": "batch/v1",
          "kind": "Job",
          "metadata": { "name": "render", "namespace": "media", "labels": { "batch.kubernetes.io/job-name": "render" } },
          "spec": {
            "parallelism": 4,
            "completions": 10,
            "activeDeadlineSeconds": 3600,
            "podFailurePolicy": {
              "rules": [
                { "action": "FailJob", "onExitCodes": { "containerName": "main", "operator": "In", "values": [ 42 ] } },
                { "action": "Ignore", "onPodConditions": [ { "type": "DisruptionTarget", "status": "True" } ] },
                { "action": "FailIndex", "onExitCodes": { "operator": "NotIn", "values": [ 0, 1 ] } }
              ]
            },
            "successPolicy": { "rules": [ { "succeededIndexes": "0-2", "succeededCount": 2 } ] },
            "backoffLimit": 3,
            "backoffLimitPerIndex": 1,
            "maxFailedIndexes": 5,
            "selector": { "matchLabels": { "batch.kubernetes.io/controller-uid": "0f0e7c5a-8d1b-4c35-9a51-3c2b1f9e7d11" } },
            "manualSelector": false,
            "template": { "metadata": { "labels": { "job": "render" } }, "spec": { "restartPolicy": "Never", "containers": [ { "name": "main", "image": "render:2" } ] } },
            "ttlSecondsAfterFinished": 600,
            "completionMode": "Indexed",
            "suspend": false,
            "podReplacementPolicy": "Failed",
            "managedBy": "kubernetes.io/job-controller"
          },
          "status": {
            "conditions": [ { "type": "SuccessCriteriaMet", "status": "True", "lastProbeTime": "2024-05-01T11:00:00Z", "lastTransitionTime": "2024-05-01T11:00:00Z", "reason": "SuccessPolicy", "message": "Matched rules at index 0" } ],
            "startTime": "2024-05-01T10:00:00Z",
            "completionTime": "2024-05-01T11:00:00Z",
            "active": 1,
            "succeeded": 2,
            "failed": 1,
            "terminating": 0,
            "completedIndexes": "0-1",
            "failedIndexes": "3",
            "uncountedTerminatedPods": { "succeeded": [ "a1" ], "failed": [ "b2" ] },
            "ready": 1
          }
        }
        """;

    private const string CronJobJson = """
        {
          "apiVersion": "batch/v1",
          "kind": "CronJob",
          "metadata": { "name": "backup", "namespace": "ops" },
          "spec": {
            "schedule": "*/15 * * * *",
            "timeZone": "Europe/Berlin",
            "startingDeadlineSeconds": 200,
            "concurrencyPolicy": "Forbid",
            "suspend": true,
            "jobTemplate": {
              "metadata": { "labels": { "task": "backup" } },
              "spec": { "backoffLimit": 2, "template": { "spec": { "restartPolicy": "OnFailure", "containers": [ { "name": "b", "image": "backup:1" } ] } } }
            },
            "successfulJobsHistoryLimit": 5,
            "failedJobsHistoryLimit": 2
          },
          "status": {
            "active": [ { "kind": "Job", "namespace": "ops", "name": "backup-28600000", "uid": "c1", "apiVersion": "batch/v1", "resourceVersion": "99" } ],
            "lastScheduleTime": "2024-05-01T10:15:00Z",
            "lastSuccessfulTime": "2024-05-01T10:00:00Z"
          }
        }
        """;

    [Fact]
    public void Job_round_trips_with_failure_and_success_policies_and_full_status()
    {
        var job = ApiGroupJson.AssertRoundTripLossless<Job>(JobJson);
        Assert.Equal([0, 1], job.Spec!.PodFailurePolicy!.Rules![2].OnExitCodes!.Values);
        Assert.Equal("kubernetes.io/job-controller", job.Spec.ManagedBy);
    }

    [Fact]
    public void CronJob_round_trips_with_job_template_metadata()
    {
        var cronJob = ApiGroupJson.AssertRoundTripLossless<CronJob>(CronJobJson);
        Assert.Equal("backup", cronJob.Spec!.JobTemplate!.Metadata!.Labels!["task"]);
    }

    [Fact]
    public void Job_without_counts_runs_one_pod_once_with_six_retries()
    {
        var job = new Job();

        BatchV1Defaults.Apply(job);

        var spec = job.Spec!;
        Assert.Equal(1, spec.Completions);
        Assert.Equal(1, spec.Parallelism);
        Assert.Equal(6, spec.BackoffLimit);
        Assert.Equal("NonIndexed", spec.CompletionMode);
        Assert.False(spec.Suspend);
        Assert.False(spec.ManualSelector);
        Assert.Equal("TerminatingOrFailed", spec.PodReplacementPolicy);
    }

    [Fact]
    public void Job_with_parallelism_only_keeps_completions_unset()
    {
        var job = new Job { Spec = new JobSpec { Parallelism = 3 } };

        BatchV1Defaults.Apply(job);

        Assert.Null(job.Spec!.Completions);
        Assert.Equal(3, job.Spec.Parallelism);
    }

    [Fact]
    public void Job_with_pod_failure_policy_replaces_pods_only_once_failed_and_pattern_status_defaults_to_true()
    {
        var job = new Job
        {
            Spec = new JobSpec
            {
                PodFailurePolicy = new PodFailurePolicy { Rules = [new PodFailurePolicyRule { Action = "Ignore", OnPodConditions = [new PodFailurePolicyOnPodConditionsPattern { Type = "DisruptionTarget" }] }] },
            },
        };

        BatchV1Defaults.Apply(job);

        Assert.Equal("Failed", job.Spec!.PodReplacementPolicy);
        Assert.Equal("True", job.Spec.PodFailurePolicy!.Rules![0].OnPodConditions![0].Status);
    }

    [Fact]
    public void Job_with_backoff_limit_per_index_has_no_effective_global_limit()
    {
        var job = new Job { Spec = new JobSpec { BackoffLimitPerIndex = 1, CompletionMode = "Indexed", Completions = 3 } };

        BatchV1Defaults.Apply(job);

        Assert.Equal(int.MaxValue, job.Spec!.BackoffLimit);
    }

    [Fact]
    public void Job_without_labels_takes_the_pod_template_labels()
    {
        var job = new Job { Spec = new JobSpec { Template = new global::KubeSharp.Api.Core.V1.PodTemplateSpec { Metadata = new ObjectMeta { Labels = new() { ["app"] = "x" } } } } };

        BatchV1Defaults.Apply(job);

        Assert.Equal("x", job.Metadata!.Labels!["app"]);
    }

    [Fact]
    public void CronJob_allows_concurrency_is_not_suspended_and_keeps_three_successful_and_one_failed_job()
    {
        var cronJob = new CronJob();

        BatchV1Defaults.Apply(cronJob);

        var spec = cronJob.Spec!;
        Assert.Equal("Allow", spec.ConcurrencyPolicy);
        Assert.False(spec.Suspend);
        Assert.Equal(3, spec.SuccessfulJobsHistoryLimit);
        Assert.Equal(1, spec.FailedJobsHistoryLimit);
    }
}
