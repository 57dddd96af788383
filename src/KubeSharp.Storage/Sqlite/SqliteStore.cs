using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeSharp.Storage.Sqlite;

/// <summary>
/// The embedded <see cref="IStore"/>: a revision log in one SQLite database (WAL mode).
/// <list type="bullet">
/// <item>Writes queue to a single writer thread that commits whatever is pending (up to
/// <see cref="SqliteStoreOptions.MaxWritesPerTransaction"/>) in one transaction, hence one fsync
/// (group commit). Compare-and-swap checks run in that thread against the in-memory
/// <see cref="KeyIndex"/> plus the batch's own earlier writes, so batching changes no outcome.
/// A write's task completes only after its transaction committed with synchronous=FULL.</item>
/// <item>Reads find the live revision of a key in the index and read that one row.</item>
/// <item>Watchers get committed events pushed by the writer thread (<see cref="WatchHub"/>) and
/// read older history from the log.</item>
/// <item>Compaction runs in small steps inside the writer's transactions.</item>
/// </list>
/// </summary>
public sealed partial class SqliteStore : IStore
{
    private const int LogPageSize = 512;
    private const int MaxReadRetries = 100;

    private readonly SqliteStoreOptions _options;
    private readonly ILogger _logger;
    private readonly KeyIndex _index;
    private readonly WatchHub _hub = new();
    private readonly LogReaderPool _readers;
    private readonly Channel<WriteRequest> _requests;
    private readonly Thread _writerThread;
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly FileStream _lockFile;
    private readonly Task _compactor;

    // Owned by the writer thread.
    private readonly SqliteConnection _writeConnection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _insert;
    private readonly ValueAtStatement _valueAt;
    private readonly SqliteCommand _compactSuperseded;
    private readonly SqliteCommand _compactTombstones;
    private readonly SqliteCommand _setCompactRevision;
    private readonly List<(long Revision, TaskCompletionSource Completion)> _compactionWaiters = [];
    private long _compactionGoal;

    private long _compactedRevision;
    private long _transactions;
    private long _committedWrites;
    private long _watcherCatchUps;
    private int _disposed;

