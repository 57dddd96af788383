namespace KubeSharp.Api.Flowcontrol.V1;

/// <summary>
/// API priority and fairness: which requests (by subject and resource) belong to which priority
/// level, and how they are divided into flows. Stored and served; this server does not apply them.
/// </summary>
[KubernetesEntity("flowcontrol.apiserver.k8s.io", "v1", "FlowSchema", "flowschemas", Namespaced = false, Subresources = ["status"])]
public sealed class FlowSchema : KubernetesObject
{
    /// <summary>The matching rules and the priority level of matched requests.</summary>
    [Proto(2)] public FlowSchemaSpec? Spec { get; set; }
    /// <summary>The current state of the schema.</summary>
    [Proto(3)] public FlowSchemaStatus? Status { get; set; }
}

/// <summary>What a FlowSchema matches and where matched requests go.</summary>
public sealed class FlowSchemaSpec
{
    /// <summary>The priority level the matched requests are assigned to. Required.</summary>
    [Proto(1)] public PriorityLevelConfigurationReference? PriorityLevelConfiguration { get; set; }
    /// <summary>The order among schemas: lower values match first (1 to 10000; default 1000).</summary>
    [Proto(2)] public int? MatchingPrecedence { get; set; }
    /// <summary>How matched requests are divided into flows (ByUser or ByNamespace); null puts them all in one flow.</summary>
    [Proto(3)] public FlowDistinguisherMethod? DistinguisherMethod { get; set; }
    /// <summary>The rules; a request matches when at least one rule does.</summary>
    [Proto(4)] public List<PolicyRulesWithSubjects>? Rules { get; set; }
}

/// <summary>A reference to a PriorityLevelConfiguration by name.</summary>
public sealed class PriorityLevelConfigurationReference
{
    /// <summary>The name of the priority level configuration.</summary>
    [Proto(1)] public string? Name { get; set; }
}

/// <summary>How flows are told apart.</summary>
public sealed class FlowDistinguisherMethod
{
    /// <summary>ByUser or ByNamespace.</summary>
    [Proto(1)] public string? Type { get; set; }
}

/// <summary>Subjects and the requests of theirs that match.</summary>
public sealed class PolicyRulesWithSubjects
{
    /// <summary>The users, groups or service accounts the rule applies to. Required.</summary>
    [Proto(1)] public List<Subject>? Subjects { get; set; }
    /// <summary>Resource requests that match.</summary>
    [Proto(2)] public List<ResourcePolicyRule>? ResourceRules { get; set; }
    /// <summary>Non-resource requests that match.</summary>
    [Proto(3)] public List<NonResourcePolicyRule>? NonResourceRules { get; set; }
}

/// <summary>The originator of a request: a user, group or service account.</summary>
public sealed class Subject
{
    /// <summary>User, Group or ServiceAccount.</summary>
    [Proto(1)] public string? Kind { get; set; }
    /// <summary>The user (kind User).</summary>
    [Proto(2)] public UserSubject? User { get; set; }
    /// <summary>The group (kind Group).</summary>
    [Proto(3)] public GroupSubject? Group { get; set; }
    /// <summary>The service account (kind ServiceAccount).</summary>
    [Proto(4)] public ServiceAccountSubject? ServiceAccount { get; set; }
}

/// <summary>A user by name.</summary>
public sealed class UserSubject
{
    /// <summary>The user name; "*" matches all users.</summary>
    [Proto(1)] public string? Name { get; set; }
}

/// <summary>A group by name.</summary>
public sealed class GroupSubject
{
    /// <summary>The group name; "*" matches all groups.</summary>
    [Proto(1)] public string? Name { get; set; }
}

/// <summary>A service account by namespace and name.</summary>
public sealed class ServiceAccountSubject
{
    /// <summary>The namespace of the service account.</summary>
    [Proto(1)] public string? Namespace { get; set; }
    /// <summary>The name of the service account; "*" matches all in the namespace.</summary>
    [Proto(2)] public string? Name { get; set; }
}

/// <summary>Matching resource requests: verb, API group, resource and namespace.</summary>
public sealed class ResourcePolicyRule
{
    /// <summary>The verbs that match; "*" matches all.</summary>
    [Proto(1)] public List<string>? Verbs { get; set; }
    /// <summary>The API groups that match; "*" matches all.</summary>
    [Proto(2)] public List<string>? ApiGroups { get; set; }
    /// <summary>The resources (and "resource/subresource") that match; "*" matches all.</summary>
    [Proto(3)] public List<string>? Resources { get; set; }
    /// <summary>Whether requests without a namespace match.</summary>
    [Proto(4)] public bool? ClusterScope { get; set; }
    /// <summary>The namespaces that match; "*" matches all.</summary>
    [Proto(5)] public List<string>? Namespaces { get; set; }
}

/// <summary>Matching non-resource requests: verb and URL path.</summary>
public sealed class NonResourcePolicyRule
{
    /// <summary>The verbs that match; "*" matches all.</summary>
    [Proto(1)] public List<string>? Verbs { get; set; }
    /// <summary>The URL paths that match; a trailing "/*" matches a prefix.</summary>
    [Proto(6), System.Text.Json.Serialization.JsonPropertyName("nonResourceURLs")] public List<string>? NonResourceUrls { get; set; }
}

