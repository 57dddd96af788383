using KubeSharp.Api.Core.V1;
using KubeSharp.Node.Agent;

namespace KubeSharp.Node.Pods;

/// <summary>Removes what a pod leaves on the host after its sandbox is gone: its directories and its cgroups.</summary>
internal static class PodCleanup
{
    public static void RemoveDirectories(NodeAgentOptions options, Pod? pod, string uid)
    {
        TryDelete(Path.Combine(options.PodsDirectory, uid));
        if (Directory.Exists(options.LogsDirectory))
        {
            foreach (var logDirectory in Directory.EnumerateDirectories(options.LogsDirectory, "*_" + uid))
            {
                TryDelete(logDirectory);
            }
        }

        _ = pod;
    }

    /// <summary>runc leaves the pod-level cgroup (the kubelet's job); remove it in every cgroup v1 hierarchy (or the v2 tree).</summary>
    public static void RemoveCgroups(string cgroupRoot, string uid)
    {
        if (!Directory.Exists("/sys/fs/cgroup"))
        {
            return;
        }

        var hierarchies = File.Exists("/sys/fs/cgroup/cgroup.controllers")
            ? ["/sys/fs/cgroup"]
            : Directory.EnumerateDirectories("/sys/fs/cgroup").ToArray();
        foreach (var hierarchy in hierarchies)
        {
            foreach (var qos in new[] { "", "/burstable", "/besteffort" })
            {
                RemoveTree(hierarchy + cgroupRoot + qos + "/pod" + uid);
            }
        }
    }

    private static void RemoveTree(string directory)
    {
        try
        {
            if (!Directory.Exists(directory))
            {
                return;
            }

            foreach (var child in Directory.EnumerateDirectories(directory))
            {
                RemoveTree(child);
            }

            // A cgroup directory is removed with rmdir even though it lists control files.
            Directory.Delete(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still busy (a process lingers); a later clean-up may succeed.
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
