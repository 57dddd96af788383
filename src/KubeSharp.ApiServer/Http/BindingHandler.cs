using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Http;

/// <summary>
/// Binds pods to nodes: POST pods/{name}/binding and POST namespaces/{ns}/bindings (the older form).
/// Sets spec.nodeName and the PodScheduled=True condition in one write; a pod that already has a
/// node is a 409 Conflict, as in Kubernetes, so two schedulers can never both bind the same pod.
/// </summary>
public static class BindingHandler
{
    /// <summary>Registers both forms on <paramref name="host"/> (call after its resource handler exists, before serving).</summary>
    public static void Register(ApiServerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var store = host.Store;
        host.Resources.RegisterSubresource("pods", "binding", (context, _, request) =>
            BindAsync(context, store, request.Namespace!, request.Name));
        host.ExtraRoutes.Add(async context =>
        {
            if (!HttpMethods.IsPost(context.Request.Method) || RequestInfo.Parse(context.Request.Path.Value ?? "") is not { Group: "", Resource: "bindings", Name: null, Subresource: null, Namespace: { } ns })
            {
                return false;
            }

            await BindAsync(context, store, ns, null).ConfigureAwait(false);
            return true;
        });
    }

    private static async Task BindAsync(HttpContext context, ResourceStore store, string ns, string? podName)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw ApiException.MethodNotSupported(new GroupResource("", "pods/binding"), context.Request.Method);
        }

        var bindings = store.Catalog.Find("", "v1", "bindings") ?? throw ApiException.Internal("bindings are not registered");
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var json = RequestBody.DecodeObject(body, context.Request.ContentType, bindings, "Ignore", []);
        var binding = json.Deserialize<Binding>(KubeJson.Options) ?? throw ApiException.BadRequest("the body of the request must be a Binding");
        var name = binding.Metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            name = podName;
        }

        if (string.IsNullOrEmpty(name) || (podName is not null && name != podName))
        {
            throw ApiException.BadRequest("name in URL does not match name in Binding object");
        }

        var node = binding.Target?.Name;
        if (string.IsNullOrEmpty(node))
        {
            throw ApiException.Invalid("Binding", "", name, [FieldError.Required("target.name")]);
        }

        var pods = store.Catalog.Find("", "v1", "pods")!;
        await store.UpdateAsync(
            pods,
            ns,
            name,
            current =>
            {
                if (current is null)
                {
                    throw ApiException.NotFound(pods.GroupResource, name);
                }

                var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                var pod = JsonNode.Parse(current.Json)!.Deserialize<Pod>(KubeJson.Options)!;
                if (pod.Metadata?.DeletionTimestamp is not null)
                {
                    throw ApiException.Conflict(new GroupResource("", "pods/binding"), name, "pod is being deleted, cannot be assigned to a host");
                }

                if (!string.IsNullOrEmpty(pod.Spec?.NodeName))
                {
                    throw ApiException.Conflict(new GroupResource("", "pods/binding"), name, $"pod {name} is already assigned to node \"{pod.Spec.NodeName}\"");
                }

                pod.Meta.ResourceVersion = null;
                (pod.Spec ??= new PodSpec()).NodeName = node;
                pod.Status ??= new PodStatus();
                var conditions = pod.Status.Conditions ??= [];
                conditions.RemoveAll(c => c.Type == "PodScheduled");
                conditions.Add(new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = now });
                if (binding.Metadata?.Annotations is { Count: > 0 } annotations)
                {
                    var merged = pod.Meta.Annotations ??= [];
                    foreach (var (key, value) in annotations)
                    {
                        merged[key] = value;
                    }
                }

                return pod;
            },
            new WriteOptions(FieldManager: "kube-scheduler", Subresource: "binding"),
            allowCreate: false,
            context.RequestAborted).ConfigureAwait(false);
        await ResponseWriter.WriteObjectAsync(context, 201, new Status { StatusValue = "Success", Code = 201 }).ConfigureAwait(false);
    }
}
