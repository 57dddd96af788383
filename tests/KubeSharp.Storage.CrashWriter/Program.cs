using KubeSharp.Storage.Sqlite;

// Usage: KubeSharp.Storage.CrashWriter <database> <writers>
// Writes /crash/<writer>/<n> keys from concurrent writers forever. A key is printed (and the line
// flushed) only after its CreateAsync completed, so every printed key was acknowledged as durable.
// The parent kills this process with SIGKILL and checks the printed keys survived.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: KubeSharp.Storage.CrashWriter <database> <writers>");
    return 2;
}

var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { Path = args[0], CompactionInterval = TimeSpan.Zero });
var output = Console.Out;
var outputLock = new Lock();
var value = new byte[1024];
Random.Shared.NextBytes(value);
Console.WriteLine("ready");

var writers = Enumerable.Range(0, int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture)).Select(writer => Task.Run(async () =>
{
    for (var n = 0; ; n++)
    {
        var key = $"/crash/{writer}/{n}";
        await store.CreateAsync(key, value);
        lock (outputLock)
        {
            output.WriteLine(key);
            output.Flush();
        }
    }
}));
await Task.WhenAll(writers);
return 0;
