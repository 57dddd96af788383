using System.Collections.Concurrent;
using KubeSharp.Api;
using KubeSharp.Api.Autoscaling.V2;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Metrics.V1beta1;
using KubeSharp.Api.Selectors;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Queues;
using Microsoft.Extensions.Logging;
using Scale = KubeSharp.Api.Autoscaling.V1.Scale;
using ScaleSpec = KubeSharp.Api.Autoscaling.V1.ScaleSpec;

namespace KubeSharp.Controllers.Autoscaling;

/// <summary>
/// The Horizontal Pod Autoscaler: every sync period, for each autoscaling/v2 HorizontalPodAutoscaler, reads the
/// target's scale subresource (Deployment, ReplicaSet, ReplicationController, StatefulSet, or any kind serving one),
/// the pods of its selector and their metrics.k8s.io PodMetrics, computes the replica count each metric asks for
/// (<see cref="ReplicaCalculation"/>), takes the largest, stabilizes and limits it (<see cref="ScalingNormalization"/>),
/// writes it to the scale subresource and reports status, conditions and events as Kubernetes does. Resource and
/// ContainerResource metrics are supported; Pods, Object and External metrics need a custom or external metrics API,
/// which this cluster does not serve, so they set ScalingActive False.
/// </summary>
internal sealed class HorizontalPodAutoscalerController
{
    private const string Component = "horizontal-pod-autoscaler";
    private static readonly TimeSpan RepeatedWarningInterval = TimeSpan.FromMinutes(5);

    private readonly KubernetesClient _client;
    private readonly Informer<HorizontalPodAutoscaler> _autoscalers;
    private readonly Informer<Pod> _pods;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly WorkQueue<string> _queue;
    private readonly EventRecorder _events;
    private readonly ConcurrentDictionary<string, ScalingHistory> _histories = new();
    private readonly ConcurrentDictionary<(string Key, string Reason), (string Message, DateTimeOffset At)> _lastWarnings = new();

    public HorizontalPodAutoscalerController(KubernetesClient client, SharedInformers informers, ILogger logger, TimeProvider? time = null)
    {
        _client = client;
        _autoscalers = informers.For<HorizontalPodAutoscaler>();
        _pods = informers.For<Pod>();
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _queue = new WorkQueue<string>(RateLimiters.DefaultController<string>(_time), _time);
        _events = new EventRecorder(client, Component, logger);
        // New autoscalers and spec changes sync at once; everything else (including our own status writes) waits
        // for the periodic sync, so one sync never triggers the next.
        _autoscalers.AddEventHandler(new ResourceEventHandler<HorizontalPodAutoscaler>
        {
            OnAdd = (h, _) => _queue.Add(ObjectCache<HorizontalPodAutoscaler>.KeyOf(h)),
            OnUpdate = (old, h) =>
            {
                if (old.Metadata?.Generation != h.Metadata?.Generation)
                {
                    _queue.Add(ObjectCache<HorizontalPodAutoscaler>.KeyOf(h));
                }
            },
            OnDelete = (h, _) => Forget(ObjectCache<HorizontalPodAutoscaler>.KeyOf(h)),
        });
    }

