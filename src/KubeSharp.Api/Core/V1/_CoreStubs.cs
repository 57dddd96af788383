// PLACEHOLDER until core/v1 lands; delete this file on merge.
// These stand-ins exist only so the non-core groups compile on their own branch. They keep every
// JSON member they are given (extension data) so round-trip tests of workloads hold until the real
// core/v1 types replace them.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeSharp.Api.Core.V1;

/// <summary>Placeholder until core/v1 lands; delete on merge.</summary>
public sealed class PodTemplateSpec
{
    [Proto(1)] public ObjectMeta? Metadata { get; set; }
    [JsonExtensionData] public Dictionary<string, JsonElement>? Placeholder { get; set; }
}

/// <summary>Placeholder until core/v1 lands; delete on merge.</summary>
public sealed class PersistentVolumeClaim : KubernetesObject
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Placeholder { get; set; }
}

/// <summary>Placeholder until core/v1 lands; delete on merge.</summary>
public sealed class PersistentVolumeSpec
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Placeholder { get; set; }
}

/// <summary>Placeholder until core/v1 lands; delete on merge.</summary>
public sealed class ObjectReference
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Placeholder { get; set; }
}

/// <summary>Placeholder until core/v1 lands; delete on merge.</summary>
public sealed class TypedLocalObjectReference
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Placeholder { get; set; }
}

/// <summary>Placeholder until core/v1 lands; delete on merge.</summary>
public sealed class TopologySelectorTerm
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Placeholder { get; set; }
}

/// <summary>Placeholder until core/v1 lands; delete on merge.</summary>
public sealed class Toleration
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Placeholder { get; set; }
}

/// <summary>Placeholder until core/v1 lands; delete on merge.</summary>
public sealed class EventSource
{
    [JsonExtensionData] public Dictionary<string, JsonElement>? Placeholder { get; set; }
}
