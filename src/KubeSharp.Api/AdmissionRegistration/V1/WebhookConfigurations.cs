namespace KubeSharp.Api.AdmissionRegistration.V1;

/// <summary>Admission webhooks that may change objects before they are stored.</summary>
[KubernetesEntity("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", Namespaced = false)]
public sealed class MutatingWebhookConfiguration : KubernetesObject
{
    /// <summary>The webhooks, called in order; names must be unique within the configuration.</summary>
    [Proto(2), PatchMerge("name")] public List<MutatingWebhook>? Webhooks { get; set; }
}

/// <summary>Admission webhooks that accept or refuse requests after mutation.</summary>
[KubernetesEntity("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", Namespaced = false)]
public sealed class ValidatingWebhookConfiguration : KubernetesObject
{
    /// <summary>The webhooks, called in parallel; names must be unique within the configuration.</summary>
    [Proto(2), PatchMerge("name")] public List<ValidatingWebhook>? Webhooks { get; set; }
}

/// <summary>What every admission webhook has: where it is, which requests it sees and what a failure to call it means.</summary>
public abstract class WebhookBase
{
    /// <summary>Fully qualified name of the webhook, e.g. imagepolicy.example.com.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>How to reach the webhook.</summary>
    [Proto(2)] public WebhookClientConfig? ClientConfig { get; set; }
    /// <summary>The operations and resources the webhook cares about; a request matching any rule is sent.</summary>
    [Proto(3)] public List<RuleWithOperations>? Rules { get; set; }
    /// <summary>Ignore or Fail (the default): what an error calling the webhook means.</summary>
    [Proto(4)] public string? FailurePolicy { get; set; }
    /// <summary>Exact or Equivalent (the default): whether requests for the same resource through another group or version are sent too.</summary>
    [Proto(9)] public string? MatchPolicy { get; set; }
    /// <summary>Sends only requests for objects in namespaces whose labels match; empty matches every namespace.</summary>
    [Proto(5)] public LabelSelector? NamespaceSelector { get; set; }
    /// <summary>None or NoneOnDryRun: whether calling the webhook has side effects outside the request.</summary>
    [Proto(6)] public string? SideEffects { get; set; }
    /// <summary>Seconds to wait for the webhook, 1 to 30 (default 10).</summary>
    [Proto(7)] public int? TimeoutSeconds { get; set; }
    /// <summary>AdmissionReview versions the webhook accepts, preferred first; the API server uses the first it supports.</summary>
    [Proto(8)] public List<string>? AdmissionReviewVersions { get; set; }
}

/// <summary>An admission webhook that may change the object.</summary>
public sealed class MutatingWebhook : WebhookBase
{
    /// <summary>Sends only requests whose old or new object has matching labels; empty matches every object.</summary>
    [Proto(11)] public LabelSelector? ObjectSelector { get; set; }
    /// <summary>Never (the default) or IfNeeded: whether the webhook is called again when a later plugin changes the object.</summary>
    [Proto(10)] public string? ReinvocationPolicy { get; set; }
    /// <summary>CEL conditions that must all be true for the request to be sent.</summary>
    [Proto(12), PatchMerge("name")] public List<MatchCondition>? MatchConditions { get; set; }
}

/// <summary>An admission webhook that accepts or refuses a request.</summary>
public sealed class ValidatingWebhook : WebhookBase
{
    /// <summary>Sends only requests whose old or new object has matching labels; empty matches every object.</summary>
    [Proto(10)] public LabelSelector? ObjectSelector { get; set; }
    /// <summary>CEL conditions that must all be true for the request to be sent.</summary>
    [Proto(11), PatchMerge("name")] public List<MatchCondition>? MatchConditions { get; set; }
}

/// <summary>Where an admission webhook is: a URL or a Service in the cluster, and the CA to trust.</summary>
public sealed class WebhookClientConfig
{
    /// <summary>https URL of the webhook (no user, fragment or query).</summary>
    [Proto(3)] public string? Url { get; set; }
    /// <summary>A Service in front of the webhook.</summary>
    [Proto(1)] public ServiceReference? Service { get; set; }
    /// <summary>PEM CA bundle that signed the webhook's serving certificate; the system roots when empty.</summary>
    [Proto(2)] public byte[]? CaBundle { get; set; }
}

/// <summary>A Service that serves a webhook.</summary>
public sealed class ServiceReference
{
    /// <summary>Namespace of the service.</summary>
    [Proto(1)] public string? Namespace { get; set; }
    /// <summary>Name of the service.</summary>
    [Proto(2)] public string? Name { get; set; }
    /// <summary>URL path requests are sent to.</summary>
    [Proto(3)] public string? Path { get; set; }
    /// <summary>Service port, default 443.</summary>
    [Proto(4)] public int? Port { get; set; }
}

/// <summary>Operations and the resources they apply to.</summary>
[ProtoBase(2)]
public class RuleWithOperations : Rule
{
    /// <summary>CREATE, UPDATE, DELETE, CONNECT or * for all.</summary>
    [Proto(1)] public List<string>? Operations { get; set; }
}

/// <summary>Resources by group, version and name (with "/subresource"); "*" matches all.</summary>
public class Rule
{
    /// <summary>API groups; "" is the core group, "*" all groups.</summary>
    [Proto(1)] public List<string>? ApiGroups { get; set; }
    /// <summary>API versions; "*" all versions.</summary>
    [Proto(2)] public List<string>? ApiVersions { get; set; }
    /// <summary>Resources, e.g. pods, pods/status, */scale, "*" (no subresources) or "*/*".</summary>
    [Proto(3)] public List<string>? Resources { get; set; }
    /// <summary>Cluster, Namespaced or * (the default).</summary>
    [Proto(4)] public string? Scope { get; set; }
}

/// <summary>A CEL condition a request must meet to be sent to a webhook or checked by a policy.</summary>
public sealed class MatchCondition
{
    /// <summary>Identifies the condition in errors and metrics.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The CEL expression, evaluating to a bool.</summary>
    [Proto(2)] public string? Expression { get; set; }
}
