namespace KubeSharp.Node.Tests;

/// <summary>
/// A fact that needs root and the container tool chain (containerd, runc, ctr, CNI plugins, umoci, skopeo, gcc);
/// it is skipped, saying what is missing, elsewhere.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootWithContainerdFactAttribute : FactAttribute
{
    private static readonly string[] RequiredFiles =
    [
        "/usr/bin/containerd", "/usr/bin/ctr", "/usr/sbin/runc", "/usr/lib/cni/bridge", "/usr/lib/cni/host-local",
        "/usr/lib/cni/portmap", "/usr/bin/umoci", "/usr/bin/skopeo", "/bin/busybox", "/usr/bin/gcc",
    ];

    public RootWithContainerdFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = "Needs root: it runs containerd, creates network namespaces and a bridge.";
        }
        else if (RequiredFiles.FirstOrDefault(f => !File.Exists(f)) is { } missing)
        {
            Skip = $"Needs {missing}; run scripts/install-deps.sh.";
        }
    }
}
