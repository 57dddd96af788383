using System.Text.Json;

namespace KubeSharp.Api.Apps.V1;

/// <summary>An immutable snapshot of state data, used by controllers to track and roll back revisions.</summary>
[KubernetesEntity("apps", "v1", "ControllerRevision", "controllerrevisions")]
public sealed class ControllerRevision : KubernetesObject
{
    /// <summary>The serialized state of this revision.</summary>
    [Proto(2)] public JsonElement? Data { get; set; }
    /// <summary>The revision number.</summary>
    [Proto(3)] public long? Revision { get; set; }
}
