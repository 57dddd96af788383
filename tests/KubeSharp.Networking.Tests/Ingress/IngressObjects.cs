using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Api.Networking.V1;
using DiscoveryEndpoint = KubeSharp.Api.Discovery.V1.Endpoint;
using DiscoveryEndpointPort = KubeSharp.Api.Discovery.V1.EndpointPort;

namespace KubeSharp.Networking.Tests.Ingress;

/// <summary>Builders of the Ingresses, Services and EndpointSlices the ingress tests route with.</summary>
internal static class IngressObjects
{
    public static HTTPIngressPath IngressPath(string path, string pathType, string service, int port = 80) => new()
    {
        Path = path,
        PathType = pathType,
        Backend = Backend(service, port),
    };

    public static IngressBackend Backend(string service, int port = 80) => new() { Service = new IngressServiceBackend { Name = service, Port = new ServiceBackendPort { Number = port } } };

    public static IngressRule Rule(string? host, params HTTPIngressPath[] paths) => new() { Host = host, Http = new HTTPIngressRuleValue { Paths = [.. paths] } };

    public static Api.Networking.V1.Ingress NewIngress(string name, IngressSpec spec, string ns = "default", DateTimeOffset? created = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, CreationTimestamp = created ?? DateTimeOffset.UnixEpoch },
        Spec = spec,
    };

    /// <summary>A Service with one TCP port (named "http" unless given) and a slice of ready endpoints on <paramref name="targetPort"/>.</summary>
    public static (Service Service, EndpointSlice Slice) Backed(string name, int port, int targetPort, string[] addresses, string portName = "http", string ns = "default", bool ready = true) =>
    (
        new Service
        {
            Metadata = new ObjectMeta { Name = name, Namespace = ns },
            Spec = new ServiceSpec { ClusterIP = "10.43.0.50", Ports = [new ServicePort { Name = portName, Port = port, Protocol = "TCP", TargetPort = targetPort }] },
        },
        new EndpointSlice
        {
            Metadata = new ObjectMeta { Name = name + "-abcde", Namespace = ns, Labels = new() { ["kubernetes.io/service-name"] = name } },
            AddressType = "IPv4",
            Ports = [new DiscoveryEndpointPort { Name = portName, Port = targetPort, Protocol = "TCP" }],
            Endpoints = [.. addresses.Select(a => new DiscoveryEndpoint { Addresses = [a], Conditions = new EndpointConditions { Ready = ready } })],
        }
    );
    /// <summary>A kubernetes.io/tls Secret with a fresh self-signed certificate for <paramref name="host"/>.</summary>
    public static Secret TlsSecret(string name, string host)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + host, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return new Secret
        {
            Metadata = new ObjectMeta { Name = name, Namespace = "default", Uid = Guid.NewGuid().ToString(), ResourceVersion = "1" },
            Type = "kubernetes.io/tls",
            Data = new()
            {
                ["tls.crt"] = Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()),
                ["tls.key"] = Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()),
            },
        };
    }

    /// <summary>GETs / over HTTPS from 127.0.0.1:<paramref name="port"/> with <paramref name="host"/> as SNI name and Host; returns the status and the certificate's subject.</summary>
    public static async Task<(HttpStatusCode Status, string Body, string Subject)> GetOverTlsAsync(int port, string host)
    {
        var subject = "";
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    subject = certificate?.Subject ?? "";
                    return true;
                },
            },
        };
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(new Uri($"https://{host}:{port}/"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), subject);
    }
}
