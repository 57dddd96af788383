using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Client.LeaderElection;

public sealed record LeaderElectionConfig
{
    public required string LeaseNamespace { get; init; }
    public required string LeaseName { get; init; }
    /// <summary>This candidate's unique identity (e.g. hostname plus a random suffix).</summary>
    public required string Identity { get; init; }
    /// <summary>How long others wait, after last seeing the lease change, before taking it over.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>How long the leader keeps trying to renew before it gives up leading. Must be less than <see cref="LeaseDuration"/>.</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Pause between acquire or renew attempts.</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>On cancellation, clear the holder so another candidate takes over at once instead of after the lease expires.</summary>
    public bool ReleaseOnCancel { get; init; } = true;
}

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease, safe against two simultaneous leaders:
/// <list type="bullet">
/// <item>every write is a compare-and-swap on the lease's resourceVersion;</item>
/// <item>a candidate takes over a held lease only after seeing it unchanged for the holder's
///   leaseDurationSeconds, measured on its own clock from when it saw the change (no clock-skew trust);</item>
/// <item>the leader stops leading (cancels the token given to <see cref="OnStartedLeading"/>) once
///   <see cref="LeaderElectionConfig.RenewDeadline"/> has passed since the start of its last successful renewal,
///   which is before any other candidate can consider the lease expired.</item>
/// </list>
/// <see cref="RunAsync"/> keeps contending after losing leadership, until cancelled.
/// </summary>
public sealed class LeaderElector
{
    private readonly LeaseLock _lock;
    private readonly LeaderElectionConfig _config;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private LeaseSnapshot? _observed;
    private long _observedAt;
    private volatile bool _isLeader;
    private volatile string? _leader;

    public LeaderElector(KubernetesClient client, LeaderElectionConfig config, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.RenewDeadline >= config.LeaseDuration)
        {
            throw new ArgumentException("RenewDeadline must be shorter than LeaseDuration", nameof(config));
        }

        if (config.RetryPeriod >= config.RenewDeadline)
        {
            throw new ArgumentException("RetryPeriod must be shorter than RenewDeadline", nameof(config));
        }

        _lock = new LeaseLock(client, config.LeaseNamespace, config.LeaseName);
        _config = config;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Runs while this candidate leads; its token is cancelled when leadership is lost or the elector stops.
    /// The elector waits for it to finish before reporting stopped or releasing the lease.</summary>
    public Func<CancellationToken, Task>? OnStartedLeading { get; init; }
    /// <summary>Called after a term ends and <see cref="OnStartedLeading"/> has returned.</summary>
    public Action? OnStoppedLeading { get; init; }
    /// <summary>Called when the observed holder changes (including to this candidate).</summary>
    public Action<string>? OnNewLeader { get; init; }

