namespace KubeSharp.Api;

/// <summary>
/// A Kubernetes protobuf body could not be decoded or encoded: bad magic, truncated or malformed
/// wire data, wrong wire type for a known field, an unknown kind. The API server answers 400.
/// </summary>
public sealed class KubeProtobufException : FormatException
{
    public KubeProtobufException(string message)
        : base(message)
    {
    }

    public KubeProtobufException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
