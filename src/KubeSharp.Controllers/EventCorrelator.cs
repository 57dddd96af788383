using KubeSharp.Api.Core.V1;

namespace KubeSharp.Controllers;

/// <summary>What to do with an event about to be recorded.</summary>
internal abstract record EventDecision
{
    /// <summary>Dropped: its object and reason had too many events lately.</summary>
    public sealed record Skip : EventDecision;

    /// <summary>Written as a new Event (its message may have become an aggregate one).</summary>
    public sealed record Create(Event Event, string Key) : EventDecision;

    /// <summary>Counted on the Event already written for it: count, last timestamp and message change.</summary>
    public sealed record Update(string Name, string Namespace, int Count, string Message, DateTimeOffset LastTimestamp, string Key) : EventDecision;
}

/// <summary>
/// Keeps a component's events from flooding the API, as client-go's EventCorrelator does: an event repeated for the
/// same object, type, reason and message only raises the count of the Event already written; more than ten different
/// messages for one object and reason within ten minutes are combined into one Event ("(combined from similar events):
/// …"); and each object and reason may have 25 events at once, then one every five minutes (the rest are dropped).
/// </summary>
internal sealed class EventCorrelator(TimeProvider time)
{
    public const string CombinedPrefix = "(combined from similar events): ";
    private const int Burst = 25;
    private const int SimilarLimit = 10;
    private const int Capacity = 4096;
    private static readonly TimeSpan RefillPeriod = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SimilarWindow = TimeSpan.FromMinutes(10);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (double Tokens, DateTimeOffset At)> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (HashSet<string> Messages, DateTimeOffset Since)> _similar = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Name, string Namespace, int Count)> _written = new(StringComparer.Ordinal);

    public EventDecision Correlate(Event ev)
    {
        var now = time.GetUtcNow();
        var involved = ev.InvolvedObject ?? new ObjectReference();
        var objectKey = string.Join('\u0000', ev.Source?.Component, involved.ApiVersion, involved.Kind, involved.Namespace, involved.Name, involved.Uid, ev.Type, ev.Reason);
        var message = ev.Message ?? "";
        lock (_lock)
        {
            Trim();
            var (tokens, at) = _buckets.TryGetValue(objectKey, out var bucket) ? bucket : (Burst, now);
            tokens = Math.Min(Burst, tokens + ((now - at) / RefillPeriod));
            if (tokens < 1)
            {
                _buckets[objectKey] = (tokens, now);
                return new EventDecision.Skip();
            }

            _buckets[objectKey] = (tokens - 1, now);

            var (messages, since) = _similar.TryGetValue(objectKey, out var similar) && now - similar.Since < SimilarWindow ? similar : ([], now);
            messages.Add(message);
            _similar[objectKey] = (messages, since);
            var key = objectKey + '\u0000' + message;
            if (messages.Count > SimilarLimit)
            {
                key = objectKey + "\u0000combined";
                message = CombinedPrefix + message;
            }

            if (_written.TryGetValue(key, out var written))
            {
                _written[key] = written with { Count = written.Count + 1 };
                return new EventDecision.Update(written.Name, written.Namespace, written.Count + 1, message, now, key);
            }

            ev.Message = message;
            return new EventDecision.Create(ev, key);
        }
    }

    /// <summary>Remembers the Event written for <paramref name="key"/>, so repeats update it.</summary>
    public void Written(string key, string name, string ns, int count)
    {
        lock (_lock)
        {
            _written[key] = (name, ns, count);
        }
    }

    /// <summary>Forgets an Event that is gone (e.g. expired), so the next repeat writes a new one.</summary>
    public void Forget(string key)
    {
        lock (_lock)
        {
            _written.Remove(key);
        }
    }

    private void Trim()
    {
        if (_written.Count > Capacity)
        {
            _written.Clear();
        }

        if (_buckets.Count > Capacity)
        {
            _buckets.Clear();
            _similar.Clear();
        }
    }
}
