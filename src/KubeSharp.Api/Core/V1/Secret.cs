namespace KubeSharp.Api.Core.V1;

[KubernetesEntity("", "v1", "Secret", "secrets")]
public sealed class Secret : KubernetesObject
{
    [Proto(5)] public bool? Immutable { get; set; }
    [Proto(2)] public Dictionary<string, byte[]>? Data { get; set; }
    [Proto(4)] public Dictionary<string, string>? StringData { get; set; }
    [Proto(3)] public string? Type { get; set; }
}
