using System.Diagnostics;
using KubeSharp.Node.Containerd;

namespace KubeSharp.Node.Tests;

/// <summary>An agent restarted after SIGKILL finds the containerd it started still running on its data directory.</summary>
public sealed class ContainerdRestartTests
{
    [RootWithContainerdFact]
    public async Task A_containerd_left_behind_by_a_killed_agent_is_replaced_instead_of_blocking_the_start()
    {
        var dataDirectory = Path.Combine("/tmp", "ks-node-restart-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new ContainerdOptions(dataDirectory);
        var abandoned = await ContainerdSupervisor.StartAsync(options);
        var abandonedPid = abandoned.ProcessId;
        ContainerdSupervisor? restarted = null;
        try
        {
            restarted = await ContainerdSupervisor.StartAsync(options);

            Assert.NotEqual(abandonedPid, restarted.ProcessId);
            Assert.True((await restarted.Runtime.VersionAsync()).RuntimeName.Length > 0);
            Assert.DoesNotContain(abandonedPid, ContainerdSupervisor.ProcessesWithConfig(options.ConfigPath));
            Assert.Equal([restarted.ProcessId], ContainerdSupervisor.ProcessesWithConfig(options.ConfigPath));
        }
        finally
        {
            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }

            await abandoned.DisposeAsync();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Only_processes_started_with_that_configuration_are_stopped()
    {
        var config = Path.Combine(Path.GetTempPath(), "ks-config-" + Guid.NewGuid().ToString("N") + ".toml");
        using var other = Process.Start(new ProcessStartInfo("sh") { ArgumentList = { "-c", "sleep 600", "--config", config + ".other" } })!;
        using var earlier = Process.Start(new ProcessStartInfo("sh") { ArgumentList = { "-c", "sleep 600", "--config", config } })!;
        try
        {
            Assert.Equal([earlier.Id], ContainerdSupervisor.ProcessesWithConfig(config));

            await ContainerdSupervisor.StopEarlierInstancesAsync(config, TimeSpan.FromSeconds(10), CancellationToken.None);

            await earlier.WaitForExitAsync();
            Assert.False(other.HasExited);
        }
        finally
        {
            other.Kill();
            earlier.Kill();
        }
    }
}
