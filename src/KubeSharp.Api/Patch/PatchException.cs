namespace KubeSharp.Api.Patch;

/// <summary>
/// A patch that cannot be applied. <see cref="StatusCode"/> is the HTTP status the API server answers
/// with (400 for a malformed patch, 422 for a well-formed patch that does not apply to the object,
/// 413 for a patch with too many operations); <see cref="Exception.Message"/> is the Status message.
/// </summary>
public sealed class PatchException : Exception
{
    public const int BadRequest = 400;
    public const int RequestEntityTooLarge = 413;
    public const int UnprocessableEntity = 422;

    public PatchException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public PatchException()
        : this(BadRequest, "invalid patch")
    {
    }

    public PatchException(string message)
        : this(BadRequest, message)
    {
    }

    public PatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = BadRequest;
    }

    public int StatusCode { get; }

    internal static PatchException Malformed(string message) => new(BadRequest, message);

    internal static PatchException DoesNotApply(string message) => new(UnprocessableEntity, message);
}
