using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KubeSharp.Api.Core.V1;
using NetV1 = KubeSharp.Api.Networking.V1;

namespace KubeSharp.Networking.Ingress;

/// <summary>
/// The certificates the HTTPS port presents, chosen by the client's SNI server name: the kubernetes.io/tls Secret of the
/// Ingress TLS entry naming that host (exact host before a <c>*.domain</c> entry), else a self-signed fallback. A TLS
/// entry without hosts covers the hosts of its Ingress's rules. Parsed certificates are kept per Secret version.
/// </summary>
internal sealed class IngressCertificates
{
    private readonly Dictionary<string, SslStreamCertificateContext> _byHost;
    private readonly List<(string Pattern, SslStreamCertificateContext Certificate)> _wildcards;

    private IngressCertificates(Dictionary<string, SslStreamCertificateContext> byHost, List<(string, SslStreamCertificateContext)> wildcards, SslStreamCertificateContext fallback)
    {
        _byHost = byHost;
        _wildcards = wildcards;
        Fallback = fallback;
    }

    public SslStreamCertificateContext Fallback { get; }

    /// <summary>The hosts with a certificate of their own (exact and wildcard patterns).</summary>
    public int Count => _byHost.Count + _wildcards.Count;

    public static IngressCertificates Build(IEnumerable<NetV1.Ingress> ingresses, Func<string, string, Secret?> secret, SecretCertificateCache cache, SslStreamCertificateContext fallback)
    {
        var byHost = new Dictionary<string, SslStreamCertificateContext>(StringComparer.Ordinal);
        var wildcards = new List<(string, SslStreamCertificateContext)>();
        foreach (var ingress in ingresses.OrderBy(i => i.Metadata?.CreationTimestamp ?? DateTimeOffset.MinValue))
        {
            var ns = ingress.Metadata?.Namespace ?? "default";
            foreach (var tls in ingress.Spec?.Tls ?? [])
            {
                if (tls.SecretName is not { Length: > 0 } secretName || cache.Get(secret(ns, secretName)) is not { } certificate)
                {
                    continue;
                }

                var hosts = tls.Hosts is { Count: > 0 } ? tls.Hosts : (ingress.Spec?.Rules ?? []).Select(r => r.Host).OfType<string>().ToList();
                foreach (var host in hosts.Where(h => h.Length > 0).Select(h => h.ToLowerInvariant()))
                {
                    if (host.StartsWith("*.", StringComparison.Ordinal))
                    {
                        wildcards.Add((host, certificate));
                    }
                    else
                    {
                        byHost.TryAdd(host, certificate);
                    }
                }
            }
        }

        return new IngressCertificates(byHost, wildcards, fallback);
    }

    /// <summary>The certificate for an SNI server name (null or unknown: the fallback).</summary>
    public SslStreamCertificateContext Select(string? serverName)
    {
        var host = IngressRouteTable.NormalizeHost(serverName);
        if (host.Length == 0)
        {
            return Fallback;
        }

        if (_byHost.TryGetValue(host, out var exact))
        {
            return exact;
        }

        foreach (var (pattern, certificate) in _wildcards)
        {
            if (IngressRouteTable.HostMatches(pattern, host))
            {
                return certificate;
            }
        }

        return Fallback;
    }

    /// <summary>A self-signed certificate for requests no Ingress TLS entry covers (as ingress controllers serve a "fake" one).</summary>
    public static SslStreamCertificateContext CreateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=KubeSharp Ingress Controller Fake Certificate, O=KubeSharp", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("ingress.local");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return SslStreamCertificateContext.Create(Persisted(certificate), null);
    }

    /// <summary>A certificate whose key TLS can use on every platform (a round trip through PKCS#12).</summary>
    internal static X509Certificate2 Persisted(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);

    /// <summary>Parsed kubernetes.io/tls Secrets by uid, kept with the resourceVersion they were parsed at, so an unchanged Secret is parsed once.</summary>
    internal sealed class SecretCertificateCache
    {
        private readonly Dictionary<string, (string? Version, SslStreamCertificateContext? Certificate)> _parsed = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        /// <summary>The certificate (with its chain) of a Secret with tls.crt and tls.key; null if missing or unparsable.</summary>
        public SslStreamCertificateContext? Get(Secret? secret)
        {
            if (secret?.Data is not { } data || !data.TryGetValue("tls.crt", out var crt) || !data.TryGetValue("tls.key", out var key))
            {
                return null;
            }

            var uid = secret.Metadata?.Uid ?? $"{secret.Metadata?.Namespace}/{secret.Metadata?.Name}";
            var version = secret.Metadata?.ResourceVersion;
            lock (_gate)
            {
                if (!_parsed.TryGetValue(uid, out var entry) || entry.Version != version || version is null)
                {
                    entry = (version, Parse(Encoding.ASCII.GetString(crt), Encoding.ASCII.GetString(key)));
                    _parsed[uid] = entry;
                }

                return entry.Certificate;
            }
        }

        private static SslStreamCertificateContext? Parse(string certificatePem, string keyPem)
        {
            try
            {
                using var leaf = X509Certificate2.CreateFromPem(certificatePem, keyPem);
                var chain = new X509Certificate2Collection();
                chain.ImportFromPem(certificatePem);
                var intermediates = new X509Certificate2Collection();
                foreach (var certificate in chain.Skip(1))
                {
                    intermediates.Add(certificate);
                }

                return SslStreamCertificateContext.Create(Persisted(leaf), intermediates, offline: true);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                return null;
            }
        }
    }
}
