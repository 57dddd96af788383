using KubeSharp.Api;
using KubeSharp.Api.AdmissionRegistration.V1;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Admission.Policies;
using KubeSharp.ApiServer.Cel;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Registry.Strategies;

/// <summary>Defaults and validation of MutatingWebhookConfiguration, as Kubernetes' admissionregistration/v1.</summary>
internal sealed class MutatingWebhookConfigurationStrategy : TypedStrategy<MutatingWebhookConfiguration>
{
    public override bool TracksGeneration(ResourceDefinition definition) => true;

    protected override void Default(MutatingWebhookConfiguration obj)
    {
        foreach (var hook in obj.Webhooks ?? [])
        {
            WebhookValidation.Default(hook);
            hook.ObjectSelector ??= new LabelSelector();
            hook.ReinvocationPolicy ??= "Never";
        }
    }

    protected override IEnumerable<FieldError> Validate(MutatingWebhookConfiguration obj) =>
        WebhookValidation.Validate(obj.Webhooks ?? [], hook => hook.MatchConditions)
            .Concat((obj.Webhooks ?? []).SelectMany((hook, i) => hook.ReinvocationPolicy is null or "Never" or "IfNeeded"
                ? []
                : new[] { FieldError.NotSupported($"webhooks[{i}].reinvocationPolicy", hook.ReinvocationPolicy, ["IfNeeded", "Never"]) }));

    protected override IEnumerable<FieldError> ValidateUpdate(MutatingWebhookConfiguration obj, MutatingWebhookConfiguration old) => Validate(obj);
}

/// <summary>Defaults and validation of ValidatingWebhookConfiguration, as Kubernetes' admissionregistration/v1.</summary>
internal sealed class ValidatingWebhookConfigurationStrategy : TypedStrategy<ValidatingWebhookConfiguration>
{
    public override bool TracksGeneration(ResourceDefinition definition) => true;

    protected override void Default(ValidatingWebhookConfiguration obj)
    {
        foreach (var hook in obj.Webhooks ?? [])
        {
            WebhookValidation.Default(hook);
            hook.ObjectSelector ??= new LabelSelector();
        }
    }

    protected override IEnumerable<FieldError> Validate(ValidatingWebhookConfiguration obj) =>
        WebhookValidation.Validate(obj.Webhooks ?? [], hook => hook.MatchConditions);

    protected override IEnumerable<FieldError> ValidateUpdate(ValidatingWebhookConfiguration obj, ValidatingWebhookConfiguration old) => Validate(obj);
}

/// <summary>ValidatingAdmissionPolicy: defaults, and every CEL expression must compile.</summary>
internal sealed class ValidatingAdmissionPolicyStrategy : TypedStrategy<ValidatingAdmissionPolicy>
{
    public override bool TracksGeneration(ResourceDefinition definition) => true;

    protected override void Default(ValidatingAdmissionPolicy obj) => AdmissionPolicyDefaults.Apply(obj);

    protected override IEnumerable<FieldError> Validate(ValidatingAdmissionPolicy obj)
    {
        var spec = obj.Spec;
        if (spec?.MatchConstraints?.ResourceRules is not { Count: > 0 })
        {
            yield return FieldError.Required("spec.matchConstraints.resourceRules");
        }

        if (spec?.FailurePolicy is not (null or "Fail" or "Ignore"))
        {
            yield return FieldError.NotSupported("spec.failurePolicy", spec.FailurePolicy, ["Fail", "Ignore"]);
        }

        var expressions = (spec?.Validations ?? []).SelectMany((v, i) => new[] { ($"spec.validations[{i}].expression", v.Expression), ($"spec.validations[{i}].messageExpression", v.MessageExpression) })
            .Concat((spec?.MatchConditions ?? []).Select((c, i) => ($"spec.matchConditions[{i}].expression", c.Expression)))
            .Concat((spec?.Variables ?? []).Select((v, i) => ($"spec.variables[{i}].expression", v.Expression)));
        foreach (var (field, expression) in expressions)
        {
            if (expression is { Length: > 0 } && AdmissionExpressions.CompileError(expression, CelEnvironment.AdmissionPolicyVariables) is { } error)
            {
                yield return FieldError.Invalid(field, expression, error);
            }
        }
    }

