using System.Globalization;
using KubeSharp.Api;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers.CronJobs;

/// <summary>
/// Starts a CronJob's Jobs at its scheduled times (honouring suspend, startingDeadlineSeconds and
/// the Allow/Forbid/Replace concurrency policies), keeps status.active, lastScheduleTime and
/// lastSuccessfulTime, and prunes finished Jobs to the history limits.
/// </summary>
internal sealed class CronJobController
{
    private readonly KubernetesClient _client;
    private readonly Informer<CronJob> _cronJobs;
    private readonly Informer<Job> _jobs;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly WorkQueue<string> _queue;

    public CronJobController(KubernetesClient client, SharedInformers informers, ILogger logger, TimeProvider? time = null)
    {
        _client = client;
        _cronJobs = informers.For<CronJob>();
        _jobs = informers.For<Job>();
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _queue = new WorkQueue<string>(RateLimiters.DefaultController<string>(_time), _time);
        _cronJobs.AddEventHandler(new ResourceEventHandler<CronJob>
        {
            OnAdd = (c, _) => _queue.Add(ObjectCache<CronJob>.KeyOf(c)),
            OnUpdate = (_, c) => _queue.Add(ObjectCache<CronJob>.KeyOf(c)),
        });
        _jobs.AddEventHandler(new ResourceEventHandler<Job>
        {
            OnAdd = (j, _) => EnqueueOwner(j),
            OnUpdate = (_, j) => EnqueueOwner(j),
            OnDelete = (j, _) => EnqueueOwner(j),
        });
    }

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        new ControllerWorker<string>("cronjob", _queue, SyncAsync, _logger).RunAsync(workers, cancellationToken);

    private void EnqueueOwner(Job job)
    {
        if (PodState.ControllerOf(job) is { Kind: "CronJob", Name: { } name })
        {
            _queue.Add(ObjectCache<CronJob>.KeyOf(job.Metadata?.Namespace, name));
        }
    }

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<CronJob>.SplitKey(key);
        var cached = _cronJobs.Lister.Get(name, ns);
        if (cached is null || cached.Metadata?.DeletionTimestamp is not null)
        {
            return;
        }

        var cronJob = ObjectCopy.Clone(cached);
        var now = _time.GetUtcNow();
        var jobs = _jobs.Lister.List(ns, j => PodState.ControllerOf(j)?.Uid == cronJob.Metadata?.Uid).ToList();
        var status = cronJob.Status ??= new CronJobStatus();
        var active = jobs.Where(j => !CronJobPlan.IsFinished(j, out _) && j.Metadata?.DeletionTimestamp is null).ToList();
        var lastSuccess = jobs.Where(j => CronJobPlan.IsFinished(j, out var ok) && ok).Select(j => j.Status?.CompletionTime).Max();
        if (lastSuccess is not null && (status.LastSuccessfulTime is null || lastSuccess > status.LastSuccessfulTime))
        {
            status.LastSuccessfulTime = lastSuccess;
        }

        CronSchedule schedule;
        try
        {
            schedule = CronSchedule.Parse(cronJob.Spec?.Schedule ?? "", cronJob.Spec?.TimeZone);
        }
        catch (Exception e) when (e is FormatException or TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            _logger.LogWarning("cronjob {CronJob}: unparseable schedule {Schedule}: {Message}", key, cronJob.Spec?.Schedule, e.Message);
            await WriteStatusAsync(cached, cronJob, active, cancellationToken).ConfigureAwait(false);
            return;
        }

        var since = status.LastScheduleTime ?? cronJob.Metadata?.CreationTimestamp ?? now;
        var (due, _, next) = CronJobPlan.Schedule(schedule, since, now);
        if (due is { } scheduled && cronJob.Spec?.Suspend != true
            && !(cronJob.Spec?.StartingDeadlineSeconds is long deadline && scheduled.AddSeconds(deadline) < now))
        {
            var policy = cronJob.Spec?.ConcurrencyPolicy ?? "Allow";
            if (policy == "Forbid" && active.Count > 0)
            {
                // Skipped: the time counts as handled only once it can run, so lastScheduleTime stays.
                await RecordEventAsync(cronJob, "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid", cancellationToken).ConfigureAwait(false);
                _queue.AddAfter(key, TimeSpan.FromSeconds(10));
            }
            else
            {
                if (policy == "Replace")
                {
                    foreach (var job in active)
                    {
                        await DeleteJobAsync(job, cancellationToken).ConfigureAwait(false);
                    }

                    active.Clear();
                }

                var created = await CreateJobAsync(cronJob, scheduled, cancellationToken).ConfigureAwait(false);
                if (created is not null && !active.Any(j => j.Metadata?.Uid == created.Metadata?.Uid))
                {
                    active.Add(created);
                }

                status.LastScheduleTime = scheduled;
            }
        }
        else if (due is { } missed && cronJob.Spec?.Suspend != true)
        {
            status.LastScheduleTime = missed;
        }

