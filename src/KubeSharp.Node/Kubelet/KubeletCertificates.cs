using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KubeSharp.Client;

namespace KubeSharp.Node.Kubelet;

/// <summary>
/// The kubelet port's credentials: a fresh key whose certificate the API server signs with the cluster CA
/// (<see cref="RequestPath"/>, open to nodes and administrators), and the cluster CA that callers' client certificates
/// must chain to. The key never leaves the agent; the server returns the certificate and its CA.
/// </summary>
internal sealed record KubeletCertificates(X509Certificate2 Serving, X509Certificate2 ClusterCa)
{
    /// <summary>The API server's path that signs a kubelet serving certificate.</summary>
    public const string RequestPath = "/kubesharp/v1/kubelet-serving-certificate";

    public static async Task<KubeletCertificates> RequestAsync(KubernetesClient client, string nodeName, IEnumerable<string> addresses, CancellationToken cancellationToken)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=system:node:{nodeName}, O=system:nodes", key, HashAlgorithmName.SHA256);
        var body = new SigningRequest(nodeName, [.. addresses.Where(a => IPAddress.TryParse(a, out _)).Distinct()], request.CreateSigningRequestPem());
        var answer = await client.RequestAsync<SigningAnswer>(HttpMethod.Post, RequestPath, body, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var issued = X509Certificate2.CreateFromPem(answer.Certificate);
        var serving = issued.CopyWithPrivateKey(key);
        // Kestrel needs a key it can use for TLS; a round trip through PKCS#12 gives a persisted one on every platform.
        var exportable = X509CertificateLoader.LoadPkcs12(serving.Export(X509ContentType.Pkcs12), null);
        serving.Dispose();
        return new KubeletCertificates(exportable, X509Certificate2.CreateFromPem(answer.CertificateAuthority));
    }

    /// <summary>The request body: the node, the IP addresses the certificate must name, and a PKCS#10 request (PEM).</summary>
    public sealed record SigningRequest(string NodeName, List<string> Addresses, string CertificateSigningRequest);

    /// <summary>The answer: the signed certificate and the cluster CA (both PEM).</summary>
    public sealed record SigningAnswer(string Certificate, string CertificateAuthority);
}
