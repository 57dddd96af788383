using KubeSharp.Api;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Controllers.Jobs;
using static KubeSharp.Controllers.Tests.PodBuilder;

namespace KubeSharp.Controllers.Tests;

public class JobPlanTests
{
    private static Job Job(int? completions = null, int? parallelism = null, int? backoffLimit = null, string? mode = null) => new()
    {
        Metadata = new ObjectMeta { Name = "pi", Namespace = "default" },
        Spec = new JobSpec { Completions = completions, Parallelism = parallelism, BackoffLimit = backoffLimit, CompletionMode = mode },
    };

    private static Pod Finished(string name, bool succeeded, int? index = null, DateTimeOffset? at = null)
    {
        var pod = Pod(name, phase: succeeded ? "Succeeded" : "Failed", ready: false, readySince: at);
        if (index is int i)
        {
            pod.Metadata!.Annotations = new() { [JobPlan.CompletionIndexAnnotation] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        return pod;
    }

    [Fact]
    public void Job_keeps_parallelism_pods_running_but_never_more_than_remaining_completions()
    {
        var decision = JobPlan.Decide(Job(completions: 5, parallelism: 2), [], Epoch);
        Assert.Equal(2, decision.ToCreate);

        decision = JobPlan.Decide(Job(completions: 5, parallelism: 2), [Finished("a", true), Finished("b", true), Finished("c", true), Finished("d", true)], Epoch);
        Assert.Equal(1, decision.ToCreate);
        Assert.Null(decision.Finish);
    }

    [Fact]
    public void Job_completes_when_completions_pods_succeeded()
    {
        var decision = JobPlan.Decide(Job(completions: 2), [Finished("a", true), Finished("b", true)], Epoch);

        Assert.Equal(new JobFinish(true, "CompletionsReached", "Reached expected number of succeeded pods"), decision.Finish);
        Assert.Equal((0, 2), (decision.ToCreate, decision.Succeeded));
    }

    [Fact]
    public void Job_fails_once_failures_exceed_backoff_limit_and_stops_its_pods()
    {
        var running = Pod("running");
        var decision = JobPlan.Decide(Job(completions: 3, backoffLimit: 1), [Finished("a", false), Finished("b", false), running], Epoch);

        Assert.Equal("BackoffLimitExceeded", decision.Finish?.Reason);
        Assert.False(decision.Finish!.Succeeded);
        Assert.Same(running, Assert.Single(decision.ToDelete));
        Assert.Equal(0, decision.ToCreate);
    }

    [Fact]
    public void Work_queue_job_completes_when_a_pod_succeeded_and_none_run()
    {
        Assert.Equal(0, JobPlan.Decide(Job(parallelism: 3), [Finished("a", true), Pod("b")], Epoch).ToCreate);
        Assert.True(JobPlan.Decide(Job(parallelism: 3), [Finished("a", true)], Epoch).Finish?.Succeeded);
    }

    [Fact]
    public void Indexed_job_starts_the_lowest_missing_indexes_and_reports_completed_ranges()
    {
        var done = new[] { Finished("a", true, 0), Finished("b", true, 1), Finished("c", true, 3) };

        var decision = JobPlan.Decide(Job(completions: 6, parallelism: 2, mode: "Indexed"), done, Epoch);

        Assert.Equal([2, 4], decision.IndexesToCreate);
        Assert.Equal("0-1,3", decision.CompletedIndexes);
        Assert.Equal("0-2,5,7-8", JobPlan.IntervalText([8, 0, 1, 2, 5, 7]));
    }

    private static Pod Exited(string name, int exitCode, string container = "main", DateTimeOffset? at = null, int? index = null)
    {
        var pod = Finished(name, succeeded: false, index, at);
        pod.Status!.ContainerStatuses =
        [
            new ContainerStatus { Name = "sidecar", State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = 0, FinishedAt = at ?? Epoch } } },
            new ContainerStatus { Name = container, State = new ContainerState { Terminated = new ContainerStateTerminated { ExitCode = exitCode, FinishedAt = at ?? Epoch } } },
        ];
        return pod;
    }

