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

    private static Pod Finished(string name, bool succeeded, int? index = null)
    {
        var pod = Pod(name, phase: succeeded ? "Succeeded" : "Failed", ready: false);
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
}
