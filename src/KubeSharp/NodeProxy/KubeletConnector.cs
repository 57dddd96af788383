using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Security;
using KubeSharp.ApiServer.Storage;
using NodeObject = KubeSharp.Api.Core.V1.Node;

namespace KubeSharp.NodeProxy;

/// <summary>
/// How the API server reaches a node's kubelet port: at the Node's InternalIP (else its first address) and
/// status.daemonEndpoints.kubeletEndpoint.Port, over TLS presenting the kubelet client certificate, trusting only
/// serving certificates the cluster CA issued to a node (CN=system:node:…).
/// </summary>
internal sealed class KubeletConnector : IDisposable
{
    private readonly ClusterCertificates _certificates;
    private readonly ResourceStore _store;
    private readonly HttpClient _http;

    public KubeletConnector(ClusterCertificates certificates, ResourceStore store)
    {
        _certificates = certificates;
        _store = store;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            SslOptions = ClientOptions(""),
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The kubelet endpoint of node <paramref name="nodeName"/> ("host:port").</summary>
    /// <exception cref="ApiException">The node does not exist or reports no kubelet port.</exception>
    public async Task<string> AuthorityAsync(string nodeName, CancellationToken cancellationToken)
    {
        var nodes = _store.Catalog.Find("", "v1", "nodes")!;
        var stored = await _store.TryGetAsync(nodes, null, nodeName, cancellationToken).ConfigureAwait(false)
            ?? throw ApiException.NotFound(new GroupResource("", "nodes"), nodeName);
        return Authority((NodeObject)stored.Object) ?? throw new ApiException(400, "BadRequest", $"node \"{nodeName}\" does not report a kubelet endpoint");
    }

    /// <summary>"host:port" of a node's kubelet; null when it reports no address or port.</summary>
    public static string? Authority(NodeObject node)
    {
        var addresses = node.Status?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.Type == "InternalIP")?.Address ?? addresses.FirstOrDefault()?.Address;
        var port = node.Status?.DaemonEndpoints?.KubeletEndpoint?.Port ?? 0;
        if (string.IsNullOrEmpty(address) || port <= 0)
        {
            return null;
        }

        var host = IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address;
        return host + ":" + port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Sends a GET to the kubelet; the answer's body is read as it arrives.</summary>
    public Task<HttpResponseMessage> GetAsync(string authority, string pathAndQuery, CancellationToken cancellationToken) =>
        _http.GetAsync(new Uri($"https://{authority}{pathAndQuery}"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>Opens a TLS connection to the kubelet, for relaying an upgraded (streaming) request over it.</summary>
    public async Task<Stream> ConnectAsync(string authority, CancellationToken cancellationToken)
    {
        var uri = new Uri("https://" + authority);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(uri.IdnHost, uri.Port, cancellationToken).ConfigureAwait(false);
            var tls = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(ClientOptions(uri.IdnHost), cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private SslClientAuthenticationOptions ClientOptions(string targetHost) => new()
    {
        TargetHost = targetHost,
        ClientCertificates = [_certificates.KubeletClient],
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        ApplicationProtocols = [SslApplicationProtocol.Http11],
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        // Any node's certificate from the cluster CA; the address comes from the Node object the node itself reports.
        RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 presented
            && presented.GetNameInfo(X509NameType.SimpleName, forIssuer: false).StartsWith("system:node:", StringComparison.Ordinal)
            && _certificates.IsIssuedByCluster(presented),
    };

    public void Dispose() => _http.Dispose();
}
