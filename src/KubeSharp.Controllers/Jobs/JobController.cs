using System.Globalization;
using KubeSharp.Api;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Selectors;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using KubeSharp.Controllers.ReplicaSets;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.Jobs;

/// <summary>
/// Runs Jobs to completion: keeps up to parallelism pods running until completions pods succeeded
/// (Indexed jobs: one success per index), fails the Job past backoffLimit failures or
/// activeDeadlineSeconds, honours suspend, writes status with the Kubernetes conditions
/// (SuccessCriteriaMet + Complete, FailureTarget + Failed, Suspended) and deletes finished Jobs
/// after ttlSecondsAfterFinished.
/// </summary>
internal sealed class JobController
{
    private readonly KubernetesClient _client;
    private readonly Informer<Job> _jobs;
    private readonly Informer<Pod> _pods;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ControllerExpectations _expectations;
    private readonly WorkQueue<string> _queue;
    private readonly EventRecorder _events;

    public JobController(KubernetesClient client, SharedInformers informers, ILogger logger, TimeProvider? time = null)
    {
        _client = client;
        _jobs = informers.For<Job>();
        _pods = informers.For<Pod>();
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _expectations = new ControllerExpectations(_time);
        _queue = new WorkQueue<string>(RateLimiters.DefaultController<string>(_time), _time);
        _events = new EventRecorder(client, "job-controller", logger);
        _jobs.AddEventHandler(new ResourceEventHandler<Job>
        {
            OnAdd = (j, _) => _queue.Add(ObjectCache<Job>.KeyOf(j)),
            OnUpdate = (_, j) => _queue.Add(ObjectCache<Job>.KeyOf(j)),
            OnDelete = (j, _) => _expectations.Forget(ObjectCache<Job>.KeyOf(j)),
        });
        _pods.AddEventHandler(new ResourceEventHandler<Pod>
        {
            OnAdd = (p, _) =>
            {
                if (OwnerKeyOf(p) is { } key)
                {
                    _expectations.CreationObserved(key);
                    _queue.Add(key);
                }
            },
            OnUpdate = (_, p) =>
            {
                if (OwnerKeyOf(p) is { } key)
                {
                    _queue.Add(key);
                }
            },
            OnDelete = (p, _) =>
            {
                if (OwnerKeyOf(p) is { } key)
                {
                    _expectations.DeletionObserved(key, ObjectCache<Pod>.KeyOf(p));
                    _queue.Add(key);
                }
            },
        });
    }

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        new ControllerWorker<string>("job", _queue, SyncAsync, _logger).RunAsync(workers, cancellationToken);

    private static string? OwnerKeyOf(Pod pod) =>
        PodState.ControllerOf(pod) is { Kind: "Job", Name: { } name } ? ObjectCache<Job>.KeyOf(pod.Metadata?.Namespace, name) : null;

    private static bool IsFinished(Job job) =>
        job.Status?.Conditions?.Any(c => c.Type is "Complete" or "Failed" && c.Status == "True") == true;

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<Job>.SplitKey(key);
        var cached = _jobs.Lister.Get(name, ns);
        if (cached is null)
        {
            return;
        }

