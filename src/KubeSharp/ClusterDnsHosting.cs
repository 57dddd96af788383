using System.Net.Sockets;
using KubeSharp.Client;
using KubeSharp.Networking.Dns;
using Microsoft.Extensions.Logging;

namespace KubeSharp;

/// <summary>Starts the cluster DNS for `kubesharp server`.</summary>
internal static class ClusterDnsHosting
{
    /// <summary>
    /// Starts the DNS server and its kube-dns registration. A port that cannot be bound (taken, or not root for
    /// port 53) is logged and the server runs without cluster DNS; null then, and pods get the host's resolvers.
    /// </summary>
    public static async Task<ClusterDns?> StartAsync(KubernetesClient client, ClusterDnsOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var dns = new ClusterDns(client, options, loggerFactory);
        try
        {
            await dns.StartAsync(cancellationToken).ConfigureAwait(false);
            return dns;
        }
        catch (SocketException e)
        {
            loggerFactory.CreateLogger("kubesharp").LogError(
                "cluster DNS could not listen on {Addresses} port {Port}: {Message} (use --cluster-dns-port, or --disable coredns)",
                string.Join(", ", options.ListenAddresses), options.Port, e.Message);
            await dns.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }
}