    private SqliteStore(SqliteStoreOptions options, ILogger logger, FileStream lockFile, SqliteConnection writeConnection, KeyIndex index, long compactedRevision)
    {
        _options = options;
        _lockFile = lockFile;
        _logger = logger;
        _index = index;
        _compactedRevision = compactedRevision;
        _compactionGoal = compactedRevision;
        _writeConnection = writeConnection;
        _begin = LogSchema.Prepare(writeConnection, "BEGIN IMMEDIATE");
        _commit = LogSchema.Prepare(writeConnection, "COMMIT");
        _rollback = LogSchema.Prepare(writeConnection, "ROLLBACK");
        _insert = LogSchema.Prepare(
            writeConnection,
            "INSERT INTO kv (revision, key, create_revision, prev_revision, deleted, value) VALUES ($revision, $key, $create, $prev, $deleted, $value)",
            "$revision", "$key", "$create", "$prev", "$deleted", "$value");
        _valueAt = new ValueAtStatement(writeConnection);
        // A write in (lo, hi] supersedes its prev_revision row, which is then at or below hi: history
        // nobody can ask for once hi is compacted. Tombstones in (lo, hi] go too. The newest row of a
        // key live at hi stays, so state at hi and previous values of later writes remain readable.
        _compactSuperseded = LogSchema.Prepare(
            writeConnection,
            "DELETE FROM kv WHERE revision IN (SELECT prev_revision FROM kv WHERE revision > $lo AND revision <= $hi AND prev_revision > 0)",
            "$lo", "$hi");
        _compactTombstones = LogSchema.Prepare(
            writeConnection,
            "DELETE FROM kv WHERE revision > $lo AND revision <= $hi AND deleted = 1",
            "$lo", "$hi");
        _setCompactRevision = LogSchema.Prepare(
            writeConnection,
            $"INSERT INTO meta (name, value) VALUES ('{LogSchema.CompactRevisionName}', $revision) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            "$revision");

        _readers = new LogReaderPool(options.Path, maxIdle: Math.Max(4, Environment.ProcessorCount * 2));
        _requests = Channel.CreateBounded<WriteRequest>(new BoundedChannelOptions(Math.Max(1024, options.MaxWritesPerTransaction * 4))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _hub.Start(index.Revision);
        _writerThread = new Thread(RunWriter) { IsBackground = true, Name = "SqliteStore writer" };
        _writerThread.Start();
        _compactor = options.CompactionInterval > TimeSpan.Zero ? RunCompactorAsync(_stopping.Token) : Task.CompletedTask;
    }

    /// <summary>Opens (or creates) the database at <paramref name="path"/> with default options.</summary>
    public static Task<SqliteStore> OpenAsync(string path, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        OpenAsync(new SqliteStoreOptions { Path = path }, logger, cancellationToken);

    /// <summary>
    /// Opens (or creates) the database and rebuilds the key index from the log; the current
    /// revision continues from the newest row (or the compacted revision, if higher).
    /// </summary>
    public static Task<SqliteStore> OpenAsync(SqliteStoreOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxWritesPerTransaction, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WatchBufferSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CompactionStepRevisions, 1);
        return Task.Run(() => Open(options, logger ?? NullLogger.Instance), cancellationToken);
    }

    private static SqliteStore Open(SqliteStoreOptions options, ILogger logger)
    {
        var fullPath = Path.GetFullPath(options.Path);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        // The index lives in this process, so a second process writing the same database would
        // break compare-and-swap. The lock is released by the kernel even on SIGKILL.
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(fullPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new StoreException($"the store {fullPath} is open in another process ({exception.Message})");
        }

        SqliteConnection? connection = null;
        try
        {
            connection = LogSchema.OpenConnection(fullPath, writer: true);
            LogSchema.Create(connection);
            long compacted;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT value FROM meta WHERE name = '{LogSchema.CompactRevisionName}'";
                compacted = command.ExecuteScalar() is long value ? value : 0;
            }

            var live = new Dictionary<string, IndexEntry>(StringComparer.Ordinal);
            long newest = 0;
            long rows = 0;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT revision, key, create_revision, deleted FROM kv ORDER BY revision";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    rows++;
                    newest = reader.GetInt64(0);
                    var key = reader.GetString(1);
                    if (reader.GetInt64(3) != 0)
                    {
                        live.Remove(key);
                    }
                    else
                    {
                        live[key] = new IndexEntry(reader.GetInt64(2), newest);
                    }
                }
            }

            var index = new KeyIndex();
            var revision = Math.Max(newest, compacted);
            index.Load(live, revision);
            Log.Opened(logger, fullPath, revision, compacted, live.Count, rows);
            return new SqliteStore(new SqliteStoreOptions
            {
                Path = fullPath,
                MaxWritesPerTransaction = options.MaxWritesPerTransaction,
                WatchBufferSize = options.WatchBufferSize,
                CompactionStepRevisions = options.CompactionStepRevisions,
                CompactionInterval = options.CompactionInterval,
                RetainRevisions = options.RetainRevisions,
                RetainDuration = options.RetainDuration,
                TimeProvider = options.TimeProvider,
            }, logger, lockFile, connection, index, compacted);
        }
        catch
        {
            connection?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    public long CurrentRevision => _index.Revision;

    public long CompactedRevision => Interlocked.Read(ref _compactedRevision);

    /// <summary>Write transactions committed since open (each is one fsync); with group commit far fewer than <see cref="CommittedWrites"/>.</summary>
    public long CommittedTransactions => Interlocked.Read(ref _transactions);

    /// <summary>Times a watcher overflowed its buffer and went back to reading the log.</summary>
    internal long WatcherCatchUps => Interlocked.Read(ref _watcherCatchUps);

    /// <summary>Successful creates, updates and deletes since open.</summary>
    public long CommittedWrites => Interlocked.Read(ref _committedWrites);

    public Task<StoreEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        return Task.FromResult(_readers.Use(reader =>
        {
            for (var attempt = 0; attempt < MaxReadRetries; attempt++)
            {
                if (!_index.TryGet(key, out var entry))
                {
                    return null;
                }

                // Absent only if the key changed and compaction removed this row since the index lookup.
                if (reader.ValueAt(entry.ModRevision) is { } value)
                {
                    return new StoreEntry(key, value, entry.CreateRevision, entry.ModRevision);
                }
            }

            throw new StoreException($"could not read a stable value of {key}");
        }));
    }

