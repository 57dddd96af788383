using System.Net;
using System.Net.Sockets;
using KubeSharp.Client;
using KubeSharp.Networking.Dns;
using KubeSharp.Networking.Ingress;
using Microsoft.Extensions.Logging;

namespace KubeSharp;

/// <summary>Starts the packaged ingress controller on a node: the server's own (which also creates the IngressClass) and joined agents'.</summary>
internal static class IngressHosting
{
    /// <summary>
    /// Serves Ingresses on the node's address and 127.0.0.1 and reports the node's address in their status. A port
    /// that cannot be bound (taken, or not root for 80/443) is logged and the server runs without ingress; null then.
    /// </summary>
    /// <param name="nodeIP">The node's address (--node-ip); null: the one the agent reports by default.</param>
    public static async Task<IngressController?> StartAsync(KubernetesClient client, string? nodeIP, int httpPort, int httpsPort, bool createIngressClass, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var nodeAddress = nodeIP is { Length: > 0 } ? IPAddress.Parse(nodeIP) : ClusterDnsOptions.DefaultNodeAddress();
        var controller = new IngressController(client, new IngressControllerOptions
        {
            ListenAddresses = [nodeAddress, IPAddress.Loopback],
            HttpPort = httpPort,
            HttpsPort = httpsPort,
            StatusAddresses = [nodeAddress.ToString()],
            CreateIngressClass = createIngressClass,
        }, loggerFactory);
        try
        {
            await controller.StartAsync(cancellationToken).ConfigureAwait(false);
            return controller;
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            loggerFactory.CreateLogger("kubesharp").LogError(
                "ingress controller could not listen on ports {Http}/{Https}: {Message} (use --ingress-http-port and --ingress-https-port, or --disable ingress)",
                httpPort, httpsPort, e.Message);
            await controller.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }
}
