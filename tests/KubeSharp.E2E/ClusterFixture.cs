using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KubeSharp.E2E;

/// <summary>
/// A real `kubesharp server` process (the built binary, embedded SQLite, its own data dir and
/// port) for end-to-end tests that drive the real kubectl and Python client against it.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly bool _withAgent;
    private readonly string[] _extraServerArgs;
    private Process? _server;

    public ClusterFixture()
        : this(withAgent: false)
    {
    }

    /// <param name="withAgent">Run the server's node agent too (real containerd, kubelet port on any free port); otherwise --disable-agent.</param>
    /// <param name="extraServerArgs">More `kubesharp server` arguments (e.g. --token, --cluster-cidr).</param>
    internal ClusterFixture(bool withAgent, params string[] extraServerArgs)
    {
        _withAgent = withAgent;
        _extraServerArgs = extraServerArgs;
    }

    /// <summary>The node name of the server's own agent (unique per fixture, so runs never share a node).</summary>
    public string NodeName { get; } = "e2e-" + Guid.NewGuid().ToString("N")[..6];
    private readonly StringBuilder _log = new();

    /// <summary>This cluster's service range (10.100–199.0.0/16, not the default 10.43.0.0/16 of a real cluster).</summary>
    public string ServiceCidr { get; } = $"10.{Random.Shared.Next(100, 200)}.0.0/16";

    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), "kubesharp-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    public int Port { get; } = FreePort();
    public string Kubeconfig => Path.Combine(DataDir, "kubeconfig.yaml");
    public string ServerLog
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        await StartServerAsync().ConfigureAwait(false);
    }

    public async Task StartServerAsync()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "kubesharp.dll");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Cluster DNS on a free port per test cluster, never the machine's port 53; a service range of its own, so
        // the service proxies of clusters on this machine never claim each other's cluster IPs.
        string[] agentArgs = _withAgent ? ["--node-name", NodeName, "--kubelet-port", "0"] : ["--disable-agent"];
        string[] serviceArgs = _extraServerArgs.Contains("--service-cidr") ? [] : ["--service-cidr", ServiceCidr];
        // The ingress controller on free ports too, never the machine's 80/443.
        string[] ingressArgs = _extraServerArgs.Contains("--ingress-http-port") ? [] : ["--ingress-http-port", "0", "--ingress-https-port", "0"];
        foreach (var a in new[] { dll, "server", "--data-dir", DataDir, "--https-listen-port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cluster-dns-port", "0" }.Concat(agentArgs).Concat(serviceArgs).Concat(ingressArgs).Concat(_extraServerArgs))
        {
            psi.ArgumentList.Add(a);
        }

        _server = Process.Start(psi)!;
        _server.OutputDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _server.ErrorDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(Kubeconfig) && ServerLog.Contains("serving on", StringComparison.Ordinal))
            {
                return;
            }

            if (_server.HasExited)
            {
                throw new InvalidOperationException("kubesharp server exited:\n" + ServerLog);
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException("kubesharp server did not start:\n" + ServerLog);
    }

    /// <summary>Kills the server with SIGKILL (no shutdown path runs).</summary>
    public void KillServer()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }

        File.Delete(Kubeconfig);
        lock (_log)
        {
            _log.Clear();
        }
    }

    public Task DisposeAsync()
    {
        KillServer();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs kubectl against the cluster; returns exit code and combined output.</summary>
    public Task<CommandResult> KubectlAsync(params string[] args) => RunAsync("kubectl", args, stdin: null);

    public Task<CommandResult> KubectlWithInputAsync(string stdin, params string[] args) => RunAsync("kubectl", args, stdin);

    public async Task<CommandResult> RunAsync(string program, IEnumerable<string> args, string? stdin, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["KUBECONFIG"] = Kubeconfig;
        psi.Environment["HOME"] = DataDir;
        using var p = Process.Start(psi)!;
        if (stdin is not null)
        {
            await p.StandardInput.WriteAsync(stdin).ConfigureAwait(false);
            p.StandardInput.Close();
        }

        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} timed out");
        }

        return new CommandResult(p.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}

public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

[CollectionDefinition("cluster")]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>;

/// <summary>
/// Test classes whose cluster runs the server's own node agent: they share the default bridge and pod range of an
/// embedded agent, so they run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealNodeCollection
{
    public const string Name = "real node agents";
}
