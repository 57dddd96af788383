namespace KubeSharp.Api.Core.V1;

/// <summary>Points at an object, optionally at a field inside it.</summary>
public sealed class ObjectReference
{
    /// <summary>Kind of the object.</summary>
    [Proto(1)] public string? Kind { get; set; }
    /// <summary>Namespace of the object.</summary>
    [Proto(2)] public string? Namespace { get; set; }
    /// <summary>Name of the object.</summary>
    [Proto(3)] public string? Name { get; set; }
    /// <summary>UID of the object.</summary>
    [Proto(4)] public string? Uid { get; set; }
    /// <summary>API version of the object.</summary>
    [Proto(5)] public string? ApiVersion { get; set; }
    /// <summary>Resource version the reference was made at.</summary>
    [Proto(6)] public string? ResourceVersion { get; set; }
    /// <summary>A part of the object, e.g. spec.containers{web}.</summary>
    [Proto(7)] public string? FieldPath { get; set; }
}

/// <summary>Names a Secret in any namespace.</summary>
public sealed class SecretReference
{
    /// <summary>Name of the secret.</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Namespace of the secret.</summary>
    [Proto(2)] public string? Namespace { get; set; }
}

/// <summary>Names an object in the same namespace.</summary>
public class LocalObjectReference
{
    /// <summary>Name of the object.</summary>
    [Proto(1)] public string? Name { get; set; }
}
