using System.Text.Json;
using KubeSharp.Api.Authentication.V1;

namespace KubeSharp.Api.Admission.V1;

/// <summary>
/// admission.k8s.io/v1 AdmissionReview: the body the API server posts to an admission webhook
/// (with <see cref="Request"/>) and the webhook's answer (with <see cref="Response"/>).
/// Not a REST resource.
/// </summary>
public sealed class AdmissionReview
{
    public string? ApiVersion { get; set; }
    public string? Kind { get; set; }
    public AdmissionRequest? Request { get; set; }
    public AdmissionResponse? Response { get; set; }
}

/// <summary>The request a webhook is asked about.</summary>
public sealed class AdmissionRequest
{
    /// <summary>Identifies this call; the response echoes it.</summary>
    public string? Uid { get; set; }
    /// <summary>The kind of the object (group, version, kind) as stored in the request.</summary>
    public GroupVersionKind? Kind { get; set; }
    /// <summary>The resource being requested.</summary>
    public GroupVersionResource? Resource { get; set; }
    /// <summary>The subresource, e.g. status or attach; empty for the main resource.</summary>
    public string? SubResource { get; set; }
    /// <summary>The kind the caller sent, when it differs because the webhook matched an equivalent resource.</summary>
    public GroupVersionKind? RequestKind { get; set; }
    /// <summary>The resource the caller requested.</summary>
    public GroupVersionResource? RequestResource { get; set; }
    /// <summary>The subresource the caller requested.</summary>
    public string? RequestSubResource { get; set; }
    /// <summary>The object's name (may be empty on create with generateName).</summary>
    public string? Name { get; set; }
    /// <summary>The object's namespace.</summary>
    public string? Namespace { get; set; }
    /// <summary>CREATE, UPDATE, DELETE or CONNECT.</summary>
    public string? Operation { get; set; }
    /// <summary>Who made the request.</summary>
    public UserInfo? UserInfo { get; set; }
    /// <summary>The new object (null for DELETE and CONNECT).</summary>
    public JsonElement? Object { get; set; }
    /// <summary>The existing object (UPDATE and DELETE).</summary>
    public JsonElement? OldObject { get; set; }
    /// <summary>Whether the request is a dry run.</summary>
    public bool? DryRun { get; set; }
    /// <summary>The operation's options: CreateOptions, UpdateOptions, DeleteOptions or the connect options.</summary>
    public JsonElement? Options { get; set; }
}

/// <summary>A webhook's verdict.</summary>
public sealed class AdmissionResponse
{
    /// <summary>The request's uid.</summary>
    public string? Uid { get; set; }
    /// <summary>Whether the request is admitted.</summary>
    public bool Allowed { get; set; }
    /// <summary>Why not (code, reason, message) when refused.</summary>
    public Status? Status { get; set; }
    /// <summary>A base64 JSON patch to apply to the object (mutating webhooks).</summary>
    public byte[]? Patch { get; set; }
    /// <summary>JSONPatch, the only patch type.</summary>
    public string? PatchType { get; set; }
    /// <summary>Annotations for the audit log.</summary>
    public Dictionary<string, string>? AuditAnnotations { get; set; }
    /// <summary>Warnings passed on to the caller.</summary>
    public List<string>? Warnings { get; set; }
}

/// <summary>group, version and kind.</summary>
public sealed class GroupVersionKind
{
    public string? Group { get; set; }
    public string? Version { get; set; }
    public string? Kind { get; set; }
}

/// <summary>group, version and resource.</summary>
public sealed class GroupVersionResource
{
    public string? Group { get; set; }
    public string? Version { get; set; }
    public string? Resource { get; set; }
}
