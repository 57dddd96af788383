using System.Text.Json.Nodes;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client;

namespace KubeSharp.Node.Pods;

/// <summary>Reads ConfigMaps, Secrets, claims and volumes from the API server and asks it for service account tokens.</summary>
internal sealed class ClientPodObjectSource(KubernetesClient client) : IPodObjectSource
{
    public Task<ConfigMap?> GetConfigMapAsync(string ns, string name, CancellationToken cancellationToken) =>
        client.TryGetAsync<ConfigMap>(name, ns, cancellationToken);

    public Task<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken) =>
        client.TryGetAsync<Secret>(name, ns, cancellationToken);

    public Task<PersistentVolumeClaim?> GetPersistentVolumeClaimAsync(string ns, string name, CancellationToken cancellationToken) =>
        client.TryGetAsync<PersistentVolumeClaim>(name, ns, cancellationToken);

    public Task<PersistentVolume?> GetPersistentVolumeAsync(string name, CancellationToken cancellationToken) =>
        client.TryGetAsync<PersistentVolume>(name, null, cancellationToken);

    public async Task<string?> RequestServiceAccountTokenAsync(Pod pod, ServiceAccountTokenProjection projection, CancellationToken cancellationToken)
    {
        var serviceAccount = pod.Spec?.ServiceAccountName ?? pod.Spec?.ServiceAccount ?? "default";
        var request = new JsonObject
        {
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["kind"] = "TokenRequest",
            ["spec"] = new JsonObject
            {
                ["audiences"] = string.IsNullOrEmpty(projection.Audience) ? new JsonArray() : new JsonArray(projection.Audience),
                ["expirationSeconds"] = projection.ExpirationSeconds ?? 3607,
                ["boundObjectRef"] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["name"] = pod.Metadata?.Name, ["uid"] = pod.Metadata?.Uid },
            },
        };
        try
        {
            var response = await client.CreateSubresourceAsync<ServiceAccount, JsonObject>(serviceAccount, "token", request, pod.Metadata?.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response["status"]?["token"]?.GetValue<string>();
        }
        catch (KubernetesApiException)
        {
            return null;
        }
    }
}
