using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace KubeSharp.E2E;

/// <summary>
/// A control plane without a node of its own (--disable-agent) and a separate `kubesharp agent` process that joins it
/// with the token: kubectl logs, logs -f, exec, port-forward and top reach the agent's pods through its kubelet port.
/// Needs root and containerd; the images come from images/build.sh.
/// </summary>
public sealed partial class JoinedAgentTests : IAsyncLifetime
{
    private const string Token = "e2e-join-token";
    private static readonly int Subnet = Random.Shared.Next(100, 200);
    private readonly ClusterFixture _cluster = new(false, "--token", Token, "--cluster-cidr", $"10.{Subnet}.0.0/16");
    private readonly string _agentData = Path.Combine(Path.GetTempPath(), "kubesharp-e2e-agent-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _nodeName = "e2e-join-" + Guid.NewGuid().ToString("N")[..6];
    private JoinedAgentProcess? _agent;

    private static bool CanRunPods => Environment.UserName == "root" && File.Exists("/usr/bin/containerd");

    public async Task InitializeAsync()
    {
        if (!CanRunPods)
        {
            return;
        }

        var images = Path.Combine(_agentData, "agent", "images");
        Directory.CreateDirectory(images);
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "images", "build.sh"));
        var built = await _cluster.RunAsync("bash", [script, images, "pause", "busybox"], null, TimeSpan.FromMinutes(3));
        Assert.True(built.ExitCode == 0, built.ToString());
        await _cluster.InitializeAsync();

        _agent = JoinedAgentProcess.Start(_cluster, Token, _nodeName, _agentData, $"10.{Subnet}.7.0/24");
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            if (!_agent.HasExited)
            {
                await _cluster.KubectlAsync("delete", "pods", "--all", "--wait=true", "--timeout=60s");
                _agent.Stop();
            }

