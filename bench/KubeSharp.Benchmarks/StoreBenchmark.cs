using System.Diagnostics;
using System.Globalization;
using KubeSharp.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace KubeSharp.Benchmarks;

/// <summary>
/// Durable write and read throughput of <see cref="SqliteStore"/> against the floor it has to beat:
/// raw SQLite committing (and fsyncing) one row per transaction. Every figure comes from the same
/// run, on the same disk, with 1 KiB values.
/// </summary>
internal static class StoreBenchmark
{
    private const int ValueSize = 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var directory = args.Length == 2 && args[0] == "--dir"
            ? Directory.CreateDirectory(args[1]).FullName
            : Directory.CreateTempSubdirectory("kubesharp-bench-").FullName;
        var value = new byte[ValueSize];
        Random.Shared.NextBytes(value);
        Console.WriteLine($"# Store benchmark ({Environment.ProcessorCount} cores, {directory}, {ValueSize} B values)");
        Console.WriteLine();
        Console.WriteLine("| Case | Operations | Ops/s | p50 ms | p99 ms | Transactions |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        try
        {
            Print("Raw SQLite insert, 1 row per commit, 1 writer", RawSqliteInserts(Path.Combine(directory, "raw.db"), value, 3000), null);

            await using (var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { Path = Path.Combine(directory, "one.db") }))
            {
                Print("SqliteStore create, 1 writer", await CreatesAsync(store, value, writers: 1, writesEach: 3000), store.CommittedTransactions);
            }

            await using (var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { Path = Path.Combine(directory, "many.db") }))
            {
                Print("SqliteStore create, 64 writers", await CreatesAsync(store, value, writers: 64, writesEach: 500), store.CommittedTransactions);
                var keys = (await store.ListAsync("/bench/")).Entries.Select(entry => entry.Key).ToArray();
                Print("SqliteStore get, 1 reader", await GetsAsync(store, keys, readers: 1, readsEach: 200_000), null);
                Print($"SqliteStore get, {Environment.ProcessorCount} readers", await GetsAsync(store, keys, readers: Environment.ProcessorCount, readsEach: 100_000), null);
                Print($"SqliteStore list of {keys.Length} keys", Lists(store, 10), null);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        return 0;
    }

    internal sealed record Measurement(int Operations, TimeSpan Elapsed, double[] LatenciesMs);

    private static void Print(string name, Measurement measurement, long? transactions)
    {
        Array.Sort(measurement.LatenciesMs);
        var rate = measurement.Operations / measurement.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {measurement.Operations:N0} | {rate:N0} | {Percentile(measurement.LatenciesMs, 0.50):F3} | {Percentile(measurement.LatenciesMs, 0.99):F3} | {(transactions is { } count ? count.ToString("N0", CultureInfo.InvariantCulture) : "")} |"));
    }

    internal static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(fraction * sorted.Length))];

    /// <summary>The durable floor: one prepared INSERT per autocommit transaction, WAL, synchronous=FULL.</summary>
    internal static Measurement RawSqliteInserts(string path, byte[] value, int count)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE kv (id INTEGER PRIMARY KEY, key TEXT NOT NULL, value BLOB NOT NULL);";
            setup.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO kv (key, value) VALUES ($key, $value)";
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        insert.Parameters.Add("$value", SqliteType.Blob).Value = value;
        insert.Prepare();
        var latencies = new double[count];
        var total = Stopwatch.StartNew();
        for (var n = 0; n < count; n++)
        {
            var started = Stopwatch.GetTimestamp();
            key.Value = $"/raw/{n}";
            insert.ExecuteNonQuery(); // autocommit: one transaction, one WAL fsync
            latencies[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return new Measurement(count, total.Elapsed, latencies);
    }

    private static async Task<Measurement> CreatesAsync(SqliteStore store, byte[] value, int writers, int writesEach)
    {
        var latencies = new double[writers * writesEach];
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            for (var n = 0; n < writesEach; n++)
            {
                var started = Stopwatch.GetTimestamp();
                await store.CreateAsync($"/bench/{writer}/{n}", value);
                latencies[(writer * writesEach) + n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        })));
        return new Measurement(latencies.Length, total.Elapsed, latencies);
    }

    private static async Task<Measurement> GetsAsync(SqliteStore store, string[] keys, int readers, int readsEach)
    {
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, readers).Select(reader => Task.Run(async () =>
        {
            var random = new Random(reader);
            for (var n = 0; n < readsEach; n++)
            {
                _ = await store.GetAsync(keys[random.Next(keys.Length)]) ?? throw new InvalidOperationException("missing key");
            }
        })));
        return new Measurement(readers * readsEach, total.Elapsed, []);
    }

    private static Measurement Lists(SqliteStore store, int count)
    {
        var latencies = new double[count];
        var total = Stopwatch.StartNew();
        for (var n = 0; n < count; n++)
        {
            var started = Stopwatch.GetTimestamp();
            _ = store.ListAsync("/bench/").GetAwaiter().GetResult();
            latencies[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        return new Measurement(count, total.Elapsed, latencies);
    }
}
