using System.Globalization;
using System.Text;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Controllers.Jobs;

/// <summary>
/// How a Job ends, with the reason and message of its conditions: first the interim condition
/// (SuccessCriteriaMet or FailureTarget), then, once no pod of the Job runs or terminates any more,
/// the terminal one (Complete or Failed) with the same reason and message.
/// </summary>
internal sealed record JobFinish(bool Succeeded, string Reason, string Message);

/// <summary>What one sync of a Job should do.</summary>
/// <param name="Terminal">The finish may be written as Complete/Failed now: no pod is active or terminating.</param>
/// <param name="RetryAfter">Pods are due but held back by the pod failure back-off; sync again after this.</param>
/// <param name="IndexFailureCounts">Indexed jobs with backoffLimitPerIndex: counted failures so far of each index to create.</param>
/// <param name="FailedIndexes">Indexed jobs with backoffLimitPerIndex: the failed indexes as interval text ("" for none).</param>
internal sealed record JobDecision(
    JobFinish? Finish,
    bool Terminal,
    int Active,
    int Ready,
    int Succeeded,
    int Failed,
    int Terminating,
    int ToCreate,
    IReadOnlyList<int> IndexesToCreate,
    IReadOnlyList<Pod> ToDelete,
    string? CompletedIndexes,
    string? FailedIndexes,
    IReadOnlyDictionary<int, int> IndexFailureCounts,
    TimeSpan? RetryAfter);

