using KubeSharp.Node.Cri;
using KubeSharp.Node.Cri.V1;

namespace KubeSharp.Node.Pods;

/// <summary>
/// The kubelet's image garbage collection: when the image filesystem is at least <see cref="HighThresholdPercent"/>
/// (85 %) full, unused images are removed, least recently used first (then oldest detected), until usage would be
/// down to <see cref="LowThresholdPercent"/> (80 %). An image is in use while any container (running or exited) was
/// made from it; images seen for less than <see cref="MinimumAge"/> (2 minutes), pinned images and the sandbox
/// image are never removed. Usage times are what this agent observed since it started, as in the kubelet.
/// </summary>
internal sealed class ImageGarbageCollector(CriImageClient images, CriRuntimeClient runtime, TimeProvider time, string sandboxImage, Func<(long Capacity, long Available)> imageFilesystem)
{
    /// <summary>How often the kubelet checks (ImageGCPeriod).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, ImageRecord> _records = new(StringComparer.Ordinal);

    public int HighThresholdPercent { get; init; } = 85;

    public int LowThresholdPercent { get; init; } = 80;

    public TimeSpan MinimumAge { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>When an image was first seen on the node and last used by a container.</summary>
    public sealed record ImageRecord(string Id, IReadOnlyList<string> Tags, long Size, DateTimeOffset FirstDetected, DateTimeOffset LastUsed);

    /// <summary>The capacity and free bytes of the filesystem holding <paramref name="path"/> (the runtime's root).</summary>
    public static (long Capacity, long Available) FilesystemOf(string path)
    {
        var drive = new DriveInfo(path);
        return (drive.TotalSize, drive.AvailableFreeSpace);
    }

    /// <summary>One round: records image use, and removes images if the filesystem is over the high threshold. Returns the removed image ids.</summary>
    public async Task<IReadOnlyList<string>> CollectAsync(CancellationToken cancellationToken)
    {
        var inUse = await DetectAsync(cancellationToken).ConfigureAwait(false);
        var (capacity, available) = imageFilesystem();
        if (capacity <= 0)
        {
            return [];
        }

        var usagePercent = (int)((capacity - available) * 100 / capacity);
        if (usagePercent < HighThresholdPercent)
        {
            return [];
        }

        var toFree = (capacity - available) - (capacity * LowThresholdPercent / 100);
        var removed = new List<string>();
        foreach (var record in Candidates(_records.Values, inUse, time.GetUtcNow()))
        {
            if (toFree <= 0)
            {
                break;
            }

            await images.RemoveImageAsync(record.Id, cancellationToken).ConfigureAwait(false);
            _records.Remove(record.Id);
            removed.Add(record.Id);
            toFree -= record.Size;
        }

        return removed;
    }

    /// <summary>The images that may be removed, in removal order: not in use, old enough, least recently used first, then oldest detected.</summary>
    public IEnumerable<ImageRecord> Candidates(IEnumerable<ImageRecord> records, IReadOnlySet<string> inUse, DateTimeOffset now) =>
        records
            .Where(r => !inUse.Contains(r.Id) && now - r.FirstDetected >= MinimumAge)
            .OrderBy(r => r.LastUsed)
            .ThenBy(r => r.FirstDetected)
            .ToList();

    /// <summary>Updates the records from the runtime; returns the ids of images that must stay (used, pinned, the sandbox image).</summary>
    private async Task<HashSet<string>> DetectAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var containers = await runtime.ListContainersAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var present = await images.ListImagesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var inUse = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in containers)
        {
            inUse.Add(container.ImageRef);
            if (container.Image?.Image is { Length: > 0 } image)
            {
                inUse.Add(image);
            }
        }

        var sandbox = ImageReference.Normalize(sandboxImage);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in present)
        {
            var used = inUse.Contains(image.Id) || image.RepoTags.Any(inUse.Contains) || image.RepoDigests.Any(inUse.Contains);
            if (used || image.Pinned || image.RepoTags.Contains(sandbox))
            {
                keep.Add(image.Id);
            }

            _records[image.Id] = _records.TryGetValue(image.Id, out var record)
                ? record with { Tags = image.RepoTags.ToList(), Size = (long)image.Size, LastUsed = used ? now : record.LastUsed }
                : new ImageRecord(image.Id, image.RepoTags.ToList(), (long)image.Size, now, now);
        }

        foreach (var gone in _records.Keys.Except(present.Select(i => i.Id), StringComparer.Ordinal).ToList())
        {
            _records.Remove(gone);
        }

        return keep;
    }
}
