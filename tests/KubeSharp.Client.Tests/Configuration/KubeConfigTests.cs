using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KubeSharp.Client.Configuration;

namespace KubeSharp.Client.Tests.Configuration;

public sealed class KubeConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kubesharp-kubeconfig-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static X509Certificate2 CreateCa(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(60));
    }

    private static (X509Certificate2 Cert, string KeyPem) IssueEcClientCertificate(X509Certificate2 ca, string user)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={user}, O=system:masters", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        // An EC key signed by the RSA CA: the signature comes from the CA's RSA key.
        using var caKey = ca.GetRSAPrivateKey()!;
        var signer = X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1);
        var cert = request.Create(ca.SubjectName, signer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), [1, 2, 3, 4]);
        return (cert, key.ExportECPrivateKeyPem());
    }

    private static (X509Certificate2 Cert, string KeyPem) IssueRsaClientCertificate(X509Certificate2 ca, string user)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={user}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var cert = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), [5, 6, 7, 8]);
        return (cert, key.ExportRSAPrivateKeyPem());
    }

    private static X509Certificate2 IssueServerCertificate(X509Certificate2 ca, string dnsName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(dnsName);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), [9, 9, 9, 9]);
        return cert.CopyWithPrivateKey(key);
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Embedded_ca_and_ec_client_certificate_data_load_with_the_private_key()
    {
        using var ca = CreateCa("kubesharp-ca");
        var (client, keyPem) = IssueEcClientCertificate(ca, "admin");
        var yaml = $$"""
            apiVersion: v1
            kind: Config
            current-context: admin@local
            clusters:
            - name: local
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: {{B64(ca.ExportCertificatePem())}}
            users:
            - name: admin
              user:
                client-certificate-data: {{B64(client.ExportCertificatePem())}}
                client-key-data: {{B64(keyPem)}}
            contexts:
            - name: admin@local
              context:
                cluster: local
                user: admin
                namespace: team-a
            preferences: {}
            """;

        var config = KubernetesClientConfiguration.FromKubeConfigYaml(yaml);

        Assert.Equal(new Uri("https://127.0.0.1:6443"), config.Server);
        Assert.Equal("team-a", config.Namespace);
        Assert.Equal(ca.Thumbprint, Assert.Single(config.CertificateAuthorities).Thumbprint);
        Assert.NotNull(config.ClientCertificate);
        Assert.True(config.ClientCertificate.HasPrivateKey);
        Assert.Equal(client.Thumbprint, config.ClientCertificate.Thumbprint);
        Assert.NotNull(config.ClientCertificate.GetECDsaPrivateKey());
    }

    [Fact]
    public void Certificate_and_key_files_are_resolved_relative_to_the_kubeconfig_and_rsa_keys_load()
    {
        using var ca = CreateCa("kubesharp-ca");
        var (client, keyPem) = IssueRsaClientCertificate(ca, "dev");
        File.WriteAllText(Path.Combine(_dir, "ca.crt"), ca.ExportCertificatePem());
        Directory.CreateDirectory(Path.Combine(_dir, "pki"));
        File.WriteAllText(Path.Combine(_dir, "pki", "dev.crt"), client.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dir, "pki", "dev.key"), keyPem);
        var path = Path.Combine(_dir, "config");
        File.WriteAllText(path, """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: c
              cluster:
                server: https://kube.example:6443
                certificate-authority: ca.crt
                tls-server-name: kubernetes
            users:
            - name: dev
              user:
                client-certificate: pki/dev.crt
                client-key: pki/dev.key
            contexts:
            - name: dev
              context: {cluster: c, user: dev}
            """);

        var config = KubernetesClientConfiguration.FromKubeConfig(path);

        Assert.Equal("default", config.Namespace);
        Assert.Equal("kubernetes", config.TlsServerName);
        Assert.Single(config.CertificateAuthorities);
        Assert.NotNull(config.ClientCertificate?.GetRSAPrivateKey());
    }

    [Fact]
    public void A_named_context_overrides_current_context_and_token_and_skip_verify_are_read()
    {
        var yaml = """
            current-context: a
            clusters:
            - {name: one, cluster: {server: "https://one:6443"}}
            - {name: two, cluster: {server: "https://two:6443", insecure-skip-tls-verify: true}}
            users:
            - {name: bot, user: {token: s3cret}}
            contexts:
            - {name: a, context: {cluster: one, user: bot}}
            - {name: b, context: {cluster: two, user: bot, namespace: kube-system}}
            """;

        var config = KubernetesClientConfiguration.FromKubeConfigYaml(yaml, context: "b");

        Assert.Equal("two", config.Server.Host);
        Assert.True(config.SkipTlsVerify);
        Assert.Equal("s3cret", config.AccessToken);
        Assert.Equal("kube-system", config.Namespace);
    }

    [Fact]
    public void A_missing_context_is_reported_by_name()
    {
        var e = Assert.Throws<KubeConfigException>(() =>
            KubernetesClientConfiguration.FromKubeConfigYaml("current-context: nope\nclusters: []\nusers: []\ncontexts: []\n"));
        Assert.Contains("\"nope\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merged_kubeconfig_files_keep_the_first_definition_of_each_name()
    {
        var first = KubernetesClientConfiguration.Parse("""
            current-context: x
            clusters: [{name: c, cluster: {server: "https://first:1"}}]
            contexts: [{name: x, context: {cluster: c}}]
            """);
        var second = KubernetesClientConfiguration.Parse("""
            current-context: y
            clusters: [{name: c, cluster: {server: "https://second:1"}}, {name: d, cluster: {server: "https://d:1"}}]
            contexts: [{name: y, context: {cluster: d}}]
            """);

        var merged = KubernetesClientConfiguration.Merge([first, second]);

        Assert.Equal("x", merged.CurrentContext);
        Assert.Equal("https://first:1", merged.Clusters.Single(c => c.Name == "c").Cluster.Server);
        Assert.Equal("https://d:1", KubernetesClientConfiguration.FromKubeConfig(merged, "y").Server.ToString().TrimEnd('/'));
    }

    [Fact]
    public void A_client_certificate_without_its_key_is_rejected()
    {
        using var ca = CreateCa("ca");
        var yaml = $"""
            current-context: a
            clusters:
            - name: c
              cluster:
                server: https://x:1
            users:
            - name: u
              user:
                client-certificate-data: {B64(ca.ExportCertificatePem())}
            contexts:
            - name: a
              context:
                cluster: c
                user: u
            """;

        Assert.Throws<KubeConfigException>(() => KubernetesClientConfiguration.FromKubeConfigYaml(yaml));
    }

    [Fact]
    public void In_cluster_configuration_reads_the_service_account_directory()
    {
        using var ca = CreateCa("cluster-ca");
        File.WriteAllText(Path.Combine(_dir, "token"), "sa-token\n");
        File.WriteAllText(Path.Combine(_dir, "ca.crt"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_dir, "namespace"), "apps");

        // The environment is process-wide; only this test sets these variables.
        Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_HOST", "10.96.0.1");
        Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_PORT", "443");
        try
        {
            var config = KubernetesClientConfiguration.InCluster(_dir);

            Assert.Equal(new Uri("https://10.96.0.1:443"), config.Server);
            Assert.Equal("apps", config.Namespace);
            Assert.Equal(Path.Combine(_dir, "token"), config.TokenFile);
            Assert.Single(config.CertificateAuthorities);
        }
        finally
        {
            Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_HOST", null);
            Environment.SetEnvironmentVariable("KUBERNETES_SERVICE_PORT", null);
        }
    }

    [Fact]
    public void A_server_certificate_is_trusted_only_if_it_chains_to_the_configured_ca()
    {
        using var ca = CreateCa("cluster-ca");
        using var other = CreateCa("other-ca");
        using var good = IssueServerCertificate(ca, "kubernetes");
        using var forged = IssueServerCertificate(other, "kubernetes");
        var roots = new X509Certificate2Collection { ca };

        Assert.True(KubernetesClient.ValidateAgainstRoots(good, SslPolicyErrors.RemoteCertificateChainErrors, roots));
        Assert.False(KubernetesClient.ValidateAgainstRoots(forged, SslPolicyErrors.RemoteCertificateChainErrors, roots));
        Assert.False(KubernetesClient.ValidateAgainstRoots(good, SslPolicyErrors.RemoteCertificateNameMismatch, roots));
    }
}
