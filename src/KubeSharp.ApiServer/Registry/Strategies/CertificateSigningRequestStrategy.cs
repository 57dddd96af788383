using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KubeSharp.Api;
using KubeSharp.Api.Certificates.V1;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Security;

namespace KubeSharp.ApiServer.Registry.Strategies;

/// <summary>
/// certificates.k8s.io/v1 CertificateSigningRequests as Kubernetes' registry keeps them: the
/// requester's identity comes from the request's user, the spec never changes after creation,
/// the main resource only updates metadata, /approval only the conditions and /status the rest of
/// the status (not the Approved/Denied conditions). Approved, Denied and Failed conditions stay once
/// set, and an issued certificate never changes.
/// </summary>
internal sealed class CertificateSigningRequestStrategy : TypedStrategy<CertificateSigningRequest>
{
    public const string Approved = "Approved";
    public const string Denied = "Denied";
    public const string Failed = "Failed";

    private static readonly string[] ApprovalTypes = [Approved, Denied];
    private static readonly string[] FinalTypes = [Approved, Denied, Failed];

    /// <summary>The key usages a request may ask for (certificates/v1 KeyUsage values).</summary>
    public static readonly string[] KnownUsages =
    [
        "signing", "digital signature", "content commitment", "key encipherment", "key agreement", "data encipherment",
        "cert sign", "crl sign", "encipher only", "decipher only", "any", "server auth", "client auth", "code signing",
        "email protection", "s/mime", "ipsec end system", "ipsec tunnel", "ipsec user", "timestamping", "ocsp signing",
        "microsoft sgc", "netscape sgc",
    ];

    public override bool TracksGeneration(ResourceDefinition definition) => false;

    public override IEnumerable<string> ValidateName(string name) => ObjectMetaValidation.PathSegmentName(name);

    public override IReadOnlyCollection<string> SelectableFields => ["spec.signerName"];

    protected override string? Field(CertificateSigningRequest obj, string field) =>
        field == "spec.signerName" ? obj.Spec?.SignerName ?? "" : null;

    protected override void Default(CertificateSigningRequest obj)
    {
        foreach (var c in obj.Status?.Conditions ?? [])
        {
            if (string.IsNullOrEmpty(c.Status))
            {
                c.Status = "True";
            }
        }
    }

    protected override void PrepareForCreate(CertificateSigningRequest obj)
    {
        // Requests are never created approved, and the requester is not the client's to say.
        obj.Status = null;
        obj.Spec ??= new CertificateSigningRequestSpec();
        obj.Spec.Username = null;
        obj.Spec.Uid = null;
        obj.Spec.Groups = null;
        obj.Spec.Extra = null;
    }

    public override void RecordRequester(KubernetesObject obj, UserInfo? user)
    {
        if (user is not null && obj is CertificateSigningRequest { Spec: { } spec })
        {
            spec.Username = user.Name;
            spec.Groups = user.Groups.Count > 0 ? [.. user.Groups] : null;
        }
    }

    public override KubernetesObject? UpdateThroughSubresource(string subresource, KubernetesObject desired, Storage.StoredObject current)
    {
        if (subresource is not ("approval" or "status"))
        {
            return null;
        }

        var updated = (CertificateSigningRequest)desired;
        var old = (CertificateSigningRequest)current.Clone();
        switch (subresource)
        {
            case "approval":
                // Only the conditions change; metadata follows the request, as for the main resource.
                updated.Status ??= new CertificateSigningRequestStatus();
                updated.Status.Certificate = old.Status?.Certificate;
                return updated;
            case "status":
                // The Approved and Denied conditions are /approval's: the stored ones stay as they are.
                var conditions = (updated.Status?.Conditions ?? []).Where(c => !ApprovalTypes.Contains(c.Type)).ToList();
                conditions.InsertRange(0, (old.Status?.Conditions ?? []).Where(c => ApprovalTypes.Contains(c.Type)));
                updated.Status ??= new CertificateSigningRequestStatus();
                updated.Status.Conditions = conditions.Count > 0 ? conditions : null;
                return updated;
            default:
                return null;
        }
    }

