using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;

namespace KubeSharp.Controllers.Tests;

/// <summary>
/// Follows every pod event of a namespace from a watch, keeps the pods as they are after each
/// event, and checks an invariant on that state after every event: the invariant returns a
/// description of what is wrong, or null. Events are applied in the order the server sends them,
/// so each checked state is one the cluster really went through.
/// </summary>
internal sealed class PodObserver : IAsyncDisposable
{
    private readonly Dictionary<string, Pod> _pods = new(StringComparer.Ordinal);
    private readonly List<string> _violations = [];
    private readonly List<(string Type, Pod Pod, IReadOnlyList<Pod> Before)> _events = [];
    private readonly Func<IReadOnlyCollection<Pod>, string?> _invariant;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _lock = new();
    private Task _watching = Task.CompletedTask;

    private PodObserver(Func<IReadOnlyCollection<Pod>, string?> invariant) => _invariant = invariant;

    public static async Task<PodObserver> StartAsync(KubernetesClient client, string ns, Func<IReadOnlyCollection<Pod>, string?>? invariant = null)
    {
        var observer = new PodObserver(invariant ?? (_ => null));
        var list = await client.ListAsync<Pod>(ns);
        foreach (var pod in list.Items)
        {
            observer._pods[pod.Metadata!.Name!] = pod;
        }

        var from = list.Metadata?.ResourceVersion;
        observer._watching = Task.Run(() => observer.WatchAsync(client, ns, from));
        return observer;
    }

    /// <summary>Every violation seen so far, with the event after which it was seen.</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_lock)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>Every event so far: its type, the pod it carries and all pods just before it.</summary>
    public IReadOnlyList<(string Type, Pod Pod, IReadOnlyList<Pod> Before)> Events
    {
        get
        {
            lock (_lock)
            {
                return [.. _events];
            }
        }
    }

    private async Task WatchAsync(KubernetesClient client, string ns, string? from)
    {
        try
        {
            await foreach (var change in client.WatchAsync<Pod>(ns, new ListOptions { ResourceVersion = from, TimeoutSeconds = 600 }, _stop.Token))
            {
                if (change.Object?.Metadata?.Name is not { } name || change.Type is WatchEventType.Bookmark)
                {
                    continue;
                }

                lock (_lock)
                {
                    _events.Add((change.Type, change.Object, [.. _pods.Values]));
                    if (change.Type == WatchEventType.Deleted)
                    {
                        _pods.Remove(name);
                    }
                    else
                    {
                        _pods[name] = change.Object;
                    }

                    if (_invariant(_pods.Values) is { } wrong)
                    {
                        _violations.Add($"after {change.Type} {name}: {wrong}");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watching;
        _stop.Dispose();
    }
}
