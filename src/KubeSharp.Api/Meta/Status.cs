using System.Text.Json.Serialization;

namespace KubeSharp.Api;

/// <summary>metav1.Status: the result of an operation that does not return an object, and every error.</summary>
public sealed class Status
{
    [JsonPropertyOrder(-3)] public string? ApiVersion { get; set; } = "v1";
    [JsonPropertyOrder(-2)] public string? Kind { get; set; } = "Status";
    [JsonPropertyOrder(-1), Proto(1)] public ListMeta? Metadata { get; set; } = new();
    /// <summary>"Success" or "Failure".</summary>
    [Proto(2), JsonPropertyName("status")] public string? StatusValue { get; set; }
    [Proto(3)] public string? Message { get; set; }
    [Proto(4)] public string? Reason { get; set; }
    [Proto(5)] public StatusDetails? Details { get; set; }
    [Proto(6)] public int? Code { get; set; }
}

public sealed class StatusDetails
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Group { get; set; }
    [Proto(3)] public string? Kind { get; set; }
    [Proto(6)] public string? Uid { get; set; }
    [Proto(4)] public List<StatusCause>? Causes { get; set; }
    [Proto(5)] public int? RetryAfterSeconds { get; set; }
}

public sealed class StatusCause
{
    [Proto(1)] public string? Reason { get; set; }
    [Proto(2)] public string? Message { get; set; }
    [Proto(3)] public string? Field { get; set; }
}

/// <summary>Options for a DELETE: grace period, preconditions, propagation and dry run.</summary>
public sealed class DeleteOptions
{
    [JsonPropertyOrder(-3)] public string? ApiVersion { get; set; }
    [JsonPropertyOrder(-2)] public string? Kind { get; set; }
    [Proto(1)] public long? GracePeriodSeconds { get; set; }
    [Proto(2)] public Preconditions? Preconditions { get; set; }
    [Proto(3)] public bool? OrphanDependents { get; set; }
    /// <summary>Orphan, Background or Foreground.</summary>
    [Proto(4)] public string? PropagationPolicy { get; set; }
    [Proto(5)] public List<string>? DryRun { get; set; }
    [Proto(6)] public bool? IgnoreStoreReadErrorWithClusterBreakingPotential { get; set; }
}

public sealed class Preconditions
{
    [Proto(1)] public string? Uid { get; set; }
    [Proto(2)] public string? ResourceVersion { get; set; }
}
