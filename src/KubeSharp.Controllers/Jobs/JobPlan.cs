using System.Globalization;
using System.Text;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Controllers.Jobs;

/// <summary>How a Job ended, with the reason and message of its conditions.</summary>
internal sealed record JobFinish(bool Succeeded, string Reason, string Message);

/// <summary>What one sync of a Job should do.</summary>
internal sealed record JobDecision(
    JobFinish? Finish,
    int Active,
    int Ready,
    int Succeeded,
    int Failed,
    int Terminating,
    int ToCreate,
    IReadOnlyList<int> IndexesToCreate,
    IReadOnlyList<Pod> ToDelete,
    string? CompletedIndexes);

/// <summary>
/// The Job controller's decisions as a pure function of the Job and its pods: counts, whether it
/// completed (enough successes) or failed (backoffLimit or activeDeadlineSeconds), and which pods
/// to start (up to parallelism, never beyond the remaining completions) or stop.
/// </summary>
internal static class JobPlan
{
    public const string CompletionIndexAnnotation = "batch.kubernetes.io/job-completion-index";

    public static bool IsIndexed(Job job) => job.Spec?.CompletionMode == "Indexed";

    public static int? IndexOf(Pod pod) =>
        pod.Metadata?.Annotations?.TryGetValue(CompletionIndexAnnotation, out var text) == true
        && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    public static JobDecision Decide(Job job, IReadOnlyList<Pod> pods, DateTimeOffset now)
    {
        var spec = job.Spec ?? new JobSpec();
        var parallelism = spec.Parallelism ?? 1;
        var completions = spec.Completions;
        var backoffLimit = spec.BackoffLimit ?? 6;
        var indexed = IsIndexed(job) && completions is not null;

        var active = pods.Where(p => p.Status?.Phase is not ("Succeeded" or "Failed") && p.Metadata?.DeletionTimestamp is null).ToList();
        var terminating = pods.Count(p => p.Status?.Phase is not ("Succeeded" or "Failed") && p.Metadata?.DeletionTimestamp is not null);
        var succeededPods = pods.Where(p => p.Status?.Phase == "Succeeded").ToList();
        var failed = pods.Count(p => p.Status?.Phase == "Failed");
        var ready = active.Count(PodState.IsReady);

        var completedIndexes = indexed
            ? succeededPods.Select(IndexOf).OfType<int>().Where(i => i < completions).ToHashSet()
            : null;
        var succeeded = completedIndexes?.Count ?? succeededPods.Count;

        JobFinish? finish = null;
        if (failed > backoffLimit)
        {
            finish = new JobFinish(false, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        }
        else if (spec.ActiveDeadlineSeconds is long deadline && job.Status?.StartTime is { } started && started.AddSeconds(deadline) <= now)
        {
            finish = new JobFinish(false, "DeadlineExceeded", "Job was active longer than specified deadline");
        }
        else if (completions is int wanted ? succeeded >= wanted : succeeded > 0 && active.Count == 0)
        {
            finish = new JobFinish(true, "CompletionsReached", "Reached expected number of succeeded pods");
        }

        var toDelete = new List<Pod>();
        var toCreate = 0;
        var indexes = new List<int>();
        if (finish is not null || spec.Suspend == true)
        {
            toDelete.AddRange(active);
        }
        else
        {
            int wantActive;
            if (completions is int total)
            {
                wantActive = Math.Min(parallelism, total - succeeded);
            }
            else
            {
                wantActive = succeededPods.Count > 0 ? 0 : parallelism;
            }

            wantActive = Math.Max(wantActive, 0);
            if (active.Count > wantActive && succeededPods.Count == 0)
            {
                toDelete.AddRange(ReplicaSets.ReplicaPlan.PodsToDelete(active, active.Count - wantActive));
            }
            else if (active.Count < wantActive)
            {
                toCreate = wantActive - active.Count;
                if (indexed)
                {
                    var busy = active.Select(IndexOf).OfType<int>().ToHashSet();
                    indexes.AddRange(Enumerable.Range(0, completions!.Value).Where(i => !completedIndexes!.Contains(i) && !busy.Contains(i)).Take(toCreate));
                    toCreate = indexes.Count;
                }
            }
        }

        return new JobDecision(finish, active.Count - toDelete.Count, ready, succeeded, failed, terminating, toCreate, indexes, toDelete,
            completedIndexes is null ? null : IntervalText(completedIndexes));
    }

    /// <summary>Indexes as Kubernetes writes completedIndexes: sorted, runs collapsed ("0-2,4").</summary>
    public static string IntervalText(IEnumerable<int> indexes)
    {
        var sorted = indexes.Distinct().Order().ToList();
        var text = new StringBuilder();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            if (j > i)
            {
                text.Append('-').Append(sorted[j].ToString(CultureInfo.InvariantCulture));
            }

            i = j + 1;
        }

        return text.ToString();
    }
}
