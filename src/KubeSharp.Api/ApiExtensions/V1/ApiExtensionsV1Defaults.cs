namespace KubeSharp.Api.ApiExtensions.V1;

/// <summary>Server-side defaulting of apiextensions.k8s.io/v1 objects.</summary>
public static class ApiExtensionsV1Defaults
{
    public static void Apply(CustomResourceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var spec = definition.Spec ??= new CustomResourceDefinitionSpec();
        var names = spec.Names ??= new CustomResourceDefinitionNames();
        if (string.IsNullOrEmpty(names.Singular) && !string.IsNullOrEmpty(names.Kind))
        {
            names.Singular = names.Kind.ToLowerInvariant();
        }

        if (string.IsNullOrEmpty(names.ListKind) && !string.IsNullOrEmpty(names.Kind))
        {
            names.ListKind = names.Kind + "List";
        }

        spec.Conversion ??= new CustomResourceConversion { Strategy = "None" };
        if (spec.Conversion.Webhook?.ClientConfig?.Service is { } service)
        {
            service.Port ??= 443;
        }

        // The first storage version is recorded as stored from the start.
        var status = definition.Status ??= new CustomResourceDefinitionStatus();
        if (status.StoredVersions is not { Count: > 0 } && spec.Versions?.FirstOrDefault(v => v.Storage == true) is { Name: { } storageVersion })
        {
            status.StoredVersions = [storageVersion];
        }
    }
}
