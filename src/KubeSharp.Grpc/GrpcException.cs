namespace KubeSharp.Grpc;

/// <summary>
/// A call ended with a non-OK status: either the server said so (grpc-status), or the transport failed
/// (<see cref="StatusCode.Unavailable"/>), or the call's deadline passed (<see cref="StatusCode.DeadlineExceeded"/>).
/// Cancellation through the caller's token surfaces as <see cref="OperationCanceledException"/> instead.
/// </summary>
public sealed class GrpcException : Exception
{
    public GrpcException(StatusCode statusCode, string message)
        : base($"{statusCode}: {message}")
    {
        StatusCode = statusCode;
        Detail = message;
    }

    public GrpcException(StatusCode statusCode, string message, Exception innerException)
        : base($"{statusCode}: {message}", innerException)
    {
        StatusCode = statusCode;
        Detail = message;
    }

    public StatusCode StatusCode { get; }

    /// <summary>The status message as the server sent it (grpc-message, already percent-decoded).</summary>
    public string Detail { get; }
}
