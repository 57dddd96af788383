using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Registry;

namespace KubeSharp.ApiServer.CustomResources;

/// <summary>
/// The registry strategy of one served version of a custom resource: its openAPIV3Schema prunes,
/// defaults and validates objects; metadata.generation is always tracked; no object may be created
/// while the CustomResourceDefinition is being deleted.
/// </summary>
internal sealed class CustomResourceStrategy : ResourceStrategy
{
    private readonly CustomResourceVersion _version;

    public CustomResourceStrategy(CustomResourceVersion version)
    {
        _version = version;
    }

    public override bool TracksGeneration(ResourceDefinition definition) => true;

    public override void Default(KubernetesObject obj)
    {
        if (_version.Schema is not { } schema || obj is not CustomResource resource)
        {
            return;
        }

        var content = resource.ContentObject();
        StructuralSchema.Prune(content, schema);
        StructuralSchema.ApplyDefaults(content, schema);
        resource.SetContent(content);
    }

    public override void PrepareForCreate(KubernetesObject obj)
    {
        if (_version.Terminating)
        {
            throw new ApiException(405, "MethodNotAllowed", "create not allowed while custom resource definition is terminating");
        }
    }

    public override IEnumerable<FieldError> Validate(KubernetesObject obj) =>
        _version.Schema is { } schema && obj is CustomResource resource
            ? StructuralSchema.Validate(resource.ContentObject(), schema)
            : [];

    public override IReadOnlyList<string>? UnknownFields(JsonObject obj)
    {
        if (_version.Schema is not { } schema)
        {
            return [];
        }

        var copy = obj.DeepClone().AsObject();
        var unknown = StructuralSchema.Prune(copy, schema);
        if (copy["metadata"] is JsonObject metadata)
        {
            unknown.AddRange(UnknownMetadataFields(metadata));
        }

        return unknown;
    }

    private static readonly HashSet<string> MetadataFields = typeof(ObjectMeta).GetProperties()
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> UnknownMetadataFields(JsonObject metadata) =>
        metadata.Select(kv => kv.Key).Where(k => !MetadataFields.Contains(k)).Select(k => "metadata." + k);
}
