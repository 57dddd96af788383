using System.Globalization;

namespace KubeSharp.E2E;

/// <summary>
/// Autoscaling from resource use with the real kubectl: pods that burn CPU on a joined agent push a Deployment
/// autoscaled with `kubectl autoscale` to its maximum, the controller reading metrics.k8s.io as metrics-server would
/// serve it. The agent has a bridge and pod range of its own; the server syncs autoscalers every 2 s instead of 15 s.
/// Needs root and containerd; the images come from images/build.sh.
/// </summary>
[Collection(RealNodeCollection.Name)]
public sealed class HorizontalPodAutoscalerTests : IAsyncLifetime
{
    private const string Token = "e2e-hpa-token";
    private static readonly int Subnet = Random.Shared.Next(100, 200);
    private readonly ClusterFixture _cluster = new(false, "--token", Token, "--cluster-cidr", $"10.{Subnet}.0.0/16", "--horizontal-pod-autoscaler-sync-period", "2s");
    private readonly string _agentData = Path.Combine(Path.GetTempPath(), "kubesharp-e2e-hpa-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly string _nodeName = "e2e-hpa-" + Guid.NewGuid().ToString("N")[..6];
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

        _agent = JoinedAgentProcess.Start(_cluster, Token, _nodeName, _agentData, $"10.{Subnet}.9.0/24");
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            if (!_agent.HasExited)
            {
                await _cluster.KubectlAsync("delete", "hpa", "--all");
                await _cluster.KubectlAsync("delete", "deployment", "--all", "--wait=true", "--timeout=60s");
                await _cluster.RunAsync("kubectl", ["wait", "--for=delete", "pods", "--all", "--timeout=60s"], null, TimeSpan.FromSeconds(90));
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

    private string Logs() => $"\nserver log:\n{_cluster.ServerLog}\nagent log:\n{_agent?.Log}";

    private async Task<string> Ok(params string[] args)
    {
        var r = await _cluster.KubectlAsync(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {r}{Logs()}");
        return r.Stdout;
    }

    private const string BurnerDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: burner
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: burner
          template:
            metadata:
              labels:
                app: burner
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: burn
                image: busybox
                command: ["sh", "-c", "while true; do :; done"]
                resources:
                  requests:
                    cpu: 50m
                  limits:
                    cpu: 200m
        """;

    private const string IdleDeploymentWithoutRequests = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: idle
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: idle
          template:
            metadata:
              labels:
                app: idle
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - name: idle
                image: busybox
                command: ["sleep", "3600"]
        """;

    [Fact]
    public async Task Cpu_burning_pods_scale_an_autoscaled_deployment_to_its_maximum()
    {
        if (!CanRunPods)
        {
            return;
        }

        // The agent starts containerd and imports images before it registers its Node.
        for (var i = 0; i < 120 && (await _cluster.KubectlAsync("get", "node", _nodeName)).ExitCode != 0; i++)
        {
            await Task.Delay(500);
        }

        await Ok("wait", "--for=condition=Ready", $"node/{_nodeName}", "--timeout=60s");
        var applied = await _cluster.KubectlWithInputAsync(BurnerDeployment, "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied + Logs());
        Assert.Equal("horizontalpodautoscaler.autoscaling/burner autoscaled\n", await Ok("autoscale", "deployment", "burner", "--cpu-percent=50", "--min=1", "--max=3"));
        Assert.Matches(@"burner\s+Deployment/burner\s+cpu: (<unknown>|\d+%)/50%\s+1\s+3\s+\d+\s+\d+\S*", await Ok("get", "hpa"));

        // One pod at up to 200m of a 50m request is far above 50%: the controller asks for 3 at once.
        var replicas = "";
        for (var i = 0; i < 80 && replicas != "3"; i++)
        {
            await Task.Delay(1000);
            replicas = await Ok("get", "hpa", "burner", "-o", "jsonpath={.status.currentReplicas}");
        }

        Assert.True(replicas == "3", $"the autoscaler reports {replicas} replicas:\n{await Ok("get", "hpa", "burner", "-o", "yaml")}{Logs()}");
        Assert.Equal("3", await Ok("get", "deployment", "burner", "-o", "jsonpath={.spec.replicas}"));
        Assert.Matches(@"burner\s+Deployment/burner\s+cpu: \d+%/50%\s+1\s+3\s+3\s+\d+\S*", await Ok("get", "hpa"));

        var conditions = await Ok("get", "hpa", "burner", "-o", "jsonpath={range .status.conditions[*]}{.type}={.status} {end}");
        Assert.Contains("AbleToScale=True", conditions, StringComparison.Ordinal);
        Assert.Contains("ScalingActive=True", conditions, StringComparison.Ordinal);
        Assert.Equal("ValidMetricFound", await Ok("get", "hpa", "burner", "-o", "jsonpath={.status.conditions[?(@.type==\"ScalingActive\")].reason}"));
        var utilization = await Ok("get", "hpa", "burner", "-o", "jsonpath={.status.currentMetrics[0].resource.current.averageUtilization}");
        Assert.True(int.Parse(utilization, CultureInfo.InvariantCulture) > 50, utilization);

        var rescales = await Ok("get", "events", "--field-selector", "reason=SuccessfulRescale", "-o", "jsonpath={.items[*].message}");
        Assert.Matches(@"New size: [23]; reason: cpu resource utilization \(percentage of request\) above target", rescales);
        var described = await Ok("describe", "hpa", "burner");
        Assert.Matches(@"ScalingActive\s+True\s+ValidMetricFound", described);
        Assert.Matches(@"Normal\s+SuccessfulRescale\s+.*New size: [23]; reason: cpu resource utilization \(percentage of request\) above target", described);
    }

    [Fact]
    public async Task Pods_without_a_cpu_request_leave_utilization_scaling_inactive()
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
        var applied = await _cluster.KubectlWithInputAsync(IdleDeploymentWithoutRequests, "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied + Logs());
        await Ok("autoscale", "deployment", "idle", "--cpu-percent=50", "--min=1", "--max=3");
        // Until the pod has been measured the condition says that metrics are missing; then that requests are.
        string reason = "", message = "";
        for (var i = 0; i < 60 && !message.Contains("missing request", StringComparison.Ordinal); i++)
        {
            await Task.Delay(1000);
            reason = await Ok("get", "hpa", "idle", "-o", "jsonpath={.status.conditions[?(@.type==\"ScalingActive\")].reason}");
            message = await Ok("get", "hpa", "idle", "-o", "jsonpath={.status.conditions[?(@.type==\"ScalingActive\")].message}");
        }

        Assert.True(reason == "FailedGetResourceMetric", $"ScalingActive reason {reason}: {message}{Logs()}");
        Assert.StartsWith("the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu", message, StringComparison.Ordinal);
        Assert.Equal("False", await Ok("get", "hpa", "idle", "-o", "jsonpath={.status.conditions[?(@.type==\"ScalingActive\")].status}"));
        Assert.Matches(@"idle\s+Deployment/idle\s+cpu: <unknown>/50%", await Ok("get", "hpa", "idle"));
        Assert.Equal("1", await Ok("get", "deployment", "idle", "-o", "jsonpath={.spec.replicas}"));
        var warnings = await Ok("get", "events", "--field-selector", "reason=FailedGetResourceMetric", "-o", "jsonpath={.items[*].message}");
        Assert.Contains("missing request for cpu", warnings, StringComparison.Ordinal);
    }
}
