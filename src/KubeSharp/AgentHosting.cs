using System.Net;
using System.Security.Cryptography;
using System.Text;
using KubeSharp.Node.Agent;
using Microsoft.Extensions.Logging;

namespace KubeSharp;

/// <summary>Starts the node agent for `kubesharp server` (in-process, admin kubeconfig) and `kubesharp agent` (URL + token).</summary>
internal static class AgentHosting
{
    /// <summary>This machine's node name: the given one, else the host name in lower case.</summary>
    public static string NodeName(string? given) => string.IsNullOrEmpty(given) ? Dns.GetHostName().ToLowerInvariant() : given;

    /// <summary>
    /// The service proxy's nftables table: "kubesharp" for the default data directory; clusters kept elsewhere (tests, a
    /// second cluster on one machine) get a table of their own, so their proxies never replace each other's rules.
    /// </summary>
    public static string ServiceProxyTable(string dataDirectory) =>
        Path.GetFullPath(dataDirectory).TrimEnd('/') == "/var/lib/kubesharp"
            ? "kubesharp"
            : "kubesharp-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..8];

    /// <summary>
    /// Starts the server's own agent with the kubeconfig the server wrote. A failure (not root, no containerd) is
    /// logged and the control plane keeps running without a node; null then.
    /// </summary>
    public static async Task<NodeAgent?> StartEmbeddedAsync(string dataDirectory, string? nodeName, int kubeletPort, string kubeconfigPath, string? clusterDns, string clusterDomain, string clusterCidr, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger("kubesharp");
        var options = new NodeAgentOptions(NodeName(nodeName), dataDirectory)
        {
            // The server's own node carries the control-plane role, as k3s labels it.
            NodeLabels = new Dictionary<string, string> { ["node-role.kubernetes.io/control-plane"] = "true" },
            KubeletPort = kubeletPort,
            ClusterDns = clusterDns,
            ClusterDomain = clusterDomain,
            ServiceProxyTable = ServiceProxyTable(dataDirectory),
            ClusterCidr = clusterCidr,
            // The server's node IPAM gives this node its range of --cluster-cidr.
            PodCidrFromServer = true,
        };
        var agent = NodeAgent.FromKubeconfig(options, kubeconfigPath, loggerFactory);
        try
        {
            await agent.StartAsync(cancellationToken).ConfigureAwait(false);
            return agent;
        }
#pragma warning disable CA1031 // The control plane is useful without a node; say why there is none.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogError(e, "node agent could not start (it needs root and containerd; use --disable-agent to run only the control plane)");
            await agent.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>
    /// Options of a joining agent: its bridge and CNI network are named after the node, so several agents can run
    /// on one machine next to the server's.
    /// </summary>
    public static NodeAgentOptions JoiningOptions(string nodeName, string dataDirectory, string? podCidr, string? nodeIP, int kubeletPort, bool removePodsOnStop)
    {
        var suffix = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nodeName)))[..8];
        var options = new NodeAgentOptions(nodeName, dataDirectory)
        {
            NetworkName = "kubesharp-" + suffix,
            BridgeName = "ksbr" + suffix,
            NodeIP = nodeIP,
            KubeletPort = kubeletPort,
            RemovePodsOnStop = removePodsOnStop,
            ServiceProxyTable = ServiceProxyTable(dataDirectory),
        };
        return podCidr is null ? options with { PodCidrFromServer = true } : options with { PodCidr = podCidr };
    }
}
