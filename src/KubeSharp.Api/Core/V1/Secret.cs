namespace KubeSharp.Api.Core.V1;

/// <summary>Sensitive data, such as passwords, tokens or keys.</summary>
[KubernetesEntity("", "v1", "Secret", "secrets")]
public sealed class Secret : KubernetesObject
{
    /// <summary>If true, data cannot be changed after creation.</summary>
    [Proto(5)] public bool? Immutable { get; set; }
    /// <summary>The secret data; values are base64 in JSON.</summary>
    [Proto(2)] public Dictionary<string, byte[]>? Data { get; set; }
    /// <summary>Write-only convenience: plain-text values merged into data on write.</summary>
    [Proto(4)] public Dictionary<string, string>? StringData { get; set; }
    /// <summary>How to interpret the data: Opaque (default), kubernetes.io/tls, kubernetes.io/dockerconfigjson, ...</summary>
    [Proto(3)] public string? Type { get; set; }
}
