using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace KubeSharp.Storage.Sqlite;

/// <summary>A page of the revision log read for a watcher.</summary>
/// <param name="Events">Matching events in revision order.</param>
/// <param name="Complete">True when the page reached the requested upper revision.</param>
internal sealed record LogPage(List<StoreEvent> Events, bool Complete);

/// <summary>One read-only connection with its prepared statements; used by one caller at a time.</summary>
internal sealed class LogReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly ValueAtStatement _valueAt;
    private readonly SqliteCommand _compactRevision;
    private readonly SqliteCommand _logPage;

    public LogReader(string path)
    {
        _connection = LogSchema.OpenConnection(path, writer: false);
        _begin = LogSchema.Prepare(_connection, "BEGIN DEFERRED");
        _commit = LogSchema.Prepare(_connection, "COMMIT");
        _valueAt = new ValueAtStatement(_connection);
        _compactRevision = LogSchema.Prepare(_connection, $"SELECT value FROM meta WHERE name = '{LogSchema.CompactRevisionName}'");
        _logPage = LogSchema.Prepare(_connection, """
            SELECT k.revision, k.key, k.create_revision, k.prev_revision, k.deleted, k.value, p.value
            FROM kv k LEFT JOIN kv p ON p.revision = k.prev_revision
            WHERE k.revision > $after AND k.revision <= $upto AND substr(k.key, 1, length($prefix)) = $prefix
            ORDER BY k.revision
            LIMIT $limit
            """, "$after", "$upto", "$prefix", "$limit");
    }

    /// <summary>The value written at <paramref name="revision"/>, or null if that row was compacted away.</summary>
    public byte[]? ValueAt(long revision) => _valueAt.Read(revision);

    /// <summary>
    /// Reads the values of <paramref name="entries"/> from one snapshot. Returns null if any row
    /// was compacted away meanwhile (the key changed after the index was read): retry.
    /// </summary>
    public List<StoreEntry>? ValuesOf(List<KeyValuePair<string, IndexEntry>> entries)
    {
        var result = new List<StoreEntry>(entries.Count);
        _begin.ExecuteNonQuery();
        try
        {
            foreach (var (key, entry) in entries)
            {
                if (ValueAt(entry.ModRevision) is not { } value)
                {
                    return null;
                }

                result.Add(new StoreEntry(key, value, entry.CreateRevision, entry.ModRevision));
            }

            return result;
        }
        finally
        {
            _commit.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Events under <paramref name="prefix"/> with revisions in (<paramref name="after"/>, <paramref name="upTo"/>],
    /// at most <paramref name="limit"/>. Fails if history after <paramref name="after"/> has been compacted.
    /// </summary>
    public LogPage ReadPage(string prefix, long after, long upTo, int limit)
    {
        _begin.ExecuteNonQuery();
        try
        {
            // Read in the same snapshot as the rows: if compaction had passed `after`, rows could be missing.
            var compacted = Convert.ToInt64(_compactRevision.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
            if (compacted > after)
            {
                throw new RevisionCompactedException(after, compacted);
            }

            _logPage.Parameters[0].Value = after;
            _logPage.Parameters[1].Value = upTo;
            _logPage.Parameters[2].Value = prefix;
            _logPage.Parameters[3].Value = limit;
            var events = new List<StoreEvent>();
            using var reader = _logPage.ExecuteReader();
            while (reader.Read())
            {
                var revision = reader.GetInt64(0);
                var entry = new StoreEntry(reader.GetString(1), LogSchema.ReadBlob(reader, 5), reader.GetInt64(2), revision);
                var type = reader.GetInt64(4) != 0 ? StoreEventType.Deleted
                    : reader.GetInt64(3) == 0 ? StoreEventType.Created
                    : StoreEventType.Updated;
                events.Add(new StoreEvent(type, entry, LogSchema.ReadBlob(reader, 6)));
            }

            return new LogPage(events, events.Count < limit);
        }
        finally
        {
            _commit.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _valueAt.Dispose();
        _compactRevision.Dispose();
        _logPage.Dispose();
        _connection.Dispose();
    }
}

/// <summary>Read connections shared by concurrent readers; SQLite's WAL lets them read beside the writer.</summary>
internal sealed class LogReaderPool(string path, int maxIdle) : IDisposable
{
    private readonly ConcurrentBag<LogReader> _idle = [];
    private volatile bool _disposed;

    public LogReader Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _idle.TryTake(out var reader) ? reader : new LogReader(path);
    }

    public void Return(LogReader reader)
    {
        if (_disposed || _idle.Count >= maxIdle)
        {
            reader.Dispose();
            return;
        }

        _idle.Add(reader);
        if (_disposed && _idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    public T Use<T>(Func<LogReader, T> read)
    {
        var reader = Rent();
        try
        {
            return read(reader);
        }
        finally
        {
            Return(reader);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }
}