    private static Pod Disrupted(string name)
    {
        var pod = Exited("evicted", 137);
        pod.Metadata!.Name = name;
        pod.Status!.Conditions!.Add(new PodCondition { Type = "DisruptionTarget", Status = "True", Reason = "EvictionByEvictionAPI" });
        return pod;
    }

    private static PodFailurePolicyRule OnExitCodes(string action, string op, params int[] values) =>
        new() { Action = action, OnExitCodes = new PodFailurePolicyOnExitCodesRequirement { ContainerName = "main", Operator = op, Values = [.. values] } };

    private static PodFailurePolicyRule OnDisruption(string action) =>
        new() { Action = action, OnPodConditions = [new PodFailurePolicyOnPodConditionsPattern { Type = "DisruptionTarget", Status = "True" }] };

    private static Job WithPolicy(Job job, params PodFailurePolicyRule[] rules)
    {
        job.Spec!.PodFailurePolicy = new PodFailurePolicy { Rules = [.. rules] };
        return job;
    }

    private static readonly DateTimeOffset LongAfter = Epoch.AddHours(1);

    [Fact]
    public void FailJob_rule_on_an_exit_code_fails_the_job_with_the_container_and_rule_in_the_message()
    {
        var running = Pod("b");
        var job = WithPolicy(Job(completions: 3, backoffLimit: 6), OnDisruption("Ignore"), OnExitCodes("FailJob", "In", 42));

        var decision = JobPlan.Decide(job, [Exited("a", 42), running], LongAfter);

        Assert.Equal(new JobFinish(false, "PodFailurePolicy", "Container main for pod default/a failed with exit code 42 matching FailJob rule at index 1"), decision.Finish);
        Assert.Same(running, Assert.Single(decision.ToDelete));
        Assert.False(decision.Terminal);
    }

    [Fact]
    public void Job_becomes_Failed_only_once_none_of_its_pods_runs_or_terminates()
    {
        var job = WithPolicy(Job(completions: 3), OnExitCodes("FailJob", "In", 42));
        job.Status = new JobStatus { Conditions = [new JobCondition { Type = "FailureTarget", Status = "True", Reason = "PodFailurePolicy", Message = "recorded" }] };
        var terminating = Pod("b");
        terminating.Metadata!.DeletionTimestamp = Epoch;

        Assert.False(JobPlan.Decide(job, [Exited("a", 42), terminating], LongAfter).Terminal);
        var decision = JobPlan.Decide(job, [Exited("a", 42)], LongAfter);

        Assert.True(decision.Terminal);
        Assert.Equal(new JobFinish(false, "PodFailurePolicy", "recorded"), decision.Finish);
    }

    [Fact]
    public void NotIn_rule_matches_every_other_non_zero_exit_code_of_the_named_container()
    {
        var job = WithPolicy(Job(completions: 1), OnExitCodes("FailJob", "NotIn", 1, 2));

        Assert.Null(JobPlan.Decide(job, [Exited("a", 2)], LongAfter).Finish);
        Assert.Null(JobPlan.Decide(job, [Exited("a", 3, container: "other")], LongAfter).Finish);
        Assert.Equal("PodFailurePolicy", JobPlan.Decide(job, [Exited("a", 3)], LongAfter).Finish?.Reason);
    }

    [Fact]
    public void Pod_condition_rule_names_the_condition_in_the_failure_message()
    {
        var job = WithPolicy(Job(completions: 1), OnDisruption("FailJob"));

        var decision = JobPlan.Decide(job, [Disrupted("a")], LongAfter);

        Assert.Equal("Pod default/a has condition DisruptionTarget matching FailJob rule at index 0", decision.Finish?.Message);
    }

