namespace KubeSharp.Api.Core.V1;

public sealed class ObjectReference
{
    [Proto(1)] public string? Kind { get; set; }
    [Proto(2)] public string? Namespace { get; set; }
    [Proto(3)] public string? Name { get; set; }
    [Proto(4)] public string? Uid { get; set; }
    [Proto(5)] public string? ApiVersion { get; set; }
    [Proto(6)] public string? ResourceVersion { get; set; }
    [Proto(7)] public string? FieldPath { get; set; }
}

public sealed class SecretReference
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Namespace { get; set; }
}

public class LocalObjectReference
{
    [Proto(1)] public string? Name { get; set; }
}
