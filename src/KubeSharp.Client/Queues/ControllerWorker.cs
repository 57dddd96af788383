using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Client.Queues;

/// <summary>
/// Runs a controller's reconcile function over a <see cref="WorkQueue{TKey}"/> with N workers: each
/// key is synced by one worker at a time; success forgets its back-off, failure re-adds it rate-limited
/// (per-key exponential back-off). After <see cref="MaxRetries"/> failures in a row the key is dropped
/// until something adds it again (null: retry forever).
/// </summary>
public sealed class ControllerWorker<TKey>
    where TKey : notnull
{
    private readonly string _name;
    private readonly Func<TKey, CancellationToken, Task> _sync;
    private readonly ILogger _logger;

    public ControllerWorker(string name, WorkQueue<TKey> queue, Func<TKey, CancellationToken, Task> sync, ILogger? logger = null)
    {
        _name = name;
        Queue = queue;
        _sync = sync;
        _logger = logger ?? NullLogger.Instance;
    }

    public WorkQueue<TKey> Queue { get; }
    public int? MaxRetries { get; init; }

    /// <summary>
    /// Processes keys with <paramref name="workers"/> concurrent workers until cancelled; then shuts the
    /// queue down, lets in-flight syncs finish (their token is cancelled) and returns.
    /// </summary>
    public async Task RunAsync(int workers, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workers);
        using var stop = cancellationToken.Register(Queue.ShutDown);
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None)).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (key, shutDown) = await Queue.GetAsync(CancellationToken.None).ConfigureAwait(false);
            if (shutDown)
            {
                return;
            }

            try
            {
                await _sync(key, cancellationToken).ConfigureAwait(false);
                Queue.Forget(key);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: the key is simply not finished.
            }
#pragma warning disable CA1031 // Any sync failure is retried with back-off; the worker must survive it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var retries = Queue.NumRequeues(key);
                if (MaxRetries is int max && retries >= max)
                {
                    _logger.LogError(e, "{Controller}: dropping {Key} after {Retries} failed syncs", _name, key, retries);
                    Queue.Forget(key);
                }
                else
                {
                    _logger.LogWarning(e, "{Controller}: sync of {Key} failed (attempt {Attempt}); retrying with back-off", _name, key, retries + 1);
                    Queue.AddRateLimited(key);
                }
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }
}
