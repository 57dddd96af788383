using KubeSharp.Api.ApiExtensions.V1;

namespace KubeSharp.ApiServer.CustomResources;

/// <summary>What a served version of a custom resource is made from: its CustomResourceDefinition and the version's entry in it.</summary>
/// <param name="Terminating">The definition is being deleted: its objects are being removed and no new ones may be created.</param>
public sealed record CustomResourceVersion(CustomResourceDefinition Definition, CustomResourceDefinitionVersion Version, bool Terminating)
{
    public string Group => Definition.Spec!.Group!;

    public CustomResourceDefinitionNames Names => Definition.Spec!.Names!;

    /// <summary>Conversion strategy Webhook: stored objects keep the version they were written at.</summary>
    public bool ConvertsByWebhook { get; init; }

    /// <summary>The version's openAPIV3Schema (null: none, every field is kept).</summary>
    public JSONSchemaProps? Schema => Version.Schema?.OpenAPIV3Schema;
}