            _agent.Dispose();
        }

        await _cluster.DisposeAsync();
        try
        {
            Directory.Delete(_agentData, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Logs() => $"\nagent log:\n{_agent?.Log}\nserver log:\n{_cluster.ServerLog}";

    private async Task<string> Ok(params string[] args)
    {
        var r = await _cluster.KubectlAsync(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {r}{Logs()}");
        return r.Stdout;
    }

    [Fact]
    public async Task Pods_of_a_joined_agent_answer_logs_exec_port_forward_and_top_through_its_kubelet_port()
    {
        if (!CanRunPods)
        {
            return;
        }

        for (var i = 0; i < 120 && (await _cluster.KubectlAsync("get", "node", _nodeName)).ExitCode != 0; i++)
        {
            await Task.Delay(500);
        }

        await Ok("wait", "--for=condition=Ready", $"node/{_nodeName}", "--timeout=60s");
        var port = await Ok("get", "node", _nodeName, "-o", "jsonpath={.status.daemonEndpoints.kubeletEndpoint.Port}");
        Assert.True(int.Parse(port, CultureInfo.InvariantCulture) > 0, "kubelet port " + port);
        // The agent's --pod-cidr became its node's range (and node IPAM left it alone).
        Assert.Equal($"10.{Subnet}.7.0/24", await Ok("get", "node", _nodeName, "-o", "jsonpath={.spec.podCIDR}"));

        await Ok("run", "counter", "--image=busybox", "--restart=Never", "--", "sh", "-c", "i=0; while true; do echo line $i; i=$((i+1)); sleep 1; done");
        await Ok("run", "greeter", "--image=busybox", "--restart=Never", "--", "sh", "-c", "while true; do echo hi | nc -l -p 8080; done");
        await Ok("wait", "--for=condition=Ready", "pod/counter", "pod/greeter", "--timeout=90s");

        // logs
        var logs = await Ok("logs", "counter", "--tail=1");
        Assert.Matches("^line [0-9]+\n$", logs);

        // logs -f: lines keep arriving while the command runs.
        var followed = await FollowLinesAsync(["logs", "-f", "counter"], 3);
        Assert.Equal(3, followed.Count(l => l.StartsWith("line ", StringComparison.Ordinal)));

        // exec with stdout, stdin and the exit code
        var exec = await _cluster.KubectlAsync("exec", "counter", "--", "sh", "-c", "echo hello; exit 3");
        Assert.True(exec.ExitCode == 3, exec + Logs());
        Assert.Equal("hello\n", exec.Stdout);
        var stdin = await _cluster.KubectlWithInputAsync("piped\n", "exec", "-i", "counter", "--", "cat");
        Assert.True(stdin.ExitCode == 0, stdin + Logs());
        Assert.Equal("piped\n", stdin.Stdout);

        // port-forward to the pod's port 8080
        Assert.Equal("hi\n", await PortForwardReadAsync("greeter", 8080));

        // nodes/proxy reaches the kubelet's stats
        var summary = await Ok("get", "--raw", $"/api/v1/nodes/{_nodeName}/proxy/stats/summary");
        Assert.Contains("\"podRef\"", summary, StringComparison.Ordinal);

        // top
        var topNode = await RetryAsync("top", "node", _nodeName);
        Assert.Matches(@"^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\s*\n", topNode);
        Assert.Matches($@"\n{_nodeName}\s+[0-9]+m\s+[0-9]+%\s+[0-9]+Mi\s+[0-9]+%", topNode);
        var topPod = await RetryAsync("top", "pod");
        Assert.Matches(@"^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\n", topPod);
        Assert.Matches(@"\ncounter\s+[0-9]+m\s+[0-9]+Mi", topPod);
        var topContainers = await RetryAsync("top", "pod", "-A", "--containers");
        Assert.Matches(@"^NAMESPACE\s+POD\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\n", topContainers);
        Assert.Matches(@"\ndefault\s+greeter\s+greeter\s+[0-9]+m\s+[0-9]+Mi", topContainers);
    }

    // `kubectl top` answers "metrics not available yet" until the kubelet has measured the pods.
    private async Task<string> RetryAsync(params string[] args)
    {
        CommandResult? last = null;
        for (var i = 0; i < 30; i++)
        {
            last = await _cluster.KubectlAsync(args);
            if (last.ExitCode == 0)
            {
                return last.Stdout;
            }

            await Task.Delay(1000);
        }

        Assert.Fail($"kubectl {string.Join(' ', args)} failed: {last}{Logs()}");
        return "";
    }

    private Process StartKubectl(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["KUBECONFIG"] = _cluster.Kubeconfig;
        psi.Environment["HOME"] = _cluster.DataDir;
        return Process.Start(psi)!;
    }

    private async Task<List<string>> FollowLinesAsync(string[] args, int count)
    {
        using var kubectl = StartKubectl(args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var lines = new List<string>();
        try
        {
            while (lines.Count < count && await kubectl.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
            }
        }
        finally
        {
            kubectl.Kill(entireProcessTree: true);
        }

        Assert.True(lines.Count == count, $"kubectl logs -f printed {lines.Count} lines: {string.Join('|', lines)} {await kubectl.StandardError.ReadToEndAsync()}{Logs()}");
        return lines;
    }

    private async Task<string> PortForwardReadAsync(string pod, int podPort)
    {
        using var kubectl = StartKubectl(["port-forward", $"pod/{pod}", $":{podPort}"]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var first = await kubectl.StandardOutput.ReadLineAsync(timeout.Token) ?? "";
            var match = ForwardingLine().Match(first);
            Assert.True(match.Success, $"port-forward said: {first} {Logs()}");
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), timeout.Token);
            using var reader = new StreamReader(client.GetStream());
            return await reader.ReadLineAsync(timeout.Token) + "\n";
        }
        finally
        {
            kubectl.Kill(entireProcessTree: true);
        }
    }

    [GeneratedRegex(@"Forwarding from 127\.0\.0\.1:([0-9]+) ->")]
    private static partial Regex ForwardingLine();
}
