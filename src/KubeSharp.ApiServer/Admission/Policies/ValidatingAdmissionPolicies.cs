using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.AdmissionRegistration.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Selectors;
using KubeSharp.ApiServer.Admission.Webhooks;
using KubeSharp.ApiServer.Cel;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Admission.Policies;

/// <summary>
/// The ValidatingAdmissionPolicy admission plugin: for every ValidatingAdmissionPolicyBinding whose
/// policy's matchConstraints (and the binding's matchResources) match a request, the policy's CEL
/// matchConditions decide whether it applies, then each validation must be true — for every
/// parameter object the binding selects, if the policy takes parameters. A false validation with the
/// binding's Deny action refuses the request with the validation's message and reason (422 Invalid
/// by default); an expression that cannot be evaluated refuses it unless failurePolicy is Ignore.
/// Warn and Audit actions refuse nothing.
/// </summary>
public sealed class ValidatingAdmissionPolicies(ResourceStore store)
{
    public async Task ValidateAsync(AdmissionAttributes request, CancellationToken cancellationToken)
    {
        if (request.Definition.Group == "admissionregistration.k8s.io")
        {
            return;
        }

        var (bindings, _) = await store.Cache.SnapshotAsync(store.Catalog.Get<ValidatingAdmissionPolicyBinding>(), consistent: false, cancellationToken).ConfigureAwait(false);
        if (bindings.Count == 0)
        {
            return;
        }

        var policyDefinition = store.Catalog.Get<ValidatingAdmissionPolicy>();
        Dictionary<string, object?>? activation = null;
        foreach (var binding in bindings.Values.Select(b => (ValidatingAdmissionPolicyBinding)b.Object))
        {
            if (binding.Spec?.PolicyName is not { Length: > 0 } policyName
                || (await store.TryGetAsync(policyDefinition, null, policyName, cancellationToken).ConfigureAwait(false))?.Object is not ValidatingAdmissionPolicy policy
                || policy.Spec is not { } spec)
            {
                continue;
            }

            if (!await MatchesAsync(spec.MatchConstraints, request, cancellationToken).ConfigureAwait(false)
                || (binding.Spec.MatchResources is { } narrower && !await MatchesAsync(narrower, request, cancellationToken).ConfigureAwait(false)))
            {
                continue;
            }

            activation ??= await BaseActivationAsync(request, cancellationToken).ConfigureAwait(false);
            var deny = binding.Spec.ValidationActions?.Contains("Deny") ?? false;
            foreach (var parameters in await ParametersAsync(policy, binding, request, cancellationToken).ConfigureAwait(false))
            {
                var failure = Evaluate(policy, spec, parameters, activation);
                if (failure is not null && deny)
                {
                    var message = $"ValidatingAdmissionPolicy '{policy.Metadata?.Name}' with binding '{binding.Metadata?.Name}' denied request: {failure.Value.Message}";
                    throw failure.Value.Reason switch
                    {
                        "Forbidden" => new ApiException(403, "Forbidden", message),
                        "Unauthorized" => new ApiException(401, "Unauthorized", message),
                        "RequestEntityTooLarge" => new ApiException(413, "RequestEntityTooLarge", message),
                        _ => new ApiException(422, "Invalid", message),
                    };
                }
            }
        }
    }

    /// <summary>The first failed validation (message and reason) for one parameter object; null when the policy is satisfied or does not apply.</summary>
    private static (string Message, string? Reason)? Evaluate(ValidatingAdmissionPolicy policy, ValidatingAdmissionPolicySpec spec, JsonNode? parameters, Dictionary<string, object?> baseActivation)
    {
        var activation = new Dictionary<string, object?>(baseActivation, StringComparer.Ordinal) { ["params"] = parameters };
        activation["variables"] = new CelLazyMap((spec.Variables ?? []).Select(v => new KeyValuePair<string, Func<object?>>(
            v.Name ?? "",
            () => AdmissionExpressions.Compile(v.Expression ?? "", CelEnvironment.AdmissionPolicyVariables).Evaluate(activation))));
        var ignoreErrors = spec.FailurePolicy == "Ignore";
        try
        {
            foreach (var condition in spec.MatchConditions ?? [])
            {
                if (!AdmissionExpressions.Compile(condition.Expression ?? "", CelEnvironment.AdmissionPolicyVariables).EvaluateBool(activation))
                {
                    return null;
                }
            }
        }
        catch (Exception e) when (e is CelCompileException or CelEvaluationException)
        {
            return ignoreErrors ? null : ($"failed to evaluate match condition: {e.Message}", null);
        }

        foreach (var validation in spec.Validations ?? [])
        {
            var expression = validation.Expression ?? "";
            try
            {
                if (AdmissionExpressions.Compile(expression, CelEnvironment.AdmissionPolicyVariables).EvaluateBool(activation))
                {
                    continue;
                }
            }
            catch (Exception e) when (e is CelCompileException or CelEvaluationException)
            {
                if (ignoreErrors)
                {
                    continue;
                }

                return ($"expression '{expression}' resulted in error: {e.Message}", null);
            }

            return (Message(validation, activation), validation.Reason);
        }

        return null;
    }

