namespace KubeSharp.Api.Core.V1;

/// <summary>ConfigMap holds configuration data for pods to consume.</summary>
[KubernetesEntity("", "v1", "ConfigMap", "configmaps", ShortNames = ["cm"])]
public sealed class ConfigMap : KubernetesObject
{
    /// <summary>If true, data cannot be changed after creation; only metadata can.</summary>
    [Proto(4)] public bool? Immutable { get; set; }
    /// <summary>Configuration data: keys are [-._a-zA-Z0-9]+, values UTF-8 strings.</summary>
    [Proto(2)] public Dictionary<string, string>? Data { get; set; }
    /// <summary>Binary configuration data; keys must not overlap with Data.</summary>
    [Proto(3)] public Dictionary<string, byte[]>? BinaryData { get; set; }
}
