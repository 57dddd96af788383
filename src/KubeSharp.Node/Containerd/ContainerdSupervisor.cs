using System.Diagnostics;
using System.Runtime.InteropServices;
using KubeSharp.Grpc;
using KubeSharp.Node.Cri;

namespace KubeSharp.Node.Containerd;

/// <summary>
/// Runs a private containerd as a child process: writes its config under the data directory, starts it,
/// waits until CRI answers, and stops it (SIGTERM, then SIGKILL) on dispose. Containers keep running in their
/// shims when containerd stops; remove sandboxes through CRI first to get rid of them.
/// </summary>
internal sealed partial class ContainerdSupervisor : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    private readonly Process _process;

    private ContainerdSupervisor(ContainerdOptions options, Process process, GrpcClient grpc)
    {
        Options = options;
        _process = process;
        Grpc = grpc;
        Runtime = new CriRuntimeClient(grpc);
        Images = new CriImageClient(grpc);
    }

    public ContainerdOptions Options { get; }

    /// <summary>A gRPC channel to the containerd socket (CRI and containerd's own services).</summary>
    public GrpcClient Grpc { get; }

    public CriRuntimeClient Runtime { get; }

    public CriImageClient Images { get; }

    public int ProcessId => _process.Id;

    /// <summary>Writes the configuration, starts containerd and returns once its CRI service answers Version.</summary>
    /// <exception cref="InvalidOperationException">containerd exited or did not answer in time; the message carries its log's tail.</exception>
    public static async Task<ContainerdSupervisor> StartAsync(ContainerdOptions options, CancellationToken cancellationToken = default)
    {
        foreach (var directory in new[] { options.DataDirectory, options.RootDirectory, options.StateDirectory, options.CniConfDirectory, options.RegistryHostsDirectory })
        {
            Directory.CreateDirectory(directory);
        }

        options.Registries.WriteHostsDirectory(options.RegistryHostsDirectory);
        await File.WriteAllTextAsync(options.ConfigPath, ContainerdConfig.Render(options), cancellationToken).ConfigureAwait(false);
        await StopEarlierInstancesAsync(options.ConfigPath, options.StopTimeout, cancellationToken).ConfigureAwait(false);
        File.Delete(options.SocketPath);

        // The shell only redirects containerd's output to the log file and then becomes containerd (exec),
        // so the child's pid is containerd's and no pipe has to be drained.
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "exec \"$0\" --config \"$1\" >>\"$2\" 2>&1 </dev/null", options.ContainerdPath, options.ConfigPath, options.LogPath },
            UseShellExecute = false,
        };
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start containerd.");
        var supervisor = new ContainerdSupervisor(options, process, GrpcClient.ForUnixSocket(options.SocketPath));
        try
        {
            await supervisor.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return supervisor;
        }
        catch
        {
            await supervisor.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Imports an image archive (docker-archive or OCI layout tar) into the CRI namespace with
    /// <c>ctr images import</c>, unpacked for the overlayfs snapshotter.
    /// </summary>
    public Task ImportImageArchiveAsync(string archivePath, CancellationToken cancellationToken = default) =>
        HostCommand.RunCheckedAsync(
            "ctr",
            ["--address", Options.SocketPath, "--namespace", "k8s.io", "images", "import", "--snapshotter", "overlayfs", archivePath],
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _ = SendSignal(_process.Id, SigTerm);
                using var stopTimeout = new CancellationTokenSource(Options.StopTimeout);
                try
                {
                    await _process.WaitForExitAsync(stopTimeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill();
                    await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Grpc.Dispose();
            _process.Dispose();
        }
    }

    /// <summary>
    /// Stops a containerd left running on this configuration by an agent that was killed (SIGKILL does not reach
    /// children): it holds the metadata database, so a second one would wait on it forever. Its containers stay
    /// in their shims and the new containerd picks them up, so the restarted agent adopts the pods.
    /// </summary>
    internal static async Task StopEarlierInstancesAsync(string configPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var earlier = ProcessesWithConfig(configPath).ToList();
        foreach (var pid in earlier)
        {
            _ = SendSignal(pid, SigTerm);
        }

        var deadline = Stopwatch.StartNew();
        while (earlier.Count > 0)
        {
            earlier.RemoveAll(pid => !Directory.Exists($"/proc/{pid}") || IsZombie(pid));
            if (earlier.Count == 0)
            {
                break;
            }

            if (deadline.Elapsed > timeout)
            {
                foreach (var pid in earlier)
                {
                    _ = SendSignal(pid, SigKill);
                }

                timeout = TimeSpan.MaxValue;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Processes whose command line has <c>--config</c> followed by <paramref name="configPath"/>.</summary>
    internal static IEnumerable<int> ProcessesWithConfig(string configPath)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), System.Globalization.CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            string[] arguments;
            try
            {
                arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            for (var i = 0; i + 1 < arguments.Length; i++)
            {
                if (arguments[i] == "--config" && arguments[i + 1] == configPath)
                {
                    yield return pid;
                    break;
                }
            }
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat.Length > stat.LastIndexOf(')') + 2 && stat[stat.LastIndexOf(')') + 2] == 'Z';
        }
        catch (IOException)
        {
            return true;
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"containerd exited with code {_process.ExitCode} during start-up. {LogTail()}");
            }

            if (File.Exists(Options.SocketPath))
            {
                try
                {
                    await Runtime.VersionAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (e is GrpcException or TimeoutException)
                {
                    // The socket exists before the CRI plugin has registered; try again.
                }
            }

            if (deadline.Elapsed > Options.StartTimeout)
            {
                throw new InvalidOperationException($"containerd did not answer CRI Version within {Options.StartTimeout}. {LogTail()}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private string LogTail()
    {
        try
        {
            var lines = File.ReadAllLines(Options.LogPath);
            return "Last log lines:\n" + string.Join('\n', lines.TakeLast(20));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