    private static string Message(Validation validation, Dictionary<string, object?> activation)
    {
        if (validation.MessageExpression is { Length: > 0 } messageExpression)
        {
            try
            {
                var message = AdmissionExpressions.Compile(messageExpression, CelEnvironment.AdmissionPolicyVariables).EvaluateString(activation);
                if (!string.IsNullOrWhiteSpace(message))
                {
                    return message;
                }
            }
            catch (Exception e) when (e is CelCompileException or CelEvaluationException)
            {
                // Kubernetes falls back to the static message (or the expression) when messageExpression fails.
            }
        }

        return validation.Message is { Length: > 0 } text ? text : $"failed expression: {validation.Expression}";
    }

    private async Task<Dictionary<string, object?>> BaseActivationAsync(AdmissionAttributes request, CancellationToken cancellationToken)
    {
        var activation = AdmissionExpressions.Activation(request);
        JsonNode? namespaceObject = null;
        if (request.Definition.Namespaced && !string.IsNullOrEmpty(request.Namespace))
        {
            var namespaces = store.Catalog.Find("", "v1", "namespaces")!;
            if ((await store.TryGetAsync(namespaces, null, request.Namespace, cancellationToken).ConfigureAwait(false))?.Object is Namespace ns)
            {
                namespaceObject = JsonSerializer.SerializeToNode(ns, KubeJson.Options);
            }
        }

        activation["namespaceObject"] = namespaceObject;
        activation["authorizer"] = null;
        return activation;
    }

    /// <summary>
    /// The parameter objects a binding gives its policy: none needed (one evaluation with params null),
    /// the named object, or every object its selector matches; none found with parameterNotFoundAction
    /// Deny (the default) refuses the request.
    /// </summary>
    private async Task<List<JsonNode?>> ParametersAsync(ValidatingAdmissionPolicy policy, ValidatingAdmissionPolicyBinding binding, AdmissionAttributes request, CancellationToken cancellationToken)
    {
        if (policy.Spec?.ParamKind is not { } kind)
        {
            return [null];
        }

        var reference = binding.Spec?.ParamRef;
        var definition = store.Catalog.FindKind(kind.ApiVersion ?? "", kind.Kind ?? "");
        var found = new List<JsonNode?>();
        if (reference is not null && definition is not null)
        {
            var ns = definition.Namespaced ? (string.IsNullOrEmpty(reference.Namespace) ? request.Namespace : reference.Namespace) : null;
            if (reference.Name is { Length: > 0 } name)
            {
                if (await store.TryGetAsync(definition, ns, name, cancellationToken).ConfigureAwait(false) is { } stored)
                {
                    found.Add(JsonNode.Parse(stored.Json));
                }
            }
            else
            {
                var selector = LabelQuery.FromObject(reference.Selector ?? new LabelSelector());
                var (items, _) = await store.Cache.SnapshotAsync(definition.StorageDefinition ?? definition, consistent: false, cancellationToken).ConfigureAwait(false);
                foreach (var item in items.Values)
                {
                    if ((ns is null || item.Object.Metadata?.Namespace == ns) && selector.Matches(item.Object.Metadata?.Labels))
                    {
                        found.Add(JsonNode.Parse(ResourceStore.View(definition, item).Json));
                    }
                }
            }
        }

        if (found.Count == 0 && reference?.ParameterNotFoundAction != "Allow")
        {
            var message = $"ValidatingAdmissionPolicy '{policy.Metadata?.Name}' with binding '{binding.Metadata?.Name}' denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction";
            throw new ApiException(403, "Forbidden", message);
        }

        return found;
    }

    private async Task<bool> MatchesAsync(MatchResources? match, AdmissionAttributes request, CancellationToken cancellationToken)
    {
        if (match is null)
        {
            return false;
        }

        var definition = request.Definition;
        var anyVersion = match.MatchPolicy != "Exact";
        bool Matches(IEnumerable<NamedRuleWithOperations>? rules) => (rules ?? []).Any(rule =>
            WebhookRules.Matches([rule], request.Operation, definition.Group, definition.Version, definition.Plural, request.Subresource, definition.Namespaced, anyVersion)
            && (rule.ResourceNames is not { Count: > 0 } names || names.Contains(request.Name)));
        if (!Matches(match.ResourceRules) || Matches(match.ExcludeResourceRules))
        {
            return false;
        }

        if (match.ObjectSelector is { } objectSelector && !LabelQuery.FromObject(objectSelector).IsEverything
            && !LabelQuery.FromObject(objectSelector).Matches(request.Object?.Metadata?.Labels ?? [])
            && !LabelQuery.FromObject(objectSelector).Matches(request.OldObject?.Metadata?.Labels ?? []))
        {
            return false;
        }

        if (match.NamespaceSelector is not { } namespaceSelector || LabelQuery.FromObject(namespaceSelector).IsEverything || !definition.Namespaced || string.IsNullOrEmpty(request.Namespace))
        {
            return true;
        }

        var namespaces = store.Catalog.Find("", "v1", "namespaces")!;
        var ns = (await store.TryGetAsync(namespaces, null, request.Namespace, cancellationToken).ConfigureAwait(false))?.Object as Namespace;
        return LabelQuery.FromObject(namespaceSelector).Matches(ns?.Metadata?.Labels ?? []);
    }
}
