using System.Net;
using KubeSharp.Api;

namespace KubeSharp.Client;

/// <summary>
/// The API server refused a request. <see cref="Status"/> is the server's metav1.Status (or one
/// synthesised from the HTTP status when the body was not a Status).
/// </summary>
public class KubernetesApiException : Exception
{
    public KubernetesApiException(Status status, HttpStatusCode? httpStatus = null, TimeSpan? retryAfter = null)
        : base(FormatMessage(status))
    {
        Status = status;
        StatusCode = httpStatus ?? (HttpStatusCode)(status.Code ?? 500);
        RetryAfter = retryAfter ?? (status.Details?.RetryAfterSeconds is int s ? TimeSpan.FromSeconds(s) : null);
    }

    public Status Status { get; }
    public HttpStatusCode StatusCode { get; }
    /// <summary>metav1.StatusReason, e.g. NotFound, AlreadyExists, Conflict, Invalid, Expired.</summary>
    public string? Reason => Status.Reason;
    public TimeSpan? RetryAfter { get; }

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;
    /// <summary>An update lost an optimistic-concurrency race (resourceVersion mismatch): re-read and retry.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict && Reason != "AlreadyExists";
    public bool IsAlreadyExists => StatusCode == HttpStatusCode.Conflict && Reason == "AlreadyExists";
    public bool IsInvalid => StatusCode == HttpStatusCode.UnprocessableEntity;
    /// <summary>The requested resourceVersion is too old (compacted) or a continue token expired: relist.</summary>
    public bool IsExpired => StatusCode == HttpStatusCode.Gone || Reason is "Expired" or "Gone";
    public bool IsTooManyRequests => StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>
    /// The Status message alone, as client-go's StatusError.Error() reads: controllers quote it in events and
    /// conditions ("Error creating: pods "x" is forbidden: …"), so it must read as Kubernetes' own.
    /// </summary>
    private static string FormatMessage(Status status) =>
        status.Message is { Length: > 0 } message ? message : $"{status.Reason ?? "Unknown"} ({status.Code})";
}

/// <summary>
/// A watch cannot continue from its resourceVersion (HTTP 410 or an ERROR event with code 410):
/// the caller must list again and watch from the new list's resourceVersion.
/// </summary>
public sealed class WatchExpiredException(Status status) : KubernetesApiException(status, HttpStatusCode.Gone);
