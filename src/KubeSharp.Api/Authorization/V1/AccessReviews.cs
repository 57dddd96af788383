namespace KubeSharp.Api.Authorization.V1;

/// <summary>Whether the caller may perform an action (kubectl auth can-i). Create-only.</summary>
[KubernetesEntity("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", Namespaced = false)]
public sealed class SelfSubjectAccessReview : KubernetesObject
{
    /// <summary>The action to check.</summary>
    [Proto(2)] public SelfSubjectAccessReviewSpec? Spec { get; set; }
    /// <summary>Filled by the server: allowed or not.</summary>
    [Proto(3)] public SubjectAccessReviewStatus? Status { get; set; }
}

/// <summary>A resource or non-resource action; exactly one is set.</summary>
public sealed class SelfSubjectAccessReviewSpec
{
    /// <summary>An action on a resource.</summary>
    [Proto(1)] public ResourceAttributes? ResourceAttributes { get; set; }
    /// <summary>An action on a non-resource path.</summary>
    [Proto(2)] public NonResourceAttributes? NonResourceAttributes { get; set; }
}

/// <summary>Whether a given user or group may perform an action. Create-only.</summary>
[KubernetesEntity("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", Namespaced = false)]
public sealed class SubjectAccessReview : KubernetesObject
{
    /// <summary>The action and the subject to check.</summary>
    [Proto(2)] public SubjectAccessReviewSpec? Spec { get; set; }
    /// <summary>Filled by the server: allowed or not.</summary>
    [Proto(3)] public SubjectAccessReviewStatus? Status { get; set; }
}

/// <summary>Whether a given user or group may perform an action in one namespace. Create-only.</summary>
[KubernetesEntity("authorization.k8s.io", "v1", "LocalSubjectAccessReview", "localsubjectaccessreviews")]
public sealed class LocalSubjectAccessReview : KubernetesObject
{
    /// <summary>The action (in this namespace) and the subject to check.</summary>
    [Proto(2)] public SubjectAccessReviewSpec? Spec { get; set; }
    /// <summary>Filled by the server: allowed or not.</summary>
    [Proto(3)] public SubjectAccessReviewStatus? Status { get; set; }
}

/// <summary>An action and the user it is checked for; at least one of user and groups is set.</summary>
public sealed class SubjectAccessReviewSpec
{
    /// <summary>An action on a resource.</summary>
    [Proto(1)] public ResourceAttributes? ResourceAttributes { get; set; }
    /// <summary>An action on a non-resource path.</summary>
    [Proto(2)] public NonResourceAttributes? NonResourceAttributes { get; set; }
    /// <summary>The user to check.</summary>
    [Proto(3)] public string? User { get; set; }
    /// <summary>The groups to check.</summary>
    [Proto(4)] public List<string>? Groups { get; set; }
    /// <summary>Further attributes of the user.</summary>
    [Proto(5)] public Dictionary<string, List<string>>? Extra { get; set; }
    /// <summary>The user's uid.</summary>
    [Proto(6)] public string? Uid { get; set; }
}

/// <summary>An action on a resource, as the authorizer sees requests.</summary>
public sealed class ResourceAttributes
{
    /// <summary>The namespace; "" for cluster-scoped resources or all namespaces.</summary>
    [Proto(1)] public string? Namespace { get; set; }
    /// <summary>get, list, watch, create, update, patch, delete, deletecollection, impersonate, … or "*".</summary>
    [Proto(2)] public string? Verb { get; set; }
    /// <summary>The API group; "*" for all.</summary>
    [Proto(3)] public string? Group { get; set; }
    /// <summary>The API version; "*" for all.</summary>
    [Proto(4)] public string? Version { get; set; }
    /// <summary>The resource; "*" for all.</summary>
    [Proto(5)] public string? Resource { get; set; }
    /// <summary>The subresource; "" for none.</summary>
    [Proto(6)] public string? Subresource { get; set; }
    /// <summary>The object's name; "" for all.</summary>
    [Proto(7)] public string? Name { get; set; }
}

/// <summary>An action on a non-resource path such as /healthz.</summary>
public sealed class NonResourceAttributes
{
    /// <summary>The URL path.</summary>
    [Proto(1)] public string? Path { get; set; }
    /// <summary>The HTTP verb in lower case.</summary>
    [Proto(2)] public string? Verb { get; set; }
}

/// <summary>The answer of an access review.</summary>
public sealed class SubjectAccessReviewStatus
{
    /// <summary>Whether the action is allowed.</summary>
    [Proto(1), ProtoKeepZero] public bool? Allowed { get; set; }
    /// <summary>Whether the action is explicitly denied.</summary>
    [Proto(4)] public bool? Denied { get; set; }
    /// <summary>Why it is allowed or denied.</summary>
    [Proto(2)] public string? Reason { get; set; }
    /// <summary>An error evaluating the authorization policy.</summary>
    [Proto(3)] public string? EvaluationError { get; set; }
}

/// <summary>Every action the caller may perform in a namespace (kubectl auth can-i --list). Create-only.</summary>
[KubernetesEntity("authorization.k8s.io", "v1", "SelfSubjectRulesReview", "selfsubjectrulesreviews", Namespaced = false)]
public sealed class SelfSubjectRulesReview : KubernetesObject
{
    /// <summary>The namespace to list rules for.</summary>
    [Proto(2)] public SelfSubjectRulesReviewSpec? Spec { get; set; }
    /// <summary>Filled by the server: the rules.</summary>
    [Proto(3)] public SubjectRulesReviewStatus? Status { get; set; }
}

/// <summary>The namespace of a rules review.</summary>
public sealed class SelfSubjectRulesReviewSpec
{
    /// <summary>The namespace to list rules for.</summary>
    [Proto(1)] public string? Namespace { get; set; }
}

/// <summary>The rules a user has in a namespace.</summary>
public sealed class SubjectRulesReviewStatus
{
    /// <summary>Rules on resources.</summary>
    [Proto(1)] public List<ResourceRule>? ResourceRules { get; set; }
    /// <summary>Rules on non-resource paths.</summary>
    [Proto(2)] public List<NonResourceRule>? NonResourceRules { get; set; }
    /// <summary>Whether the list may be incomplete (an authorizer cannot list its rules).</summary>
    [Proto(3), ProtoKeepZero] public bool? Incomplete { get; set; }
    /// <summary>An error listing the rules.</summary>
    [Proto(4)] public string? EvaluationError { get; set; }
}

/// <summary>Verbs allowed on resources.</summary>
public sealed class ResourceRule
{
    /// <summary>The verbs.</summary>
    [Proto(1)] public List<string>? Verbs { get; set; }
    /// <summary>The API groups.</summary>
    [Proto(2)] public List<string>? ApiGroups { get; set; }
    /// <summary>The resources.</summary>
    [Proto(3)] public List<string>? Resources { get; set; }
    /// <summary>The object names; empty means all.</summary>
    [Proto(4)] public List<string>? ResourceNames { get; set; }
}

/// <summary>Verbs allowed on non-resource paths.</summary>
public sealed class NonResourceRule
{
    /// <summary>The verbs.</summary>
    [Proto(1)] public List<string>? Verbs { get; set; }
    /// <summary>The paths; a trailing * matches a prefix.</summary>
    [Proto(2)] public List<string>? NonResourceURLs { get; set; }
}