    protected override void PrepareForUpdate(CertificateSigningRequest obj, CertificateSigningRequest old)
    {
        obj.Spec = old.Spec;
        var now = DateTimeOffset.UtcNow;
        now = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        foreach (var c in obj.Status?.Conditions ?? [])
        {
            c.LastUpdateTime ??= now;
            c.LastTransitionTime ??= old.Status?.Conditions?.FirstOrDefault(o => o.Type == c.Type && o.Status == c.Status)?.LastTransitionTime ?? now;
        }
    }

    protected override IEnumerable<FieldError> Validate(CertificateSigningRequest obj)
    {
        var spec = obj.Spec ?? new CertificateSigningRequestSpec();
        if (RequestError(spec.Request) is { } requestError)
        {
            yield return FieldError.Invalid("spec.request", "<request data>", requestError);
        }

        foreach (var e in SignerNameErrors("spec.signerName", spec.SignerName ?? ""))
        {
            yield return e;
        }

        if (spec.ExpirationSeconds is { } seconds && seconds < 600)
        {
            yield return FieldError.Invalid("spec.expirationSeconds", seconds, "may not specify a duration less than 600 seconds (10 minutes)");
        }

        if (spec.Usages is not { Count: > 0 })
        {
            yield return FieldError.Required("spec.usages", "usages must be provided");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < spec.Usages.Count; i++)
            {
                var usage = spec.Usages[i];
                if (!KnownUsages.Contains(usage))
                {
                    yield return FieldError.NotSupported($"spec.usages[{i}]", usage, KnownUsages);
                }
                else if (!seen.Add(usage))
                {
                    yield return FieldError.Duplicate($"spec.usages[{i}]", usage);
                }
            }
        }

