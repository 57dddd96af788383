namespace KubeSharp.Grpc;

/// <summary>Per-call settings.</summary>
/// <param name="Timeout">
/// The call's deadline relative to its start; sent as grpc-timeout and enforced locally. Null means none.
/// </param>
/// <param name="Headers">Extra request metadata (e.g. etcd's "token"); names must be lower case ASCII.</param>
public readonly record struct GrpcCallOptions(
    TimeSpan? Timeout = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null);
