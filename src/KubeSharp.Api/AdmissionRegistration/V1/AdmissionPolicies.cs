namespace KubeSharp.Api.AdmissionRegistration.V1;

/// <summary>CEL validations applied to requests by admission, wherever a binding puts them in force.</summary>
[KubernetesEntity("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", Namespaced = false, Subresources = ["status"])]
public sealed class ValidatingAdmissionPolicy : KubernetesObject
{
    /// <summary>What the policy checks and on which requests.</summary>
    [Proto(2)] public ValidatingAdmissionPolicySpec? Spec { get; set; }
    /// <summary>The result of type checking the policy's expressions.</summary>
    [Proto(3)] public ValidatingAdmissionPolicyStatus? Status { get; set; }
}

/// <summary>The checks of a validating admission policy.</summary>
public sealed class ValidatingAdmissionPolicySpec
{
    /// <summary>The kind of the parameter objects bindings refer to; none when the policy takes no parameters.</summary>
    [Proto(1)] public ParamKind? ParamKind { get; set; }
    /// <summary>The requests the policy may apply to; bindings narrow them further.</summary>
    [Proto(2)] public MatchResources? MatchConstraints { get; set; }
    /// <summary>CEL expressions that must all be true for a request to be admitted.</summary>
    [Proto(3)] public List<Validation>? Validations { get; set; }
    /// <summary>Ignore or Fail (the default): what an error evaluating the policy means.</summary>
    [Proto(4)] public string? FailurePolicy { get; set; }
    /// <summary>CEL expressions whose values are recorded as audit annotations.</summary>
    [Proto(5)] public List<AuditAnnotation>? AuditAnnotations { get; set; }
    /// <summary>CEL conditions that must all be true for the policy to be checked.</summary>
    [Proto(6), PatchMerge("name")] public List<MatchCondition>? MatchConditions { get; set; }
    /// <summary>Named CEL expressions other expressions refer to as variables.NAME.</summary>
    [Proto(7)] public List<Variable>? Variables { get; set; }
}

/// <summary>The API version and kind of a policy's parameter objects.</summary>
public sealed class ParamKind
{
    /// <summary>group/version of the parameter kind.</summary>
    [Proto(1)] public string? ApiVersion { get; set; }
    /// <summary>The parameter kind.</summary>
    [Proto(2)] public string? Kind { get; set; }
}

/// <summary>Which requests match, by namespace and object labels and by resource rules.</summary>
public sealed class MatchResources
{
    /// <summary>Matches objects in namespaces with these labels; empty matches every namespace.</summary>
    [Proto(1)] public LabelSelector? NamespaceSelector { get; set; }
    /// <summary>Matches objects with these labels; empty matches every object.</summary>
    [Proto(2)] public LabelSelector? ObjectSelector { get; set; }
    /// <summary>Operations and resources that match.</summary>
    [Proto(3)] public List<NamedRuleWithOperations>? ResourceRules { get; set; }
    /// <summary>Operations and resources excluded even when a resource rule matches.</summary>
    [Proto(4)] public List<NamedRuleWithOperations>? ExcludeResourceRules { get; set; }
    /// <summary>Exact or Equivalent (the default).</summary>
    [Proto(7)] public string? MatchPolicy { get; set; }
}

/// <summary>A rule with operations, optionally limited to objects of some names.</summary>
[ProtoBase(2)]
public sealed class NamedRuleWithOperations : RuleWithOperations
{
    /// <summary>Object names the rule applies to; empty means all.</summary>
    [Proto(1)] public List<string>? ResourceNames { get; set; }
}

/// <summary>One CEL validation.</summary>
public sealed class Validation
{
    /// <summary>The CEL expression; false refuses the request.</summary>
    [Proto(1)] public string? Expression { get; set; }
    /// <summary>The message given when the expression is false.</summary>
    [Proto(2)] public string? Message { get; set; }
    /// <summary>The Status reason given when the expression is false (Unauthorized, Forbidden, Invalid, RequestEntityTooLarge); default Invalid.</summary>
    [Proto(3)] public string? Reason { get; set; }
    /// <summary>A CEL expression producing the message.</summary>
    [Proto(4)] public string? MessageExpression { get; set; }
}

/// <summary>A CEL expression whose value becomes an audit annotation.</summary>
public sealed class AuditAnnotation
{
    /// <summary>Annotation key (prefixed with the policy name).</summary>
    [Proto(1)] public string? Key { get; set; }
    /// <summary>CEL expression giving the value.</summary>
    [Proto(2)] public string? ValueExpression { get; set; }
}

/// <summary>A named CEL expression.</summary>
public sealed class Variable
{
    /// <summary>The variable's name.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The CEL expression giving its value.</summary>
    [Proto(2)] public string? Expression { get; set; }
}

/// <summary>What the API server found checking a policy.</summary>
public sealed class ValidatingAdmissionPolicyStatus
{
    /// <summary>The generation the status describes.</summary>
    [Proto(1)] public long? ObservedGeneration { get; set; }
    /// <summary>Warnings from type checking the expressions.</summary>
    [Proto(2)] public TypeChecking? TypeChecking { get; set; }
    /// <summary>The policy's conditions.</summary>
    [Proto(3), PatchMerge("type")] public List<Condition>? Conditions { get; set; }
}

/// <summary>Results of type checking a policy's expressions.</summary>
public sealed class TypeChecking
{
    /// <summary>One warning per expression that failed type checking.</summary>
    [Proto(1)] public List<ExpressionWarning>? ExpressionWarnings { get; set; }
}

/// <summary>A type checking warning.</summary>
public sealed class ExpressionWarning
{
    /// <summary>Path of the expression's field.</summary>
    [Proto(2)] public string? FieldRef { get; set; }
    /// <summary>What is wrong.</summary>
    [Proto(3)] public string? Warning { get; set; }
}

/// <summary>Puts a validating admission policy in force, with parameters and narrower matching.</summary>
[KubernetesEntity("admissionregistration.k8s.io", "v1", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", Namespaced = false)]
public sealed class ValidatingAdmissionPolicyBinding : KubernetesObject
{
    /// <summary>The policy, its parameters and where it applies.</summary>
    [Proto(2)] public ValidatingAdmissionPolicyBindingSpec? Spec { get; set; }
}

/// <summary>The policy a binding puts in force and how.</summary>
public sealed class ValidatingAdmissionPolicyBindingSpec
{
    /// <summary>Name of the ValidatingAdmissionPolicy.</summary>
    [Proto(1)] public string? PolicyName { get; set; }
    /// <summary>Where the parameter objects are.</summary>
    [Proto(2)] public ParamRef? ParamRef { get; set; }
    /// <summary>Narrows the requests the policy applies to.</summary>
    [Proto(3)] public MatchResources? MatchResources { get; set; }
    /// <summary>Deny, Warn and/or Audit: what a failed validation does.</summary>
    [Proto(4)] public List<string>? ValidationActions { get; set; }
}

/// <summary>Which parameter objects a binding uses.</summary>
public sealed class ParamRef
{
    /// <summary>A single parameter object's name.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>The parameter objects' namespace.</summary>
    [Proto(2)] public string? Namespace { get; set; }
    /// <summary>Parameter objects by label.</summary>
    [Proto(3)] public LabelSelector? Selector { get; set; }
    /// <summary>Allow or Deny: what happens when no parameter object is found.</summary>
    [Proto(4)] public string? ParameterNotFoundAction { get; set; }
}
