namespace KubeSharp.Api.Authentication.V1;

/// <summary>Who the caller is, as the API server authenticated them (kubectl auth whoami). Create-only.</summary>
[KubernetesEntity("authentication.k8s.io", "v1", "SelfSubjectReview", "selfsubjectreviews", Namespaced = false)]
public sealed class SelfSubjectReview : KubernetesObject
{
    /// <summary>Filled by the server: the caller's user information.</summary>
    [Proto(2)] public SelfSubjectReviewStatus? Status { get; set; }
}

/// <summary>The caller's user information.</summary>
public sealed class SelfSubjectReviewStatus
{
    /// <summary>The user's name, uid, groups and extra attributes.</summary>
    [Proto(1)] public UserInfo? UserInfo { get; set; }
}

/// <summary>Asks the API server to authenticate a bearer token. Create-only.</summary>
[KubernetesEntity("authentication.k8s.io", "v1", "TokenReview", "tokenreviews", Namespaced = false)]
public sealed class TokenReview : KubernetesObject
{
    /// <summary>The token to check.</summary>
    [Proto(2)] public TokenReviewSpec? Spec { get; set; }
    /// <summary>Filled by the server: whether the token is valid and whose it is.</summary>
    [Proto(3)] public TokenReviewStatus? Status { get; set; }
}

/// <summary>A token and the audiences it must be valid for.</summary>
public sealed class TokenReviewSpec
{
    /// <summary>The opaque bearer token.</summary>
    [Proto(1)] public string? Token { get; set; }
    /// <summary>Audiences the token must be valid for; empty means the API server's.</summary>
    [Proto(2)] public List<string>? Audiences { get; set; }
}

/// <summary>The result of a token review.</summary>
public sealed class TokenReviewStatus
{
    /// <summary>Whether the token is valid.</summary>
    [Proto(1)] public bool? Authenticated { get; set; }
    /// <summary>The user the token belongs to.</summary>
    [Proto(2)] public UserInfo? User { get; set; }
    /// <summary>The audiences the token is valid for.</summary>
    [Proto(4)] public List<string>? Audiences { get; set; }
    /// <summary>Why the token could not be checked.</summary>
    [Proto(3)] public string? Error { get; set; }
}

/// <summary>An authenticated user: name, uid, groups and extra attributes.</summary>
public sealed class UserInfo
{
    /// <summary>The name that uniquely identifies the user.</summary>
    [Proto(1)] public string? Username { get; set; }
    /// <summary>A unique value that identifies the user across time.</summary>
    [Proto(2)] public string? Uid { get; set; }
    /// <summary>The groups the user is a member of.</summary>
    [Proto(3)] public List<string>? Groups { get; set; }
    /// <summary>Further attributes the authenticator provided.</summary>
    [Proto(4)] public Dictionary<string, List<string>>? Extra { get; set; }
}