        await PruneHistoryAsync(cronJob, jobs, cancellationToken).ConfigureAwait(false);
        await WriteStatusAsync(cached, cronJob, active, cancellationToken).ConfigureAwait(false);
        if (next is { } upcoming)
        {
            _queue.AddAfter(key, upcoming - now + TimeSpan.FromMilliseconds(100));
        }
    }

    private async Task WriteStatusAsync(CronJob cached, CronJob cronJob, List<Job> active, CancellationToken cancellationToken)
    {
        var status = cronJob.Status!;
        status.Active = active.Count == 0 ? null : active
            .OrderBy(j => j.Metadata?.Name, StringComparer.Ordinal)
            .Select(j => new ObjectReference { ApiVersion = "batch/v1", Kind = "Job", Name = j.Metadata?.Name, Namespace = j.Metadata?.Namespace, Uid = j.Metadata?.Uid, ResourceVersion = j.Metadata?.ResourceVersion })
            .ToList();
        if (KubeJson.Serialize(Comparable(status)) == KubeJson.Serialize(Comparable(cached.Status ?? new CronJobStatus())))
        {
            return;
        }

        try
        {
            await _client.UpdateStatusAsync(cronJob, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict)
        {
            _queue.AddRateLimited(ObjectCache<CronJob>.KeyOf(cronJob));
        }
    }

    /// <summary>The status without job resourceVersions, which change on every job status update.</summary>
    private static object Comparable(CronJobStatus status) => new
    {
        active = status.Active?.Select(a => a.Uid).ToList(),
        status.LastScheduleTime,
        status.LastSuccessfulTime,
    };

    private async Task<Job?> CreateJobAsync(CronJob cronJob, DateTimeOffset scheduled, CancellationToken cancellationToken)
    {
        var template = ObjectCopy.Clone(cronJob.Spec?.JobTemplate ?? new JobTemplateSpec());
        var annotations = template.Metadata?.Annotations ?? [];
        annotations[CronJobPlan.ScheduledTimestampAnnotation] = scheduled.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var job = new Job
        {
            Metadata = new ObjectMeta
            {
                Name = CronJobPlan.JobName(cronJob.Metadata!.Name!, scheduled),
                Namespace = cronJob.Metadata.Namespace,
                Labels = template.Metadata?.Labels,
                Annotations = annotations,
                OwnerReferences = [new OwnerReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = cronJob.Metadata.Name, Uid = cronJob.Metadata.Uid, Controller = true, BlockOwnerDeletion = true }],
            },
            Spec = template.Spec,
        };
        try
        {
            var created = await _client.CreateAsync(job, cancellationToken: cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("cronjob {Namespace}/{Name}: created job {Job}", cronJob.Metadata.Namespace, cronJob.Metadata.Name, job.Metadata.Name);
            await RecordEventAsync(cronJob, "SuccessfulCreate", $"Created job {job.Metadata.Name}", cancellationToken).ConfigureAwait(false);
            return created;
        }
        catch (KubernetesApiException e) when (e.IsAlreadyExists)
        {
            return null;
        }
    }

    private async Task DeleteJobAsync(Job job, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteAsync<Job>(job.Metadata!.Name!, job.Metadata.Namespace, new DeleteOptions { PropagationPolicy = "Background" }, cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
        }
    }

    private async Task PruneHistoryAsync(CronJob cronJob, List<Job> jobs, CancellationToken cancellationToken)
    {
        var successful = jobs.Where(j => CronJobPlan.IsFinished(j, out var ok) && ok).OrderBy(j => j.Status?.CompletionTime ?? j.Metadata?.CreationTimestamp).ToList();
        var failed = jobs.Where(j => CronJobPlan.IsFinished(j, out var ok) && !ok).OrderBy(j => j.Metadata?.CreationTimestamp).ToList();
        foreach (var job in successful.Take(Math.Max(successful.Count - (cronJob.Spec?.SuccessfulJobsHistoryLimit ?? 3), 0))
                     .Concat(failed.Take(Math.Max(failed.Count - (cronJob.Spec?.FailedJobsHistoryLimit ?? 1), 0))))
        {
            if (job.Metadata?.DeletionTimestamp is null)
            {
                await DeleteJobAsync(job, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RecordEventAsync(CronJob cronJob, string reason, string message, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(_time.GetUtcNow().ToUnixTimeSeconds());
        try
        {
            await _client.CreateAsync(new Event
            {
                Metadata = new ObjectMeta { GenerateName = cronJob.Metadata!.Name + ".", Namespace = cronJob.Metadata.Namespace },
                InvolvedObject = new ObjectReference { ApiVersion = "batch/v1", Kind = "CronJob", Name = cronJob.Metadata.Name, Namespace = cronJob.Metadata.Namespace, Uid = cronJob.Metadata.Uid },
                Reason = reason,
                Message = message,
                Type = "Normal",
                Source = new EventSource { Component = "cronjob-controller" },
                FirstTimestamp = now,
                LastTimestamp = now,
                Count = 1,
            }, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException)
        {
            // Events are best effort.
        }
    }
}