/// <summary>The observed state of a FlowSchema.</summary>
public sealed class FlowSchemaStatus
{
    /// <summary>The current conditions (e.g. Dangling: the referenced priority level does not exist).</summary>
    [Proto(1), PatchMerge("type")] public List<FlowSchemaCondition>? Conditions { get; set; }
}

/// <summary>A condition of a FlowSchema.</summary>
public sealed class FlowSchemaCondition
{
    /// <summary>The type of the condition.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>True, False or Unknown.</summary>
    [Proto(2)] public string? Status { get; set; }
    /// <summary>When the condition last changed status.</summary>
    [Proto(3)] public DateTimeOffset? LastTransitionTime { get; set; }
    /// <summary>A one-word, CamelCase reason for the last transition.</summary>
    [Proto(4)] public string? Reason { get; set; }
    /// <summary>A human-readable message about the last transition.</summary>
    [Proto(5)] public string? Message { get; set; }
}

/// <summary>A condition of a PriorityLevelConfiguration.</summary>
public sealed class PriorityLevelConfigurationCondition
{
    /// <summary>The type of the condition.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>True, False or Unknown.</summary>
    [Proto(2)] public string? Status { get; set; }
    /// <summary>When the condition last changed status.</summary>
    [Proto(3)] public DateTimeOffset? LastTransitionTime { get; set; }
    /// <summary>A one-word, CamelCase reason for the last transition.</summary>
    [Proto(4)] public string? Reason { get; set; }
    /// <summary>A human-readable message about the last transition.</summary>
    [Proto(5)] public string? Message { get; set; }
}

/// <summary>A priority level: how much of the server's concurrency its requests get, and what happens to excess requests.</summary>
[KubernetesEntity("flowcontrol.apiserver.k8s.io", "v1", "PriorityLevelConfiguration", "prioritylevelconfigurations", Namespaced = false, Subresources = ["status"])]
public sealed class PriorityLevelConfiguration : KubernetesObject
{
    /// <summary>The configuration of the priority level.</summary>
    [Proto(2)] public PriorityLevelConfigurationSpec? Spec { get; set; }
    /// <summary>The current state of the priority level.</summary>
    [Proto(3)] public PriorityLevelConfigurationStatus? Status { get; set; }
}

/// <summary>An exempt or limited priority level.</summary>
public sealed class PriorityLevelConfigurationSpec
{
    /// <summary>Exempt (never queued or limited) or Limited. Required.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>The limits of a Limited level.</summary>
    [Proto(2)] public LimitedPriorityLevelConfiguration? Limited { get; set; }
    /// <summary>The settings of an Exempt level.</summary>
    [Proto(3)] public ExemptPriorityLevelConfiguration? Exempt { get; set; }
}

/// <summary>The concurrency limits of a Limited priority level.</summary>
public sealed class LimitedPriorityLevelConfiguration
{
    /// <summary>The level's share of the server's concurrency limit (default 30).</summary>
    [Proto(1)] public int? NominalConcurrencyShares { get; set; }
    /// <summary>What happens to requests beyond the limit.</summary>
    [Proto(2)] public LimitResponse? LimitResponse { get; set; }
    /// <summary>The percentage of the level's seats other levels may borrow (default 0).</summary>
    [Proto(3)] public int? LendablePercent { get; set; }
    /// <summary>How much the level may borrow from others, as a percentage of its own limit; unset means no limit.</summary>
    [Proto(4)] public int? BorrowingLimitPercent { get; set; }
}

/// <summary>The settings of an Exempt priority level.</summary>
public sealed class ExemptPriorityLevelConfiguration
{
    /// <summary>The level's share of the server's concurrency limit (default 0).</summary>
    [Proto(1)] public int? NominalConcurrencyShares { get; set; }
    /// <summary>The percentage of the level's seats other levels may borrow (default 0).</summary>
    [Proto(2)] public int? LendablePercent { get; set; }
}

/// <summary>How requests beyond a limited level's concurrency are handled.</summary>
public sealed class LimitResponse
{
    /// <summary>Queue or Reject. Required.</summary>
    [Proto(1)] public string? Type { get; set; }
    /// <summary>The queues of a Queue response.</summary>
    [Proto(2)] public QueuingConfiguration? Queuing { get; set; }
}

/// <summary>The queues of a priority level.</summary>
public sealed class QueuingConfiguration
{
    /// <summary>The number of queues (default 64).</summary>
    [Proto(1)] public int? Queues { get; set; }
    /// <summary>The number of queues a flow is shuffle-sharded to (default 8).</summary>
    [Proto(2)] public int? HandSize { get; set; }
    /// <summary>The most requests waiting in one queue (default 50).</summary>
    [Proto(3)] public int? QueueLengthLimit { get; set; }
}

/// <summary>The observed state of a PriorityLevelConfiguration.</summary>
public sealed class PriorityLevelConfigurationStatus
{
    /// <summary>The current conditions.</summary>
    [Proto(1), PatchMerge("type")] public List<PriorityLevelConfigurationCondition>? Conditions { get; set; }
}
