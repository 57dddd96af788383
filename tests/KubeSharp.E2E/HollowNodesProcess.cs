using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace KubeSharp.E2E;

/// <summary>A `kubesharp hollow-nodes` process joined to a <see cref="ClusterFixture"/>'s server.</summary>
internal sealed class HollowNodesProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private HollowNodesProcess(Process process, string namePrefix, int count)
    {
        _process = process;
        NamePrefix = namePrefix;
        Count = count;
    }

    public string NamePrefix { get; }

    public int Count { get; }

    public int Pid => _process.Id;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public string NodeName(int index) => NamePrefix + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Starts the process and returns once it has registered all its nodes.</summary>
    public static async Task<HollowNodesProcess> StartAsync(ClusterFixture cluster, string namePrefix, int count)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "kubesharp.dll"), "hollow-nodes", "--count", count.ToString(CultureInfo.InvariantCulture), "--kubeconfig", cluster.Kubeconfig, "--name-prefix", namePrefix })
        {
            psi.ArgumentList.Add(a);
        }

        var hollow = new HollowNodesProcess(Process.Start(psi)!, namePrefix, count);
        hollow._process.OutputDataReceived += (_, e) => hollow.Append(e.Data);
        hollow._process.ErrorDataReceived += (_, e) => hollow.Append(e.Data);
        hollow._process.BeginOutputReadLine();
        hollow._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!hollow.Log.Contains($"registered {count} hollow nodes", StringComparison.Ordinal))
        {
            if (hollow._process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = hollow.Log;
                hollow.Dispose();
                throw new InvalidOperationException("kubesharp hollow-nodes did not register its nodes:\n" + log);
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        return hollow;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
