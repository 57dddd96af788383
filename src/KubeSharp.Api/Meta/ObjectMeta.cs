using System.Text.Json;
using System.Text.Json.Serialization;

namespace KubeSharp.Api;

/// <summary>Standard object metadata that every persisted resource has.</summary>
public sealed class ObjectMeta
{
    /// <summary>Name must be unique within a namespace. Cannot be updated.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Optional prefix the server uses to generate a unique name when Name is not given.</summary>
    [Proto(2)] public string? GenerateName { get; set; }
    /// <summary>The namespace the object lives in; empty for cluster-scoped objects.</summary>
    [Proto(3)] public string? Namespace { get; set; }
    /// <summary>Deprecated; never set by the server.</summary>
    [Proto(4)] public string? SelfLink { get; set; }
    /// <summary>Unique in time and space for this object; set by the server on create.</summary>
    [Proto(5)] public string? Uid { get; set; }
    /// <summary>Opaque value that changes on every write; used for optimistic concurrency and watches.</summary>
    [Proto(6)] public string? ResourceVersion { get; set; }
    /// <summary>A sequence number for the desired state (spec); set by the server.</summary>
    [Proto(7)] public long? Generation { get; set; }
    /// <summary>When the object was created, set by the server.</summary>
    [Proto(8)] public DateTimeOffset? CreationTimestamp { get; set; }
    /// <summary>When the object will be deleted; set by the server when deletion is requested.</summary>
    [Proto(9)] public DateTimeOffset? DeletionTimestamp { get; set; }
    /// <summary>Seconds the object has to terminate gracefully before it is removed.</summary>
    [Proto(10)] public long? DeletionGracePeriodSeconds { get; set; }
    /// <summary>Map of string keys and values used to organize and select objects.</summary>
    [Proto(11)] public Dictionary<string, string>? Labels { get; set; }
    /// <summary>Unstructured key/value data stored with the object.</summary>
    [Proto(12)] public Dictionary<string, string>? Annotations { get; set; }
    /// <summary>Objects this object depends on; when all owners are gone it is garbage collected.</summary>
    [Proto(13), PatchMerge("uid")] public List<OwnerReference>? OwnerReferences { get; set; }
    /// <summary>Must be empty before the object is deleted from the registry.</summary>
    [Proto(14), PatchMerge] public List<string>? Finalizers { get; set; }
    /// <summary>Which workflows (field managers) manage which fields.</summary>
    [Proto(17)] public List<ManagedFieldsEntry>? ManagedFields { get; set; }
}

/// <summary>Identifies an owning object.</summary>
public sealed class OwnerReference
{
    [Proto(5)] public string? ApiVersion { get; set; }
    [Proto(1)] public string? Kind { get; set; }
    [Proto(3)] public string? Name { get; set; }
    [Proto(4)] public string? Uid { get; set; }
    /// <summary>If true, this reference points to the managing controller.</summary>
    [Proto(6)] public bool? Controller { get; set; }
    /// <summary>If true, the owner cannot be deleted from storage until this reference is removed (foreground deletion).</summary>
    [Proto(7)] public bool? BlockOwnerDeletion { get; set; }
}

/// <summary>A workflow's claim on a set of fields.</summary>
public sealed class ManagedFieldsEntry
{
    [Proto(1)] public string? Manager { get; set; }
    /// <summary>Apply or Update.</summary>
    [Proto(2)] public string? Operation { get; set; }
    [Proto(3)] public string? ApiVersion { get; set; }
    [Proto(4)] public DateTimeOffset? Time { get; set; }
    /// <summary>Always "FieldsV1".</summary>
    [Proto(6)] public string? FieldsType { get; set; }
    [Proto(7)] public JsonElement? FieldsV1 { get; set; }
    [Proto(8)] public string? Subresource { get; set; }
}

/// <summary>Metadata of lists: the resource version and the continue token.</summary>
public sealed class ListMeta
{
    [Proto(1)] public string? SelfLink { get; set; }
    [Proto(2)] public string? ResourceVersion { get; set; }
    [Proto(3)] public string? Continue { get; set; }
    [Proto(4)] public long? RemainingItemCount { get; set; }
}

/// <summary>A label query over a set of resources. Empty matches everything; null matches nothing.</summary>
public sealed class LabelSelector
{
    [Proto(1)] public Dictionary<string, string>? MatchLabels { get; set; }
    [Proto(2)] public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}

public sealed class LabelSelectorRequirement
{
    [Proto(1)] public string? Key { get; set; }
    /// <summary>In, NotIn, Exists or DoesNotExist.</summary>
    [Proto(2)] public string? Operator { get; set; }
    [Proto(3)] public List<string>? Values { get; set; }
}

/// <summary>metav1.Condition, the standard condition shape of newer APIs.</summary>
public sealed class Condition
{
    [Proto(1)] public string? Type { get; set; }
    [Proto(2)] public string? Status { get; set; }
    [Proto(3)] public long? ObservedGeneration { get; set; }
    [Proto(4)] public DateTimeOffset? LastTransitionTime { get; set; }
    [Proto(5)] public string? Reason { get; set; }
    [Proto(6)] public string? Message { get; set; }
}

/// <summary>The base of every top-level kind: type information and object metadata.</summary>
public abstract class KubernetesObject
{
    [JsonPropertyOrder(-3)] public string? ApiVersion { get; set; }
    [JsonPropertyOrder(-2)] public string? Kind { get; set; }
    [JsonPropertyOrder(-1), Proto(1)] public ObjectMeta? Metadata { get; set; }

    /// <summary>Metadata, created if absent.</summary>
    [JsonIgnore] public ObjectMeta Meta => Metadata ??= new ObjectMeta();
}

/// <summary>A list of objects of one kind, e.g. PodList.</summary>
public sealed class KubernetesList<T>
    where T : KubernetesObject
{
    [JsonPropertyOrder(-3)] public string? ApiVersion { get; set; }
    [JsonPropertyOrder(-2)] public string? Kind { get; set; }
    [JsonPropertyOrder(-1)] public ListMeta? Metadata { get; set; }
    public List<T> Items { get; set; } = [];
}

/// <summary>One event of a watch stream.</summary>
public sealed class WatchEvent<T>
{
    /// <summary>ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.</summary>
    public string Type { get; set; } = "";
    public T? Object { get; set; }
}
