using System.Diagnostics;
using KubeSharp.Storage.Sqlite;

namespace KubeSharp.Storage.Tests;

public sealed class SqliteStoreTests : StoreContractTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kubesharp-store-").FullName;

    private string DatabasePath => Path.Combine(_directory, "state.db");

    protected override async Task<IStore> OpenStoreAsync() => await OpenAsync();

    private Task<SqliteStore> OpenAsync(int watchBufferSize = 1024, TimeSpan? compactionInterval = null, long retainRevisions = 0) =>
        SqliteStore.OpenAsync(new SqliteStoreOptions
        {
            Path = DatabasePath,
            WatchBufferSize = watchBufferSize,
            CompactionInterval = compactionInterval ?? TimeSpan.Zero,
            RetainRevisions = retainRevisions,
            RetainDuration = TimeSpan.Zero,
        });

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_database_open_in_one_store_cannot_be_opened_by_another()
    {
        await using var store = await OpenAsync();
        await Assert.ThrowsAsync<StoreException>(() => OpenAsync());
    }

    [Fact]
    public async Task Concurrent_writers_share_transactions_through_group_commit()
    {
        await using var store = await OpenAsync();
        const int Writers = 64;
        const int WritesEach = 20;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var n = 0; n < WritesEach; n++)
            {
                await store.CreateAsync($"/gc/{writer}/{n}", new byte[1024]);
            }
        })));

        Assert.Equal(Writers * WritesEach, store.CommittedWrites);
        Assert.Equal(Writers * WritesEach, (await store.ListAsync("/gc/")).Entries.Count);
        Assert.True(store.CommittedTransactions * 4 <= store.CommittedWrites, $"{store.CommittedTransactions} transactions for {store.CommittedWrites} writes");
    }

    [Fact]
    public async Task A_watcher_that_stops_reading_past_its_buffer_catches_up_from_the_log_without_losing_events()
    {
        await using var store = await OpenAsync(watchBufferSize: 8);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var watch = store.WatchAsync("/", store.CurrentRevision, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var moving = watch.MoveNextAsync();
        var expected = new List<long>();
        for (var n = 0; n < 200; n++)
        {
            expected.Add((await store.CreateAsync($"/k/{n}", Bytes("v"))).ModRevision);
        }

        var seen = new List<long>();
        while (seen.Count < expected.Count)
        {
            Assert.True(await moving);
            seen.Add(watch.Current.Entry.ModRevision);
            if (seen.Count < expected.Count)
            {
                moving = watch.MoveNextAsync();
            }
        }

        Assert.Equal(expected, seen);
        Assert.True(store.WatcherCatchUps > 0);
    }

    [Fact]
    public async Task The_background_compactor_keeps_the_configured_number_of_revisions()
    {
        await using var store = await OpenAsync(compactionInterval: TimeSpan.FromMilliseconds(20), retainRevisions: 10);
        var created = await store.CreateAsync("/a", Bytes("0"));
        for (var n = 1; n <= 50; n++)
        {
            await store.UpdateAsync("/a", 0, Bytes($"{n}"));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (store.CompactedRevision < store.CurrentRevision - 10 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(store.CurrentRevision - 10, store.CompactedRevision);
        Assert.Equal("50", Text((await store.GetAsync("/a"))!.Value));
        await Assert.ThrowsAsync<RevisionCompactedException>(async () =>
        {
            await foreach (var unused in store.WatchAsync("/", created.ModRevision))
            {
            }
        });
    }

    [Fact]
    public async Task Compaction_in_many_small_steps_leaves_only_live_rows_at_or_below_the_compacted_revision()
    {
        await using (var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { Path = DatabasePath, CompactionStepRevisions = 7, CompactionInterval = TimeSpan.Zero }))
        {
            for (var n = 0; n < 20; n++)
            {
                var entry = await store.CreateAsync($"/k/{n}", Bytes("1"));
                entry = await store.UpdateAsync(entry.Key, entry.ModRevision, Bytes("2"));
                if (n % 2 == 0)
                {
                    await store.DeleteAsync(entry.Key, entry.ModRevision);
                }
            }

            await store.CompactAsync(store.CurrentRevision);
        }

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*) FROM kv";
            Assert.Equal(10L, (long)(await count.ExecuteScalarAsync())!);
        }

        await using var reopened = await OpenAsync();
        Assert.Equal(10, (await reopened.ListAsync("/k/")).Entries.Count);
    }

    [Fact]
    public async Task Every_acknowledged_write_survives_SIGKILL_of_the_writing_process()
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "KubeSharp.Storage.CrashWriter.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(writer);
        start.ArgumentList.Add(DatabasePath);
        start.ArgumentList.Add("16");
        var acknowledged = new List<string>();
        using (var process = Process.Start(start)!)
        {
            try
            {
                Assert.Equal("ready", await process.StandardOutput.ReadLineAsync());
                while (acknowledged.Count < 2000 && await process.StandardOutput.ReadLineAsync() is { } line)
                {
                    acknowledged.Add(line);
                }
            }
            finally
            {
                process.Kill(); // SIGKILL on Unix: no chance to flush or close anything.
            }

            // Keys printed before the kill were acknowledged too.
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("/crash/", StringComparison.Ordinal))
                {
                    acknowledged.Add(line);
                }
            }

            await process.WaitForExitAsync();
        }

        Assert.True(acknowledged.Count >= 2000, $"the writer acknowledged only {acknowledged.Count} keys");
        await using var store = await OpenAsync();
        var stored = (await store.ListAsync("/crash/")).Entries.Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);
        var lost = acknowledged.Where(key => !stored.Contains(key)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged keys lost, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.Equal(store.CurrentRevision, stored.Count);
    }
}