    [Fact]
    public void Ignored_failures_do_not_count_towards_backoff_limit_and_are_replaced()
    {
        var job = WithPolicy(Job(completions: 1, backoffLimit: 0), OnDisruption("Ignore"));

        var decision = JobPlan.Decide(job, [Disrupted("a"), Disrupted("b")], LongAfter);

        Assert.Null(decision.Finish);
        Assert.Equal((0, 1), (decision.Failed, decision.ToCreate));
    }

    [Fact]
    public void Count_rule_and_unmatched_failures_count_towards_backoff_limit()
    {
        var job = WithPolicy(Job(completions: 1, backoffLimit: 1), OnExitCodes("Count", "In", 5), OnExitCodes("Ignore", "In", 6));

        var decision = JobPlan.Decide(job, [Exited("a", 5), Exited("b", 7)], LongAfter);

        Assert.Equal(2, decision.Failed);
        Assert.Equal(new JobFinish(false, "BackoffLimitExceeded", "Job has reached the specified backoff limit"), decision.Finish);
    }

    [Fact]
    public void Replacement_waits_ten_seconds_doubling_per_failure_since_the_last_success()
    {
        var job = Job(completions: 3, backoffLimit: 6);
        var firstFailure = Finished("a", false, at: Epoch);
        var secondFailure = Finished("b", false, at: Epoch.AddSeconds(30));

        var decision = JobPlan.Decide(job, [firstFailure], Epoch.AddSeconds(4));
        Assert.Equal((0, TimeSpan.FromSeconds(6)), (decision.ToCreate, decision.RetryAfter));
        Assert.Equal(1, JobPlan.Decide(job, [firstFailure], Epoch.AddSeconds(10)).ToCreate);

        decision = JobPlan.Decide(job, [firstFailure, secondFailure], Epoch.AddSeconds(40));
        Assert.Equal(TimeSpan.FromSeconds(10), decision.RetryAfter);

        var success = Finished("c", true, at: Epoch.AddSeconds(50));
        Assert.Equal(TimeSpan.Zero, JobPlan.BackoffLeft([firstFailure, secondFailure, success], Epoch.AddSeconds(50)));
    }

    [Fact]
    public void Back_off_is_capped_at_ten_minutes()
    {
        var failures = Enumerable.Range(0, 12).Select(i => Finished($"f{i}", false, at: Epoch)).ToList();

        Assert.Equal(TimeSpan.FromMinutes(10), JobPlan.BackoffLeft(failures, Epoch));
    }

    [Fact]
    public void Backoff_limit_counts_container_restarts_when_pods_restart_on_failure()
    {
        var job = Job(completions: 1, backoffLimit: 2);
        job.Spec!.Template = new PodTemplateSpec { Spec = new PodSpec { RestartPolicy = "OnFailure" } };

        Assert.Null(JobPlan.Decide(job, [Pod("a", restarts: 1)], Epoch).Finish);
        Assert.Equal("BackoffLimitExceeded", JobPlan.Decide(job, [Pod("a", restarts: 2)], Epoch).Finish?.Reason);
    }

    private static Job PerIndex(int completions, int limitPerIndex, int? maxFailedIndexes = null)
    {
        var job = Job(completions: completions, parallelism: completions, mode: "Indexed");
        job.Spec!.BackoffLimitPerIndex = limitPerIndex;
        job.Spec.MaxFailedIndexes = maxFailedIndexes;
        return job;
    }

    [Fact]
    public void Index_out_of_retries_is_failed_and_not_restarted_while_other_indexes_go_on()
    {
        var pods = new[] { Finished("a", false, index: 0), Finished("b", false, index: 0), Finished("c", false, index: 1), Pod("d") };
        pods[3].Metadata!.Annotations = new() { [JobPlan.CompletionIndexAnnotation] = "2" };

        var decision = JobPlan.Decide(PerIndex(completions: 3, limitPerIndex: 1), pods, LongAfter);

        Assert.Null(decision.Finish);
        Assert.Equal("0", decision.FailedIndexes);
        Assert.Equal([1], decision.IndexesToCreate);
        Assert.Equal(1, decision.IndexFailureCounts[1]);
    }

