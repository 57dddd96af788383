using CoreEvent = KubeSharp.Api.Core.V1.Event;
using EventsEvent = KubeSharp.Api.Events.V1.Event;

namespace KubeSharp.ApiServer.Registry;

/// <summary>
/// Converts between core/v1 Event (the storage version) and events.k8s.io/v1 Event, which
/// Kubernetes serves from the same stored objects: note ↔ message, regarding ↔ involvedObject,
/// reportingController ↔ reportingComponent, and the deprecated* fields ↔ source, firstTimestamp,
/// lastTimestamp and count. The object metadata is carried over as it is.
/// </summary>
internal static class EventConversion
{
    public static CoreEvent ToCore(EventsEvent e) => new()
    {
        Metadata = e.Metadata,
        InvolvedObject = e.Regarding,
        Reason = e.Reason,
        Message = e.Note,
        Source = e.DeprecatedSource,
        FirstTimestamp = e.DeprecatedFirstTimestamp,
        LastTimestamp = e.DeprecatedLastTimestamp,
        Count = e.DeprecatedCount,
        Type = e.Type,
        EventTime = e.EventTime,
        Series = e.Series is { } s ? new Api.Core.V1.EventSeries { Count = s.Count, LastObservedTime = s.LastObservedTime } : null,
        Action = e.Action,
        Related = e.Related,
        ReportingComponent = e.ReportingController,
        ReportingInstance = e.ReportingInstance,
    };

    public static EventsEvent ToEvents(CoreEvent e) => new()
    {
        Metadata = e.Metadata,
        Regarding = e.InvolvedObject,
        Reason = e.Reason,
        Note = e.Message,
        DeprecatedSource = e.Source,
        DeprecatedFirstTimestamp = e.FirstTimestamp,
        DeprecatedLastTimestamp = e.LastTimestamp,
        DeprecatedCount = e.Count,
        Type = e.Type,
        EventTime = e.EventTime,
        Series = e.Series is { } s ? new Api.Events.V1.EventSeries { Count = s.Count, LastObservedTime = s.LastObservedTime } : null,
        Action = e.Action,
        Related = e.Related,
        ReportingController = e.ReportingComponent,
        ReportingInstance = e.ReportingInstance,
    };
}
