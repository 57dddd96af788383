using System.Text.RegularExpressions;

namespace KubeSharp.E2E;

/// <summary>Hollow (simulated) nodes from `kubesharp hollow-nodes` run a Deployment; the server (its own) runs without an agent.</summary>
public sealed class HollowNodesTests(ClusterFixture cluster) : HollowNodesTestBase(cluster), IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Hollow_nodes_show_ready_in_kubectl_and_run_a_20_replica_deployment_to_20_of_20_available()
    {
        using var hollow = await HollowNodesProcess.StartAsync(Cluster, "hollow-dep-", 3);
        var nodes = await Ok("get", "nodes", "-l", "kubesharp.io/hollow=true");
        for (var i = 0; i < 3; i++)
        {
            Assert.Matches(new Regex($@"(?m)^{hollow.NodeName(i)}\s+Ready\s+<none>\s+\S+\s+v1\.32"), nodes);
        }

        await Ok("create", "namespace", "hollow-dep");
        await Ok("-n", "hollow-dep", "create", "deployment", "x", "--image=busybox", "--replicas=20");
        await EventuallyAsync(async () => await Ok("-n", "hollow-dep", "get", "deployment", "x", "-o", "jsonpath={.status.availableReplicas}") == "20", "deployment x 20/20 available", hollow);
        Assert.Matches(@"x\s+20/20\s+20\s+20", await Ok("-n", "hollow-dep", "get", "deployment", "x"));
        var placements = await Ok("-n", "hollow-dep", "get", "pods", "-o", "jsonpath={range .items[*]}{.spec.nodeName} {.status.phase} {.status.podIP}{\"\\n\"}{end}");
        var rows = placements.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(r => r.Split(' ')).ToList();
        Assert.Equal(20, rows.Count);
        Assert.All(rows, r => Assert.StartsWith(hollow.NamePrefix, r[0], StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Equal("Running", r[1]));
        Assert.Equal(20, rows.Select(r => r[2]).Distinct().Count());
    }
}

/// <summary>
/// A hollow-node process killed with SIGKILL: its node goes NotReady and unreachable and its pods are
/// replaced on the surviving node. A server of its own, so no other test's nodes are around.
/// </summary>
public sealed class HollowNodeFailureTests(ClusterFixture cluster) : HollowNodesTestBase(cluster), IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task A_killed_hollow_node_goes_not_ready_gets_the_unreachable_taint_and_its_pods_are_replaced_on_the_other_node()
    {
        using var survivor = await HollowNodesProcess.StartAsync(Cluster, "hollow-live-", 1);
        using var victim = await HollowNodesProcess.StartAsync(Cluster, "hollow-dead-", 1);
        var live = survivor.NodeName(0);
        var dead = victim.NodeName(0);
        await Ok("create", "namespace", "hollow-fail");
        await OkWithInput(ReplicationController, "-n", "hollow-fail", "apply", "-f", "-");

        // Both nodes are empty and alike, so the scheduler spreads the four replicas over both.
        var before = await EventuallyAsync(
            async () =>
            {
                var pods = await PodsAsync();
                return pods.Count(p => p.Phase == "Running" && !p.Terminating) == 4 ? pods : null;
            },
            "4 replicas Running",
            victim);
        var onDead = before.Where(p => p.Node == dead).Select(p => p.Name).ToList();
        Assert.NotEmpty(onDead);

        // SIGKILL: no shutdown path runs; the node's heartbeats just stop.
        var killed = await Cluster.RunAsync("kill", ["-KILL", victim.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], stdin: null);
        Assert.Equal(0, killed.ExitCode);

        await EventuallyAsync(
            async () => await Ok("get", "node", dead, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}") == "Unknown",
            $"node {dead} Ready=Unknown",
            victim);
        Assert.Matches(new Regex($@"(?m)^{dead}\s+NotReady\s"), await Ok("get", "nodes"));
        Assert.Matches(new Regex($@"(?m)^{live}\s+Ready\s"), await Ok("get", "nodes"));
        await EventuallyAsync(
            async () => (await Ok("get", "node", dead, "-o", "jsonpath={range .spec.taints[*]}{.key}:{.effect}{\"\\n\"}{end}")).Contains("node.kubernetes.io/unreachable:NoExecute", StringComparison.Ordinal),
            $"node {dead} tainted unreachable",
            victim);

        // After their 5 s toleration the pods on the dead node are evicted (marked for deletion; nothing is
        // left to confirm it) and the controller's replacements run on the live node.
        await EventuallyAsync(
            async () =>
            {
                var pods = await PodsAsync();
                var evicted = onDead.All(name => pods.FirstOrDefault(p => p.Name == name) is null or { Terminating: true });
                var replaced = pods.Count(p => p.Node == live && p.Phase == "Running" && !p.Terminating) == 4;
                return evicted && replaced ? pods : null;
            },
            "pods of the dead node evicted and 4 replicas Running on the live node",
            victim);
        Assert.Contains("TaintManagerEviction", await Ok("-n", "hollow-fail", "get", "events"), StringComparison.Ordinal);
    }

    private const string ReplicationController = """
        apiVersion: v1
        kind: ReplicationController
        metadata:
          name: web
        spec:
          replicas: 4
          selector:
            app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: busybox
              tolerations:
              - key: node.kubernetes.io/unreachable
                operator: Exists
                effect: NoExecute
                tolerationSeconds: 5
              - key: node.kubernetes.io/not-ready
                operator: Exists
                effect: NoExecute
                tolerationSeconds: 5
        """;

    private sealed record PodRow(string Name, string Node, string Phase, bool Terminating);

    private async Task<List<PodRow>> PodsAsync()
    {
        var text = await Ok("-n", "hollow-fail", "get", "pods", "-l", "app=web", "-o", "jsonpath={range .items[*]}{.metadata.name} {.spec.nodeName} {.status.phase} {.metadata.deletionTimestamp}{\"\\n\"}{end}");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Select(f => new PodRow(f[0], f.ElementAtOrDefault(1) ?? "", f.ElementAtOrDefault(2) ?? "", f.ElementAtOrDefault(3) is { Length: > 0 }))
            .ToList();
    }
}

/// <summary>kubectl and waiting helpers for the hollow-node tests.</summary>
public abstract class HollowNodesTestBase(ClusterFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    protected ClusterFixture Cluster => cluster;

    protected async Task<string> Ok(params string[] args)
    {
        var r = await cluster.KubectlAsync(args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {r}\nserver log:\n{cluster.ServerLog}");
        return r.Stdout;
    }

    protected async Task<string> OkWithInput(string stdin, params string[] args)
    {
        var r = await cluster.KubectlWithInputAsync(stdin, args);
        Assert.True(r.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed: {r}\nserver log:\n{cluster.ServerLog}");
        return r.Stdout;
    }

    internal Task EventuallyAsync(Func<Task<bool>> probe, string what, HollowNodesProcess hollow) =>
        EventuallyAsync(async () => await probe() ? "yes" : null, what, hollow);

    internal async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, HollowNodesProcess hollow)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"not reached within {Patience.TotalSeconds} s: {what}\nhollow-nodes log:\n{hollow.Log}\nserver log:\n{cluster.ServerLog}");
            }

            await Task.Delay(500);
        }
    }
}
