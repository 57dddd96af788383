using System.Text.Json.Serialization;

namespace KubeSharp.Api.Core.V1;

/// <summary>A report of something that happened to an object; kept for a short time (one hour by default).</summary>
[KubernetesEntity("", "v1", "Event", "events", ShortNames = ["ev"])]
public sealed class Event : KubernetesObject
{
    /// <summary>The object the event is about.</summary>
    [Proto(2)] public ObjectReference? InvolvedObject { get; set; }
    /// <summary>Short, CamelCase reason, e.g. Scheduled or BackOff.</summary>
    [Proto(3)] public string? Reason { get; set; }
    /// <summary>Human-readable description.</summary>
    [Proto(4)] public string? Message { get; set; }
    /// <summary>The component that reported the event.</summary>
    [Proto(5)] public EventSource? Source { get; set; }
    /// <summary>When the event was first seen.</summary>
    [Proto(6)] public DateTimeOffset? FirstTimestamp { get; set; }
    /// <summary>When the event was last seen.</summary>
    [Proto(7)] public DateTimeOffset? LastTimestamp { get; set; }
    /// <summary>How many times the event has occurred.</summary>
    [Proto(8)] public int? Count { get; set; }
    /// <summary>Normal or Warning.</summary>
    [Proto(9)] public string? Type { get; set; }
    /// <summary>When the event was first observed, with microseconds.</summary>
    [Proto(10), JsonConverter(typeof(MicroTimeConverter))] public DateTimeOffset? EventTime { get; set; }
    /// <summary>Data about a series of repeating events.</summary>
    [Proto(11)] public EventSeries? Series { get; set; }
    /// <summary>What was done (or failed), e.g. Binding.</summary>
    [Proto(12)] public string? Action { get; set; }
    /// <summary>A second object involved, e.g. the node for a scheduling event.</summary>
    [Proto(13)] public ObjectReference? Related { get; set; }
    /// <summary>Controller that emitted the event, e.g. kubernetes.io/kubelet.</summary>
    [Proto(14)] public string? ReportingComponent { get; set; }
    /// <summary>Instance of the controller, e.g. the kubelet's node.</summary>
    [Proto(15)] public string? ReportingInstance { get; set; }
}

/// <summary>The component that reported an event.</summary>
public sealed class EventSource
{
    /// <summary>Component name, e.g. kubelet.</summary>
    [Proto(1)] public string? Component { get; set; }
    /// <summary>Node the component runs on.</summary>
    [Proto(2)] public string? Host { get; set; }
}

/// <summary>A series of repeated events.</summary>
public sealed class EventSeries
{
    /// <summary>Occurrences so far.</summary>
    [Proto(1)] public int? Count { get; set; }
    /// <summary>When the last occurrence was seen.</summary>
    [Proto(2), JsonConverter(typeof(MicroTimeConverter))] public DateTimeOffset? LastObservedTime { get; set; }
}
