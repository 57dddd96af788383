namespace KubeSharp.Api.Certificates.V1;

/// <summary>
/// A request for a signed X.509 certificate: a PKCS#10 request for a signer (spec.signerName) that,
/// once approved, issues the certificate into status.certificate.
/// </summary>
[KubernetesEntity("certificates.k8s.io", "v1", "CertificateSigningRequest", "certificatesigningrequests", Namespaced = false, ShortNames = ["csr"], Subresources = ["approval", "status"])]
public sealed class CertificateSigningRequest : KubernetesObject
{
    /// <summary>The certificate request and its attributes; immutable after creation.</summary>
    [Proto(2)] public CertificateSigningRequestSpec? Spec { get; set; }
    /// <summary>Whether the request is approved or denied, and the issued certificate.</summary>
    [Proto(3)] public CertificateSigningRequestStatus? Status { get; set; }
}

/// <summary>The request and the identity of the user who made it.</summary>
public sealed class CertificateSigningRequestSpec
{
    /// <summary>A PEM-encoded PKCS#10 certificate request ("CERTIFICATE REQUEST" block), base64-encoded in JSON.</summary>
    [Proto(1)] public byte[]? Request { get; set; }
    /// <summary>
    /// The signer the request is for, as "domain/path". Well-known signers: kubernetes.io/kube-apiserver-client,
    /// kubernetes.io/kube-apiserver-client-kubelet, kubernetes.io/kubelet-serving, kubernetes.io/legacy-unknown.
    /// </summary>
    [Proto(7)] public string? SignerName { get; set; }
    /// <summary>The requested validity of the certificate in seconds (at least 600); the signer may issue a shorter one.</summary>
    [Proto(8)] public int? ExpirationSeconds { get; set; }
    /// <summary>The key usages and extended key usages requested ("digital signature", "key encipherment", "client auth", "server auth", …).</summary>
    [Proto(5)] public List<string>? Usages { get; set; }
    /// <summary>The name of the user who created the request; set by the server.</summary>
    [Proto(2)] public string? Username { get; set; }
    /// <summary>The UID of the user who created the request; set by the server.</summary>
    [Proto(3)] public string? Uid { get; set; }
    /// <summary>The groups of the user who created the request; set by the server.</summary>
    [Proto(4)] public List<string>? Groups { get; set; }
    /// <summary>Extra attributes of the user who created the request; set by the server.</summary>
    [Proto(6)] public Dictionary<string, List<string>>? Extra { get; set; }
}

/// <summary>The approval state of a request and the issued certificate.</summary>
public sealed class CertificateSigningRequestStatus
{
    /// <summary>Conditions of the request: "Approved", "Denied" and "Failed" are known.</summary>
    [Proto(1)] public List<CertificateSigningRequestCondition>? Conditions { get; set; }
    /// <summary>The issued certificate (PEM "CERTIFICATE" blocks), set by the signer once approved; immutable once set.</summary>
    [Proto(2)] public byte[]? Certificate { get; set; }
}

/// <summary>One condition of a certificate signing request.</summary>
public sealed class CertificateSigningRequestCondition
{
    /// <summary>The type of the condition: Approved, Denied, Failed or another.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>True, False or Unknown (defaults to True). Approved, Denied and Failed must be True.</summary>
    [Proto(6)] public string? Status { get; set; }
    /// <summary>A one-word, CamelCase reason for the condition.</summary>
    [Proto(2)] public string? Reason { get; set; }
    /// <summary>A human-readable message with details.</summary>
    [Proto(3)] public string? Message { get; set; }
    /// <summary>When the condition was last updated.</summary>
    [Proto(4)] public DateTimeOffset? LastUpdateTime { get; set; }
    /// <summary>When the condition last changed status.</summary>
    [Proto(5)] public DateTimeOffset? LastTransitionTime { get; set; }
}