    public bool IsLeader => _isLeader;
    /// <summary>The holder last seen on the lease.</summary>
    public string? CurrentLeader => _leader;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            long termStart;
            try
            {
                termStart = await AcquireAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            await LeadAsync(termStart, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task LeadAsync(long termStart, CancellationToken cancellationToken)
    {
        using var term = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _isLeader = true;
        _logger.LogInformation("{Identity} became leader of lease {Lease}", _config.Identity, _lock.Describe);
        var leading = OnStartedLeading is null ? Task.CompletedTask : Task.Run(() => OnStartedLeading(term.Token), CancellationToken.None);
        try
        {
            await RenewUntilLostAsync(termStart, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _isLeader = false;
            await term.CancelAsync().ConfigureAwait(false);
            try
            {
                await leading.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The leader's work failing must not stop the elector.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "OnStartedLeading of {Identity} failed", _config.Identity);
            }
            catch (OperationCanceledException)
            {
                // Expected: the term's token was cancelled.
            }
#pragma warning restore CA1031

            OnStoppedLeading?.Invoke();
            if (cancellationToken.IsCancellationRequested && _config.ReleaseOnCancel)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Retries until this candidate holds the lease; returns when the successful attempt started.</summary>
    private async Task<long> AcquireAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var attemptStart = _time.GetTimestamp();
            if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
            {
                return attemptStart;
            }

            var jittered = _config.RetryPeriod * (1 + (Random.Shared.NextDouble() * 0.2));
            await Task.Delay(jittered, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Renews every retry period; returns when renewal has failed for the renew deadline, someone else holds the lease, or cancellation.</summary>
    private async Task RenewUntilLostAsync(long lastRenewStart, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = _config.RenewDeadline - _time.GetElapsedTime(lastRenewStart);
            if (remaining <= TimeSpan.Zero)
            {
                _logger.LogWarning("{Identity} could not renew lease {Lease} within {Deadline}; stopping leading", _config.Identity, _lock.Describe, _config.RenewDeadline);
                return;
            }

            try
            {
                await Task.Delay(Min(_config.RetryPeriod, remaining), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            remaining = _config.RenewDeadline - _time.GetElapsedTime(lastRenewStart);
            if (remaining <= TimeSpan.Zero)
            {
                continue;
            }

            var attemptStart = _time.GetTimestamp();
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(remaining);
            try
            {
                if (await TryAcquireOrRenewAsync(attempt.Token).ConfigureAwait(false))
                {
                    lastRenewStart = attemptStart;
                }
                else if (_leader != _config.Identity)
                {
                    _logger.LogWarning("{Identity} found lease {Lease} held by {Holder}; stopping leading", _config.Identity, _lock.Describe, _leader);
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                // The attempt ran out of time; the loop head decides whether the deadline has passed.
            }
        }
    }

    /// <summary>
    /// One acquire-or-renew attempt. False when another holder's lease is still valid or a write lost a
    /// race; transient API failures are logged and also give false.
    /// </summary>
    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        try
        {
            var current = await _lock.GetAsync(cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                var record = new LeaderRecord(_config.Identity, (int)_config.LeaseDuration.TotalSeconds, now, now, 0);
                Observe(await _lock.CreateAsync(record, cancellationToken).ConfigureAwait(false));
                return true;
            }

            Observe(current);
            var holder = current.Record.HolderIdentity;
            var heldByOther = !string.IsNullOrEmpty(holder) && holder != _config.Identity;
            var holderDuration = TimeSpan.FromSeconds(current.Record.LeaseDurationSeconds ?? (int)_config.LeaseDuration.TotalSeconds);
            if (heldByOther && _time.GetElapsedTime(_observedAt) < holderDuration)
            {
                return false;
            }

            var renewing = holder == _config.Identity;
            var next = new LeaderRecord(
                _config.Identity,
                (int)_config.LeaseDuration.TotalSeconds,
                renewing ? current.Record.AcquireTime ?? now : now,
                now,
                renewing ? current.Record.LeaseTransitions : current.Record.LeaseTransitions + 1);
            Observe(await _lock.UpdateAsync(current, next, cancellationToken).ConfigureAwait(false));
            return true;
        }
        catch (KubernetesApiException e) when (e.IsConflict || e.IsAlreadyExists)
        {
            _logger.LogDebug("{Identity} lost a write race on lease {Lease}", _config.Identity, _lock.Describe);
            return false;
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or IOException or TimeoutException)
        {
            _logger.LogWarning(e, "{Identity} could not acquire or renew lease {Lease}", _config.Identity, _lock.Describe);
            return false;
        }
    }

    // Remembers when the lease last changed, on the local clock: expiry is judged from this, never from the renewTime written by another machine.
    private void Observe(LeaseSnapshot snapshot)
    {
        if (_observed is null || _observed.ResourceVersion != snapshot.ResourceVersion || _observed.Record != snapshot.Record)
        {
            _observed = snapshot;
            _observedAt = _time.GetTimestamp();
        }

        var holder = snapshot.Record.HolderIdentity ?? "";
        if (holder != _leader)
        {
            _leader = holder;
            if (holder.Length > 0)
            {
                OnNewLeader?.Invoke(holder);
            }
        }
    }

    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(_config.RenewDeadline);
        try
        {
            var current = await _lock.GetAsync(timeout.Token).ConfigureAwait(false);
            if (current is null || current.Record.HolderIdentity != _config.Identity)
            {
                return;
            }

            var now = _time.GetUtcNow();
            var released = new LeaderRecord(null, 1, now, now, current.Record.LeaseTransitions);
            Observe(await _lock.UpdateAsync(current, released, timeout.Token).ConfigureAwait(false));
            _logger.LogInformation("{Identity} released lease {Lease}", _config.Identity, _lock.Describe);
        }
        catch (Exception e) when (e is KubernetesApiException or HttpRequestException or IOException or TimeoutException or OperationCanceledException)
        {
            _logger.LogWarning(e, "{Identity} could not release lease {Lease}; it expires by itself", _config.Identity, _lock.Describe);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
