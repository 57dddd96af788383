using System.Collections.Concurrent;
using KubeSharp.Api;
using KubeSharp.Client;
using KubeSharp.Client.Informers;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Controllers;

/// <summary>
/// One informer per kind, shared by every controller that asks for it (one list/watch per kind).
/// Informers are created on demand before <see cref="Start"/>; it runs all of them until cancelled.
/// </summary>
public sealed class SharedInformers(KubernetesClient client, ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<Type, Entry> _informers = new();
    private readonly List<Task> _running = [];

    /// <summary>Resync period of every informer: level-triggered controllers re-check everything this often.</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(5);

    public Informer<T> For<T>()
        where T : KubernetesObject =>
        (Informer<T>)_informers.GetOrAdd(typeof(T), _ =>
        {
            var informer = new Informer<T>(client, new InformerOptions { ResyncPeriod = ResyncPeriod }, loggerFactory.CreateLogger($"informer.{typeof(T).Name}"));
            return new Entry(informer, informer.RunAsync, informer.WaitForSyncAsync);
        }).Informer;

    /// <summary>Starts every informer created so far.</summary>
    public void Start(CancellationToken cancellationToken)
    {
        foreach (var entry in _informers.Values)
        {
            _running.Add(Task.Run(() => entry.Run(cancellationToken), CancellationToken.None));
        }
    }

    /// <summary>Waits until every informer has listed once.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_informers.Values.Select(e => e.WaitForSync(cancellationToken)));

    /// <summary>Completes when every started informer has stopped.</summary>
    public Task Completion => Task.WhenAll(_running);

    private sealed record Entry(object Informer, Func<CancellationToken, Task> Run, Func<CancellationToken, Task> WaitForSync);
}
