using KubeSharp.Api;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>
/// Kubernetes' OpenAPI definition names (the Go package path reversed, then the type name) for the
/// C# API types: <c>KubeSharp.Api.Core.V1.Pod</c> is <c>io.k8s.api.core.v1.Pod</c>, the meta types in
/// <c>KubeSharp.Api</c> are <c>io.k8s.apimachinery.pkg.apis.meta.v1.*</c>.
/// </summary>
internal static class SchemaNames
{
    public const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    public const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string MetaPackage = "io.k8s.apimachinery.pkg.apis.meta.v1";
    public const string Patch = MetaPackage + ".Patch";

    private const string ApiNamespace = "KubeSharp.Api";

    public static string For(Type type)
    {
        if (type == typeof(Quantity))
        {
            return Quantity;
        }

        if (type == typeof(IntOrString))
        {
            return IntOrString;
        }

        return Package(type) + "." + SimpleName(type);
    }

    /// <summary>The definition name of the list kind of <paramref name="itemType"/> ("io.k8s.api.core.v1.PodList").</summary>
    public static string ListOf(Type itemType) => For(itemType) + "List";

    public static string Package(Type type)
    {
        var ns = type.Namespace ?? ApiNamespace;
        if (ns == ApiNamespace || !ns.StartsWith(ApiNamespace + ".", StringComparison.Ordinal))
        {
            return MetaPackage;
        }

        // "Apps.V1" -> group folder "apps", version "v1".
        var parts = ns[(ApiNamespace.Length + 1)..].Split('.');
        var version = parts[^1].ToLowerInvariant();
        var group = string.Concat(parts[..^1]).ToLowerInvariant();
        return group == "apiextensions"
            ? $"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.{version}"
            : $"io.k8s.api.{group}.{version}";
    }

    private static string SimpleName(Type type)
    {
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return tick >= 0 ? name[..tick] : name;
    }
}
