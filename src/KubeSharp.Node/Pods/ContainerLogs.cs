using System.Globalization;
using System.Text;

namespace KubeSharp.Node.Pods;

/// <summary>What `kubectl logs` asks for (the query of pods/{name}/log).</summary>
public sealed record ContainerLogOptions
{
    public bool Previous { get; init; }

    public bool Follow { get; init; }

    public bool Timestamps { get; init; }

    public long? TailLines { get; init; }

    public long? LimitBytes { get; init; }

    public DateTimeOffset? SinceTime { get; init; }
}

/// <summary>A log or exec request the node cannot serve; <see cref="StatusCode"/> is the HTTP status the API server answers with.</summary>
public sealed class ContainerRequestException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>
/// Turns the runtime's CRI log files ("&lt;RFC3339Nano&gt; &lt;stdout|stderr&gt; &lt;P|F&gt; &lt;text&gt;" lines) into the plain
/// text `kubectl logs` prints: partial lines (P) are joined, full ones (F) end with a newline, timestamps are kept
/// only on request.
/// </summary>
internal static class ContainerLogs
{
    /// <summary>
    /// Writes the log at <paramref name="path"/> together with its rotated (and compressed) predecessors, oldest first;
    /// with Follow, keeps writing new lines, across rotations, until <paramref name="stillRunning"/> says the container has ended.
    /// </summary>
    public static async Task WriteAsync(string path, ContainerLogOptions options, Stream output, Func<CancellationToken, Task<bool>> stillRunning, CancellationToken cancellationToken)
    {
        var files = ContainerLogRotator.AllFiles(path);
        if (!File.Exists(path) && files.Count == 1)
        {
            return;
        }

        long written = 0;
        var lines = new List<string>();
        foreach (var rotated in files.Take(files.Count - 1))
        {
            try
            {
                using var rotatedReader = new StreamReader(ContainerLogRotator.OpenRead(rotated), Encoding.UTF8);
                while (await rotatedReader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
                {
                    lines.Add(line);
                }
            }
            catch (FileNotFoundException)
            {
                // Compressed or removed by rotation in between; its content is in the next file or gone.
            }
        }

        var (file, reader, rotation) = OpenLive(path);
        try
        {
            while (reader is not null && await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                lines.Add(line);
            }

            var selected = lines.Select(Parse).Where(e => e is not null && (options.SinceTime is null || e.Value.Time >= options.SinceTime)).Select(e => e!.Value).ToList();
            if (options.TailLines is { } tail)
            {
                // Tail counts logical lines: partial fragments belong to the full entry that ends them.
                var groups = new List<List<LogEntry>>();
                var current = new List<LogEntry>();
                foreach (var entry in selected)
                {
                    current.Add(entry);
                    if (entry.Full)
                    {
                        groups.Add(current);
                        current = [];
                    }
                }

                if (current.Count > 0)
                {
                    groups.Add(current);
                }

                selected = groups.Skip((int)Math.Max(0, groups.Count - tail)).SelectMany(g => g).ToList();
            }

            foreach (var entry in selected)
            {
                if (!await WriteEntryAsync(entry).ConfigureAwait(false))
                {
                    return;
                }
            }

            if (!options.Follow)
            {
                return;
            }

            var lastCheck = DateTime.UtcNow;
            while (!cancellationToken.IsCancellationRequested)
            {
                var line = reader is null ? null : await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line is not null)
                {
                    if (Parse(line) is { } entry && !await WriteEntryAsync(entry).ConfigureAwait(false))
                    {
                        return;
                    }

                    continue;
                }

                if (Rotated(path, file, rotation))
                {
                    // Everything left in the old file has been read; go on with the new one from its start.
                    reader?.Dispose();
                    file?.Dispose();
                    (file, reader, rotation) = OpenLive(path);
                    continue;
                }

                if (DateTime.UtcNow - lastCheck > TimeSpan.FromSeconds(1))
                {
                    lastCheck = DateTime.UtcNow;
                    if (!await stillRunning(cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            reader?.Dispose();
            if (file is not null)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }
        }

        async Task<bool> WriteEntryAsync(LogEntry entry)
        {
            var text = (options.Timestamps ? entry.TimeText + " " : "") + entry.Text + (entry.Full ? "\n" : "");
            var bytes = Encoding.UTF8.GetBytes(text);
            if (options.LimitBytes is { } limit && written + bytes.Length > limit)
            {
                await output.WriteAsync(bytes.AsMemory(0, (int)Math.Max(0, limit - written)), cancellationToken).ConfigureAwait(false);
                return false;
            }

            written += bytes.Length;
            await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    // The live file, and the newest rotation at the time it was opened (a later rotation renames this file away).
    private static (FileStream? File, StreamReader? Reader, string? Rotation) OpenLive(string path)
    {
        var rotation = NewestRotation(path);
        try
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return (file, new StreamReader(file, Encoding.UTF8), rotation);
        }
        catch (FileNotFoundException)
        {
            return (null, null, rotation);
        }
    }

    private static string? NewestRotation(string path)
    {
        var files = ContainerLogRotator.AllFiles(path);
        return files.Count > 1 ? (files[^2].EndsWith(".gz", StringComparison.Ordinal) ? files[^2][..^3] : files[^2]) : null;
    }

    // The path now names another file than the one being read: a rotation happened since it was opened.
    private static bool Rotated(string path, FileStream? current, string? rotation) =>
        File.Exists(path) && (current is null || NewestRotation(path) != rotation || new FileInfo(path).Length < current.Position);

    private readonly record struct LogEntry(DateTimeOffset Time, string TimeText, bool Full, string Text);

    private static LogEntry? Parse(string line)
    {
        var parts = line.Split(' ', 4);
        if (parts.Length < 3 || !DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return null;
        }

        return new LogEntry(time, parts[0], parts[2] != "P", parts.Length == 4 ? parts[3] : "");
    }
}
