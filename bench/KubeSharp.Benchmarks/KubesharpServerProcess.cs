using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;

namespace KubeSharp.Benchmarks;

/// <summary>A `kubesharp server --disable-agent` child process on a free loopback port with its own data dir.</summary>
internal sealed class KubesharpServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private KubesharpServerProcess(Process process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    /// <summary>The HTTPS port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The cluster CA a joining agent verifies the server with.</summary>
    public string CaCertificate => Path.Combine(Directory, "server", "tls", "ca.crt");

    public string Kubeconfig => Path.Combine(Directory, "kubeconfig.yaml");

    /// <param name="extraArguments">More `kubesharp server` arguments (e.g. --token, --cluster-cidr).</param>
    public static async Task<KubesharpServerProcess> StartAsync(string directory, params string[] extraArguments)
    {
        System.IO.Directory.CreateDirectory(directory);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var port = FreePort();
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "kubesharp.dll"), "server", "--disable-agent", "--data-dir", directory, "--https-listen-port", port.ToString(CultureInfo.InvariantCulture) }.Concat(extraArguments))
        {
            psi.ArgumentList.Add(a);
        }

        // The scheduler logs every binding at Information; keep the server's console quiet so logging is not what is measured.
        psi.Environment["KUBESHARP_LOG_LEVEL"] = "Warning";
        var server = new KubesharpServerProcess(Process.Start(psi)!, directory, port);
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(server.Kubeconfig) || !await ServesAsync(server.Kubeconfig).ConfigureAwait(false))
        {
            if (server._process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("kubesharp server did not start:\n" + server.Log());
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        return server;
    }

    public double RssMiB() => StatusKiB("VmRSS:") / 1024.0;

    public double PeakRssMiB() => StatusKiB("VmHWM:") / 1024.0;

    /// <summary>User + system CPU time of the server process so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private long StatusKiB(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static async Task<bool> ServesAsync(string kubeconfig)
    {
        try
        {
            using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(kubeconfig));
            _ = await client.ListAsync<Namespace>().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or KubernetesApiException or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
