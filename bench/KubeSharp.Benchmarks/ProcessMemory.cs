using System.Globalization;
using System.Text;

namespace KubeSharp.Benchmarks;

/// <summary>
/// One reading of a process's memory from /proc: the totals of status and smaps_rollup, and the resident pages of
/// smaps grouped by what they hold. All figures in KiB.
/// </summary>
internal sealed record ProcessMemory(
    long Rss,
    long Pss,
    long Private,
    long RssAnon,
    long RssFile,
    long PeakRss,
    int Threads,
    IReadOnlyList<ProcessMemory.Part> Parts,
    IReadOnlyList<ProcessMemory.Part> LargestFiles,
    IReadOnlyList<string> Assemblies)
{
    /// <summary>Resident pages of one kind of mapping (or one file).</summary>
    internal sealed record Part(string Name, long Rss, long Pss, long Private);

    /// <summary>
    /// Reads /proc/<paramref name="pid"/>. The GC heap is recognised as the anonymous address range the runtime reserves
    /// for its regions (the largest contiguous run of anonymous mappings, tens of GB of address space): its resident
    /// pages are the managed heap as the kernel sees it (committed and touched, including free space in regions).
    /// </summary>
    public static ProcessMemory Read(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        var rollup = File.ReadAllLines($"/proc/{pid}/smaps_rollup");
        long Field(string[] lines, string name) =>
            lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal)) is { } line
                ? long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)
                : 0;

        var mappings = ReadSmaps(pid);
        var gcRange = GcHeapRange(mappings);
        var parts = new Dictionary<string, (long Rss, long Pss, long Private)>(StringComparer.Ordinal);
        var files = new Dictionary<string, (long Rss, long Pss, long Private)>(StringComparer.Ordinal);
        foreach (var m in mappings)
        {
            var kind = m.Path switch
            {
                var p when p.EndsWith(".dll", StringComparison.Ordinal) => "managed assemblies (.dll files)",
                var p when p.Contains(".so", StringComparison.Ordinal) => "native libraries (.so files)",
                var p when p.StartsWith("/memfd:doublemapper", StringComparison.Ordinal) => "JIT code and stubs (W^X double mapping)",
                "[heap]" => "native heap (brk)",
                "[stack]" => "main thread stack",
                "" when m.Start >= gcRange.Start && m.End <= gcRange.End => "GC heap (the GC's reserved range)",
                "" => "other anonymous (native heaps, thread stacks, runtime data, GC bookkeeping)",
                var p when p.StartsWith('[') => "kernel ([vdso], [vvar] …)",
                _ => "other files",
            };
            Add(parts, kind, m);
            if (m.Path.StartsWith('/'))
            {
                Add(files, Path.GetFileName(m.Path), m);
            }
        }

        return new ProcessMemory(
            Field(status, "VmRSS"),
            Field(rollup, "Pss"),
            Field(rollup, "Private_Clean") + Field(rollup, "Private_Dirty"),
            Field(status, "RssAnon") + Field(status, "RssShmem"),
            Field(status, "RssFile"),
            Field(status, "VmHWM"),
            (int)Field(status, "Threads"),
            [.. parts.Select(p => new Part(p.Key, p.Value.Rss, p.Value.Pss, p.Value.Private)).OrderByDescending(p => p.Rss)],
            [.. files.Select(p => new Part(p.Key, p.Value.Rss, p.Value.Pss, p.Value.Private)).OrderByDescending(p => p.Rss).Take(15)],
            [.. mappings.Where(m => m.Path.EndsWith(".dll", StringComparison.Ordinal)).Select(m => Path.GetFileName(m.Path)).Distinct().Order(StringComparer.Ordinal)]);

        static void Add(Dictionary<string, (long Rss, long Pss, long Private)> into, string key, Mapping m)
        {
            into.TryGetValue(key, out var sum);
            into[key] = (sum.Rss + m.Rss, sum.Pss + m.Pss, sum.Private + m.Private);
        }
    }

    /// <summary>The totals as one line (MB = MiB).</summary>
    public string Summary() => string.Create(
        CultureInfo.InvariantCulture,
        $"RSS {Mb(Rss)} MB, PSS {Mb(Pss)} MB, private {Mb(Private)} MB (RssAnon+RssShmem {Mb(RssAnon)}, RssFile {Mb(RssFile)}), GC heap resident {Mb(Parts.FirstOrDefault(p => p.Name.StartsWith("GC heap", StringComparison.Ordinal))?.Rss ?? 0)} MB, peak RSS {Mb(PeakRss)} MB, {Threads} threads");

    /// <summary>The breakdown by kind of mapping and the largest files, as markdown tables.</summary>
    public string Breakdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| Mappings | RSS MB | PSS MB | private MB |").AppendLine("|---|---:|---:|---:|");
        foreach (var part in Parts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {part.Name} | {Mb(part.Rss)} | {Mb(part.Pss)} | {Mb(part.Private)} |");
        }

        text.AppendLine().AppendLine("| Largest files | RSS MB | PSS MB | private MB |").AppendLine("|---|---:|---:|---:|");
        foreach (var part in LargestFiles)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {part.Name} | {Mb(part.Rss)} | {Mb(part.Pss)} | {Mb(part.Private)} |");
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{Assemblies.Count} assemblies mapped: {string.Join(", ", Assemblies)}");
        return text.ToString();
    }

    private static string Mb(long kib) => (kib / 1024.0).ToString("F1", CultureInfo.InvariantCulture);

    private sealed record Mapping(ulong Start, ulong End, string Path, long Rss, long Pss, long Private);

    private static List<Mapping> ReadSmaps(int pid)
    {
        var mappings = new List<Mapping>();
        ulong start = 0, end = 0;
        var path = "";
        long rss = 0, pss = 0, privateKib = 0;
        var open = false;
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && (colon < 0 || dash < colon) && char.IsAsciiHexDigit(line[0]))
            {
                if (open)
                {
                    mappings.Add(new Mapping(start, end, path, rss, pss, privateKib));
                }

                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                var range = fields[0].Split('-');
                start = ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                end = ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                path = fields.Length > 5 ? fields[5].Trim() : "";
                (rss, pss, privateKib, open) = (0, 0, 0, true);
                continue;
            }

            long Value() => long.Parse(line[(colon + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                rss = Value();
            }
            else if (line.StartsWith("Pss:", StringComparison.Ordinal))
            {
                pss = Value();
            }
            else if (line.StartsWith("Private_Clean:", StringComparison.Ordinal) || line.StartsWith("Private_Dirty:", StringComparison.Ordinal))
            {
                privateKib += Value();
            }
        }

        if (open)
        {
            mappings.Add(new Mapping(start, end, path, rss, pss, privateKib));
        }

        return mappings;
    }

    // The largest run of adjacent anonymous mappings; the GC reserves its regions range (256 GB of address space by
    // default) in one piece and commits parts of it, so the run splits into several mappings that stay adjacent.
    private static (ulong Start, ulong End) GcHeapRange(List<Mapping> mappings)
    {
        (ulong Start, ulong End) best = (0, 0), current = (0, 0);
        foreach (var m in mappings.OrderBy(m => m.Start))
        {
            if (m.Path.Length != 0)
            {
                current = (0, 0);
                continue;
            }

            current = current.End == m.Start && current.End != 0 ? (current.Start, m.End) : (m.Start, m.End);
            if (current.End - current.Start > best.End - best.Start)
            {
                best = current;
            }
        }

        // Anything smaller than 4 GB of address space is not the regions range (a hard limit or no regions).
        return best.End - best.Start >= 4UL << 30 ? best : (0, 0);
    }
}
