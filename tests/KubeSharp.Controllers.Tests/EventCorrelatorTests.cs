using KubeSharp.Api;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Controllers.Tests;

/// <summary>Event correlation as client-go does it: repeats counted, similar messages combined, floods dropped.</summary>
public sealed class EventCorrelatorTests
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch.AddDays(20000);

    private static Event Event(string message, string reason = "FailedCreate", string name = "web") => new()
    {
        Metadata = new ObjectMeta { Name = name + ".1", Namespace = "default" },
        InvolvedObject = new ObjectReference { Kind = "ReplicaSet", Name = name, Namespace = "default", Uid = "u-" + name },
        Source = new EventSource { Component = "replicaset-controller" },
        Type = "Warning",
        Reason = reason,
        Message = message,
    };

    [Fact]
    public void A_repeated_event_updates_the_count_of_the_one_written()
    {
        var correlator = new EventCorrelator(new ManualTime(Epoch));
        var first = Assert.IsType<EventDecision.Create>(correlator.Correlate(Event("boom")));
        correlator.Written(first.Key, "web.1", "default", 1);

        var second = Assert.IsType<EventDecision.Update>(correlator.Correlate(Event("boom")));
        var third = Assert.IsType<EventDecision.Update>(correlator.Correlate(Event("boom")));

        Assert.Equal(("web.1", 2, 3, "boom"), (second.Name, second.Count, third.Count, third.Message));
    }

    [Fact]
    public void More_than_ten_different_messages_for_one_object_and_reason_are_combined_into_one_event()
    {
        var correlator = new EventCorrelator(new ManualTime(Epoch));
        for (var i = 0; i < 10; i++)
        {
            Assert.IsType<EventDecision.Create>(correlator.Correlate(Event($"pod web-{i} failed")));
        }

        var combined = Assert.IsType<EventDecision.Create>(correlator.Correlate(Event("pod web-10 failed")));
        Assert.Equal("(combined from similar events): pod web-10 failed", combined.Event.Message);
        correlator.Written(combined.Key, "web.combined", "default", 1);
        var next = Assert.IsType<EventDecision.Update>(correlator.Correlate(Event("pod web-11 failed")));
        Assert.Equal(("web.combined", "(combined from similar events): pod web-11 failed"), (next.Name, next.Message));
    }

    [Fact]
    public void An_object_gets_25_events_at_once_then_one_every_five_minutes()
    {
        var time = new ManualTime(Epoch);
        var correlator = new EventCorrelator(time);
        var decisions = Enumerable.Range(0, 30).Select(i => correlator.Correlate(Event("boom"))).ToList();

        Assert.Equal(25, decisions.Count(d => d is not EventDecision.Skip));
        Assert.IsType<EventDecision.Create>(correlator.Correlate(Event("boom", name: "other")));
        time.Now += TimeSpan.FromMinutes(5);
        Assert.IsNotType<EventDecision.Skip>(correlator.Correlate(Event("boom")));
        Assert.IsType<EventDecision.Skip>(correlator.Correlate(Event("boom")));
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
