using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.ApiExtensions.V1;
using KubeSharp.ApiServer.Admission.Webhooks;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.CustomResources;

/// <summary>
/// Conversion strategy Webhook: objects of a custom resource are converted between versions by
/// posting an apiextensions.k8s.io ConversionReview to the definition's conversion webhook.
/// Objects keep the version they were stored at (a definition's storage version may change), so
/// every read converts what is not already at the version asked for, and writes convert to the
/// storage version. The registry's conversions are synchronous: the call blocks its thread for at
/// most the webhook timeout (30 s, as Kubernetes).
/// </summary>
public sealed class CustomResourceConverter
{
    private const int TimeoutSeconds = 30;

    /// <summary>The client used for the calls; set once the registry exists (definitions are built before it).</summary>
    public WebhookClient? Client { get; set; }

    /// <summary>The converter of one definition's objects.</summary>
    internal Func<KubernetesObject, KubernetesObject> For(CustomResourceDefinition crd, string desiredApiVersion)
    {
        var webhook = crd.Spec!.Conversion!.Webhook;
        var kind = crd.Spec.Names!.Kind!;
        return obj => obj.ApiVersion == desiredApiVersion ? obj : Convert(webhook, kind, obj, desiredApiVersion);
    }

    private KubernetesObject Convert(WebhookConversion? webhook, string kind, KubernetesObject obj, string desiredApiVersion)
    {
        var fromVersion = obj.ApiVersion;
        try
        {
            var client = Client ?? throw new WebhookCallException("the API server is starting");
            var config = webhook?.ClientConfig;
            var url = WebhookClient.TargetUrl(config?.Url, config?.Service?.Namespace, config?.Service?.Name, config?.Service?.Path, config?.Service?.Port, config?.Service is not null)
                ?? throw new WebhookCallException("conversion webhook has no url or service");
            var reviewVersion = (webhook?.ConversionReviewVersions ?? []).FirstOrDefault(v => v is "v1" or "v1beta1")
                ?? throw new WebhookCallException("conversion webhook does not accept v1 or v1beta1 ConversionReviews");
            var uid = Guid.NewGuid().ToString();
            var review = new JsonObject
            {
                ["apiVersion"] = $"apiextensions.k8s.io/{reviewVersion}",
                ["kind"] = "ConversionReview",
                ["request"] = new JsonObject
                {
                    ["uid"] = uid,
                    ["desiredAPIVersion"] = desiredApiVersion,
                    ["objects"] = new JsonArray(JsonSerializer.SerializeToNode(obj, obj.GetType(), KubeJson.Options)),
                },
            };
            var answer = client.PostAsync(url, config?.CaBundle, TimeoutSeconds, JsonSerializer.SerializeToUtf8Bytes(review), CancellationToken.None).GetAwaiter().GetResult();
            var response = JsonNode.Parse(answer)?["response"] as JsonObject ?? throw new WebhookCallException("conversion webhook response contained no response");
            if (response["result"]?["status"]?.GetValue<string>() is { } status && status != "Success")
            {
                throw new WebhookCallException($"conversion webhook returned failure: {response["result"]?["message"]?.GetValue<string>()}");
            }

            if (response["uid"]?.GetValue<string>() != uid)
            {
                throw new WebhookCallException($"expected response.uid=\"{uid}\", got \"{response["uid"]?.GetValue<string>()}\"");
            }

            if (response["convertedObjects"] is not JsonArray { Count: 1 } converted || converted[0] is not JsonObject result)
            {
                throw new WebhookCallException("conversion webhook returned a number of objects other than one");
            }

            if (result["apiVersion"]?.GetValue<string>() != desiredApiVersion || result["kind"]?.GetValue<string>() != kind)
            {
                throw new WebhookCallException($"conversion webhook returned an object of {result["apiVersion"]}, Kind={result["kind"]} instead of {desiredApiVersion}, Kind={kind}");
            }

            var convertedObject = (KubernetesObject)result.Deserialize(obj.GetType(), KubeJson.Options)!;
            // The webhook may only change the object's content: metadata stays the registry's.
            convertedObject.Metadata = obj.Metadata;
            return convertedObject;
        }
        catch (Exception e) when (e is WebhookCallException or JsonException or InvalidOperationException)
        {
            throw ApiException.Internal($"conversion webhook for {fromVersion}, Kind={kind} failed: {e.Message}");
        }
    }
}
