using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KubeSharp.Api.Certificates.V1;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Security;
using KubeSharp.ApiServer.Storage;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Lifecycle;

/// <summary>
/// The certificate signer (kube-controller-manager's csrsigning controllers): approved requests for
/// kubernetes.io/kube-apiserver-client, kubernetes.io/kube-apiserver-client-kubelet and
/// kubernetes.io/legacy-unknown are signed with the cluster CA and their certificate written to
/// status.certificate; a request its signer refuses gets a Failed condition (SignerValidationFailure).
/// The issued certificate keeps the request's subject, public key and subject alternative names and is
/// valid for spec.expirationSeconds (at least 10 minutes), else <see cref="DefaultDuration"/>, never
/// past the CA's own expiry.
/// </summary>
public sealed class CertificateSigner(ResourceStore store, ClusterCertificates certificates, ILogger logger)
{
    public const string KubeApiServerClient = "kubernetes.io/kube-apiserver-client";
    public const string KubeApiServerClientKubelet = "kubernetes.io/kube-apiserver-client-kubelet";
    public const string LegacyUnknown = "kubernetes.io/legacy-unknown";

    /// <summary>kube-controller-manager's --cluster-signing-duration default (8760h).</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromDays(365);

    public IAsyncDisposable Start() => new BackgroundLoop(async ct =>
    {
        var definition = store.Catalog.Get<CertificateSigningRequest>();
        var watcher = store.Cache.Watch(definition, null, _ => true);
        try
        {
            await foreach (var ev in watcher.Events.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (ev.Type != WatchEventType.Deleted && ev.Object.Object is CertificateSigningRequest csr && NeedsSigning(csr))
                {
                    await SignAsync(csr.Metadata!.Name!, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            watcher.Stop();
        }
    });

    /// <summary>Approved, not failed, not issued yet, and for a signer this server runs.</summary>
    public static bool NeedsSigning(CertificateSigningRequest csr)
    {
        var types = csr.Status?.Conditions?.Select(c => c.Type).ToList() ?? [];
        return types.Contains("Approved") && !types.Contains("Denied") && !types.Contains("Failed")
            && csr.Status?.Certificate is not { Length: > 0 }
            && csr.Spec?.SignerName is KubeApiServerClient or KubeApiServerClientKubelet or LegacyUnknown;
    }

    private async Task SignAsync(string name, CancellationToken ct)
    {
        var definition = store.Catalog.Get<CertificateSigningRequest>();
        try
        {
            await store.UpdateAsync(definition, null, name, current =>
            {
                var csr = current!.Clone<CertificateSigningRequest>();
                if (!NeedsSigning(csr))
                {
                    return csr;
                }

                csr.Status ??= new CertificateSigningRequestStatus();
                try
                {
                    csr.Status.Certificate = Encoding.ASCII.GetBytes(Issue(csr, DateTimeOffset.UtcNow).ExportCertificatePem() + "\n");
                }
                catch (SignerRefusalException e)
                {
                    var now = DateTimeOffset.UtcNow;
                    (csr.Status.Conditions ??= []).Add(new CertificateSigningRequestCondition
                    {
                        Type = "Failed",
                        Status = "True",
                        Reason = "SignerValidationFailure",
                        Message = e.Message,
                        LastUpdateTime = now,
                        LastTransitionTime = now,
                    });
                }

                return csr;
            }, new WriteOptions(FieldManager: "kube-controller-manager", Subresource: "status"), allowCreate: false, ct).ConfigureAwait(false);
        }
        catch (ApiException e) when (e.Code is 404)
        {
        }
        catch (ApiException e)
        {
            logger.LogWarning("could not sign certificate signing request {Name}: {Message}", name, e.Message);
        }
    }

    /// <summary>Signs <paramref name="csr"/> with the cluster CA, after its signer's checks.</summary>
    /// <exception cref="SignerRefusalException">The signer does not issue this request.</exception>
    public X509Certificate2 Issue(CertificateSigningRequest csr, DateTimeOffset now)
    {
        var spec = csr.Spec!;
        var usages = spec.Usages ?? [];
        CertificateRequest incoming;
        try
        {
            incoming = CertificateRequest.LoadSigningRequestPem(Encoding.ASCII.GetString(spec.Request ?? []), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        catch (CryptographicException e)
        {
            throw new SignerRefusalException("unable to parse csr: " + e.Message);
        }

        var san = incoming.CertificateExtensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault()
            ?? incoming.CertificateExtensions.FirstOrDefault(e => e.Oid?.Value == "2.5.29.17");
        switch (spec.SignerName)
        {
            case KubeApiServerClient:
                CheckClientUsages(usages);
                break;
            case KubeApiServerClientKubelet:
                CheckKubeletClient(incoming, san, usages);
                break;
        }

        var request = new CertificateRequest(incoming.SubjectName, incoming.PublicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var keyUsage = KeyUsageFlags(usages);
        if (keyUsage != X509KeyUsageFlags.None)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, true));
        }

        var extended = ExtendedUsages(usages);
        if (extended.Count > 0)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(extended, false));
        }

        if (san is not null)
        {
            request.CertificateExtensions.Add(new X509Extension(san.Oid!, san.RawData, false));
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(certificates.CertificateAuthority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var duration = spec.ExpirationSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Max(seconds, 600)) : DefaultDuration;
        var notAfter = now + (duration < DefaultDuration ? duration : DefaultDuration);
        var caNotAfter = new DateTimeOffset(certificates.CertificateAuthority.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        if (notAfter > caNotAfter)
        {
            notAfter = caNotAfter;
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var caKey = certificates.CertificateAuthority.GetECDsaPrivateKey()!;
        return request.Create(certificates.CertificateAuthority.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), notAfter, serial);
    }

    private static void CheckClientUsages(List<string> usages)
    {
        foreach (var u in usages)
        {
            if (u is not ("digital signature" or "key encipherment" or "client auth"))
            {
                throw new SignerRefusalException($"invalid usage for client certificate: {u}");
            }
        }

        if (!usages.Contains("client auth"))
        {
            throw new SignerRefusalException("missing required usage for client certificate: client auth");
        }
    }

    private static void CheckKubeletClient(CertificateRequest request, X509Extension? san, List<string> usages)
    {
        var organizations = request.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(r => r.GetSingleElementType().Value == "2.5.4.10").Select(r => r.GetSingleElementValue()).ToList();
        if (organizations is not ["system:nodes"])
        {
            throw new SignerRefusalException("subject organization is not system:nodes");
        }

        var commonName = request.SubjectName.EnumerateRelativeDistinguishedNames()
            .FirstOrDefault(r => r.GetSingleElementType().Value == "2.5.4.3")?.GetSingleElementValue() ?? "";
        if (!commonName.StartsWith("system:node:", StringComparison.Ordinal))
        {
            throw new SignerRefusalException("subject common name does not begin with system:node:");
        }

        if (san is not null)
        {
            throw new SignerRefusalException("subject alternative names are not allowed");
        }

        CheckClientUsages(usages);
    }

    private static X509KeyUsageFlags KeyUsageFlags(List<string> usages)
    {
        var flags = X509KeyUsageFlags.None;
        foreach (var u in usages)
        {
            flags |= u switch
            {
                "signing" or "digital signature" => X509KeyUsageFlags.DigitalSignature,
                "content commitment" => X509KeyUsageFlags.NonRepudiation,
                "key encipherment" => X509KeyUsageFlags.KeyEncipherment,
                "key agreement" => X509KeyUsageFlags.KeyAgreement,
                "data encipherment" => X509KeyUsageFlags.DataEncipherment,
                "cert sign" => X509KeyUsageFlags.KeyCertSign,
                "crl sign" => X509KeyUsageFlags.CrlSign,
                "encipher only" => X509KeyUsageFlags.EncipherOnly,
                "decipher only" => X509KeyUsageFlags.DecipherOnly,
                _ => X509KeyUsageFlags.None,
            };
        }

        return flags;
    }

    private static OidCollection ExtendedUsages(List<string> usages)
    {
        var oids = new OidCollection();
        foreach (var u in usages)
        {
            var oid = u switch
            {
                "any" => "2.5.29.37.0",
                "server auth" => "1.3.6.1.5.5.7.3.1",
                "client auth" => "1.3.6.1.5.5.7.3.2",
                "code signing" => "1.3.6.1.5.5.7.3.3",
                "email protection" or "s/mime" => "1.3.6.1.5.5.7.3.4",
                "ipsec end system" => "1.3.6.1.5.5.7.3.5",
                "ipsec tunnel" => "1.3.6.1.5.5.7.3.6",
                "ipsec user" => "1.3.6.1.5.5.7.3.7",
                "timestamping" => "1.3.6.1.5.5.7.3.8",
                "ocsp signing" => "1.3.6.1.5.5.7.3.9",
                "microsoft sgc" => "1.3.6.1.4.1.311.10.3.3",
                "netscape sgc" => "2.16.840.1.113730.4.1",
                _ => null,
            };
            if (oid is not null)
            {
                oids.Add(new Oid(oid));
            }
        }

        return oids;
    }
}

/// <summary>A signer's reason for not issuing a request; becomes the message of its Failed condition.</summary>
public sealed class SignerRefusalException(string message) : Exception(message);
