using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KubeSharp.Api;

namespace KubeSharp.ApiServer.CustomResources;

/// <summary>
/// An object of a custom resource: apiVersion, kind and metadata typed (so the registry treats its
/// metadata as any kind's), every other top-level field kept as JSON in <see cref="Content"/>.
/// </summary>
public sealed class CustomResource : KubernetesObject
{
    /// <summary>The top-level fields besides apiVersion, kind and metadata (spec, status, …).</summary>
    [JsonExtensionData]
    public JsonObject? Content { get; set; }
}
