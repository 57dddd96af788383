using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace KubeSharp.E2E;

/// <summary>
/// The packaged ingress controller end to end: nginx pods on the server's own node behind a Service and an Ingress,
/// reached through the controller's HTTP port with curl. Needs root and containerd; the images come from images/build.sh.
/// </summary>
[Collection(RealNodeCollection.Name)]
public sealed class IngressTests : IAsyncLifetime
{
    private const string IngressYaml = """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
        spec:
          rules:
          - host: web.example.test
            http:
              paths:
              - path: /
                pathType: Prefix
                backend:
                  service:
                    name: web
                    port:
                      number: 80
        """;

    // Free ports of their own, never 80/443: other clusters on this machine may run at the same time.
    private readonly int _httpPort = FreePort();
    private readonly ClusterFixture _cluster;

    public IngressTests()
    {
        _cluster = new ClusterFixture(withAgent: true, "--ingress-http-port", _httpPort.ToString(CultureInfo.InvariantCulture), "--ingress-https-port", FreePort().ToString(CultureInfo.InvariantCulture));
    }

    private static bool CanRunPods => Environment.UserName == "root" && File.Exists("/usr/bin/containerd");

    public async Task InitializeAsync()
    {
        if (!CanRunPods)
        {
            return;
        }

        var images = Path.Combine(_cluster.DataDir, "agent", "images");
        Directory.CreateDirectory(images);
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "images", "build.sh"));
        // The machine's cache of Debian packages (if any) spares downloading nginx's.
        string[] cache = Directory.Exists("/var/cache/kubesharp/debs") ? ["KUBESHARP_IMAGE_DEB_CACHE=/var/cache/kubesharp/debs"] : [];
        var built = await _cluster.RunAsync("env", [.. cache, "bash", script, images, "pause", "nginx"], null, TimeSpan.FromMinutes(3));
        Assert.True(built.ExitCode == 0, built.ToString());
        await _cluster.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (File.Exists(_cluster.Kubeconfig))
        {
            // Remove the pods while the agent runs, so no container outlives the test.
            await _cluster.KubectlAsync("delete", "deployment", "--all", "--wait=true", "--timeout=60s");
            await _cluster.RunAsync("kubectl", ["wait", "--for=delete", "pods", "--all", "--timeout=60s"], null, TimeSpan.FromSeconds(90));
        }

        await _cluster.DisposeAsync();
    }

    private async Task<string> Ok(params string[] args)
    {
        var r = await _cluster.KubectlAsync(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {r}\nserver log:\n{_cluster.ServerLog}");
        return r.Stdout;
    }

    private async Task<(string Status, string Body)> CurlAsync(string host)
    {
        var r = await _cluster.RunAsync("curl", ["-s", "-m", "5", "-H", "Host: " + host, "-w", "\n%{http_code}", $"http://127.0.0.1:{_httpPort}/"], null);
        var split = r.Stdout.LastIndexOf('\n');
        return split < 0 ? (r.Stdout, "") : (r.Stdout[(split + 1)..], r.Stdout[..split]);
    }

    [Fact]
    public async Task An_ingress_routes_its_host_to_the_nginx_service_and_shows_the_node_address()
    {
        if (!CanRunPods)
        {
            return;
        }

        for (var i = 0; i < 120 && (await _cluster.KubectlAsync("get", "node", _cluster.NodeName)).ExitCode != 0; i++)
        {
            await Task.Delay(500);
        }

        await Ok("wait", "--for=condition=Ready", $"node/{_cluster.NodeName}", "--timeout=60s");
        // The controller starts after the node agent and creates its class.
        for (var i = 0; i < 60 && (await _cluster.KubectlAsync("get", "ingressclass", "kubesharp")).ExitCode != 0; i++)
        {
            await Task.Delay(500);
        }

        var ingressClass = await Ok("get", "ingressclass", "kubesharp", "-o", "jsonpath={.spec.controller} {.metadata.annotations.ingressclass\\.kubernetes\\.io/is-default-class}");
        Assert.Equal("kubesharp.io/ingress-controller true", ingressClass);

        await Ok("create", "deployment", "web", "--image=nginx", "--replicas=2");
        await Ok("expose", "deployment", "web", "--port=80");
        await _cluster.KubectlWithInputAsync(IngressYaml, "apply", "-f", "-");
        await Ok("wait", "--for=condition=Available", "deployment/web", "--timeout=120s");

        var answer = ("", "");
        for (var i = 0; i < 120 && answer.Item1 != "200"; i++)
        {
            answer = await CurlAsync("web.example.test");
            await Task.Delay(answer.Item1 == "200" ? 0 : 500);
        }

        Assert.True(answer.Item1 == "200", $"ingress answered {answer}\nserver log:\n{_cluster.ServerLog}");
        Assert.Contains("Welcome to nginx!", answer.Item2, StringComparison.Ordinal);
        Assert.Equal("404", (await CurlAsync("unknown.example.test")).Status);

        var address = "";
        for (var i = 0; i < 60 && address.Length == 0; i++)
        {
            address = await Ok("get", "ingress", "web", "-o", "jsonpath={.status.loadBalancer.ingress[*].ip}");
            await Task.Delay(address.Length == 0 ? 500 : 0);
        }

        Assert.NotEmpty(address);
        var table = await Ok("get", "ingress", "web");
        var row = table.Split('\n')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"], table.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // The DefaultIngressClass admission gave the Ingress the default class.
        Assert.Equal(["web", "kubesharp", "web.example.test", address, "80"], row[..5]);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
