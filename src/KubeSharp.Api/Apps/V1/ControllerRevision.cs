using System.Text.Json;

namespace KubeSharp.Api.Apps.V1;

[KubernetesEntity("apps", "v1", "ControllerRevision", "controllerrevisions")]
public sealed class ControllerRevision : KubernetesObject
{
    [Proto(2)] public JsonElement? Data { get; set; }
    [Proto(3)] public long? Revision { get; set; }
}
