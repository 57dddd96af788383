namespace KubeSharp.Api.Authentication.V1;

/// <summary>Requests a token for a service account (the serviceaccounts/token subresource).</summary>
[KubernetesEntity("authentication.k8s.io", "v1", "TokenRequest", "tokenrequests", IsResource = false)]
public sealed class TokenRequest : KubernetesObject
{
    [Proto(2)] public TokenRequestSpec? Spec { get; set; }
    [Proto(3)] public TokenRequestStatus? Status { get; set; }
}

public sealed class TokenRequestSpec
{
    /// <summary>Intended audiences of the token; empty means the API server's.</summary>
    [Proto(1)] public List<string>? Audiences { get; set; }
    /// <summary>Requested validity of the token in seconds.</summary>
    [Proto(4)] public long? ExpirationSeconds { get; set; }
    /// <summary>An object the token is bound to; the token is invalid once it is deleted.</summary>
    [Proto(3)] public BoundObjectReference? BoundObjectRef { get; set; }
}

public sealed class BoundObjectReference
{
    [Proto(1)] public string? Kind { get; set; }
    [Proto(2)] public string? ApiVersion { get; set; }
    [Proto(3)] public string? Name { get; set; }
    [Proto(4)] public string? Uid { get; set; }
}

public sealed class TokenRequestStatus
{
    /// <summary>The opaque bearer token.</summary>
    [Proto(1)] public string? Token { get; set; }
    [Proto(2)] public DateTimeOffset? ExpirationTimestamp { get; set; }
}
