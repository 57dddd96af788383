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
        : this(clrType, entity.Group, entity.Version, entity.Kind, entity.Plural, entity.Kind.ToLowerInvariant(), entity.Namespaced, entity.ShortNames, entity.Categories, entity.Subresources, strategy)
    {
    }

    /// <summary>A resource defined at run time (a custom resource of a CustomResourceDefinition).</summary>
    public ResourceDefinition(
        Type clrType,
        string group,
        string version,
        string kind,
        string plural,
        string singular,
        bool namespaced,
        IReadOnlyList<string> shortNames,
        IReadOnlyList<string> categories,
        IReadOnlyList<string> subresources,
        ResourceStrategy strategy)
    {
        ClrType = clrType;
        Group = group;
        Version = version;
        Kind = kind;
        Plural = plural;
        Singular = singular;
        Namespaced = namespaced;
        ShortNames = shortNames;
        Categories = categories;
        Subresources = subresources;
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

    /// <summary>The table printer of this resource when it is not the one registered for <see cref="ClrType"/> (custom resources share one CLR type).</summary>
    public Printing.TablePrinter? Printer { get; init; }

    /// <summary>Where the scale subresource reads and writes its fields (set with the "scale" subresource; built-in kinds use spec.replicas, status.replicas and spec.selector).</summary>
    public ScaleFields? ScaleFields { get; init; }

    /// <summary>The version of a CustomResourceDefinition this resource serves; null for built-in kinds.</summary>
    public CustomResources.CustomResourceVersion? Custom { get; init; }

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

/// <summary>JSON paths (".spec.replicas") of the scale subresource's fields in an object; <see cref="LabelSelector"/> names a string field.</summary>
public sealed record ScaleFields(string SpecReplicas, string StatusReplicas, string? LabelSelector);
