using KubeSharp.Grpc;

namespace KubeSharp.Node.Pods;

/// <summary>How a failed CRI PullImage is reported and whether it means "no registry could be reached".</summary>
internal static class ImagePullFailure
{
    // Network-level failures as containerd's resolver and Go's net package word them.
    private static readonly string[] UnreachableMarkers =
    [
        "connection refused",
        "no such host",
        "i/o timeout",
        "network is unreachable",
        "no route to host",
        "temporary failure in name resolution",
        "server misbehaving",
        "connection reset by peer",
        "tls handshake timeout",
    ];

    /// <summary>The error text the kubelet shows (Go gRPC's rendering of the CRI status), e.g. for an ErrImagePull waiting message.</summary>
    public static string Message(GrpcException e) => $"rpc error: code = {e.StatusCode} desc = {e.Detail}";

    /// <summary>
    /// True when the pull failed because no registry answered (network errors, a deadline), as opposed to a registry
    /// that answered "not found", "unauthorized" and the like. Only then may an offline node run its local copy.
    /// </summary>
    public static bool RegistryUnreachable(GrpcException e) =>
        e.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Unavailable
        || UnreachableMarkers.Any(m => e.Detail.Contains(m, StringComparison.OrdinalIgnoreCase));
}
