using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Policy.V1;
using KubeSharp.Api.Selectors;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Http;

/// <summary>
/// POST pods/{name}/eviction: deletes a pod unless that would break the PodDisruptionBudget covering
/// it. A Running pod covered by a budget with no disruptions left is refused with 429 (clients such
/// as kubectl drain retry); otherwise the budget's status.disruptionsAllowed is decremented and the
/// pod recorded in status.disruptedPods before the pod is deleted with the eviction's deleteOptions.
/// Pods that are not running, and unready pods the budget's unhealthyPodEvictionPolicy lets go, are
/// deleted without spending a disruption.
/// </summary>
public static class EvictionHandler
{
    private const string ViolationMessage = "Cannot evict pod as it would violate the pod's disruption budget.";

    /// <summary>Registers the subresource on <paramref name="host"/> (call after its resource handler exists, before serving).</summary>
    public static void Register(ApiServerHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var store = host.Store;
        host.Resources.RegisterSubresource("pods", "eviction", (context, _, request) =>
            EvictAsync(context, store, request.Namespace!, request.Name!));
    }

    private static async Task EvictAsync(HttpContext context, ResourceStore store, string ns, string podName)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw ApiException.MethodNotSupported(new GroupResource("", "pods/eviction"), context.Request.Method);
        }

        var eviction = await ReadEvictionAsync(context).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(eviction.Metadata?.Name) && eviction.Metadata.Name != podName)
        {
            throw ApiException.BadRequest("name in URL does not match name in Eviction object");
        }

        // dryRun=All (query or deleteOptions) checks the budget without spending it or deleting the pod.
        var deleteOptions = eviction.DeleteOptions ?? new DeleteOptions();
        if (context.Request.Query["dryRun"].Contains("All") && deleteOptions.DryRun?.Contains("All") != true)
        {
            deleteOptions.DryRun = [.. deleteOptions.DryRun ?? [], "All"];
        }

        var dryRun = deleteOptions.DryRun?.Contains("All") == true;
        var pods = store.Catalog.Find("", "v1", "pods")!;
        var pod = Deserialize<Pod>(await store.GetAsync(pods, ns, podName, context.RequestAborted).ConfigureAwait(false));
        if (pod.Status?.Phase is not ("Pending" or "Succeeded" or "Failed") && pod.Metadata?.DeletionTimestamp is null)
        {
            await SpendDisruptionAsync(store, pod, dryRun, context.RequestAborted).ConfigureAwait(false);
        }

        await store.DeleteAsync(pods, ns, podName, deleteOptions, context.RequestAborted).ConfigureAwait(false);
        await ResponseWriter.WriteObjectAsync(context, 201, new Status { StatusValue = "Success", Code = 201 }).ConfigureAwait(false);
    }

    /// <summary>Takes one disruption from the pod's budget, or throws 429 when none is left.</summary>
    private static async Task SpendDisruptionAsync(ResourceStore store, Pod pod, bool dryRun, CancellationToken cancellationToken)
    {
        var ns = pod.Metadata!.Namespace;
        var budgets = store.Catalog.Find("policy", "v1", "poddisruptionbudgets")!;
        var (items, _) = await store.Cache.SnapshotAsync(budgets, consistent: true, cancellationToken).ConfigureAwait(false);
        var matching = items.Values
            .Select(Deserialize<PodDisruptionBudget>)
            .Where(b => b.Metadata?.Namespace == ns && LabelQuery.FromObject(b.Spec?.Selector).Matches(pod.Metadata.Labels))
            .ToList();
        if (matching.Count == 0)
        {
            return;
        }

        if (matching.Count > 1)
        {
            throw new ApiException(500, "InternalError", "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        }

        var budget = matching[0];
        if (!IsReady(pod) && budget.Status is { } observed && observed.ObservedGeneration >= budget.Metadata?.Generation
            && (budget.Spec?.UnhealthyPodEvictionPolicy == "AlwaysAllow" || observed.CurrentHealthy >= observed.DesiredHealthy))
        {
            return;
        }

        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await store.UpdateAsync(
            budgets,
            ns,
            budget.Metadata!.Name!,
            current =>
            {
                var pdb = current is null ? throw Violation(budget.Metadata.Name!, "The disruption budget {0} no longer exists.") : Deserialize<PodDisruptionBudget>(current);
                var status = pdb.Status ?? new PodDisruptionBudgetStatus();
                if ((status.ObservedGeneration ?? 0) < (pdb.Metadata?.Generation ?? 0))
                {
                    throw Violation(pdb.Metadata!.Name!, "The disruption budget {0} is still being processed by the server.");
                }

                if ((status.DisruptionsAllowed ?? 0) < 1)
                {
                    throw Violation(pdb.Metadata!.Name!, $"The disruption budget {{0}} needs {status.DesiredHealthy ?? 0} healthy pods and has {status.CurrentHealthy ?? 0} currently");
                }

                pdb.Meta.ResourceVersion = null;
                status.DisruptionsAllowed--;
                (status.DisruptedPods ??= [])[pod.Metadata.Name!] = now;
                pdb.Status = status;
                return pdb;
            },
            new WriteOptions(DryRun: dryRun, FieldManager: "kube-apiserver", Subresource: "status"),
            allowCreate: false,
            cancellationToken).ConfigureAwait(false);
    }

    private static ApiException Violation(string budget, string causeFormat) =>
        new(429, "TooManyRequests", ViolationMessage, new StatusDetails
        {
            Causes = [new StatusCause { Reason = "DisruptionBudget", Message = string.Format(CultureInfo.InvariantCulture, causeFormat, budget) }],
        });

    private static bool IsReady(Pod pod) => pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static async Task<Eviction> ReadEvictionAsync(HttpContext context)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body.Length == 0)
        {
            return new Eviction();
        }

        var mediaType = MediaTypes.Essence(context.Request.ContentType);
        JsonNode node;
        if (mediaType == MediaTypes.Protobuf)
        {
            try
            {
                node = KubeProtobuf.Default.Decode(body, typeof(Eviction));
            }
            catch (KubeProtobufException e)
            {
                throw ApiException.BadRequest($"error decoding protobuf body: {e.Message}");
            }
        }
        else
        {
            node = RequestBody.ParseDocument(body, mediaType is MediaTypes.Yaml or "application/x-yaml" or "text/yaml" ? MediaTypes.Yaml : MediaTypes.Json);
        }

        try
        {
            return node.Deserialize<Eviction>(KubeJson.Options) ?? throw ApiException.BadRequest("the body of the request must be an Eviction");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body of the request is not a valid Eviction: {e.Message}");
        }
    }

    private static T Deserialize<T>(StoredObject stored)
        where T : KubernetesObject =>
        JsonNode.Parse(stored.Json)!.Deserialize<T>(KubeJson.Options)!;
}
