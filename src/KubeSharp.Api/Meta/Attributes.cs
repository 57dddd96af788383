namespace KubeSharp.Api;

/// <summary>Identifies a top-level kind: its group, version, kind and REST resource.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KubernetesEntityAttribute : Attribute
{
    public KubernetesEntityAttribute(string group, string version, string kind, string plural)
    {
        Group = group;
        Version = version;
        Kind = kind;
        Plural = plural;
    }

    /// <summary>API group; "" is the core group.</summary>
    public string Group { get; }
    public string Version { get; }
    public string Kind { get; }
    /// <summary>The REST resource name (lower-case plural), e.g. "deployments".</summary>
    public string Plural { get; }
    public bool Namespaced { get; set; } = true;
    public string[] ShortNames { get; set; } = [];
    public string[] Categories { get; set; } = [];
    /// <summary>Subresources the kind has: "status", "scale", "log", "exec", …</summary>
    public string[] Subresources { get; set; } = [];

    /// <summary>
    /// False for kinds that are only bodies of another resource's subresource (Scale, Eviction,
    /// Binding): they have a wire type but no REST resource of their own.
    /// </summary>
    public bool IsResource { get; set; } = true;

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}

/// <summary>Field number of this property in k8s.io/api's generated.proto.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ProtoAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}

/// <summary>
/// The base class's properties come from a Go struct embedded inline: flattened in JSON, but in
/// protobuf a nested message at field <see cref="Number"/> of this type.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProtoBaseAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}

/// <summary>
/// Strategic merge patch merges this list instead of replacing it (patchStrategy "merge"): objects
/// by <see cref="Key"/>, primitives (Key null) as a set.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatchMergeAttribute(string? key = null) : Attribute
{
    public string? Key { get; } = key;
}

/// <summary>Strategic merge patch "retainKeys": fields not named in $retainKeys are cleared.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatchRetainKeysAttribute : Attribute;
