using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.Admission.V1;
using KubeSharp.Api.Authentication.V1;
using KubeSharp.Api.AdmissionRegistration.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Patch;
using KubeSharp.Api.Selectors;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Admission.Webhooks;

/// <summary>
/// The MutatingAdmissionWebhook and ValidatingAdmissionWebhook admission plugins: every request
/// that a registered webhook's rules, namespace selector and object selector match is posted to
/// it as an AdmissionReview. Mutating webhooks run one after another (configurations by name,
/// webhooks in order) and may return a JSON patch; validating webhooks run in parallel and may
/// refuse. A webhook that cannot be called refuses the request unless its failurePolicy is Ignore.
/// The webhook configuration and admission policy objects themselves are never sent to webhooks.
/// </summary>
public sealed class WebhookAdmission(ResourceStore store, WebhookClient client, ILogger logger)
{
    private const string Group = "admissionregistration.k8s.io";

    /// <summary>
    /// Runs the mutating webhooks that match; returns the changed object (a new instance of the
    /// request's kind) or null when none changed it.
    /// </summary>
    public async Task<KubernetesObject?> MutateAsync(AdmissionAttributes request, CancellationToken cancellationToken)
    {
        if (Exempt(request.Definition))
        {
            return null;
        }

        var configurations = await SnapshotAsync<MutatingWebhookConfiguration>(cancellationToken).ConfigureAwait(false);
        if (configurations.Count == 0)
        {
            return null;
        }

        var current = request;
        var changes = 0;
        // reinvocationPolicy IfNeeded: a webhook whose object a later webhook changed is called once more.
        var reinvocable = new List<(MutatingWebhook Hook, int ChangesAfterCall)>();
        foreach (var configuration in configurations)
        {
            foreach (var hook in configuration.Webhooks ?? [])
            {
                if (!await MatchesAsync(hook, hook.ObjectSelector, hook.MatchConditions, current, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                current = await MutateOnceAsync(hook, current, () => changes++, cancellationToken).ConfigureAwait(false);
                if (hook.ReinvocationPolicy == "IfNeeded")
                {
                    reinvocable.Add((hook, changes));
                }
            }
        }

        foreach (var (hook, changesAfterCall) in reinvocable.Where(r => r.ChangesAfterCall < changes).ToList())
        {
            current = await MutateOnceAsync(hook, current, () => changes++, cancellationToken).ConfigureAwait(false);
        }

        return changes > 0 ? current.Object : null;
    }

    private async Task<AdmissionAttributes> MutateOnceAsync(MutatingWebhook hook, AdmissionAttributes current, Action changed, CancellationToken cancellationToken)
    {
        var response = await CallAsync(hook, current, cancellationToken).ConfigureAwait(false);
        if (response?.Patch is not { Length: > 0 } patch || current.Object is null)
        {
            return current;
        }

        if (response.PatchType is { Length: > 0 } type && type != "JSONPatch")
        {
            throw ApiException.Internal($"failed calling webhook \"{hook.Name}\": unsupported patch type \"{type}\"");
        }

        changed();
        return current with { Object = ApplyPatch(hook.Name, current.Definition, current.Object, patch) };
    }

    /// <summary>Runs the validating webhooks that match, in parallel; throws the first refusal.</summary>
    public async Task ValidateAsync(AdmissionAttributes request, CancellationToken cancellationToken)
    {
        if (Exempt(request.Definition))
        {
            return;
        }

        var configurations = await SnapshotAsync<ValidatingWebhookConfiguration>(cancellationToken).ConfigureAwait(false);
        if (configurations.Count == 0)
        {
            return;
        }

        var calls = new List<Task>();
        foreach (var hook in configurations.SelectMany(c => c.Webhooks ?? []))
        {
            if (await MatchesAsync(hook, hook.ObjectSelector, hook.MatchConditions, request, cancellationToken).ConfigureAwait(false))
            {
                calls.Add(CallAsync(hook, request, cancellationToken));
            }
        }

        try
        {
            await Task.WhenAll(calls).ConfigureAwait(false);
        }
        catch (ApiException)
        {
            // Task.WhenAll reports the first failure; keep the order webhooks were listed in.
            throw calls.First(t => t.IsFaulted).Exception!.InnerException!;
        }
    }

    private static bool Exempt(ResourceDefinition definition) =>
        definition.Group == Group && definition.Plural is "mutatingwebhookconfigurations" or "validatingwebhookconfigurations"
            or "validatingadmissionpolicies" or "validatingadmissionpolicybindings";

    private async Task<List<T>> SnapshotAsync<T>(CancellationToken cancellationToken)
        where T : KubernetesObject
    {
        var (items, _) = await store.Cache.SnapshotAsync(store.Catalog.Get<T>(), consistent: false, cancellationToken).ConfigureAwait(false);
        // Snapshots are sorted by key, i.e. by name for these cluster-scoped kinds.
        return items.Count == 0 ? [] : items.Values.Select(o => (T)o.Object).ToList();
    }

    private async Task<bool> MatchesAsync(WebhookBase hook, LabelSelector? objectSelector, List<MatchCondition>? conditions, AdmissionAttributes request, CancellationToken cancellationToken) =>
        await MatchesRulesAndSelectorsAsync(hook, objectSelector, request, cancellationToken).ConfigureAwait(false)
        && MatchesConditions(hook, conditions, request);

    /// <summary>
    /// The webhook's CEL matchConditions: all true calls it, any false skips it; a condition that
    /// cannot be evaluated skips it under failurePolicy Ignore and refuses the request otherwise.
    /// </summary>
    private static bool MatchesConditions(WebhookBase hook, List<MatchCondition>? conditions, AdmissionAttributes request)
    {
        if (conditions is not { Count: > 0 })
        {
            return true;
        }

        var activation = Policies.AdmissionExpressions.Activation(request);
        string? failure = null;
        foreach (var condition in conditions)
        {
            try
            {
                var program = Policies.AdmissionExpressions.Compile(condition.Expression ?? "", Cel.CelEnvironment.WebhookMatchConditionVariables);
                if (!program.EvaluateBool(activation))
                {
                    return false;
                }
            }
            catch (Exception e) when (e is Cel.CelCompileException or Cel.CelEvaluationException)
            {
                failure ??= $"failed to evaluate match condition \"{condition.Name}\": {e.Message}";
            }
        }

        return failure is null || (hook.FailurePolicy != "Ignore"
            ? throw ApiException.Internal($"failed calling webhook \"{hook.Name}\": {failure}")
            : false);
    }

    private async Task<bool> MatchesRulesAndSelectorsAsync(WebhookBase hook, LabelSelector? objectSelector, AdmissionAttributes request, CancellationToken cancellationToken)
    {
        var definition = request.Definition;
        var namespaced = definition.Namespaced;
        if (!WebhookRules.Matches(hook.Rules, request.Operation, definition.Group, definition.Version, definition.Plural, request.Subresource, namespaced, hook.MatchPolicy != "Exact"))
        {
            return false;
        }

        if (!Selects(objectSelector, request.Object?.Metadata?.Labels) && !Selects(objectSelector, request.OldObject?.Metadata?.Labels))
        {
            return false;
        }

        if (hook.NamespaceSelector is not { } namespaceSelector || LabelQuery.FromObject(namespaceSelector).IsEverything)
        {
            return true;
        }

        if (definition.Group.Length == 0 && definition.Plural == "namespaces")
        {
            return Selects(namespaceSelector, (request.Object ?? request.OldObject)?.Metadata?.Labels);
        }

        if (!namespaced || string.IsNullOrEmpty(request.Namespace))
        {
            return true;
        }

        var namespaces = store.Catalog.Find("", "v1", "namespaces")!;
        var ns = (await store.TryGetAsync(namespaces, null, request.Namespace, cancellationToken).ConfigureAwait(false))?.Object as Namespace;
        return Selects(namespaceSelector, ns?.Metadata?.Labels);
    }

    private static bool Selects(LabelSelector? selector, Dictionary<string, string>? labels) =>
        selector is null || LabelQuery.FromObject(selector).Matches(labels ?? []);

    /// <summary>Calls one webhook; null when its failure is ignored. Throws the refusal or the call failure (failurePolicy Fail).</summary>
    private async Task<AdmissionResponse?> CallAsync(WebhookBase hook, AdmissionAttributes request, CancellationToken cancellationToken)
    {
        var ignoreFailure = hook.FailurePolicy == "Ignore";
        if (request.DryRun && hook.SideEffects is not ("None" or "NoneOnDryRun"))
        {
            throw new ApiException(400, "BadRequest", $"admission webhook \"{hook.Name}\" does not support dry run");
        }

        var version = (hook.AdmissionReviewVersions ?? []).FirstOrDefault(v => v is "v1" or "v1beta1");
        var uid = Guid.NewGuid().ToString();
        AdmissionReview answer;
        try
        {
            if (version is null)
            {
                throw new WebhookCallException($"webhook does not accept known AdmissionReview versions: {string.Join(", ", hook.AdmissionReviewVersions ?? [])}");
            }

            var review = new AdmissionReview { ApiVersion = $"admission.k8s.io/{version}", Kind = "AdmissionReview", Request = BuildRequest(uid, request) };
            answer = await client.CallAsync(hook.ClientConfig ?? new WebhookClientConfig(), hook.TimeoutSeconds ?? 10, review, cancellationToken).ConfigureAwait(false);
            if (answer.Response is not { } checkedResponse)
            {
                throw new WebhookCallException("failed to call webhook: the response contained no response");
            }

            if (version == "v1" && checkedResponse.Uid != uid)
            {
                throw new WebhookCallException($"expected response.uid=\"{uid}\", got \"{checkedResponse.Uid}\"");
            }
        }
        catch (WebhookCallException e)
        {
            if (ignoreFailure)
            {
                logger.LogWarning("failed calling webhook {Webhook}, failing open: {Error}", hook.Name, e.Message);
                return null;
            }

            throw ApiException.Internal($"failed calling webhook \"{hook.Name}\": {e.Message}");
        }

        var response = answer.Response;
        if (!response.Allowed)
        {
            throw Refusal(hook.Name ?? "", response.Status);
        }

        return response;
    }

    /// <summary>A webhook's refusal as Kubernetes reports it: at least 400, the webhook's message prefixed by who denied it.</summary>
    public static ApiException Refusal(string webhook, Status? status)
    {
        var deniedBy = $"admission webhook \"{webhook}\" denied the request";
        var code = status?.Code is int c and >= 400 ? c : 400;
        var message = status?.Message is { Length: > 0 } m ? $"{deniedBy}: {m}"
            : status?.Reason is { Length: > 0 } r ? $"{deniedBy}: {r}"
            : $"{deniedBy} without explanation";
        return new ApiException(code, status?.Reason ?? "", message, status?.Details);
    }

    private static AdmissionRequest BuildRequest(string uid, AdmissionAttributes request)
    {
        var definition = request.Definition;
        var kind = request.Object is null && request.OldObject is null && request.ConnectOptions is not null
            ? new GroupVersionKind { Group = "", Version = "v1", Kind = request.ConnectOptions["kind"]?.GetValue<string>() }
            : new GroupVersionKind { Group = definition.Group, Version = definition.Version, Kind = definition.Kind };
        var resource = new GroupVersionResource { Group = definition.Group, Version = definition.Version, Resource = definition.Plural };
        return new AdmissionRequest
        {
            Uid = uid,
            Kind = kind,
            Resource = resource,
            SubResource = NullIfEmpty(request.Subresource),
            RequestKind = kind,
            RequestResource = resource,
            RequestSubResource = NullIfEmpty(request.Subresource),
            Name = NullIfEmpty(request.Name),
            Namespace = NullIfEmpty(request.Namespace),
            Operation = request.Operation,
            UserInfo = request.User is { } user ? new UserInfo { Username = user.Name, Groups = [.. user.Groups] } : new UserInfo { Username = "system:apiserver", Groups = ["system:masters"] },
            Object = request.Object is { } obj ? ToElement(obj, definition.ClrType) : request.ConnectOptions is { } options ? JsonSerializer.SerializeToElement(options) : null,
            OldObject = request.OldObject is { } old ? ToElement(old, definition.ClrType) : null,
            DryRun = request.DryRun,
            Options = request.Options is { } o ? JsonSerializer.SerializeToElement(o) : null,
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static JsonElement ToElement(KubernetesObject obj, Type type) => JsonSerializer.SerializeToElement(obj, type, KubeJson.Options);

    private static KubernetesObject ApplyPatch(string? webhook, ResourceDefinition definition, KubernetesObject obj, byte[] patch)
    {
        try
        {
            var document = JsonSerializer.SerializeToNode(obj, definition.ClrType, KubeJson.Options);
            var patched = JsonPatch.Apply(document, System.Text.Encoding.UTF8.GetString(patch)) as JsonObject
                ?? throw new PatchException("the patch did not produce an object");
            var result = (KubernetesObject)patched.Deserialize(definition.ClrType, KubeJson.Options)!;
            // Fields a webhook added get their defaults, as a decoded request body would.
            definition.Strategy.Default(result);
            return result;
        }
        catch (Exception e) when (e is PatchException or JsonException or InvalidOperationException)
        {
            throw ApiException.Internal($"failed calling webhook \"{webhook}\": {e.Message}");
        }
    }
}
