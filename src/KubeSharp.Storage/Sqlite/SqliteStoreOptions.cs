namespace KubeSharp.Storage.Sqlite;

/// <summary>Settings of a <see cref="SqliteStore"/>; only <see cref="Path"/> is required.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The database file; created (with its directory) if absent.</summary>
    public required string Path { get; init; }

    /// <summary>Most writes committed in one transaction (one fsync) by the writer loop.</summary>
    public int MaxWritesPerTransaction { get; init; } = 512;

    /// <summary>
    /// Events buffered per watcher while it is not reading. A watcher that overflows its buffer
    /// does not lose events: it falls back to reading the revision log from where it stopped, and
    /// fails with <see cref="RevisionCompactedException"/> only if compaction overtakes it.
    /// </summary>
    public int WatchBufferSize { get; init; } = 1024;

    /// <summary>Revisions compacted per step; each step shares a transaction with a write batch, bounding the delay it adds to writers.</summary>
    public int CompactionStepRevisions { get; init; } = 1000;

    /// <summary>How often the background compactor runs; <see cref="TimeSpan.Zero"/> disables it.</summary>
    public TimeSpan CompactionInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The background compactor keeps at least this many of the newest revisions (0: no such floor).
    /// History is kept while either retention rule still wants it.
    /// </summary>
    public long RetainRevisions { get; init; } = 10_000;

    /// <summary>The background compactor keeps history written within this period (zero: no such floor).</summary>
    public TimeSpan RetainDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock the retention period is measured with (tests substitute their own).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
