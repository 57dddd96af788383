using System.Globalization;
using System.Runtime.InteropServices;

namespace KubeSharp.Node.Pods;

/// <summary>
/// Writes the files of a configMap, secret, downwardAPI or projected volume the way the kubelet does, so a
/// reader never sees half an update: the payload goes into a fresh "..&lt;timestamp&gt;" directory, "..data"
/// is switched to it by an atomic rename of a symlink, and each visible entry is a symlink into "..data".
/// </summary>
internal static partial class AtomicDirectoryWriter
{
    private const string DataLink = "..data";

    /// <param name="directory">The volume directory.</param>
    /// <param name="files">Relative path → content and Unix mode.</param>
    public static void Write(string directory, IReadOnlyDictionary<string, (byte[] Content, int Mode)> files)
    {
        Directory.CreateDirectory(directory);
        if (Unchanged(directory, files))
        {
            // Periodic refreshes leave the volume alone (and its readers' inotify watches quiet) when nothing changed.
            return;
        }

        var payloadName = ".." + DateTime.UtcNow.ToString("yyyy_MM_dd_HH_mm_ss.fffffff", CultureInfo.InvariantCulture);
        var payload = Path.Combine(directory, payloadName);
        Directory.CreateDirectory(payload);
        foreach (var (relative, (content, mode)) in files)
        {
            var path = Path.Combine(payload, relative);
            if (!Path.GetFullPath(path).StartsWith(payload + "/", StringComparison.Ordinal))
            {
                throw new PodConfigException($"invalid path {relative} in volume");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
            File.SetUnixFileMode(path, (UnixFileMode)(mode & 0x1FF));
        }

        var temporaryLink = Path.Combine(directory, DataLink + "_tmp");
        File.Delete(temporaryLink);
        File.CreateSymbolicLink(temporaryLink, payloadName);
        // rename(2) replaces the old link atomically; File.Move would resolve the (relative) link first.
        if (Rename(temporaryLink, Path.Combine(directory, DataLink)) != 0)
        {
            throw new IOException($"rename of {temporaryLink} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        var visible = files.Keys.Select(k => k.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var name in visible)
        {
            var link = Path.Combine(directory, name);
            if (new FileInfo(link).LinkTarget is null)
            {
                File.CreateSymbolicLink(link, Path.Combine(DataLink, name));
            }
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith("..", StringComparison.Ordinal))
            {
                if (name != DataLink && name != payloadName && Directory.Exists(entry) && new DirectoryInfo(entry).LinkTarget is null)
                {
                    Directory.Delete(entry, recursive: true);
                }
            }
            else if (!visible.Contains(name))
            {
                File.Delete(entry);
            }
        }
    }

    private static bool Unchanged(string directory, IReadOnlyDictionary<string, (byte[] Content, int Mode)> files)
    {
        var current = Path.Combine(directory, DataLink);
        if (!Directory.Exists(current))
        {
            return false;
        }

        var existing = Directory.EnumerateFiles(current, "*", SearchOption.AllDirectories).Count();
        return existing == files.Count && files.All(f =>
        {
            var path = Path.Combine(current, f.Key);
            return File.Exists(path)
                && ((int)File.GetUnixFileMode(path) & 0x1FF) == (f.Value.Mode & 0x1FF)
                && File.ReadAllBytes(path).AsSpan().SequenceEqual(f.Value.Content);
        });
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string oldPath, string newPath);
}