    /// <summary>How often each autoscaler is reconciled (--horizontal-pod-autoscaler-sync-period, 15 s by default).</summary>
    public TimeSpan SyncPeriod { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The scale-down stabilization window when spec.behavior does not set one (--horizontal-pod-autoscaler-downscale-stabilization).</summary>
    public TimeSpan DownscaleStabilization { get; init; } = TimeSpan.FromMinutes(5);

    public ReplicaCalculationSettings Calculation { get; init; } = new();

    public Task RunAsync(int workers, CancellationToken cancellationToken) =>
        new ControllerWorker<string>("horizontalpodautoscaler", _queue, SyncAsync, _logger).RunAsync(workers, cancellationToken);

    private void Forget(string key)
    {
        _histories.TryRemove(key, out _);
        foreach (var warning in _lastWarnings.Keys.Where(k => k.Key == key))
        {
            _lastWarnings.TryRemove(warning, out _);
        }
    }

    private async Task SyncAsync(string key, CancellationToken cancellationToken)
    {
        var (ns, name) = ObjectCache<HorizontalPodAutoscaler>.SplitKey(key);
        var cached = _autoscalers.Lister.Get(name, ns);
        if (cached is null || cached.Metadata?.DeletionTimestamp is not null)
        {
            Forget(key);
            return;
        }

        try
        {
            await ReconcileAsync(key, cached, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _queue.AddAfter(key, SyncPeriod);
        }
    }

    private async Task ReconcileAsync(string key, HorizontalPodAutoscaler cached, CancellationToken cancellationToken)
    {
        var hpa = ObjectCopy.Clone(cached);
        var now = _time.GetUtcNow();
        var spec = hpa.Spec ?? new HorizontalPodAutoscalerSpec();
        var status = hpa.Status ??= new HorizontalPodAutoscalerStatus();
        var conditions = status.Conditions ??= [];
        status.ObservedGeneration = hpa.Metadata?.Generation;
        var history = _histories.GetOrAdd(key, _ => new ScalingHistory());

        Scale scale;
        try
        {
            scale = await _client.RequestAsync<Scale>(HttpMethod.Get, ScalePath(hpa), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or ArgumentException)
        {
            AutoscalerConditions.Set(conditions, new ConditionUpdate(ScalingNormalization.AbleToScale, "False", "FailedGetScale", $"the HPA controller was unable to get the target's current scale: {e.Message}"), now);
            await WarnAsync(key, hpa, "FailedGetScale", e.Message, cancellationToken).ConfigureAwait(false);
            await WriteStatusAsync(cached, hpa, cancellationToken).ConfigureAwait(false);
            return;
        }

        AutoscalerConditions.Set(conditions, new ConditionUpdate(ScalingNormalization.AbleToScale, "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale"), now);
        var current = scale.Spec?.Replicas ?? 0;
        if (history.Recommendations.Count == 0)
        {
            history.Recommendations.Add(new TimestampedRecommendation(current, now));
        }

        var min = spec.MinReplicas ?? 1;
        var max = spec.MaxReplicas ?? 0;
        List<MetricStatus>? metricStatuses = null;
        int desired;
        var reason = "";
        bool rescale;
        if (current == 0 && min != 0)
        {
            desired = 0;
            rescale = false;
            AutoscalerConditions.Set(conditions, new ConditionUpdate(ScalingNormalization.ScalingActive, "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero"), now);
        }
        else if (current > max)
        {
            (desired, reason, rescale) = (max, "Current number of replicas above Spec.MaxReplicas", true);
        }
        else if (current < min)
        {
            (desired, reason, rescale) = (min, "Current number of replicas below Spec.MinReplicas", true);
        }
        else
        {
            var computed = await ComputeReplicasForMetricsAsync(key, hpa, scale, current, now, cancellationToken).ConfigureAwait(false);
            metricStatuses = computed.Statuses;
            if (computed.Replicas < 0)
            {
                status.CurrentReplicas = current;
                status.CurrentMetrics = metricStatuses;
                await WriteStatusAsync(cached, hpa, cancellationToken).ConfigureAwait(false);
                await WarnAsync(key, hpa, "FailedComputeMetricsReplicas", computed.Error ?? "", cancellationToken).ConfigureAwait(false);
                return;
            }

            var wanted = Math.Max(computed.Replicas, 0);
            reason = wanted > current ? $"{computed.Metric} above target" : wanted < current ? "All metrics below target" : "";
            var normalized = spec.Behavior is { } behavior
                ? ScalingNormalization.WithBehavior(history, behavior, current, wanted, min, max, DownscaleStabilization, now)
                : ScalingNormalization.WithoutBehavior(history, current, wanted, min, max, DownscaleStabilization, now);
            AutoscalerConditions.Set(conditions, normalized.AbleToScale, now);
            AutoscalerConditions.Set(conditions, normalized.ScalingLimited, now);
            desired = normalized.Replicas;
            rescale = desired != current;
        }

        if (rescale)
        {
            try
            {
                await UpdateScaleAsync(hpa, scale, current, desired, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is KubernetesApiException or HttpRequestException)
            {
                await WarnAsync(key, hpa, "FailedRescale", $"New size: {desired}; reason: {reason}; error: {e.Message}", cancellationToken).ConfigureAwait(false);
                AutoscalerConditions.Set(conditions, new ConditionUpdate(ScalingNormalization.AbleToScale, "False", "FailedUpdateScale", $"the HPA controller was unable to update the target scale: {e.Message}"), now);
                status.CurrentReplicas = current;
                status.CurrentMetrics = metricStatuses;
                await WriteStatusAsync(cached, hpa, cancellationToken).ConfigureAwait(false);
                return;
            }

            AutoscalerConditions.Set(conditions, new ConditionUpdate(ScalingNormalization.AbleToScale, "True", "SucceededRescale", $"the HPA controller was able to update the target scale to {desired}"), now);
            _logger.LogInformation("horizontal pod autoscaler {Key}: {Kind}/{Name} scaled from {Current} to {Desired}: {Reason}", key, spec.ScaleTargetRef?.Kind, spec.ScaleTargetRef?.Name, current, desired, reason);
            await _events.RecordAsync(hpa, "autoscaling/v2", "HorizontalPodAutoscaler", "Normal", "SuccessfulRescale", $"New size: {desired}; reason: {reason}", cancellationToken).ConfigureAwait(false);
            ScalingNormalization.RecordScaleEvent(history, spec.Behavior, current, desired, now);
            status.LastScaleTime = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        }
        else
        {
            desired = current;
        }

        status.CurrentReplicas = current;
        status.DesiredReplicas = desired;
        status.CurrentMetrics = metricStatuses;
        await WriteStatusAsync(cached, hpa, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <paramref name="desired"/> to the scale subresource. The target's controller keeps writing the object
    /// (its status), which makes the read resourceVersion stale: on a conflict the scale is read again and the write
    /// retried, unless the replica count the decision was based on has changed meanwhile.
    /// </summary>
    private async Task UpdateScaleAsync(HorizontalPodAutoscaler hpa, Scale scale, int current, int desired, CancellationToken cancellationToken)
    {
        var path = ScalePath(hpa);
        for (var attempt = 1; ; attempt++)
        {
            scale.Spec = new ScaleSpec { Replicas = desired };
            try
            {
                await _client.RequestAsync<Scale>(HttpMethod.Put, path, scale, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (KubernetesApiException e) when (e.IsConflict && attempt < 3)
            {
                scale = await _client.RequestAsync<Scale>(HttpMethod.Get, path, cancellationToken: cancellationToken).ConfigureAwait(false);
                if ((scale.Spec?.Replicas ?? 0) != current)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>The largest replica count any metric asks for; -1 (with <c>Error</c>) when no metric could answer, or when a failing metric might have asked for more than the others.</summary>
    private sealed record MetricsOutcome(int Replicas, string Metric, List<MetricStatus> Statuses, string? Error);

    private async Task<MetricsOutcome> ComputeReplicasForMetricsAsync(string key, HorizontalPodAutoscaler hpa, Scale scale, int current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var conditions = hpa.Status!.Conditions!;
        var specs = hpa.Spec?.Metrics is { Count: > 0 } given ? given : [AutoscalingV2Defaults.CpuUtilizationMetric(AutoscalingV2Defaults.DefaultCpuUtilization)];
        var statuses = specs.Select(_ => new MetricStatus()).ToList();
        var selectorText = scale.Status?.Selector;
        if (string.IsNullOrEmpty(selectorText))
        {
            AutoscalerConditions.Set(conditions, new ConditionUpdate(ScalingNormalization.ScalingActive, "False", "InvalidSelector", "the HPA target's scale is missing a selector"), now);
            await WarnAsync(key, hpa, "SelectorRequired", "selector is required", cancellationToken).ConfigureAwait(false);
            return new MetricsOutcome(-1, "", statuses, "selector is required");
        }

        if (!LabelQuery.TryParse(selectorText, out var selector, out var selectorError))
        {
            var message = $"couldn't convert selector into a corresponding internal selector object: {selectorError}";
            AutoscalerConditions.Set(conditions, new ConditionUpdate(ScalingNormalization.ScalingActive, "False", "InvalidSelector", "the HPA target's scale has an invalid selector"), now);
            await WarnAsync(key, hpa, "InvalidSelector", message, cancellationToken).ConfigureAwait(false);
            return new MetricsOutcome(-1, "", statuses, message);
        }

        var ns = hpa.Metadata?.Namespace ?? "default";
        var pods = _pods.Lister.List(ns, p => selector.Matches(p.Metadata?.Labels));
        var metrics = new PodMetricsSource(_client, ns, selectorText);
        var best = 0;
        var bestMetric = "";
        var invalid = 0;
        string? firstError = null;
        ConditionUpdate? firstCondition = null;
        for (var i = 0; i < specs.Count; i++)
        {
            try
            {
                var (replicas, metricName, metricStatus) = await ComputeReplicasForMetricAsync(specs[i], current, pods, metrics, now, cancellationToken).ConfigureAwait(false);
                statuses[i] = metricStatus;
                if (TakesProposal(best, replicas))
                {
                    (best, bestMetric) = (replicas, metricName);
                }
            }
            catch (MetricFailure failure)
            {
                invalid++;
                firstError ??= failure.Message;
                firstCondition ??= new ConditionUpdate(ScalingNormalization.ScalingActive, "False", failure.Reason, $"the HPA was unable to compute the replica count: {failure.Message}");
                await WarnAsync(key, hpa, failure.Reason, failure.Message, cancellationToken).ConfigureAwait(false);
            }
        }

        if (invalid >= specs.Count || (invalid > 0 && best < current))
        {
            AutoscalerConditions.Set(conditions, firstCondition!.Value, now);
            return new MetricsOutcome(-1, "", statuses, $"invalid metrics ({invalid} invalid out of {specs.Count}), first error is: {firstError}");
        }

        AutoscalerConditions.Set(conditions, new ConditionUpdate(ScalingNormalization.ScalingActive, "True", "ValidMetricFound", $"the HPA was able to successfully calculate a replica count from {bestMetric}"), now);
        return new MetricsOutcome(best, bestMetric, statuses, firstError);
    }

    /// <summary>One metric could not be computed: <see cref="Reason"/> is the event and condition reason.</summary>
    private sealed class MetricFailure(string reason, string message) : Exception(message)
    {
        public string Reason { get; } = reason;
    }

    /// <summary>
    /// Whether a metric's replica proposal replaces the best so far: the largest wins, and a proposal of 0 (an idle
    /// target) still names its metric, which the ScalingActive condition and the rescale reason quote.
    /// </summary>
    internal static bool TakesProposal(int bestSoFar, int proposal) => bestSoFar == 0 || proposal > bestSoFar;

    private async Task<(int Replicas, string Metric, MetricStatus Status)> ComputeReplicasForMetricAsync(
        MetricSpec spec, int current, IReadOnlyList<Pod> pods, PodMetricsSource metrics, DateTimeOffset now, CancellationToken cancellationToken)
    {
        switch (spec.Type)
        {
            case "Resource":
                {
                    var resource = spec.Resource?.Name ?? "";
                    var (replicas, name, value) = await ComputeResourceAsync(resource, null, spec.Resource?.Target, current, pods, metrics, now, "FailedGetResourceMetric", cancellationToken).ConfigureAwait(false);
                    return (replicas, name, new MetricStatus { Type = "Resource", Resource = new ResourceMetricStatus { Name = resource, Current = value } });
                }

            case "ContainerResource":
                {
                    var resource = spec.ContainerResource?.Name ?? "";
                    var container = spec.ContainerResource?.Container;
                    var (replicas, name, value) = await ComputeResourceAsync(resource, container, spec.ContainerResource?.Target, current, pods, metrics, now, "FailedGetContainerResourceMetric", cancellationToken).ConfigureAwait(false);
                    return (replicas, name, new MetricStatus { Type = "ContainerResource", ContainerResource = new ContainerResourceMetricStatus { Name = resource, Container = container, Current = value } });
                }

            case "Pods":
                throw new MetricFailure("FailedGetPodsMetric", $"unable to get metric {spec.Pods?.Metric?.Name}: {NoCustomMetrics}");
            case "Object":
                throw new MetricFailure("FailedGetObjectMetric", $"unable to get metric {spec.Object?.Metric?.Name}: {spec.Object?.DescribedObject?.Kind}/{spec.Object?.DescribedObject?.Name}: {NoCustomMetrics}");
            case "External":
                throw new MetricFailure("FailedGetExternalMetric", $"unable to get external metric {spec.External?.Metric?.Name}: no external metrics API (external.metrics.k8s.io) is served by this cluster");
            default:
                throw new MetricFailure("InvalidMetricSourceType", $"unknown metric source type \"{spec.Type}\"");
        }
    }

    private const string NoCustomMetrics = "no custom metrics API (custom.metrics.k8s.io) is served by this cluster";

    private async Task<(int Replicas, string Metric, MetricValueStatus Value)> ComputeResourceAsync(
        string resource, string? container, MetricTarget? target, int current, IReadOnlyList<Pod> pods, PodMetricsSource metrics, DateTimeOffset now, string failureReason, CancellationToken cancellationToken)
    {
        if (target?.AverageValue is { } averageValue)
        {
            try
            {
                var usage = await metrics.UsageAsync(resource, container, cancellationToken).ConfigureAwait(false);
                var proposal = ReplicaCalculation.ForAverageValue(current, averageValue.MilliValue, resource, pods, usage, Calculation, now);
                return (proposal.Replicas, $"{resource} resource", new MetricValueStatus { AverageValue = Milli(proposal.AverageMilliValue) });
            }
            catch (MetricUnavailableException e)
            {
                throw new MetricFailure(failureReason, $"failed to get {resource} usage: {e.Message}");
            }
        }

        if (target?.AverageUtilization is not { } utilization)
        {
            throw new MetricFailure(failureReason, "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set");
        }

        try
        {
            var usage = await metrics.UsageAsync(resource, container, cancellationToken).ConfigureAwait(false);
            var proposal = ReplicaCalculation.ForUtilization(current, utilization, resource, container, pods, usage, Calculation, now);
            var name = container is null ? $"{resource} resource utilization (percentage of request)" : $"{resource} container resource utilization (percentage of request)";
            return (proposal.Replicas, name, new MetricValueStatus { AverageUtilization = proposal.Utilization, AverageValue = Milli(proposal.AverageMilliValue) });
        }
        catch (MetricUnavailableException e)
        {
            throw new MetricFailure(failureReason, $"failed to get {resource} utilization: {e.Message}");
        }
    }

    private static Quantity Milli(long milliValue) => new(milliValue / 1000m);

    /// <summary>The target's scale subresource: /apis/{group}/{version}/namespaces/{ns}/{plural}/{name}/scale.</summary>
    private static string ScalePath(HorizontalPodAutoscaler hpa)
    {
        var target = hpa.Spec?.ScaleTargetRef;
        if (string.IsNullOrEmpty(target?.Kind) || string.IsNullOrEmpty(target.Name))
        {
            throw new ArgumentException("the scale target reference needs a kind and a name");
        }

        var apiVersion = string.IsNullOrEmpty(target.ApiVersion) ? DefaultApiVersion(target.Kind) : target.ApiVersion;
        var root = apiVersion.Contains('/', StringComparison.Ordinal) ? $"/apis/{apiVersion}" : $"/api/{apiVersion}";
        var plural = target.Kind switch
        {
            "Deployment" => "deployments",
            "ReplicaSet" => "replicasets",
            "StatefulSet" => "statefulsets",
            "ReplicationController" => "replicationcontrollers",
            _ => target.Kind.ToLowerInvariant() + "s",
        };
        return $"{root}/namespaces/{Uri.EscapeDataString(hpa.Metadata?.Namespace ?? "default")}/{plural}/{Uri.EscapeDataString(target.Name)}/scale";
    }

    private static string DefaultApiVersion(string kind) => kind == "ReplicationController" ? "v1" : "apps/v1";

    private async Task WriteStatusAsync(HorizontalPodAutoscaler cached, HorizontalPodAutoscaler hpa, CancellationToken cancellationToken)
    {
        if (KubeJson.Serialize(hpa.Status) == KubeJson.Serialize(cached.Status))
        {
            return;
        }

        try
        {
            await _client.UpdateStatusAsync(hpa, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubernetesApiException e) when (e.IsConflict || e.IsNotFound)
        {
            // Changed or gone meanwhile: the next periodic sync works from the newer object.
            _logger.LogDebug("horizontal pod autoscaler {Namespace}/{Name}: status not written: {Message}", hpa.Metadata?.Namespace, hpa.Metadata?.Name, e.Message);
        }
    }

    /// <summary>Records a Warning event, but not the same reason and message again for the same autoscaler within a few minutes (each sync would repeat it).</summary>
    private async Task WarnAsync(string key, HorizontalPodAutoscaler hpa, string reason, string message, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_lastWarnings.TryGetValue((key, reason), out var last) && last.Message == message && now - last.At < RepeatedWarningInterval)
        {
            return;
        }

        _lastWarnings[(key, reason)] = (message, now);
        await _events.RecordAsync(hpa, "autoscaling/v2", "HorizontalPodAutoscaler", "Warning", reason, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The target pods' PodMetrics from metrics.k8s.io, fetched at most once per sync.</summary>
    private sealed class PodMetricsSource(KubernetesClient client, string ns, string selector)
    {
        private List<PodMetrics>? _items;

        /// <summary>Each pod's use of <paramref name="resource"/> (summed over its containers, or of <paramref name="container"/> only); pods lacking it are left out.</summary>
        public async Task<IReadOnlyDictionary<string, PodUsage>> UsageAsync(string resource, string? container, CancellationToken cancellationToken)
        {
            if (_items is null)
            {
                try
                {
                    _items = (await client.ListAsync<PodMetrics>(ns, new ListOptions { LabelSelector = selector }, cancellationToken).ConfigureAwait(false)).Items;
                }
                catch (Exception e) when (e is KubernetesApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    throw new MetricUnavailableException($"unable to get metrics for resource {resource}: unable to fetch metrics from resource metrics API: {e.Message}");
                }
            }

            if (_items.Count == 0)
            {
                throw new MetricUnavailableException($"unable to get metrics for resource {resource}: no metrics returned from resource metrics API");
            }

            var usage = new Dictionary<string, PodUsage>();
            foreach (var item in _items)
            {
                var containers = (item.Containers ?? []).Where(c => string.IsNullOrEmpty(container) || c.Name == container).ToList();
                if (containers.Count == 0 || containers.Any(c => c.Usage?.ContainsKey(resource) != true))
                {
                    continue;
                }

                var window = GoDuration.TryParse(item.Window, out var parsed) ? parsed : TimeSpan.Zero;
                usage[item.Metadata?.Name ?? ""] = new PodUsage(containers.Sum(c => c.Usage![resource].MilliValue), item.Timestamp ?? DateTimeOffset.MinValue, window);
            }

            return usage;
        }
    }
}