/// <summary>
/// The Job controller's decisions as a pure function of the Job (spec and the conditions it already
/// has) and its pods. In Kubernetes' order: a finish already recorded stays; a failed pod matching a
/// FailJob rule of podFailurePolicy fails the Job; then backoffLimit (failures not ignored by the
/// policy; restarts for restartPolicy OnFailure), activeDeadlineSeconds, backoffLimitPerIndex's
/// maxFailedIndexes and failed indexes, successPolicy, and finally completions. Otherwise it starts
/// pods up to parallelism (never beyond the remaining completions or indexes), after the pod failure
/// back-off of 10 s × 2^(failures since the last success − 1), at most 10 minutes.
/// </summary>
internal static class JobPlan
{
    public const string CompletionIndexAnnotation = "batch.kubernetes.io/job-completion-index";
    public const string IndexFailureCountAnnotation = "batch.kubernetes.io/job-index-failure-count";
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);

    public static bool IsIndexed(Job job) => job.Spec?.CompletionMode == "Indexed";

    public static int? IndexOf(Pod pod) =>
        pod.Metadata?.Annotations?.TryGetValue(CompletionIndexAnnotation, out var text) == true
        && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    public static JobDecision Decide(Job job, IReadOnlyList<Pod> pods, DateTimeOffset now)
    {
        var spec = job.Spec ?? new JobSpec();
        var parallelism = spec.Parallelism ?? 1;
        var completions = spec.Completions;
        var perIndexLimit = spec.BackoffLimitPerIndex;
        var backoffLimit = spec.BackoffLimit ?? (perIndexLimit is null ? 6 : int.MaxValue);
        var indexed = IsIndexed(job) && completions is not null;

        var active = pods.Where(PodState.IsActive).ToList();
        var terminating = pods.Count(p => p.Status?.Phase is not ("Succeeded" or "Failed") && p.Metadata?.DeletionTimestamp is not null);
        var succeededPods = pods.Where(p => p.Status?.Phase == "Succeeded").ToList();
        var failedPods = pods.Where(p => p.Status?.Phase == "Failed").Select(p => (Pod: p, Match: PodFailurePolicyMatch.Of(spec.PodFailurePolicy, p))).ToList();
        var countedFailures = failedPods.Where(f => f.Match.Action != PodFailurePolicyMatch.Ignore).ToList();
        var failed = Math.Max(countedFailures.Count, job.Status?.Failed ?? 0);

        var completedIndexes = indexed
            ? succeededPods.Select(IndexOf).OfType<int>().Where(i => i >= 0 && i < completions).ToHashSet()
            : null;
        var succeeded = completedIndexes?.Count ?? Math.Max(succeededPods.Count, job.Status?.Succeeded ?? 0);

        // Failures per index, and the indexes that are out of retries (backoffLimitPerIndex) or hit a FailIndex rule.
        var indexFailures = new Dictionary<int, int>();
        var failedIndexes = new HashSet<int>();
        if (indexed && perIndexLimit is int limitPerIndex)
        {
            foreach (var (pod, match) in countedFailures)
            {
                if (IndexOf(pod) is int index && index >= 0 && index < completions && !completedIndexes!.Contains(index))
                {
                    indexFailures[index] = indexFailures.GetValueOrDefault(index) + 1;
                    if (match.Action == PodFailurePolicyMatch.FailIndex || indexFailures[index] > limitPerIndex)
                    {
                        failedIndexes.Add(index);
                    }
                }
            }
        }

        var finish = RecordedFinish(job)
            ?? failedPods.Select(f => f.Match.FailJobMessage).OfType<string>().Select(m => new JobFinish(false, "PodFailurePolicy", m)).FirstOrDefault();
        if (finish is null)
        {
            if (failed > backoffLimit || PastBackoffLimitOnFailure(spec, pods, backoffLimit))
            {
                finish = new JobFinish(false, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
            }
            else if (spec.Suspend != true && spec.ActiveDeadlineSeconds is long deadline && job.Status?.StartTime is { } started && started.AddSeconds(deadline) <= now)
            {
                finish = new JobFinish(false, "DeadlineExceeded", "Job was active longer than specified deadline");
            }
        }

        if (finish is null && indexed && perIndexLimit is not null)
        {
            if (spec.MaxFailedIndexes is int maxFailed && failedIndexes.Count > maxFailed)
            {
                finish = new JobFinish(false, "MaxFailedIndexesExceeded", "Job has exceeded the specified maximal number of failed indexes");
            }
            else if (failedIndexes.Count > 0 && failedIndexes.Count + completedIndexes!.Count >= completions)
            {
                finish = new JobFinish(false, "FailedIndexes", "Job has failed indexes");
            }
        }

        if (finish is null && indexed && MatchedSuccessRule(spec.SuccessPolicy, completions!.Value, completedIndexes!) is { } rule)
        {
            finish = new JobFinish(true, "SuccessPolicy", $"Matched rules at index {rule.ToString(CultureInfo.InvariantCulture)}");
        }

        if (finish is null && active.Count == 0 && (completions is int wanted ? succeeded >= wanted : succeeded > 0))
        {
            finish = new JobFinish(true, "CompletionsReached", "Reached expected number of succeeded pods");
        }

        var toDelete = new List<Pod>();
        var indexes = new List<int>();
        var toCreate = 0;
        TimeSpan? retryAfter = null;
        if (finish is not null || spec.Suspend == true)
        {
            toDelete.AddRange(active);
        }
        else if (indexed)
        {
            var busy = active.Select(IndexOf).OfType<int>().ToHashSet();
            var room = Math.Max(parallelism - active.Count, 0);
            foreach (var index in Enumerable.Range(0, completions!.Value).Where(i => !completedIndexes!.Contains(i) && !failedIndexes.Contains(i) && !busy.Contains(i)))
            {
                if (indexes.Count == room)
                {
                    break;
                }

                // With backoffLimitPerIndex each index backs off on its own failures, otherwise the Job's failures count.
                var wait = perIndexLimit is null
                    ? BackoffLeft(pods, now)
                    : BackoffLeft(pods.Where(p => IndexOf(p) == index).ToList(), now);
                if (wait > TimeSpan.Zero)
                {
                    retryAfter = retryAfter is { } earlier && earlier < wait ? earlier : wait;
                    continue;
                }

                indexes.Add(index);
            }

            toCreate = indexes.Count;
        }
        else
        {
            var wantActive = completions is int total ? Math.Min(parallelism, total - succeeded) : succeededPods.Count > 0 ? 0 : parallelism;
            wantActive = Math.Max(wantActive, 0);
            if (active.Count > wantActive && succeededPods.Count == 0)
            {
                toDelete.AddRange(ReplicaSets.ReplicaPlan.PodsToDelete(active, active.Count - wantActive));
            }
            else if (active.Count < wantActive)
            {
                var wait = BackoffLeft(pods, now);
                if (wait > TimeSpan.Zero)
                {
                    retryAfter = wait;
                }
                else
                {
                    toCreate = wantActive - active.Count;
                }
            }
        }

        var stillActive = active.Count - toDelete.Count;
        return new JobDecision(
            finish,
            Terminal: finish is not null && active.Count == 0 && terminating == 0,
            stillActive,
            active.Except(toDelete).Count(PodState.IsReady),
            succeeded,
            failed,
            terminating + toDelete.Count,
            toCreate,
            indexes,
            toDelete,
            completedIndexes is null ? null : IntervalText(completedIndexes),
            indexed && perIndexLimit is not null ? IntervalText(failedIndexes) : null,
            indexes.ToDictionary(i => i, i => indexFailures.GetValueOrDefault(i)),
            retryAfter);
    }

    /// <summary>
    /// The pod failure back-off still to wait before a replacement pod: 10 s doubled for each failure
    /// since the last success, capped at 10 minutes, counted from the last failure.
    /// </summary>
    public static TimeSpan BackoffLeft(IReadOnlyList<Pod> pods, DateTimeOffset now)
    {
        var finished = pods.Where(p => p.Status?.Phase is "Succeeded" or "Failed").OrderBy(FinishedAt).ToList();
        var lastSuccess = finished.FindLastIndex(p => p.Status!.Phase == "Succeeded");
        var failures = finished.Count - lastSuccess - 1;
        if (failures == 0)
        {
            return TimeSpan.Zero;
        }

        var delay = failures > 16 ? MaxBackoff : TimeSpan.FromTicks(Math.Min(InitialBackoff.Ticks << (failures - 1), MaxBackoff.Ticks));
        var left = FinishedAt(finished[^1]) + delay - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>
    /// When a finished pod ended: its last container exit when every container has one, else when it
    /// became not ready, else its deletion less the grace period, else its creation.
    /// </summary>
    public static DateTimeOffset FinishedAt(Pod pod)
    {
        var containers = pod.Status?.ContainerStatuses ?? [];
        if (containers.Count > 0 && containers.All(c => c.State?.Terminated?.FinishedAt is not null))
        {
            return containers.Max(c => c.State!.Terminated!.FinishedAt!.Value);
        }

        if (pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready") is { Status: "False", LastTransitionTime: { } notReady })
        {
            return notReady;
        }

        if (pod.Metadata?.DeletionTimestamp is { } deleted)
        {
            return deleted.AddSeconds(-(pod.Metadata.DeletionGracePeriodSeconds ?? 0));
        }

        return pod.Metadata?.CreationTimestamp ?? DateTimeOffset.MinValue;
    }

    /// <summary>A finish already written to the Job's status (SuccessCriteriaMet or FailureTarget) is kept as it is.</summary>
    private static JobFinish? RecordedFinish(Job job)
    {
        var conditions = job.Status?.Conditions ?? [];
        if (conditions.FirstOrDefault(c => c.Type == "SuccessCriteriaMet" && c.Status == "True") is { } met)
        {
            return new JobFinish(true, met.Reason ?? "", met.Message ?? "");
        }

        return conditions.FirstOrDefault(c => c.Type == "FailureTarget" && c.Status == "True") is { } target
            ? new JobFinish(false, target.Reason ?? "", target.Message ?? "")
            : null;
    }

    /// <summary>restartPolicy OnFailure: container restarts of running and pending pods count against backoffLimit.</summary>
    private static bool PastBackoffLimitOnFailure(JobSpec spec, IReadOnlyList<Pod> pods, int backoffLimit)
    {
        if (spec.Template?.Spec?.RestartPolicy != "OnFailure")
        {
            return false;
        }

        var restarts = pods.Where(p => p.Status?.Phase is "Running" or "Pending")
            .Sum(p => (p.Status!.ContainerStatuses ?? []).Concat(p.Status.InitContainerStatuses ?? []).Sum(c => c.RestartCount ?? 0));
        return backoffLimit == 0 ? restarts > 0 : restarts >= backoffLimit;
    }

    /// <summary>The index of the first successPolicy rule the succeeded indexes satisfy, if any.</summary>
    public static int? MatchedSuccessRule(SuccessPolicy? policy, int completions, IReadOnlySet<int> succeeded)
    {
        if (policy?.Rules is not { } rules || succeeded.Count == 0)
        {
            return null;
        }

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule.SucceededIndexes is { } text)
            {
                var required = ParseIntervals(text, completions);
                if (required.Count == 0)
                {
                    continue;
                }

                var hits = required.Count(succeeded.Contains);
                if (hits == required.Count || (rule.SucceededCount is int count && hits >= count))
                {
                    return i;
                }
            }
            else if (rule.SucceededCount is int count && succeeded.Count >= count)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Indexes from interval text ("1,3-5"), those below <paramref name="limit"/>; malformed text gives none.</summary>
    public static HashSet<int> ParseIntervals(string text, int limit)
    {
        var result = new HashSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-');
            if (bounds.Length is < 1 or > 2
                || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || last < first)
            {
                return [];
            }

            for (var i = first; i <= Math.Min(last, limit - 1); i++)
            {
                result.Add(i);
            }
        }

        return result;
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