    public Task<StoreList> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        return Task.FromResult(_readers.Use(reader =>
        {
            for (var attempt = 0; attempt < MaxReadRetries; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (entries, revision) = _index.Snapshot(prefix);
                if (reader.ValuesOf(entries) is { } values)
                {
                    return new StoreList(values, revision);
                }
            }

            throw new StoreException($"could not read a stable list of {prefix}");
        }));
    }

    public Task<StoreEntry> CreateAsync(string key, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new WriteRequest(WriteKind.Create, key, 0, value.ToArray(), cancellationToken));

    public Task<StoreEntry> UpdateAsync(string key, long expectedModRevision, ReadOnlyMemory<byte> value, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new WriteRequest(WriteKind.Update, key, expectedModRevision, value.ToArray(), cancellationToken));

    public Task<StoreEntry> DeleteAsync(string key, long expectedModRevision, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new WriteRequest(WriteKind.Delete, key, expectedModRevision, [], cancellationToken));

    private async Task<StoreEntry> EnqueueAsync(WriteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request.Key);
        request.CancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        try
        {
            await _requests.Writer.WriteAsync(request, request.CancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SqliteStore));
        }

        return await request.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Completes when history up to <paramref name="revision"/> is compacted. Asking for a revision
    /// already compacted does nothing; a revision beyond <see cref="CurrentRevision"/> is an error.
    /// </summary>
    public async Task CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        var current = CurrentRevision;
        if (revision > current)
        {
            throw new ArgumentOutOfRangeException(nameof(revision), revision, $"cannot compact beyond the current revision {current}");
        }

        if (revision <= CompactedRevision)
        {
            return;
        }

        var request = WriteRequest.Compaction(revision);
        try
        {
            await _requests.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(SqliteStore));
        }

        await request.CompactionCompletion!.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<StoreEvent> WatchAsync(string prefix, long fromRevision, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ThrowIfDisposed();
        var compacted = CompactedRevision;
        if (fromRevision < compacted)
        {
            throw new RevisionCompactedException(fromRevision, compacted);
        }

        // Every event with a revision <= delivered has been yielded (or did not match the prefix).
        var delivered = fromRevision;
        while (true)
        {
            // Subscribe first, then replay the log up to the subscription's start: the live
            // buffer holds exactly what follows, so there is neither gap nor duplicate.
            var (subscription, liveAfter) = _hub.Subscribe(prefix, _options.WatchBufferSize);
            try
            {
                while (delivered < liveAfter)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Volatile.Read(ref _disposed) != 0)
                    {
                        yield break;
                    }

                    var after = delivered;
                    var page = _readers.Use(reader => reader.ReadPage(prefix, after, liveAfter, LogPageSize));
                    foreach (var storeEvent in page.Events)
                    {
                        yield return storeEvent;
                        delivered = storeEvent.Entry.ModRevision;
                    }

                    if (page.Complete)
                    {
                        delivered = liveAfter;
                    }
                }

                await foreach (var storeEvent in subscription.Events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    // Only when the watch started ahead of the store.
                    if (storeEvent.Entry.ModRevision <= delivered)
                    {
                        continue;
                    }

                    yield return storeEvent;
                    delivered = storeEvent.Entry.ModRevision;
                }

                // The buffer ended: either the store closed, or this watcher fell behind and
                // continues from the log where it stopped.
                if (!subscription.Overflowed)
                {
                    yield break;
                }

                Interlocked.Increment(ref _watcherCatchUps);
                Log.WatcherCatchingUp(_logger, prefix, delivered);
            }
            finally
            {
                _hub.Unsubscribe(subscription);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _compactor.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        // Pending writes are still committed; the writer exits once the queue is empty.
        _requests.Writer.TryComplete();
        await _writerStopped.Task.ConfigureAwait(false);
        _hub.Close();
        _readers.Dispose();
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
        _insert.Dispose();
        _valueAt.Dispose();
        _compactSuperseded.Dispose();
        _compactTombstones.Dispose();
        _setCompactRevision.Dispose();
        _writeConnection.Dispose();
        _lockFile.Dispose();
        _stopping.Dispose();
        Log.Closed(_logger, _options.Path, CurrentRevision);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private void RunWriter()
    {
        try
        {
            var batch = new List<WriteRequest>(_options.MaxWritesPerTransaction);
            var reader = _requests.Reader;
            while (true)
            {
                if (reader.Count == 0 && _compactionGoal <= _compactedRevision
                    && !reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                {
                    break;
                }

                batch.Clear();
                while (batch.Count < _options.MaxWritesPerTransaction && reader.TryRead(out var request))
                {
                    if (request.Kind == WriteKind.Compact)
                    {
                        _compactionGoal = Math.Max(_compactionGoal, request.CompactionRevision);
                        _compactionWaiters.Add((request.CompactionRevision, request.CompactionCompletion!));
                    }
                    else
                    {
                        batch.Add(request);
                    }
                }

                CommitBatch(batch);
            }
        }
        catch (Exception exception)
        {
            Log.WriterFailed(_logger, exception);
            _requests.Writer.TryComplete(exception);
            while (_requests.Reader.TryRead(out var request))
            {
                request.Fail(exception);
            }
        }
        finally
        {
            foreach (var (_, completion) in _compactionWaiters)
            {
                completion.TrySetException(new ObjectDisposedException(nameof(SqliteStore)));
            }

            _writerStopped.TrySetResult();
        }
    }

    private void CommitBatch(List<WriteRequest> batch)
    {
        var compactTo = Math.Min(_compactionGoal, _compactedRevision + _options.CompactionStepRevisions);
        var compacting = compactTo > _compactedRevision;
        if (batch.Count == 0 && !compacting)
        {
            CompleteCompactionWaiters();
            return;
        }

        var revision = _index.Revision;
        // The final state of each key this batch touched (null: deleted), and the values written,
        // so later writes in the batch see earlier ones.
        var staged = new Dictionary<string, (IndexEntry? Entry, byte[] Value)>(StringComparer.Ordinal);
        var events = new List<StoreEvent>();
        var outcomes = new List<(WriteRequest Request, StoreEntry? Entry, Exception? Error)>(batch.Count);
        try
        {
            _begin.ExecuteNonQuery();
            foreach (var request in batch)
            {
                if (request.CancellationToken.IsCancellationRequested)
                {
                    outcomes.Add((request, null, new OperationCanceledException(request.CancellationToken)));
                    continue;
                }

                IndexEntry? current;
                byte[]? currentValue = null;
                if (staged.TryGetValue(request.Key, out var stagedState))
                {
                    current = stagedState.Entry;
                    currentValue = stagedState.Value;
                }
                else
                {
                    current = _index.TryGet(request.Key, out var indexed) ? indexed : null;
                }

                var failure = Check(request, current);
                if (failure is not null)
                {
                    outcomes.Add((request, null, failure));
                    continue;
                }

                revision++;
                StoreEvent storeEvent;
                if (request.Kind == WriteKind.Create)
                {
                    Insert(revision, request.Key, revision, 0, deleted: false, request.Value);
                    var entry = new StoreEntry(request.Key, request.Value, revision, revision);
                    staged[request.Key] = (new IndexEntry(revision, revision), request.Value);
                    storeEvent = new StoreEvent(StoreEventType.Created, entry, ReadOnlyMemory<byte>.Empty);
                }
                else
                {
                    var live = current!.Value;
                    var previous = currentValue ?? ValueAt(live.ModRevision);
                    if (request.Kind == WriteKind.Update)
                    {
                        Insert(revision, request.Key, live.CreateRevision, live.ModRevision, deleted: false, request.Value);
                        staged[request.Key] = (new IndexEntry(live.CreateRevision, revision), request.Value);
                        storeEvent = new StoreEvent(StoreEventType.Updated, new StoreEntry(request.Key, request.Value, live.CreateRevision, revision), previous);
                    }
                    else
                    {
                        // The tombstone keeps the last value, so a replayed delete carries it.
                        Insert(revision, request.Key, live.CreateRevision, live.ModRevision, deleted: true, previous);
                        staged[request.Key] = (null, []);
                        storeEvent = new StoreEvent(StoreEventType.Deleted, new StoreEntry(request.Key, previous, live.CreateRevision, revision), previous);
                    }
                }

                events.Add(storeEvent);
                outcomes.Add((request, storeEvent.Entry, null));
            }

            if (compacting)
            {
                _compactSuperseded.Parameters[0].Value = _compactedRevision;
                _compactSuperseded.Parameters[1].Value = compactTo;
                _compactSuperseded.ExecuteNonQuery();
                _compactTombstones.Parameters[0].Value = _compactedRevision;
                _compactTombstones.Parameters[1].Value = compactTo;
                _compactTombstones.ExecuteNonQuery();
                _setCompactRevision.Parameters[0].Value = compactTo;
                _setCompactRevision.ExecuteNonQuery();
            }

            _commit.ExecuteNonQuery();
        }
        catch (Exception exception)
        {
            // Nothing of the batch is applied; the writer carries on with the next one.
            Log.BatchFailed(_logger, batch.Count, exception);
            try
            {
                _rollback.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // No transaction left to roll back (SQLite already did).
            }

            var failure = new StoreException($"write failed: {exception.Message}");
            foreach (var request in batch)
            {
                request.Fail(failure);
            }

            if (compacting)
            {
                // Give up on this compaction rather than retry it in a loop; the compactor asks again later.
                _compactionGoal = _compactedRevision;
                foreach (var (_, completion) in _compactionWaiters)
                {
                    completion.TrySetException(failure);
                }

                _compactionWaiters.Clear();
            }

            return;
        }

        Interlocked.Increment(ref _transactions);
        if (events.Count > 0)
        {
            var changes = new Dictionary<string, IndexEntry?>(staged.Count, StringComparer.Ordinal);
            foreach (var (key, state) in staged)
            {
                changes[key] = state.Entry;
            }

            _index.Apply(changes, revision);
            Interlocked.Add(ref _committedWrites, events.Count);
            _hub.Publish(events, revision);
        }

        if (compacting)
        {
            Interlocked.Exchange(ref _compactedRevision, compactTo);
            CompleteCompactionWaiters();
        }

        foreach (var (request, entry, error) in outcomes)
        {
            if (error is null)
            {
                request.Completion.TrySetResult(entry!);
            }
            else
            {
                request.Fail(error);
            }
        }
    }

    private static Exception? Check(WriteRequest request, IndexEntry? current)
    {
        if (request.Kind == WriteKind.Create)
        {
            return current is null ? null : new KeyExistsException(request.Key);
        }

        if (current is not { } live)
        {
            return new KeyNotFoundInStoreException(request.Key);
        }

        return request.ExpectedModRevision != 0 && request.ExpectedModRevision != live.ModRevision
            ? new RevisionConflictException(request.Key, request.ExpectedModRevision, live.ModRevision)
            : null;
    }

    private void Insert(long revision, string key, long createRevision, long prevRevision, bool deleted, byte[] value)
    {
        var parameters = _insert.Parameters;
        parameters[0].Value = revision;
        parameters[1].Value = key;
        parameters[2].Value = createRevision;
        parameters[3].Value = prevRevision;
        parameters[4].Value = deleted ? 1 : 0;
        parameters[5].Value = value;
        _insert.ExecuteNonQuery();
    }

    private byte[] ValueAt(long revision) =>
        _valueAt.Read(revision) ?? throw new StoreException($"revision {revision} is missing from the log");

    private void CompleteCompactionWaiters()
    {
        var compacted = _compactedRevision;
        _compactionWaiters.RemoveAll(waiter =>
        {
            if (waiter.Revision > compacted)
            {
                return false;
            }

            waiter.Completion.TrySetResult();
            return true;
        });
    }

    /// <summary>
    /// Every <see cref="SqliteStoreOptions.CompactionInterval"/>, compacts up to the newest revision
    /// that both retention rules allow to forget.
    /// </summary>
    private async Task RunCompactorAsync(CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        // (when, revision) samples; the oldest one at or before now - RetainDuration bounds compaction.
        var samples = new Queue<(DateTimeOffset At, long Revision)>();
        long revisionOldEnough = 0;
        using var timer = new PeriodicTimer(_options.CompactionInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = time.GetUtcNow();
                var current = CurrentRevision;
                samples.Enqueue((now, current));
                var target = current;
                if (_options.RetainRevisions > 0)
                {
                    target = Math.Min(target, current - _options.RetainRevisions);
                }

                if (_options.RetainDuration > TimeSpan.Zero)
                {
                    while (samples.Count > 0 && samples.Peek().At <= now - _options.RetainDuration)
                    {
                        revisionOldEnough = samples.Dequeue().Revision;
                    }

                    target = Math.Min(target, revisionOldEnough);
                }

                if (target <= CompactedRevision)
                {
                    continue;
                }

                try
                {
                    await CompactAsync(target, cancellationToken).ConfigureAwait(false);
                    Log.Compacted(_logger, target);
                }
                catch (Exception exception) when (exception is StoreException or ObjectDisposedException)
                {
                    Log.CompactionFailed(_logger, target, exception);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private enum WriteKind
    {
        Create,
        Update,
        Delete,
        Compact,
    }

    private sealed class WriteRequest(WriteKind kind, string key, long expectedModRevision, byte[] value, CancellationToken cancellationToken)
    {
        public WriteKind Kind { get; } = kind;

        public string Key { get; } = key;

        public long ExpectedModRevision { get; } = expectedModRevision;

        public byte[] Value { get; } = value;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<StoreEntry> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long CompactionRevision { get; private init; }

        public TaskCompletionSource? CompactionCompletion { get; private init; }

        public static WriteRequest Compaction(long revision) => new(WriteKind.Compact, string.Empty, 0, [], CancellationToken.None)
        {
            CompactionRevision = revision,
            CompactionCompletion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
        };

        public void Fail(Exception error)
        {
            if (error is OperationCanceledException canceled)
            {
                Completion.TrySetCanceled(canceled.CancellationToken);
            }
            else
            {
                Completion.TrySetException(error);
            }

            CompactionCompletion?.TrySetException(error);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Opened store {Path} at revision {Revision} (compacted {Compacted}): {Keys} live keys, {Rows} log rows")]
        public static partial void Opened(ILogger logger, string path, long revision, long compacted, int keys, long rows);

        [LoggerMessage(2, LogLevel.Information, "Closed store {Path} at revision {Revision}")]
        public static partial void Closed(ILogger logger, string path, long revision);

        [LoggerMessage(3, LogLevel.Error, "Write batch of {Count} failed; its writes are rejected")]
        public static partial void BatchFailed(ILogger logger, int count, Exception exception);

        [LoggerMessage(4, LogLevel.Critical, "Store writer stopped")]
        public static partial void WriterFailed(ILogger logger, Exception exception);

        [LoggerMessage(5, LogLevel.Debug, "Watcher on {Prefix} fell behind; continuing from the log after revision {Revision}")]
        public static partial void WatcherCatchingUp(ILogger logger, string prefix, long revision);

        [LoggerMessage(6, LogLevel.Debug, "Compacted up to revision {Revision}")]
        public static partial void Compacted(ILogger logger, long revision);

        [LoggerMessage(7, LogLevel.Warning, "Compaction up to revision {Revision} failed")]
        public static partial void CompactionFailed(ILogger logger, long revision, Exception exception);
    }
}
