using System.Net;
using System.Net.Sockets;

namespace KubeSharp.Node.Tests;

/// <summary>What the integration tests need of this machine: free loopback ports and removal of their cgroups.</summary>
internal static class TestHost
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Removes a test agent's cgroup root (and its QoS children) in every cgroup v1 hierarchy; best effort.</summary>
    public static void RemoveCgroupRoot(string cgroupRoot)
    {
        if (!Directory.Exists("/sys/fs/cgroup"))
        {
            return;
        }

        foreach (var hierarchy in Directory.EnumerateDirectories("/sys/fs/cgroup"))
        {
            foreach (var directory in new[] { "/burstable", "/besteffort", "" }.Select(q => hierarchy + cgroupRoot + q))
            {
                try
                {
                    if (Directory.Exists(directory))
                    {
                        Directory.Delete(directory);
                    }
                }
                catch (IOException)
                {
                }
            }
        }
    }
}