        foreach (var e in StatusErrors(obj.Status))
        {
            yield return e;
        }
    }

    protected override IEnumerable<FieldError> ValidateUpdate(CertificateSigningRequest obj, CertificateSigningRequest old)
    {
        var conditions = obj.Status?.Conditions ?? [];
        foreach (var before in old.Status?.Conditions ?? [])
        {
            if (!FinalTypes.Contains(before.Type))
            {
                continue;
            }

            var now = conditions.FindIndex(c => c.Type == before.Type);
            if (now < 0)
            {
                yield return FieldError.Forbidden("status.conditions", $"updates may not remove a condition of type \"{before.Type}\"");
            }
            else if (!SameCondition(conditions[now], before))
            {
                yield return FieldError.Forbidden($"status.conditions[{now}]", $"updates may not modify a condition of type \"{before.Type}\"");
            }
        }

        if (old.Status?.Certificate is { Length: > 0 } issued && !issued.AsSpan().SequenceEqual(obj.Status?.Certificate ?? []))
        {
            yield return FieldError.Forbidden("status.certificate", "updates may not modify existing certificate content");
        }
    }

    private static bool SameCondition(CertificateSigningRequestCondition a, CertificateSigningRequestCondition b) =>
        a.Status == b.Status && (a.Reason ?? "") == (b.Reason ?? "") && (a.Message ?? "") == (b.Message ?? "");

    private static IEnumerable<FieldError> StatusErrors(CertificateSigningRequestStatus? status)
    {
        var conditions = status?.Conditions ?? [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < conditions.Count; i++)
        {
            var c = conditions[i];
            var path = $"status.conditions[{i}]";
            if (string.IsNullOrEmpty(c.Type))
            {
                yield return FieldError.Required(path + ".type");
                continue;
            }

            if (FinalTypes.Contains(c.Type))
            {
                if (c.Status != "True")
                {
                    yield return FieldError.NotSupported(path + ".status", c.Status, ["True"]);
                }

                if (!seen.Add(c.Type))
                {
                    yield return FieldError.Duplicate(path + ".type", c.Type);
                }
            }
            else if (c.Status is not ("True" or "False" or "Unknown"))
            {
                yield return FieldError.NotSupported(path + ".status", c.Status, ["False", "True", "Unknown"]);
            }
        }

        if (seen.Contains(Approved) && seen.Contains(Denied))
        {
            yield return FieldError.Invalid("status.conditions", "<conditions>", "Approved and Denied conditions are mutually exclusive");
        }

        if (status?.Certificate is { Length: > 0 } certificate && CertificateError(certificate) is { } error)
        {
            yield return FieldError.Invalid("status.certificate", "<certificate data>", error);
        }
    }

    /// <summary>Why <paramref name="request"/> is not a PEM PKCS#10 request with a valid self-signature; null when it is.</summary>
    internal static string? RequestError(byte[]? request)
    {
        var text = Encoding.ASCII.GetString(request ?? []);
        if (!PemEncoding.TryFind(text, out var fields) || text[fields.Label] != "CERTIFICATE REQUEST")
        {
            return "PEM block type must be CERTIFICATE REQUEST";
        }

        try
        {
            CertificateRequest.LoadSigningRequestPem(text[fields.Location], HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
            return null;
        }
        catch (CryptographicException e)
        {
            return "x509: " + e.Message;
        }
    }

    /// <summary>Why <paramref name="certificate"/> is not one or more PEM CERTIFICATE blocks; null when it is.</summary>
    private static string? CertificateError(byte[] certificate)
    {
        var text = Encoding.ASCII.GetString(certificate);
        var blocks = 0;
        var rest = text.AsMemory();
        while (PemEncoding.TryFind(rest.Span, out var fields))
        {
            var label = rest.Span[fields.Label].ToString();
            if (label != "CERTIFICATE")
            {
                return $"only CERTIFICATE PEM blocks are allowed, found \"{label}\"";
            }

            try
            {
                using var parsed = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest.Span[fields.Base64Data].ToString()));
            }
            catch (CryptographicException e)
            {
                return "failed to parse certificate: " + e.Message;
            }

            blocks++;
            rest = rest[fields.Location.End..];
        }

        return blocks == 0 ? "must contain at least one CERTIFICATE PEM block" : null;
    }

    /// <summary>A signer name is "domain/path": a domain of at least two DNS labels, then DNS-subdomain path components.</summary>
    internal static IEnumerable<FieldError> SignerNameErrors(string path, string signerName)
    {
        if (signerName.Length == 0)
        {
            yield return FieldError.Required(path);
            yield break;
        }

        var segments = signerName.Split('/');
        if (segments.Length != 2)
        {
            yield return FieldError.Invalid(path, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'");
            yield break;
        }

        var (domain, rest) = (segments[0], segments[1]);
        if (domain.Length > 253)
        {
            yield return FieldError.TooLong(path, 253);
        }

        var labels = domain.Split('.');
        foreach (var label in labels)
        {
            var errors = ObjectMetaValidation.Dns1123Label(label).ToList();
            foreach (var e in errors)
            {
                yield return FieldError.Invalid(path, domain, $"validating label \"{label}\": {e}");
            }

            if (errors.Count > 0)
            {
                break;
            }
        }

        if (labels.Length < 2)
        {
            yield return FieldError.Invalid(path, domain, "should be a domain with at least two segments separated by dots");
        }

        foreach (var component in rest.Split('.'))
        {
            var errors = ObjectMetaValidation.Dns1123Subdomain(component).ToList();
            foreach (var e in errors)
            {
                yield return FieldError.Invalid(path, rest, $"validating component \"{component}\": {e}");
            }

            if (errors.Count > 0)
            {
                break;
            }
        }

        if (rest.Length > 253 + 63 + 1)
        {
            yield return FieldError.TooLong(path, 253 + 63 + 1);
        }
    }
}
