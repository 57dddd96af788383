using KubeSharp.Api;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Registry;

/// <summary>
/// Everything the server knows about one REST resource: its group/version/kind, scope, names for
/// discovery, the CLR type of its objects and the strategy that defaults, validates and prints them.
/// </summary>
public sealed class ResourceDefinition
{
    public ResourceDefinition(Type clrType, KubernetesEntityAttribute entity, ResourceStrategy strategy)
    {
        ClrType = clrType;
        Group = entity.Group;
        Version = entity.Version;
        Kind = entity.Kind;
        Plural = entity.Plural;
        Singular = entity.Kind.ToLowerInvariant();
        Namespaced = entity.Namespaced;
        ShortNames = entity.ShortNames;
        Categories = entity.Categories;
        Subresources = entity.Subresources;
        Strategy = strategy;
    }

    public Type ClrType { get; }
    public string Group { get; }
    public string Version { get; }
    public string Kind { get; }
    public string Plural { get; }
    public string Singular { get; }
    public bool Namespaced { get; }
    public IReadOnlyList<string> ShortNames { get; }
    public IReadOnlyList<string> Categories { get; }
    public IReadOnlyList<string> Subresources { get; }
    public ResourceStrategy Strategy { get; }

    /// <summary>The group/version whose objects are stored; other versions of the kind convert to it.</summary>
    public ResourceDefinition? StorageDefinition { get; init; }

    /// <summary>Converts an object of this version to the storage version (set when <see cref="StorageDefinition"/> is).</summary>
    public Func<KubernetesObject, KubernetesObject>? ToStorageVersion { get; init; }

    /// <summary>Converts a stored object to this version (set when <see cref="StorageDefinition"/> is).</summary>
    public Func<KubernetesObject, KubernetesObject>? FromStorageVersion { get; init; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    public GroupResource GroupResource => new(Group, Plural);
    public bool HasStatus => Subresources.Contains("status");
    public bool HasScale => Subresources.Contains("scale");

    /// <summary>Store key prefix of this resource (all namespaces), ending with '/'.</summary>
    public string KeyPrefix => StorageDefinition?.KeyPrefix ?? $"/registry/{(Group.Length == 0 ? "core" : Group)}/{Plural}/";

    public string Key(string? ns, string name) => Namespaced ? $"{KeyPrefix}{ns}/{name}" : $"{KeyPrefix}{name}";

    public string NamespacePrefix(string? ns) => Namespaced && !string.IsNullOrEmpty(ns) ? $"{KeyPrefix}{ns}/" : KeyPrefix;

    public override string ToString() => $"{Plural}.{ApiVersion}";
}
