using System.Globalization;
using System.IO.Compression;
using KubeSharp.Grpc;
using KubeSharp.Node.Cri;
using CriContainerState = KubeSharp.Node.Cri.V1.ContainerState;

namespace KubeSharp.Node.Pods;

/// <summary>
/// The kubelet's container log rotation (containerLogMaxSize 10Mi, containerLogMaxFiles 5, checked every 10 s):
/// a running container's log that reached the size is renamed to <c>&lt;log&gt;.&lt;yyyyMMdd-HHmmss&gt;</c> and the runtime
/// reopens the original path (CRI ReopenContainerLog); older rotated files are gzip-compressed to <c>.gz</c>, and at
/// most MaxFiles files exist per container (the live log, the newest rotated one uncompressed, the rest compressed),
/// the oldest removed first. Leftover <c>.tmp</c> files and plain files that already have a <c>.gz</c> are removed.
/// </summary>
internal sealed class ContainerLogRotator(CriRuntimeClient runtime, TimeProvider time)
{
    public const long DefaultMaxSize = 10 * 1024 * 1024;
    public const int DefaultMaxFiles = 5;

    private const string TimestampFormat = "yyyyMMdd-HHmmss";
    private const string CompressedSuffix = ".gz";
    private const string TemporarySuffix = ".tmp";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public long MaxSize { get; init; } = DefaultMaxSize;

    /// <summary>At least 2 (the live file and the one just rotated).</summary>
    public int MaxFiles { get; init; } = DefaultMaxFiles;

    /// <summary>Rotates the log of every running container that has reached <see cref="MaxSize"/>.</summary>
    public async Task RotateAllAsync(CancellationToken cancellationToken)
    {
        var containers = await runtime.ListContainersAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var container in containers.Where(c => c.State == CriContainerState.ContainerRunning))
        {
            try
            {
                var status = await runtime.ContainerStatusAsync(container.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (status.Status?.LogPath is { Length: > 0 } log)
                {
                    await RotateIfNeededAsync(container.Id, log, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (GrpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                // The container went away in between.
            }
        }
    }

    /// <summary>Rotates one container's log when it has reached <see cref="MaxSize"/>; true when it did.</summary>
    public async Task<bool> RotateIfNeededAsync(string containerId, string log, CancellationToken cancellationToken)
    {
        if (!File.Exists(log))
        {
            // Someone removed the live file: let the runtime write a new one.
            await runtime.ReopenContainerLogAsync(containerId, cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (new FileInfo(log).Length < MaxSize)
        {
            return false;
        }

        var rotated = RemoveUnused(RotatedFiles(log));
        // The live file and the one about to be rotated stay; MaxFiles - 2 older ones may remain.
        var keep = Math.Max(0, MaxFiles - 2);
        foreach (var old in rotated.Take(Math.Max(0, rotated.Count - keep)))
        {
            File.Delete(old);
        }

        foreach (var plain in rotated.Skip(Math.Max(0, rotated.Count - keep)).Where(f => !f.EndsWith(CompressedSuffix, StringComparison.Ordinal)))
        {
            await CompressAsync(plain, cancellationToken).ConfigureAwait(false);
        }

        var target = $"{log}.{time.GetUtcNow().UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture)}";
        File.Move(log, target);
        try
        {
            await runtime.ReopenContainerLogAsync(containerId, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Put it back so the next round can try again.
            File.Move(target, log);
            throw;
        }

        return true;
    }

    /// <summary>
    /// The rotated files of <paramref name="log"/> still in use, oldest first, then the live file itself: what
    /// `kubectl logs` reads. Rotated files are <c>&lt;log&gt;.&lt;timestamp&gt;</c>, compressed ones end in <c>.gz</c>.
    /// </summary>
    public static IReadOnlyList<string> AllFiles(string log)
    {
        var files = InUse(RotatedFiles(log)).ToList();
        files.Add(log);
        return files;
    }

    /// <summary>Opens one log file for reading, decompressing a <c>.gz</c> one.</summary>
    public static Stream OpenRead(string file)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return file.EndsWith(CompressedSuffix, StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    private static List<string> RotatedFiles(string log)
    {
        var directory = Path.GetDirectoryName(log)!;
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var prefix = Path.GetFileName(log) + ".";
        return Directory.EnumerateFiles(directory)
            .Where(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<string> InUse(List<string> files) =>
        files.Where(f => !f.EndsWith(TemporarySuffix, StringComparison.Ordinal)
            && (f.EndsWith(CompressedSuffix, StringComparison.Ordinal) || !files.Contains(f + CompressedSuffix, StringComparer.Ordinal)));

    private static List<string> RemoveUnused(List<string> files)
    {
        var inUse = InUse(files).ToList();
        foreach (var unused in files.Except(inUse, StringComparer.Ordinal))
        {
            File.Delete(unused);
        }

        return inUse;
    }

    private static async Task CompressAsync(string file, CancellationToken cancellationToken)
    {
        var temporary = file + TemporarySuffix;
        try
        {
            await using (var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            await using (var target = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            await using (var gzip = new GZipStream(target, CompressionLevel.Optimal))
            {
                await source.CopyToAsync(gzip, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, file + CompressedSuffix);
            File.Delete(file);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
