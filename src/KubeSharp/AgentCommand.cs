using System.CommandLine;
using KubeSharp.Node.Agent;
using Microsoft.Extensions.Logging;

namespace KubeSharp;

/// <summary>`kubesharp agent`: a node agent joining a KubeSharp server with its token.</summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var server = new Option<string>("--server", "-s") { Description = "URL of the API server, e.g. https://10.0.0.1:6443", Required = true };
        var token = new Option<string>("--token", "-t") { Description = "The server's --token (sent as a bearer token)", Required = true };
        var nodeName = new Option<string?>("--node-name") { Description = "Name of this node (default: host name)" };
        var dataDir = new Option<string>("--data-dir", "-d") { Description = "Folder to hold the agent's state (containerd, pods, logs, images/)", DefaultValueFactory = _ => "/var/lib/kubesharp" };
        var serverCa = new Option<string?>("--server-ca") { Description = "PEM file of the server's CA (default: the server's certificate is not verified)" };
        var podCidr = new Option<string?>("--pod-cidr") { Description = "This node's pod range, written to its spec.podCIDR when the Node has none (default: the range the server's node IPAM assigns from its --cluster-cidr)" };
        var nodeIP = new Option<string?>("--node-ip") { Description = "Address reported as the node's InternalIP" };
        var kubeletPort = new Option<int>("--kubelet-port") { Description = "HTTPS port of the kubelet endpoint the API server calls for logs, exec, port-forward and stats (0: any free port)", DefaultValueFactory = _ => 10250 };
        var removePods = new Option<bool>("--remove-pods-on-stop") { Description = "Remove this node's pods and network when the agent stops" };
        var clusterDns = new Option<string>("--cluster-dns") { Description = "Name server of pods with dnsPolicy ClusterFirst: the server's kube-dns cluster IP (empty: the host's resolvers)", DefaultValueFactory = _ => "10.43.0.10" };
        var clusterDomain = new Option<string>("--cluster-domain") { Description = "Cluster domain", DefaultValueFactory = _ => "cluster.local" };
        var ingressHttpPort = new Option<int>("--ingress-http-port") { Description = "HTTP port of the ingress controller on the node's address and 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 80 };
        var ingressHttpsPort = new Option<int>("--ingress-https-port") { Description = "HTTPS port of the ingress controller on the node's address and 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 443 };
        var disableIngress = new Option<bool>("--disable-ingress") { Description = "Do not run the packaged ingress controller on this node" };
        var command = new Command("agent", "Run a node agent that joins a KubeSharp server")
        {
            server, token, nodeName, dataDir, serverCa, podCidr, nodeIP, kubeletPort, removePods, clusterDns, clusterDomain, ingressHttpPort, ingressHttpsPort, disableIngress,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var loggerFactory = Logging.Create();
            var logger = loggerFactory.CreateLogger("kubesharp");
            var options = AgentHosting.JoiningOptions(
                AgentHosting.NodeName(parse.GetValue(nodeName)),
                parse.GetValue(dataDir)!,
                parse.GetValue(podCidr),
                parse.GetValue(nodeIP),
                parse.GetValue(kubeletPort),
                parse.GetValue(removePods)) with
            {
                ClusterDns = parse.GetValue(clusterDns) is { Length: > 0 } dnsServer ? dnsServer : null,
                ClusterDomain = parse.GetValue(clusterDomain)!,
            };
            await using var agent = NodeAgent.FromToken(options, new Uri(parse.GetValue(server)!), parse.GetValue(token)!, parse.GetValue(serverCa), loggerFactory);
            await agent.StartAsync(ct).ConfigureAwait(false);
            // The server creates the IngressClass; every node serves it.
            await using var ingress = parse.GetValue(disableIngress)
                ? null
                : await IngressHosting.StartAsync(agent.Client, parse.GetValue(nodeIP), parse.GetValue(ingressHttpPort), parse.GetValue(ingressHttpsPort), createIngressClass: false, loggerFactory, ct).ConfigureAwait(false);
            try
            {
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
