using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace KubeSharp.E2E;

/// <summary>
/// A separate `kubesharp agent` process joined to a test cluster with its token: its own data dir, node name and pod
/// range, kubelet and ingress ports on free ports, pods removed when it stops. Collects its output for failure messages.
/// </summary>
internal sealed class JoinedAgentProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private JoinedAgentProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

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

    public static JoinedAgentProcess Start(ClusterFixture cluster, string token, string nodeName, string dataDir, string podCidr)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "kubesharp.dll"), "agent",
            "--server", $"https://127.0.0.1:{cluster.Port}", "--token", token,
            "--server-ca", Path.Combine(cluster.DataDir, "server", "tls", "ca.crt"),
            "--node-name", nodeName, "--data-dir", dataDir, "--kubelet-port", "0",
            "--pod-cidr", podCidr, "--remove-pods-on-stop", "--ingress-http-port", "0", "--ingress-https-port", "0",
        })
        {
            psi.ArgumentList.Add(a);
        }

        var agent = new JoinedAgentProcess(Process.Start(psi)!);
        agent._process.OutputDataReceived += (_, e) => agent.Append(e.Data);
        agent._process.ErrorDataReceived += (_, e) => agent.Append(e.Data);
        agent._process.BeginOutputReadLine();
        agent._process.BeginErrorReadLine();
        return agent;
    }

    /// <summary>SIGTERM (the agent removes its pods and network on the way out), SIGKILL after a minute.</summary>
    public void Stop()
    {
        if (_process.HasExited)
        {
            return;
        }

        _ = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose() => _process.Dispose();

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