        var job = ObjectCopy.Clone(cached);
        var now = _time.GetUtcNow();
        if (IsFinished(job))
        {
            await ExpireAsync(job, now, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!_expectations.Satisfied(key) || job.Metadata?.DeletionTimestamp is not null)
        {
            return;
        }

        LabelQuery selector;
        try
        {
            selector = LabelQuery.FromObject(job.Spec?.Selector);
        }
        catch (SelectorException)
        {
            return;
        }

        var pods = _pods.Lister.List(ns, p => PodState.ControllerOf(p)?.Uid == job.Metadata?.Uid && selector.Matches(p.Metadata?.Labels));
        var status = job.Status ??= new JobStatus();
        var suspended = job.Spec?.Suspend == true;
        if (!suspended && status.StartTime is null)
        {
            status.StartTime = Seconds(now);
        }

        var decision = JobPlan.Decide(job, pods, now);
        await ApplyAsync(key, job, decision, cancellationToken).ConfigureAwait(false);

        status.Active = decision.Active;
        status.Ready = decision.Ready;
        status.Terminating = decision.Terminating;
        status.Succeeded = decision.Succeeded == 0 ? null : decision.Succeeded;
        status.Failed = decision.Failed == 0 ? null : decision.Failed;
        status.CompletedIndexes = string.IsNullOrEmpty(decision.CompletedIndexes) ? null : decision.CompletedIndexes;
        status.FailedIndexes = decision.FailedIndexes;
        status.UncountedTerminatedPods ??= new UncountedTerminatedPods();
        if (decision.Finish is null && suspended)
        {
            if (SetCondition(status, "Suspended", "True", "JobSuspended", "Job suspended", now))
            {
                await _events.RecordAsync(job, "batch/v1", "Job", "Normal", "Suspended", "Job suspended", cancellationToken).ConfigureAwait(false);
            }

            status.StartTime = null;
        }
        else if (decision.Finish is null && status.Conditions?.Any(c => c.Type == "Suspended" && c.Status == "True") == true
            && SetCondition(status, "Suspended", "False", "JobResumed", "Job resumed", now))
        {
            // A resumed Job's activeDeadlineSeconds counts from the resumption.
            status.StartTime = Seconds(now);
            await _events.RecordAsync(job, "batch/v1", "Job", "Normal", "Resumed", "Job resumed", cancellationToken).ConfigureAwait(false);
        }

        if (decision.Finish is { } finish)
        {
            SetCondition(status, finish.Succeeded ? "SuccessCriteriaMet" : "FailureTarget", "True", finish.Reason, finish.Message, now);
            if (decision.Terminal)
            {
                SetCondition(status, finish.Succeeded ? "Complete" : "Failed", "True", finish.Reason, finish.Message, now);
                if (finish.Succeeded)
                {
                    status.CompletionTime = Seconds(now);
                }

                _logger.LogInformation("job {Job} finished: {Reason}", key, finish.Reason);
                await _events.RecordAsync(job, "batch/v1", "Job", finish.Succeeded ? "Normal" : "Warning", finish.Succeeded ? "Completed" : finish.Reason, finish.Succeeded ? "Job completed" : finish.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        if (KubeJson.Serialize(status) != KubeJson.Serialize(cached.Status ?? new JobStatus()))
        {
            try
            {
                await _client.UpdateStatusAsync(job, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e) when (e.IsConflict)
            {
                _queue.AddRateLimited(key);
                return;
            }
        }

        if (decision.Finish is null && job.Spec?.ActiveDeadlineSeconds is long deadline && status.StartTime is { } started)
        {
            var left = started.AddSeconds(deadline) - now;
            _queue.AddAfter(key, left > TimeSpan.Zero ? left + TimeSpan.FromMilliseconds(100) : TimeSpan.Zero);
        }

        if (decision.RetryAfter is { } backoff)
        {
            _queue.AddAfter(key, backoff + TimeSpan.FromMilliseconds(100));
        }
    }

    private async Task ApplyAsync(string key, Job job, JobDecision decision, CancellationToken cancellationToken)
    {
        if (decision.ToDelete.Count > 0)
        {
            _expectations.ExpectDeletions(key, decision.ToDelete.Select(ObjectCache<Pod>.KeyOf));
            foreach (var pod in decision.ToDelete)
            {
                try
                {
                    await _client.DeleteAsync<Pod>(pod.Metadata!.Name!, pod.Metadata.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (KubernetesApiException e) when (e.IsNotFound)
                {
                    _expectations.DeletionObserved(key, ObjectCache<Pod>.KeyOf(pod));
                }
            }
        }

        if (decision.ToCreate <= 0 || job.Spec?.Template is not { } template)
        {
            return;
        }

        _expectations.ExpectCreations(key, decision.ToCreate);
        var indexes = decision.IndexesToCreate.Count > 0 ? decision.IndexesToCreate.Select(i => (int?)i).ToList() : Enumerable.Repeat<int?>(null, decision.ToCreate).ToList();
        foreach (var index in indexes)
        {
            try
            {
                var failures = index is int i && decision.IndexFailureCounts.TryGetValue(i, out var n) ? n : (int?)null;
                var created = await _client.CreateAsync(PodFor(job, template, index, failures), cancellationToken: cancellationToken).ConfigureAwait(false);
                await _events.RecordAsync(job, "batch/v1", "Job", "Normal", "SuccessfulCreate", $"Created pod: {created.Metadata?.Name}", cancellationToken).ConfigureAwait(false);
            }
            catch (KubernetesApiException e)
            {
                _expectations.CreationObserved(key);
                _logger.LogWarning("job {Job}: creating a pod failed: {Message}", key, e.Message);
                throw;
            }
        }
    }

    private static Pod PodFor(Job job, PodTemplateSpec template, int? index, int? indexFailures)
    {
        var copy = ObjectCopy.Clone(template);
        var meta = new ObjectMeta
        {
            GenerateName = index is int i ? $"{job.Metadata!.Name}-{i.ToString(CultureInfo.InvariantCulture)}-" : job.Metadata!.Name + "-",
            Namespace = job.Metadata.Namespace,
            Labels = copy.Metadata?.Labels ?? [],
            Annotations = copy.Metadata?.Annotations,
            Finalizers = copy.Metadata?.Finalizers,
            OwnerReferences = [new OwnerReference { ApiVersion = "batch/v1", Kind = "Job", Name = job.Metadata.Name, Uid = job.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }],
        };
        var spec = copy.Spec ?? new PodSpec();
        if (index is int n)
        {
            var text = n.ToString(CultureInfo.InvariantCulture);
            (meta.Annotations ??= [])[JobPlan.CompletionIndexAnnotation] = text;
            meta.Labels[JobPlan.CompletionIndexAnnotation] = text;
            if (job.Spec?.BackoffLimitPerIndex is not null)
            {
                meta.Annotations[JobPlan.IndexFailureCountAnnotation] = (indexFailures ?? 0).ToString(CultureInfo.InvariantCulture);
            }

            spec.Hostname ??= $"{job.Metadata.Name}-{text}";
            foreach (var container in (spec.Containers ?? []).Concat(spec.InitContainers ?? []))
            {
                var env = container.Env ??= [];
                if (!env.Any(e => e.Name == "JOB_COMPLETION_INDEX"))
                {
                    env.Add(new EnvVar { Name = "JOB_COMPLETION_INDEX", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = $"metadata.annotations['{JobPlan.CompletionIndexAnnotation}']" } } });
                }
            }
        }

        return new Pod { Metadata = meta, Spec = spec };
    }

    /// <summary>ttlSecondsAfterFinished: a finished Job (and, by garbage collection, its pods) is deleted once the time is up.</summary>
    private async Task ExpireAsync(Job job, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (job.Spec?.TtlSecondsAfterFinished is not int ttl || job.Metadata?.DeletionTimestamp is not null)
        {
            return;
        }

        var finishedAt = job.Status?.CompletionTime
            ?? job.Status?.Conditions?.Where(c => c.Type is "Complete" or "Failed").Select(c => c.LastTransitionTime).Max()
            ?? now;
        var left = finishedAt.AddSeconds(ttl) - now;
        if (left > TimeSpan.Zero)
        {
            _queue.AddAfter(ObjectCache<Job>.KeyOf(job), left + TimeSpan.FromMilliseconds(100));
            return;
        }

        try
        {
            await _client.DeleteAsync<Job>(job.Metadata!.Name!, job.Metadata.Namespace, new DeleteOptions { PropagationPolicy = "Background" }, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("job {Namespace}/{Name} deleted {Ttl}s after it finished", job.Metadata.Namespace, job.Metadata.Name, ttl);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
        }
    }

    private static DateTimeOffset Seconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    /// <summary>Sets a condition; false when it already had this status and reason.</summary>
    private static bool SetCondition(JobStatus status, string type, string value, string reason, string message, DateTimeOffset now)
    {
        var conditions = status.Conditions ??= [];
        var existing = conditions.FirstOrDefault(c => c.Type == type);
        if (existing is not null && existing.Status == value && existing.Reason == reason)
        {
            return false;
        }

        if (existing is null)
        {
            conditions.Add(new JobCondition { Type = type, Status = value, Reason = reason, Message = message, LastProbeTime = Seconds(now), LastTransitionTime = Seconds(now) });
            return true;
        }

        existing.Status = value;
        existing.Reason = reason;
        existing.Message = message;
        existing.LastProbeTime = Seconds(now);
        existing.LastTransitionTime = Seconds(now);
        return true;
    }
}
