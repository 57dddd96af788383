using KubeSharp.Api;

namespace KubeSharp.ApiServer.Http;

/// <summary>An API error carried to the HTTP layer as a metav1.Status with the given code and reason.</summary>
public sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, StatusDetails? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }
    public string Reason { get; }
    public StatusDetails? Details { get; }

    /// <summary>A continue token for the client to carry on with (410 on an expired continue).</summary>
    public string? Continue { get; init; }

    public Status ToStatus() => new()
    {
        Metadata = new ListMeta { Continue = Continue },
        StatusValue = "Failure",
        Message = Message,
        Reason = Reason,
        Details = Details,
        Code = Code,
    };

    private static StatusDetails Named(string name, GroupResource resource) =>
        new() { Name = name, Group = resource.Group.Length == 0 ? null : resource.Group, Kind = resource.Resource };

    public static ApiException NotFound(GroupResource resource, string name) =>
        new(404, "NotFound", $"{resource} \"{name}\" not found", Named(name, resource));

    public static ApiException AlreadyExists(GroupResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource} \"{name}\" already exists", Named(name, resource));

    public static ApiException Conflict(GroupResource resource, string name, string detail) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource} \"{name}\": {detail}", Named(name, resource));

    public static ApiException StaleObject(GroupResource resource, string name) =>
        Conflict(resource, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException Invalid(string kind, string group, string name, IReadOnlyList<FieldError> errors)
    {
        var summary = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        var details = new StatusDetails
        {
            Name = name,
            Group = group.Length == 0 ? null : group,
            Kind = kind,
            Causes = errors.Select(e => new StatusCause { Reason = e.Reason, Message = e.Detail, Field = e.Field }).ToList(),
        };
        var qualified = group.Length == 0 ? kind : $"{kind}.{group}";
        return new ApiException(422, "Invalid", $"{qualified} \"{name}\" is invalid: {summary}", details);
    }

    /// <summary>
    /// 404 for a path that names no resource (unknown group, version, resource or subresource). As upstream, its
    /// details are present but empty: clients (e.g. `kubectl debug`) tell it from a missing object by the empty name.
    /// </summary>
    public static ApiException NoSuchResource() =>
        new(404, "NotFound", "the server could not find the requested resource", new StatusDetails());

    public static ApiException BadRequest(string message, List<StatusCause>? causes = null) =>
        new(400, "BadRequest", message, causes is null ? null : new StatusDetails { Causes = causes });

    public static ApiException MethodNotSupported(GroupResource resource, string verb) =>
        new(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{resource}\"", new StatusDetails { Group = resource.Group, Kind = resource.Resource });

    public static ApiException Forbidden(GroupResource resource, string name, string reason) =>
        new(403, "Forbidden", $"{resource} \"{name}\" is forbidden: {reason}", Named(name, resource));

    public static ApiException Gone(string message) => new(410, "Expired", message);

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got {contentType})");

    public static ApiException NotAcceptable(string message) => new(406, "NotAcceptable", message);

    public static ApiException RequestEntityTooLarge(long limit) =>
        new(413, "RequestEntityTooLarge", $"the request is too large (limit {limit} bytes)");

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiException TooManyRequests(string message, int retryAfterSeconds) =>
        new(429, "TooManyRequests", message, new StatusDetails { RetryAfterSeconds = retryAfterSeconds });

    /// <summary>504: the cache did not reach a client's resourceVersion in time (clients retry after a second).</summary>
    public static ApiException TooLargeResourceVersion(long requested, long current) =>
        new(504, "Timeout", $"Timeout: Too large resource version: {requested}, current: {current}", new StatusDetails
        {
            Causes = [new StatusCause { Reason = "ResourceVersionTooLarge", Message = "Too large resource version" }],
            RetryAfterSeconds = 1,
        });

    public static ApiException Internal(string message) => new(500, "InternalError", $"Internal error occurred: {message}");
}

/// <summary>A resource within a group, printed as Kubernetes does in messages ("deployments.apps", "pods").</summary>
public readonly record struct GroupResource(string Group, string Resource)
{
    public override string ToString() => Group.Length == 0 ? Resource : $"{Resource}.{Group}";
}

/// <summary>One validation failure: the field path, a reason (FieldValueRequired, …) and the message Kubernetes prints.</summary>
public sealed record FieldError(string Field, string Reason, string Detail)
{
    public static FieldError Required(string field, string detail = "") =>
        new(field, "FieldValueRequired", "Required value" + (detail.Length > 0 ? ": " + detail : ""));

    public static FieldError Invalid(string field, object? value, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: {Quote(value)}: {detail}");

    public static FieldError NotSupported(string field, object? value, IEnumerable<string> supported) =>
        new(field, "FieldValueNotSupported", $"Unsupported value: {Quote(value)}: supported values: {string.Join(", ", supported.Select(s => "\"" + s + "\""))}");

    public static FieldError Forbidden(string field, string detail) => new(field, "FieldValueForbidden", "Forbidden: " + detail);

    public static FieldError Duplicate(string field, object? value) => new(field, "FieldValueDuplicate", $"Duplicate value: {Quote(value)}");

    public static FieldError TooLong(string field, int max) => new(field, "FieldValueTooLong", $"Too long: may not be more than {max} bytes");

    private static string Quote(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    public override string ToString() => $"{Field}: {Detail}";
}