    protected override IEnumerable<FieldError> ValidateUpdate(ValidatingAdmissionPolicy obj, ValidatingAdmissionPolicy old) => Validate(obj);
}

/// <summary>Defaults of ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding.</summary>
internal static class AdmissionPolicyDefaults
{
    public static void Apply(ValidatingAdmissionPolicy policy)
    {
        if (policy.Spec is not { } spec)
        {
            return;
        }

        spec.FailurePolicy ??= "Fail";
        Apply(spec.MatchConstraints);
    }

    public static void Apply(ValidatingAdmissionPolicyBinding binding) => Apply(binding.Spec?.MatchResources);

    private static void Apply(MatchResources? match)
    {
        if (match is null)
        {
            return;
        }

        match.MatchPolicy ??= "Equivalent";
        match.NamespaceSelector ??= new LabelSelector();
        match.ObjectSelector ??= new LabelSelector();
        foreach (var rule in (match.ResourceRules ?? []).Concat(match.ExcludeResourceRules ?? []))
        {
            rule.Scope ??= "*";
        }
    }
}

/// <summary>The rules both webhook kinds share.</summary>
internal static class WebhookValidation
{
    private static readonly string[] Operations = ["*", "CONNECT", "CREATE", "DELETE", "UPDATE"];

    public static void Default(WebhookBase hook)
    {
        hook.FailurePolicy ??= "Fail";
        hook.MatchPolicy ??= "Equivalent";
        hook.NamespaceSelector ??= new LabelSelector();
        hook.TimeoutSeconds ??= 10;
        foreach (var rule in hook.Rules ?? [])
        {
            rule.Scope ??= "*";
        }

        if (hook.ClientConfig?.Service is { } service)
        {
            service.Port ??= 443;
        }
    }

