namespace KubeSharp.Api.Core.V1;

/// <summary>A header sent with an HTTP probe.</summary>
public sealed class HTTPHeader
{
    /// <summary>Header name (normalized on output).</summary>
    [Proto(1)] public string? Name { get; set; }
    /// <summary>Header value.</summary>
    [Proto(2)] public string? Value { get; set; }
}

/// <summary>An HTTP GET request; any 2xx or 3xx response counts as success.</summary>
public sealed class HTTPGetAction
{
    /// <summary>Path to request; "/" by default.</summary>
    [Proto(1)] public string? Path { get; set; }
    /// <summary>Port number or container port name.</summary>
    [Proto(2)] public IntOrString? Port { get; set; }
    /// <summary>Host to connect to; the pod IP by default.</summary>
    [Proto(3)] public string? Host { get; set; }
    /// <summary>HTTP (default) or HTTPS.</summary>
    [Proto(4)] public string? Scheme { get; set; }
    /// <summary>Extra request headers.</summary>
    [Proto(5)] public List<HTTPHeader>? HttpHeaders { get; set; }
}

/// <summary>Opens a TCP connection; success if it connects.</summary>
public sealed class TCPSocketAction
{
    /// <summary>Port number or container port name.</summary>
    [Proto(1)] public IntOrString? Port { get; set; }
    /// <summary>Host to connect to; the pod IP by default.</summary>
    [Proto(2)] public string? Host { get; set; }
}

/// <summary>Calls the gRPC health-checking protocol.</summary>
public sealed class GRPCAction
{
    /// <summary>Port of the gRPC service.</summary>
    [Proto(1)] public int? Port { get; set; }
    /// <summary>Service name placed in the health check request; "" checks the server as a whole.</summary>
    [Proto(2)] public string? Service { get; set; }
}

/// <summary>Runs a command in the container; exit status 0 is success.</summary>
public sealed class ExecAction
{
    /// <summary>Command and arguments, executed directly (not through a shell).</summary>
    [Proto(1)] public List<string>? Command { get; set; }
}

/// <summary>A periodic check of a container's health.</summary>
[ProtoBase(1)]
public sealed class Probe : ProbeHandler
{
    /// <summary>Seconds after the container starts before the first check.</summary>
    [Proto(2)] public int? InitialDelaySeconds { get; set; }
    /// <summary>Seconds before a check times out; 1 by default.</summary>
    [Proto(3)] public int? TimeoutSeconds { get; set; }
    /// <summary>Seconds between checks; 10 by default.</summary>
    [Proto(4)] public int? PeriodSeconds { get; set; }
    /// <summary>Consecutive successes needed after a failure; 1 by default (and required for liveness and startup).</summary>
    [Proto(5)] public int? SuccessThreshold { get; set; }
    /// <summary>Consecutive failures before the probe counts as failed; 3 by default.</summary>
    [Proto(6)] public int? FailureThreshold { get; set; }
    /// <summary>Grace period used when a failed probe kills the container, overriding the pod's.</summary>
    [Proto(7)] public long? TerminationGracePeriodSeconds { get; set; }
}

/// <summary>What a probe does; exactly one action is set.</summary>
public class ProbeHandler
{
    /// <summary>Run a command in the container.</summary>
    [Proto(1)] public ExecAction? Exec { get; set; }
    /// <summary>Send an HTTP GET request.</summary>
    [Proto(2)] public HTTPGetAction? HttpGet { get; set; }
    /// <summary>Open a TCP connection.</summary>
    [Proto(3)] public TCPSocketAction? TcpSocket { get; set; }
    /// <summary>Call the gRPC health service.</summary>
    [Proto(4)] public GRPCAction? Grpc { get; set; }
}
