namespace KubeSharp.Api.Admissionregistration.V1;

/// <summary>
/// Validating admission webhooks: HTTP callbacks that may refuse requests. Stored and served; this
/// server does not call them yet.
/// </summary>
[KubernetesEntity("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", Namespaced = false, Categories = ["api-extensions"])]
public sealed class ValidatingWebhookConfiguration : KubernetesObject
{
    /// <summary>The webhooks and the resources and operations they apply to.</summary>
    [Proto(2), PatchMerge("name")] public List<ValidatingWebhook>? Webhooks { get; set; }
}

/// <summary>
/// Mutating admission webhooks: HTTP callbacks that may change or refuse requests. Stored and served;
/// this server does not call them yet.
/// </summary>
[KubernetesEntity("admissionregistration.k8s.io", "v1", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", Namespaced = false, Categories = ["api-extensions"])]
public sealed class MutatingWebhookConfiguration : KubernetesObject
{
    /// <summary>The webhooks and the resources and operations they apply to.</summary>
    [Proto(2), PatchMerge("name")] public List<MutatingWebhook>? Webhooks { get; set; }
}

/// <summary>One validating webhook.</summary>
public sealed class ValidatingWebhook
{
    /// <summary>The fully qualified name of the webhook (e.g. imagepolicy.kubernetes.io). Required.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>How to reach the webhook. Required.</summary>
    [Proto(2)] public WebhookClientConfig? ClientConfig { get; set; }
    /// <summary>The operations and resources the webhook applies to.</summary>
    [Proto(3)] public List<RuleWithOperations>? Rules { get; set; }
    /// <summary>Ignore or Fail (default) when the webhook cannot be called.</summary>
    [Proto(4)] public string? FailurePolicy { get; set; }
    /// <summary>Exact or Equivalent (default): whether requests through other versions of a rule's resources match.</summary>
    [Proto(9)] public string? MatchPolicy { get; set; }
    /// <summary>Which namespaces' objects are sent, by the namespace's labels; default all.</summary>
    [Proto(5)] public LabelSelector? NamespaceSelector { get; set; }
    /// <summary>Which objects are sent, by their labels; default all.</summary>
    [Proto(10)] public LabelSelector? ObjectSelector { get; set; }
    /// <summary>None or NoneOnDryRun: whether calling the webhook has side effects. Required.</summary>
    [Proto(6)] public string? SideEffects { get; set; }
    /// <summary>Seconds to wait for the webhook (1 to 30; default 10).</summary>
    [Proto(7)] public int? TimeoutSeconds { get; set; }
    /// <summary>The AdmissionReview versions the webhook accepts, preferred first. Required.</summary>
    [Proto(8)] public List<string>? AdmissionReviewVersions { get; set; }
    /// <summary>CEL conditions a request must meet to be sent to the webhook.</summary>
    [Proto(11), PatchMerge("name")] public List<MatchCondition>? MatchConditions { get; set; }
}

/// <summary>One mutating webhook.</summary>
public sealed class MutatingWebhook
{
    /// <summary>The fully qualified name of the webhook (e.g. imagepolicy.kubernetes.io). Required.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>How to reach the webhook. Required.</summary>
    [Proto(2)] public WebhookClientConfig? ClientConfig { get; set; }
    /// <summary>The operations and resources the webhook applies to.</summary>
    [Proto(3)] public List<RuleWithOperations>? Rules { get; set; }
    /// <summary>Ignore or Fail (default) when the webhook cannot be called.</summary>
    [Proto(4)] public string? FailurePolicy { get; set; }
    /// <summary>Exact or Equivalent (default): whether requests through other versions of a rule's resources match.</summary>
    [Proto(9)] public string? MatchPolicy { get; set; }
    /// <summary>Which namespaces' objects are sent, by the namespace's labels; default all.</summary>
    [Proto(5)] public LabelSelector? NamespaceSelector { get; set; }
    /// <summary>Which objects are sent, by their labels; default all.</summary>
    [Proto(11)] public LabelSelector? ObjectSelector { get; set; }
    /// <summary>None or NoneOnDryRun: whether calling the webhook has side effects. Required.</summary>
    [Proto(6)] public string? SideEffects { get; set; }
    /// <summary>Seconds to wait for the webhook (1 to 30; default 10).</summary>
    [Proto(7)] public int? TimeoutSeconds { get; set; }
    /// <summary>The AdmissionReview versions the webhook accepts, preferred first. Required.</summary>
    [Proto(8)] public List<string>? AdmissionReviewVersions { get; set; }
    /// <summary>Never (default) or IfNeeded: whether the webhook is called again after later mutations.</summary>
    [Proto(10)] public string? ReinvocationPolicy { get; set; }
    /// <summary>CEL conditions a request must meet to be sent to the webhook.</summary>
    [Proto(12), PatchMerge("name")] public List<MatchCondition>? MatchConditions { get; set; }
}

/// <summary>How to reach a webhook: a URL or an in-cluster service.</summary>
public sealed class WebhookClientConfig
{
    /// <summary>The https URL of the webhook.</summary>
    [Proto(3)] public string? Url { get; set; }
    /// <summary>The service in front of the webhook.</summary>
    [Proto(1)] public ServiceReference? Service { get; set; }
    /// <summary>PEM CA bundle that verifies the webhook's serving certificate.</summary>
    [Proto(2)] public byte[]? CaBundle { get; set; }
}

/// <summary>A service a webhook is reached through.</summary>
public sealed class ServiceReference
{
    /// <summary>The namespace of the service. Required.</summary>
    [Proto(1)] public string? Namespace { get; set; }
    /// <summary>The name of the service. Required.</summary>
    [Proto(2)] public string? Name { get; set; }
    /// <summary>The URL path requests are sent to.</summary>
    [Proto(3)] public string? Path { get; set; }
    /// <summary>The service port (default 443).</summary>
    [Proto(4)] public int? Port { get; set; }
}

/// <summary>API groups, versions and resources a rule matches.</summary>
public class Rule
{
    /// <summary>The API groups; "*" matches all.</summary>
    [Proto(1)] public List<string>? ApiGroups { get; set; }
    /// <summary>The API versions; "*" matches all.</summary>
    [Proto(2)] public List<string>? ApiVersions { get; set; }
    /// <summary>The resources ("pods", "pods/status", "*", "*/scale").</summary>
    [Proto(3)] public List<string>? Resources { get; set; }
    /// <summary>Cluster, Namespaced or * (default).</summary>
    [Proto(4)] public string? Scope { get; set; }
}

/// <summary>A rule and the operations it matches.</summary>
[ProtoBase(2)]
public class RuleWithOperations : Rule
{
    /// <summary>CREATE, UPDATE, DELETE, CONNECT or *.</summary>
    [Proto(1)] public List<string>? Operations { get; set; }
}

/// <summary>A rule with operations, limited to objects of the given names.</summary>
[ProtoBase(2)]
public sealed class NamedRuleWithOperations : RuleWithOperations
{
    /// <summary>The object names the rule applies to; empty means all.</summary>
    [Proto(1)] public List<string>? ResourceNames { get; set; }
}

/// <summary>A named CEL condition.</summary>
public sealed class MatchCondition
{
    /// <summary>The name of the condition. Required.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The CEL expression; it must evaluate to a bool. Required.</summary>
    [Proto(2)] public string? Expression { get; set; }
}

/// <summary>
/// A CEL validation policy for admission. Stored and served; this server does not evaluate policies yet.
/// </summary>
[KubernetesEntity("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", Namespaced = false, Categories = ["api-extensions"], Subresources = ["status"])]
public sealed class ValidatingAdmissionPolicy : KubernetesObject
{
    /// <summary>The policy.</summary>
    [Proto(2)] public ValidatingAdmissionPolicySpec? Spec { get; set; }
    /// <summary>The state of the policy's type checking.</summary>
    [Proto(3)] public ValidatingAdmissionPolicyStatus? Status { get; set; }
}

/// <summary>What a validating admission policy checks and on which requests.</summary>
public sealed class ValidatingAdmissionPolicySpec
{
    /// <summary>The kind of the bindings' parameter resources.</summary>
    [Proto(1)] public ParamKind? ParamKind { get; set; }
    /// <summary>The resources the policy may apply to. Required.</summary>
    [Proto(2)] public MatchResources? MatchConstraints { get; set; }
    /// <summary>The CEL validations.</summary>
    [Proto(3)] public List<Validation>? Validations { get; set; }
    /// <summary>Ignore or Fail (default) on errors evaluating the policy.</summary>
    [Proto(4)] public string? FailurePolicy { get; set; }
    /// <summary>CEL expressions whose values become audit annotations.</summary>
    [Proto(5)] public List<AuditAnnotation>? AuditAnnotations { get; set; }
    /// <summary>CEL conditions a request must meet for the policy to apply.</summary>
    [Proto(6), PatchMerge("name")] public List<MatchCondition>? MatchConditions { get; set; }
    /// <summary>Named CEL expressions other expressions can refer to.</summary>
    [Proto(7)] public List<Variable>? Variables { get; set; }
}

/// <summary>The group version and kind of a parameter resource.</summary>
public sealed class ParamKind
{
    /// <summary>The API version of the parameter resource.</summary>
    [Proto(1)] public string? ApiVersion { get; set; }
    /// <summary>The kind of the parameter resource.</summary>
    [Proto(2)] public string? Kind { get; set; }
}

/// <summary>Which requests a policy or binding applies to.</summary>
public sealed class MatchResources
{
    /// <summary>Which namespaces' objects match, by the namespace's labels; default all.</summary>
    [Proto(1)] public LabelSelector? NamespaceSelector { get; set; }
    /// <summary>Which objects match, by their labels; default all.</summary>
    [Proto(2)] public LabelSelector? ObjectSelector { get; set; }
    /// <summary>The operations and resources that match.</summary>
    [Proto(3)] public List<NamedRuleWithOperations>? ResourceRules { get; set; }
    /// <summary>The operations and resources excluded.</summary>
    [Proto(4)] public List<NamedRuleWithOperations>? ExcludeResourceRules { get; set; }
    /// <summary>Exact or Equivalent (default).</summary>
    [Proto(7)] public string? MatchPolicy { get; set; }
}

/// <summary>One CEL validation.</summary>
public sealed class Validation
{
    /// <summary>The CEL expression; false refuses the request. Required.</summary>
    [Proto(1)] public string? Expression { get; set; }
    /// <summary>The message returned when the validation fails.</summary>
    [Proto(2)] public string? Message { get; set; }
    /// <summary>The reason returned when the validation fails (Unauthorized, Forbidden, Invalid, RequestEntityTooLarge).</summary>
    [Proto(3)] public string? Reason { get; set; }
    /// <summary>A CEL expression producing the message.</summary>
    [Proto(4)] public string? MessageExpression { get; set; }
}

/// <summary>A CEL expression whose value becomes an audit annotation.</summary>
public sealed class AuditAnnotation
{
    /// <summary>The annotation key. Required.</summary>
    [Proto(1)] public string? Key { get; set; }
    /// <summary>The CEL expression producing the value. Required.</summary>
    [Proto(2)] public string? ValueExpression { get; set; }
}

/// <summary>A named CEL expression.</summary>
public sealed class Variable
{
    /// <summary>The name of the variable. Required.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The CEL expression. Required.</summary>
    [Proto(2)] public string? Expression { get; set; }
}

/// <summary>The observed state of a validating admission policy.</summary>
public sealed class ValidatingAdmissionPolicyStatus
{
    /// <summary>The generation the status describes.</summary>
    [Proto(1)] public long? ObservedGeneration { get; set; }
    /// <summary>The results of type-checking the expressions.</summary>
    [Proto(2)] public TypeChecking? TypeChecking { get; set; }
    /// <summary>The conditions of the policy.</summary>
    [Proto(3), PatchMerge("type")] public List<Condition>? Conditions { get; set; }
}

/// <summary>The results of type-checking a policy's expressions.</summary>
public sealed class TypeChecking
{
    /// <summary>The warnings, one per expression with a problem.</summary>
    [Proto(1)] public List<ExpressionWarning>? ExpressionWarnings { get; set; }
}

/// <summary>A type-checking warning about one expression.</summary>
public sealed class ExpressionWarning
{
    /// <summary>The path of the field holding the expression. Required.</summary>
    [Proto(2)] public string? FieldRef { get; set; }
    /// <summary>The warning. Required.</summary>
    [Proto(3)] public string? Warning { get; set; }
}

/// <summary>Binds a validating admission policy to parameters and resources.</summary>
[KubernetesEntity("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", Namespaced = false, Categories = ["api-extensions"])]
public sealed class ValidatingAdmissionPolicyBinding : KubernetesObject
{
    /// <summary>The binding.</summary>
    [Proto(2)] public ValidatingAdmissionPolicyBindingSpec? Spec { get; set; }
}

/// <summary>Which policy, parameters and resources a binding names.</summary>
public sealed class ValidatingAdmissionPolicyBindingSpec
{
    /// <summary>The name of the ValidatingAdmissionPolicy. Required.</summary>
    [Proto(1)] public string? PolicyName { get; set; }
    /// <summary>The parameter resource.</summary>
    [Proto(2)] public ParamRef? ParamRef { get; set; }
    /// <summary>Further limits on the resources the policy applies to.</summary>
    [Proto(3)] public MatchResources? MatchResources { get; set; }
    /// <summary>Deny, Warn and/or Audit: what a failed validation does. Required.</summary>
    [Proto(4)] public List<string>? ValidationActions { get; set; }
}

/// <summary>The parameter resource of a binding.</summary>
public sealed class ParamRef
{
    /// <summary>The name of the parameter resource.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The namespace of the parameter resource.</summary>
    [Proto(2)] public string? Namespace { get; set; }
    /// <summary>Selects several parameter resources by label.</summary>
    [Proto(3)] public LabelSelector? Selector { get; set; }
    /// <summary>Allow or Deny: what happens when no parameter resource is found.</summary>
    [Proto(4)] public string? ParameterNotFoundAction { get; set; }
}
