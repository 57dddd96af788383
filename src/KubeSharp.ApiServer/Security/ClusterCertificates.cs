using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KubeSharp.ApiServer.Security;

/// <summary>
/// The cluster's PKI, kept under <c>&lt;data-dir&gt;/server/tls</c>: a CA, the API server's serving
/// certificate (for loopback, the bind address and the host name) and the admin client
/// certificate (CN=system:admin, O=system:masters) that the written kubeconfig uses, and the client certificate the
/// API server presents to kubelets (CN=kube-apiserver-kubelet-client, O=system:masters).
/// Generated on first start; reused afterwards so existing kubeconfigs keep working.
/// </summary>
public sealed class ClusterCertificates
{
    private ClusterCertificates(X509Certificate2 ca, X509Certificate2 serving, X509Certificate2 admin, X509Certificate2 kubeletClient, string directory)
    {
        KubeletClient = kubeletClient;
        CertificateAuthority = ca;
        Serving = serving;
        AdminClient = admin;
        Directory = directory;
    }

    public X509Certificate2 CertificateAuthority { get; }
    public X509Certificate2 Serving { get; }
    public X509Certificate2 AdminClient { get; }

    /// <summary>What the API server presents when it calls a kubelet port (logs, exec, port-forward, stats).</summary>
    public X509Certificate2 KubeletClient { get; }
    public string Directory { get; }

    public static ClusterCertificates LoadOrCreate(string dataDir, IEnumerable<string> hostNames, IEnumerable<IPAddress> addresses)
    {
        var dir = Path.Combine(dataDir, "server", "tls");
        System.IO.Directory.CreateDirectory(dir);
        var ca = LoadOrCreateCa(dir);
        var serving = LoadOrCreateLeaf(dir, "serving", ca, "kube-apiserver", null, hostNames, addresses, serverAuth: true);
        var admin = LoadOrCreateLeaf(dir, "client-admin", ca, "system:admin", "system:masters", [], [], serverAuth: false);
        var kubeletClient = LoadOrCreateLeaf(dir, "client-kubelet", ca, "kube-apiserver-kubelet-client", "system:masters", [], [], serverAuth: false);
        return new ClusterCertificates(ca, serving, admin, kubeletClient, dir);
    }

    /// <summary>True when <paramref name="certificate"/> was issued by this cluster's CA and is valid now.</summary>
    public bool IsIssuedByCluster(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(CertificateAuthority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return chain.Build(certificate);
    }

    /// <summary>Issues a client certificate (e.g. for a node agent: CN=system:node:NAME, O=system:nodes).</summary>
    public X509Certificate2 IssueClientCertificate(string commonName, string? organization) =>
        Issue(CertificateAuthority, commonName, organization, [], [], serverAuth: false);

    /// <summary>
    /// Signs a kubelet's serving certificate for the key of a PKCS#10 request (PEM): CN=system:node:NAME,
    /// O=system:nodes, server authentication, naming the node and the given IP addresses. Only the request's public
    /// key is used; subject and extensions are the server's.
    /// </summary>
    /// <exception cref="CryptographicException">The request is not a valid, self-signed PKCS#10 request.</exception>
    public X509Certificate2 IssueKubeletServingCertificate(string nodeName, IEnumerable<IPAddress> addresses, string signingRequestPem)
    {
        var incoming = CertificateRequest.LoadSigningRequestPem(signingRequestPem, HashAlgorithmName.SHA256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN=system:node:{nodeName}, O=system:nodes"), incoming.PublicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(nodeName);
        foreach (var ip in addresses)
        {
            san.AddIpAddress(ip);
        }

        request.CertificateExtensions.Add(san.Build());
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var caKey = CertificateAuthority.GetECDsaPrivateKey()!;
        return request.Create(CertificateAuthority.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1), serial);
    }

    public static string ToPem(X509Certificate2 certificate) => certificate.ExportCertificatePem();

    public static string PrivateKeyPem(X509Certificate2 certificate) =>
        certificate.GetECDsaPrivateKey()!.ExportECPrivateKeyPem();

    private static X509Certificate2 LoadOrCreateCa(string dir)
    {
        var certPath = Path.Combine(dir, "ca.crt");
        var keyPath = Path.Combine(dir, "ca.key");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            return X509Certificate2.CreateFromPemFile(certPath, keyPath);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=kubesharp-ca@{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(10));
        Write(certPath, keyPath, ca);
        return X509Certificate2.CreateFromPemFile(certPath, keyPath);
    }

    private static X509Certificate2 LoadOrCreateLeaf(string dir, string name, X509Certificate2 ca, string cn, string? org, IEnumerable<string> hostNames, IEnumerable<IPAddress> addresses, bool serverAuth)
    {
        var certPath = Path.Combine(dir, name + ".crt");
        var keyPath = Path.Combine(dir, name + ".key");
        var hosts = hostNames.ToList();
        var ips = addresses.ToList();
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            var existing = X509Certificate2.CreateFromPemFile(certPath, keyPath);
            if (!serverAuth || CoversAll(existing, hosts, ips))
            {
                return existing;
            }
        }

        var issued = Issue(ca, cn, org, hosts, ips, serverAuth);
        Write(certPath, keyPath, issued);
        return X509Certificate2.CreateFromPemFile(certPath, keyPath);
    }

    private static bool CoversAll(X509Certificate2 certificate, List<string> hosts, List<IPAddress> ips)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (san is null)
        {
            return false;
        }

        var names = san.EnumerateDnsNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var addresses = san.EnumerateIPAddresses().ToHashSet();
        return hosts.All(names.Contains) && ips.All(addresses.Contains) && certificate.NotAfter > DateTime.UtcNow.AddDays(30);
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string cn, string? org, IEnumerable<string> hosts, IEnumerable<IPAddress> ips, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = org is null ? $"CN={cn}" : $"CN={cn}, O={org}";
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        var usage = new OidCollection { new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2") };
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usage, false));
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var h in hosts)
            {
                san.AddDnsName(h);
            }

            foreach (var ip in ips)
            {
                san.AddIpAddress(ip);
            }

            request.CertificateExtensions.Add(san.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var caKey = ca.GetECDsaPrivateKey()!;
        var generator = X509SignatureGenerator.CreateForECDsa(caKey);
        var cert = request.Create(ca.SubjectName, generator, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1), serial);
        return cert.CopyWithPrivateKey(key);
    }

    private static void Write(string certPath, string keyPath, X509Certificate2 certificate)
    {
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetECDsaPrivateKey()!.ExportECPrivateKeyPem());
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
