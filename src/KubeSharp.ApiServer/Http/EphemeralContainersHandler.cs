using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.ApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Http;

/// <summary>
/// pods/{name}/ephemeralcontainers (what `kubectl debug` patches): GET reads the pod; PUT or PATCH (any patch type)
/// may only add ephemeral containers — everything else in the body is ignored, existing ephemeral containers may not
/// change or go, and a new one is validated as Kubernetes does (unique name, an image, no ports, probes, lifecycle or
/// resources, a target that is one of the pod's containers).
/// </summary>
public static class EphemeralContainersHandler
{
    public static void Register(ApiServerHost host, PatchApplier patches)
    {
        ArgumentNullException.ThrowIfNull(host);
        var store = host.Store;
        host.Resources.RegisterSubresource("pods", "ephemeralcontainers", (context, definition, request) =>
            HandleAsync(context, store, patches, definition, request.Namespace!, request.Name!));
    }

    private static async Task HandleAsync(HttpContext context, ResourceStore store, PatchApplier patches, ResourceDefinition pods, string ns, string name)
    {
        var aborted = context.RequestAborted;
        var method = context.Request.Method;
        StoredObject result;
        if (HttpMethods.IsGet(method))
        {
            result = await store.GetAsync(pods, ns, name, aborted).ConfigureAwait(false);
        }
        else if (HttpMethods.IsPut(method) || HttpMethods.IsPatch(method))
        {
            var body = await RequestBody.ReadAsync(context.Request, aborted).ConfigureAwait(false);
            var contentType = MediaTypes.Essence(context.Request.ContentType);
            var warnings = new List<string>();
            JsonNode? patch = HttpMethods.IsPatch(method) ? patches.Parse(body, contentType, pods, context.Request.Query["fieldValidation"], warnings) : null;
            var manager = context.Request.Query["fieldManager"].ToString() is { Length: > 0 } m ? m : "kubectl";
            (result, _) = await store.UpdateAsync(
                pods,
                ns,
                name,
                current =>
                {
                    if (current is null)
                    {
                        throw ApiException.NotFound(pods.GroupResource, name);
                    }

                    var live = JsonNode.Parse(current.Json)!.AsObject();
                    var desired = patch is null
                        ? RequestBody.DecodeObject(body, context.Request.ContentType, pods, "Ignore", warnings)
                        : patches.Apply(live.DeepClone().AsObject(), patch, contentType, pods, manager, false, name, ns, "ephemeralcontainers");
                    var requested = desired["spec"]?["ephemeralContainers"]?.Deserialize<List<EphemeralContainer>>(KubeJson.Options) ?? [];
                    var pod = live.Deserialize<Pod>(KubeJson.Options)!;
                    var errors = Validate(pod, requested);
                    if (errors.Count > 0)
                    {
                        throw ApiException.Invalid("Pod", "", name, errors);
                    }

                    (pod.Spec ??= new PodSpec()).EphemeralContainers = requested.Count == 0 ? null : requested;
                    if (desired["metadata"]?["resourceVersion"]?.GetValue<string>() is { Length: > 0 } version && HttpMethods.IsPut(method))
                    {
                        pod.Meta.ResourceVersion = version;
                    }
                    else
                    {
                        pod.Meta.ResourceVersion = null;
                    }

                    return pod;
                },
                new WriteOptions(FieldManager: manager, Subresource: "ephemeralcontainers"),
                allowCreate: false,
                aborted).ConfigureAwait(false);
            ResponseWriter.AddWarnings(context, warnings);
        }
        else
        {
            throw ApiException.MethodNotSupported(new GroupResource("", "pods/ephemeralcontainers"), method);
        }

        await ResponseWriter.WriteJsonAsync(context, 200, result.Json).ConfigureAwait(false);
    }

    /// <summary>Kubernetes' rules for a change of a pod's ephemeral containers: only additions, each a valid ephemeral container.</summary>
    public static List<FieldError> Validate(Pod pod, IReadOnlyList<EphemeralContainer> requested)
    {
        var errors = new List<FieldError>();
        var existing = pod.Spec?.EphemeralContainers ?? [];
        foreach (var old in existing)
        {
            var index = requested.ToList().FindIndex(c => c.Name == old.Name);
            if (index < 0)
            {
                errors.Add(FieldError.Forbidden("spec.ephemeralContainers", $"existing ephemeral containers \"{old.Name}\" may not be removed"));
            }
            else if (!FieldRules.SameJson(requested[index], old))
            {
                errors.Add(FieldError.Forbidden($"spec.ephemeralContainers[{index}]", $"existing ephemeral containers \"{old.Name}\" may not be changed"));
            }
        }

        var regular = (pod.Spec?.Containers ?? []).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var names = new HashSet<string?>(regular.Concat((pod.Spec?.InitContainers ?? []).Select(c => c.Name)), StringComparer.Ordinal);
        for (var i = 0; i < requested.Count; i++)
        {
            var container = requested[i];
            var path = $"spec.ephemeralContainers[{i}]";
            if (string.IsNullOrEmpty(container.Name))
            {
                errors.Add(FieldError.Required(path + ".name"));
            }
            else if (!names.Add(container.Name))
            {
                errors.Add(FieldError.Duplicate(path + ".name", container.Name));
            }

            if (existing.Any(e => e.Name == container.Name))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(container.Image))
            {
                errors.Add(FieldError.Required(path + ".image"));
            }

            foreach (var (field, set) in new (string, bool)[]
            {
                ("ports", container.Ports is { Count: > 0 }),
                ("lifecycle", container.Lifecycle is not null),
                ("livenessProbe", container.LivenessProbe is not null),
                ("readinessProbe", container.ReadinessProbe is not null),
                ("startupProbe", container.StartupProbe is not null),
                ("resources", container.Resources is { Limits.Count: > 0 } or { Requests.Count: > 0 }),
                ("restartPolicy", container.RestartPolicy is not null),
            })
            {
                if (set)
                {
                    errors.Add(FieldError.Forbidden($"{path}.{field}", "cannot be set for an Ephemeral Container"));
                }
            }

            if (container.TargetContainerName is { Length: > 0 } target && !regular.Contains(target))
            {
                errors.Add(FieldRules.NotFound(path + ".targetContainerName", target));
            }
        }

        return errors;
    }
}
