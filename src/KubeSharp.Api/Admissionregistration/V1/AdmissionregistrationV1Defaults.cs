namespace KubeSharp.Api.Admissionregistration.V1;

/// <summary>Kubernetes' defaults for admissionregistration.k8s.io/v1.</summary>
public static class AdmissionregistrationV1Defaults
{
    public static void Apply(ValidatingWebhookConfiguration obj)
    {
        foreach (var w in obj.Webhooks ?? [])
        {
            w.FailurePolicy ??= "Fail";
            w.MatchPolicy ??= "Equivalent";
            w.NamespaceSelector ??= new LabelSelector();
            w.ObjectSelector ??= new LabelSelector();
            w.TimeoutSeconds ??= 10;
            Apply(w.ClientConfig, w.Rules);
        }
    }

    public static void Apply(MutatingWebhookConfiguration obj)
    {
        foreach (var w in obj.Webhooks ?? [])
        {
            w.FailurePolicy ??= "Fail";
            w.MatchPolicy ??= "Equivalent";
            w.NamespaceSelector ??= new LabelSelector();
            w.ObjectSelector ??= new LabelSelector();
            w.TimeoutSeconds ??= 10;
            w.ReinvocationPolicy ??= "Never";
            Apply(w.ClientConfig, w.Rules);
        }
    }

    public static void Apply(ValidatingAdmissionPolicy obj)
    {
        if (obj.Spec is { } spec)
        {
            spec.FailurePolicy ??= "Fail";
            Apply(spec.MatchConstraints);
        }
    }

    public static void Apply(ValidatingAdmissionPolicyBinding obj) => Apply(obj.Spec?.MatchResources);

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

    private static void Apply(WebhookClientConfig? client, List<RuleWithOperations>? rules)
    {
        if (client?.Service is { } service)
        {
            service.Port ??= 443;
        }

        foreach (var rule in rules ?? [])
        {
            rule.Scope ??= "*";
        }
    }
}
