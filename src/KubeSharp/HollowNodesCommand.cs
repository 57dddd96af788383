using System.CommandLine;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using KubeSharp.Node.Hollow;
using Microsoft.Extensions.Logging;

namespace KubeSharp;

/// <summary>`kubesharp hollow-nodes`: many simulated nodes (no containers) joining a server, for scale and failure tests.</summary>
internal static class HollowNodesCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count", "-n") { Description = "How many hollow nodes to simulate", Required = true };
        var kubeconfig = new Option<string>("--kubeconfig") { Description = "kubeconfig of the server to join (e.g. <data-dir>/kubeconfig.yaml)", Required = true };
        var namePrefix = new Option<string>("--name-prefix") { Description = "Node names are this prefix plus an index", DefaultValueFactory = _ => "hollow-" };
        var podsPerNode = new Option<int>("--pods-per-node") { Description = "Pod capacity of each node", DefaultValueFactory = _ => 110 };
        var cpu = new Option<string>("--cpu") { Description = "CPU capacity of each node", DefaultValueFactory = _ => "4" };
        var memory = new Option<string>("--memory") { Description = "Memory capacity of each node", DefaultValueFactory = _ => "16Gi" };
        var maxWrites = new Option<int>("--max-concurrent-writes") { Description = "Bound on API writes in flight for the whole fleet", DefaultValueFactory = _ => 16 };
        var command = new Command("hollow-nodes", "Simulate nodes that register, heartbeat and report their pods Running without running containers (scale testing)")
        {
            count, kubeconfig, namePrefix, podsPerNode, cpu, memory, maxWrites,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var loggerFactory = Logging.Create();
            var logger = loggerFactory.CreateLogger("kubesharp");
            var options = new HollowNodeOptions
            {
                Count = parse.GetValue(count),
                NamePrefix = parse.GetValue(namePrefix)!,
                PodsPerNode = parse.GetValue(podsPerNode),
                Cpu = parse.GetValue(cpu)!,
                Memory = parse.GetValue(memory)!,
                MaxConcurrentWrites = parse.GetValue(maxWrites),
            };
            if (options.Count < 1)
            {
                logger.LogError("--count must be at least 1");
                return 2;
            }

            using var client = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(parse.GetValue(kubeconfig)), loggerFactory.CreateLogger<KubernetesClient>());
            await using var fleet = new HollowNodeFleet(client, options, loggerFactory);
            try
            {
                await fleet.StartAsync(ct).ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            logger.LogInformation("shutting down");
            return 0;
        });
        return command;
    }
}
