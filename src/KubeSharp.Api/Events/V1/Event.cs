using System.Text.Json.Serialization;

namespace KubeSharp.Api.Events.V1;

/// <summary>A report of something that happened in the cluster.</summary>
[KubernetesEntity("events.k8s.io", "v1", "Event", "events", ShortNames = ["ev"])]
public sealed class Event : KubernetesObject
{
    /// <summary>When the event first happened.</summary>
    [Proto(2), JsonConverter(typeof(MicroTimeConverter))] public DateTimeOffset? EventTime { get; set; }
    /// <summary>Data about a repeated, deduplicated event.</summary>
    [Proto(3)] public EventSeries? Series { get; set; }
    /// <summary>The controller that emitted the event, e.g. kubernetes.io/kubelet.</summary>
    [Proto(4)] public string? ReportingController { get; set; }
    /// <summary>The instance of the controller, e.g. kubelet-node1.</summary>
    [Proto(5)] public string? ReportingInstance { get; set; }
    /// <summary>What was done or failed, e.g. Binding.</summary>
    [Proto(6)] public string? Action { get; set; }
    /// <summary>Why the action was taken, in CamelCase.</summary>
    [Proto(7)] public string? Reason { get; set; }
    /// <summary>The object the event is about.</summary>
    [Proto(8)] public Core.V1.ObjectReference? Regarding { get; set; }
    /// <summary>A second object involved.</summary>
    [Proto(9)] public Core.V1.ObjectReference? Related { get; set; }
    /// <summary>A human-readable description.</summary>
    [Proto(10)] public string? Note { get; set; }
    /// <summary>Normal or Warning.</summary>
    [Proto(11)] public string? Type { get; set; }
    /// <summary>The core/v1 source field, kept for compatibility.</summary>
    [Proto(12)] public Core.V1.EventSource? DeprecatedSource { get; set; }
    /// <summary>The core/v1 firstTimestamp field, kept for compatibility.</summary>
    [Proto(13)] public DateTimeOffset? DeprecatedFirstTimestamp { get; set; }
    /// <summary>The core/v1 lastTimestamp field, kept for compatibility.</summary>
    [Proto(14)] public DateTimeOffset? DeprecatedLastTimestamp { get; set; }
    /// <summary>The core/v1 count field, kept for compatibility.</summary>
    [Proto(15)] public int? DeprecatedCount { get; set; }
}

/// <summary>How often a deduplicated event repeated.</summary>
public sealed class EventSeries
{
    /// <summary>Occurrences so far.</summary>
    [Proto(1)] public int? Count { get; set; }
    /// <summary>When the last occurrence happened.</summary>
    [Proto(2), JsonConverter(typeof(MicroTimeConverter))] public DateTimeOffset? LastObservedTime { get; set; }
}
