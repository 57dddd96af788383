using System.Text.Json.Serialization;

namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "Event", "events", ShortNames = ["ev"])]
public sealed class Event : KubernetesObject
{
    [Proto(2)] public ObjectReference? InvolvedObject { get; set; }
    [Proto(3)] public string? Reason { get; set; }
    [Proto(4)] public string? Message { get; set; }
    [Proto(5)] public EventSource? Source { get; set; }
    [Proto(6)] public DateTimeOffset? FirstTimestamp { get; set; }
    [Proto(7)] public DateTimeOffset? LastTimestamp { get; set; }
    [Proto(8)] public int? Count { get; set; }
    [Proto(9)] public string? Type { get; set; }
    [Proto(10), JsonConverter(typeof(MicroTimeConverter))] public DateTimeOffset? EventTime { get; set; }
    [Proto(11)] public EventSeries? Series { get; set; }
    [Proto(12)] public string? Action { get; set; }
    [Proto(13)] public ObjectReference? Related { get; set; }
    [Proto(14)] public string? ReportingComponent { get; set; }
    [Proto(15)] public string? ReportingInstance { get; set; }
}

public sealed class EventSource
{
    [Proto(1)] public string? Component { get; set; }
    [Proto(2)] public string? Host { get; set; }
}

public sealed class EventSeries
{
    [Proto(1)] public int? Count { get; set; }
    [Proto(2), JsonConverter(typeof(MicroTimeConverter))] public DateTimeOffset? LastObservedTime { get; set; }
}
