namespace KubeSharp.Api.Core.V1;

public sealed class HTTPHeader
{
    [Proto(1)] public string? Name { get; set; }
    [Proto(2)] public string? Value { get; set; }
}

public sealed class HTTPGetAction
{
    [Proto(1)] public string? Path { get; set; }
    [Proto(2)] public IntOrString? Port { get; set; }
    [Proto(3)] public string? Host { get; set; }
    [Proto(4)] public string? Scheme { get; set; }
    [Proto(5)] public List<HTTPHeader>? HttpHeaders { get; set; }
}

public sealed class TCPSocketAction
{
    [Proto(1)] public IntOrString? Port { get; set; }
    [Proto(2)] public string? Host { get; set; }
}

public sealed class GRPCAction
{
    [Proto(1)] public int? Port { get; set; }
    [Proto(2)] public string? Service { get; set; }
}

public sealed class ExecAction
{
    [Proto(1)] public List<string>? Command { get; set; }
}

[ProtoBase(1)]
public sealed class Probe : ProbeHandler
{
    [Proto(2)] public int? InitialDelaySeconds { get; set; }
    [Proto(3)] public int? TimeoutSeconds { get; set; }
    [Proto(4)] public int? PeriodSeconds { get; set; }
    [Proto(5)] public int? SuccessThreshold { get; set; }
    [Proto(6)] public int? FailureThreshold { get; set; }
    [Proto(7)] public long? TerminationGracePeriodSeconds { get; set; }
}

public class ProbeHandler
{
    [Proto(1)] public ExecAction? Exec { get; set; }
    [Proto(2)] public HTTPGetAction? HttpGet { get; set; }
    [Proto(3)] public TCPSocketAction? TcpSocket { get; set; }
    [Proto(4)] public GRPCAction? Grpc { get; set; }
}