    public static IEnumerable<FieldError> Validate<T>(List<T> webhooks, Func<T, List<MatchCondition>?> matchConditions)
        where T : WebhookBase
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < webhooks.Count; i++)
        {
            var hook = webhooks[i];
            var path = $"webhooks[{i}]";
            if (string.IsNullOrEmpty(hook.Name))
            {
                yield return FieldError.Required($"{path}.name");
            }
            else
            {
                foreach (var problem in ObjectMetaValidation.Dns1123Subdomain(hook.Name))
                {
                    yield return FieldError.Invalid($"{path}.name", hook.Name, problem);
                }

                if (hook.Name.Split('.').Length < 3)
                {
                    yield return FieldError.Invalid($"{path}.name", hook.Name, "should be a domain with at least three segments separated by dots");
                }

                if (!names.Add(hook.Name))
                {
                    yield return FieldError.Duplicate($"{path}.name", hook.Name);
                }
            }

            foreach (var error in ValidateRules(hook.Rules ?? [], path))
            {
                yield return error;
            }

            if (hook.FailurePolicy is not ("Ignore" or "Fail"))
            {
                yield return FieldError.NotSupported($"{path}.failurePolicy", hook.FailurePolicy, ["Fail", "Ignore"]);
            }

            if (hook.MatchPolicy is not ("Exact" or "Equivalent"))
            {
                yield return FieldError.NotSupported($"{path}.matchPolicy", hook.MatchPolicy, ["Equivalent", "Exact"]);
            }

            if (hook.SideEffects is null)
            {
                yield return FieldError.Required($"{path}.sideEffects", "must specify one of None, NoneOnDryRun");
            }
            else if (hook.SideEffects is not ("None" or "NoneOnDryRun"))
            {
                yield return FieldError.NotSupported($"{path}.sideEffects", hook.SideEffects, ["None", "NoneOnDryRun"]);
            }

            if (hook.TimeoutSeconds is < 1 or > 30)
            {
                yield return FieldError.Invalid($"{path}.timeoutSeconds", hook.TimeoutSeconds, "the timeout value must be between 1 and 30 seconds");
            }

            var versions = hook.AdmissionReviewVersions ?? [];
            if (!versions.Any(v => v is "v1" or "v1beta1"))
            {
                yield return FieldError.Required($"{path}.admissionReviewVersions", "must specify one of v1, v1beta1");
            }

            foreach (var error in ValidateClientConfig(hook.ClientConfig, $"{path}.clientConfig"))
            {
                yield return error;
            }

            var conditions = matchConditions(hook) ?? [];
            var conditionNames = new HashSet<string>(StringComparer.Ordinal);
            for (var c = 0; c < conditions.Count; c++)
            {
                var condition = conditions[c];
                if (string.IsNullOrEmpty(condition.Name))
                {
                    yield return FieldError.Required($"{path}.matchConditions[{c}].name");
                }
                else if (!conditionNames.Add(condition.Name))
                {
                    yield return FieldError.Duplicate($"{path}.matchConditions[{c}].name", condition.Name);
                }

                if (string.IsNullOrWhiteSpace(condition.Expression))
                {
                    yield return FieldError.Required($"{path}.matchConditions[{c}].expression");
                }
                else if (AdmissionExpressions.CompileError(condition.Expression, CelEnvironment.WebhookMatchConditionVariables) is { } error)
                {
                    yield return FieldError.Invalid($"{path}.matchConditions[{c}].expression", condition.Expression, error);
                }
            }
        }
    }

    private static IEnumerable<FieldError> ValidateRules(List<RuleWithOperations> rules, string path)
    {
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            var rulePath = $"{path}.rules[{r}]";
            if (rule.Operations is not { Count: > 0 })
            {
                yield return FieldError.Required($"{rulePath}.operations");
            }

            foreach (var op in rule.Operations ?? [])
            {
                if (!Operations.Contains(op))
                {
                    yield return FieldError.NotSupported($"{rulePath}.operations", op, Operations);
                }
            }

            if (rule.ApiGroups is not { Count: > 0 })
            {
                yield return FieldError.Required($"{rulePath}.apiGroups");
            }

            if (rule.ApiVersions is not { Count: > 0 })
            {
                yield return FieldError.Required($"{rulePath}.apiVersions");
            }

            if (rule.Resources is not { Count: > 0 })
            {
                yield return FieldError.Required($"{rulePath}.resources");
            }

            if (rule.Scope is not (null or "*" or "Cluster" or "Namespaced"))
            {
                yield return FieldError.NotSupported($"{rulePath}.scope", rule.Scope, ["*", "Cluster", "Namespaced"]);
            }
        }
    }

    private static IEnumerable<FieldError> ValidateClientConfig(WebhookClientConfig? config, string path)
    {
        var hasUrl = !string.IsNullOrEmpty(config?.Url);
        var hasService = config?.Service is not null;
        if (hasUrl == hasService)
        {
            yield return FieldError.Required(path, "exactly one of url or service is required");
            yield break;
        }

        if (hasUrl)
        {
            if (!Uri.TryCreate(config!.Url, UriKind.Absolute, out var url))
            {
                yield return FieldError.Invalid($"{path}.url", config.Url, "host must be specified");
            }
            else if (url.Scheme != "https")
            {
                yield return FieldError.Invalid($"{path}.url", config.Url, "'https' is the only allowed URL scheme");
            }
            else if (url.UserInfo.Length > 0 || url.Fragment.Length > 0 || url.Query.Length > 0)
            {
                yield return FieldError.Invalid($"{path}.url", config.Url, "user information, fragments and query parameters are not permitted");
            }

            yield break;
        }

        var service = config!.Service!;
        if (string.IsNullOrEmpty(service.Name))
        {
            yield return FieldError.Required($"{path}.service.name", "service name is required");
        }

        if (string.IsNullOrEmpty(service.Namespace))
        {
            yield return FieldError.Required($"{path}.service.namespace", "service namespace is required");
        }

        if (service.Port is < 1 or > 65535)
        {
            yield return FieldError.Invalid($"{path}.service.port", service.Port, "port is not valid: must be between 1 and 65535, inclusive");
        }

        if (service.Path is { Length: > 0 } p && !p.StartsWith('/'))
        {
            yield return FieldError.Invalid($"{path}.service.path", p, "must start with a '/'");
        }
    }
}
