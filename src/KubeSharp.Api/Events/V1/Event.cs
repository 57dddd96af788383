using System.Text.Json.Serialization;

namespace KubeSharp.Api.Events.V1;

[KubernetesEntity("events.k8s.io", "v1", "Event", "events", ShortNames = ["ev"])]
public sealed class Event : KubernetesObject
{
    [Proto(2), JsonConverter(typeof(MicroTimeConverter))] public DateTimeOffset? EventTime { get; set; }
    [Proto(3)] public EventSeries? Series { get; set; }
    [Proto(4)] public string? ReportingController { get; set; }
    [Proto(5)] public string? ReportingInstance { get; set; }
    [Proto(6)] public string? Action { get; set; }
    [Proto(7)] public string? Reason { get; set; }
    [Proto(8)] public Core.V1.ObjectReference? Regarding { get; set; }
    [Proto(9)] public Core.V1.ObjectReference? Related { get; set; }
    [Proto(10)] public string? Note { get; set; }
    [Proto(11)] public string? Type { get; set; }
    [Proto(12)] public Core.V1.EventSource? DeprecatedSource { get; set; }
    [Proto(13)] public DateTimeOffset? DeprecatedFirstTimestamp { get; set; }
    [Proto(14)] public DateTimeOffset? DeprecatedLastTimestamp { get; set; }
    [Proto(15)] public int? DeprecatedCount { get; set; }
}

public sealed class EventSeries
{
    [Proto(1)] public int? Count { get; set; }
    [Proto(2), JsonConverter(typeof(MicroTimeConverter))] public DateTimeOffset? LastObservedTime { get; set; }
}