    [Fact]
    public void Job_fails_when_failed_indexes_exceed_max_failed_indexes()
    {
        var pods = new[] { Finished("a", false, index: 0), Finished("b", false, index: 1) };

        var decision = JobPlan.Decide(PerIndex(completions: 4, limitPerIndex: 0, maxFailedIndexes: 1), pods, LongAfter);

        Assert.Equal(new JobFinish(false, "MaxFailedIndexesExceeded", "Job has exceeded the specified maximal number of failed indexes"), decision.Finish);
        Assert.Equal("0-1", decision.FailedIndexes);
    }

    [Fact]
    public void Job_with_every_index_finished_and_some_failed_fails_with_FailedIndexes()
    {
        var pods = new[] { Finished("a", true, index: 0), Finished("b", false, index: 1) };

        var decision = JobPlan.Decide(PerIndex(completions: 2, limitPerIndex: 0), pods, LongAfter);

        Assert.Equal(new JobFinish(false, "FailedIndexes", "Job has failed indexes"), decision.Finish);
        Assert.True(decision.Terminal);
    }

    [Fact]
    public void FailIndex_rule_fails_the_index_at_once()
    {
        var job = WithPolicy(PerIndex(completions: 2, limitPerIndex: 3), OnExitCodes("FailIndex", "In", 9));

        var decision = JobPlan.Decide(job, [Exited("a", 9, index: 1)], LongAfter);

        Assert.Equal("1", decision.FailedIndexes);
        Assert.Equal([0], decision.IndexesToCreate);
    }

    [Fact]
    public void Success_policy_completes_an_indexed_job_when_a_rule_matches_and_stops_the_rest()
    {
        var job = Job(completions: 5, parallelism: 5, mode: "Indexed");
        job.Spec!.SuccessPolicy = new SuccessPolicy { Rules = [new SuccessPolicyRule { SucceededIndexes = "3-4" }, new SuccessPolicyRule { SucceededIndexes = "0-2", SucceededCount = 1 }] };
        var running = Pod("b");
        running.Metadata!.Annotations = new() { [JobPlan.CompletionIndexAnnotation] = "1" };

        var decision = JobPlan.Decide(job, [Finished("a", true, index: 2), running], Epoch);

        Assert.Equal(new JobFinish(true, "SuccessPolicy", "Matched rules at index 1"), decision.Finish);
        Assert.Same(running, Assert.Single(decision.ToDelete));
        Assert.False(decision.Terminal);
        Assert.Null(JobPlan.MatchedSuccessRule(job.Spec.SuccessPolicy, 5, new HashSet<int> { 3 }));
        Assert.Equal(0, JobPlan.MatchedSuccessRule(job.Spec.SuccessPolicy, 5, new HashSet<int> { 3, 4 }));
    }

    [Fact]
    public void Suspended_job_stops_its_pods_and_starts_none()
    {
        var job = Job(completions: 2);
        job.Spec!.Suspend = true;
        var running = Pod("a");

        var decision = JobPlan.Decide(job, [running], Epoch);

        Assert.Equal((0, 0), (decision.ToCreate, decision.Active));
        Assert.Same(running, Assert.Single(decision.ToDelete));
        Assert.Null(decision.Finish);
    }

    [Fact]
    public void Job_past_its_active_deadline_fails_with_DeadlineExceeded()
    {
        var job = Job(completions: 2);
        job.Spec!.ActiveDeadlineSeconds = 30;
        job.Status = new JobStatus { StartTime = Epoch };

        Assert.Null(JobPlan.Decide(job, [Pod("a")], Epoch.AddSeconds(29)).Finish);
        Assert.Equal(new JobFinish(false, "DeadlineExceeded", "Job was active longer than specified deadline"), JobPlan.Decide(job, [Pod("a")], Epoch.AddSeconds(30)).Finish);
    }
}
