using System.Net.Sockets;
using KubeSharp.Api.Core.V1;
using KubeSharp.Grpc;
using KubeSharp.Node.Cri.Health;
using KubeSharp.Node.Cri;
using Container = KubeSharp.Api.Core.V1.Container;
using CriContainerStatus = KubeSharp.Node.Cri.V1.ContainerStatus;

namespace KubeSharp.Node.Pods;

/// <summary>
/// Readiness and liveness probes (exec, httpGet, tcpSocket) of one pod's containers, run by the pod worker when
/// due: after initialDelaySeconds from the container's start, then every periodSeconds; a probe's verdict flips after
/// successThreshold successes or failureThreshold failures in a row. State is per container instance.
/// </summary>
internal sealed class ProbeRunner(CriRuntimeClient runtime, TimeProvider time)
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        AllowAutoRedirect = false,
        UseProxy = false,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly Dictionary<string, ProbeState> _states = new(StringComparer.Ordinal);

    /// <summary>When the next probe is due, if any container has one.</summary>
    public DateTimeOffset? NextProbeAt => _states.Values.Select(s => (DateTimeOffset?)s.NextAt).Min();

    /// <summary>Forgets probe results of a container name's earlier instances.</summary>
    public void ContainerStarted(string name)
    {
        foreach (var key in _states.Keys.Where(k => k.StartsWith(name + "/", StringComparison.Ordinal)).ToList())
        {
            _states.Remove(key);
        }
    }

    /// <summary>Whether a running container has started: true without a startup probe, else once that probe succeeded.</summary>
    public bool IsStarted(Container container, CriContainerStatus instance) =>
        container.StartupProbe is null || (_states.TryGetValue(Key(container, instance, "startup"), out var state) && state.Healthy);

    /// <summary>Readiness of a running container: false until started; true without a readiness probe, else the probe's verdict (false until it succeeds).</summary>
    public bool IsReady(Container container, CriContainerStatus instance) =>
        IsStarted(container, instance)
        && (container.ReadinessProbe is null || (_states.TryGetValue(Key(container, instance, "readiness"), out var state) && state.Healthy));

    /// <summary>
    /// Runs the container's due probes; true when the container must be restarted: its startup probe or its liveness
    /// probe failed failureThreshold times in a row. Readiness and liveness wait until the startup probe succeeded.
    /// </summary>
    public async Task<bool> LivenessFailedAsync(Pod pod, Container container, CriContainerStatus instance, string? podIP, CancellationToken cancellationToken)
    {
        if (container.StartupProbe is { } startup && !IsStarted(container, instance))
        {
            var startupState = await RunIfDueAsync(Key(container, instance, "startup"), startup, container, instance, podIP, initiallyHealthy: false, cancellationToken).ConfigureAwait(false);
            return !startupState.Healthy && startupState.Failures >= Math.Max(1, startup.FailureThreshold ?? 3);
        }

        if (container.ReadinessProbe is { } readiness)
        {
            await RunIfDueAsync(Key(container, instance, "readiness"), readiness, container, instance, podIP, initiallyHealthy: false, cancellationToken).ConfigureAwait(false);
        }

        if (container.LivenessProbe is { } liveness)
        {
            var state = await RunIfDueAsync(Key(container, instance, "liveness"), liveness, container, instance, podIP, initiallyHealthy: true, cancellationToken).ConfigureAwait(false);
            return !state.Healthy;
        }

        _ = pod;
        return false;
    }

    private static string Key(Container container, CriContainerStatus instance, string kind) => $"{container.Name}/{instance.Id}/{kind}";

    private async Task<ProbeState> RunIfDueAsync(string key, Probe probe, Container container, CriContainerStatus instance, string? podIP, bool initiallyHealthy, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_states.TryGetValue(key, out var state))
        {
            var startedAt = DateTimeOffset.FromUnixTimeMilliseconds(instance.StartedAt / 1_000_000);
            state = new ProbeState { Healthy = initiallyHealthy, NextAt = startedAt + TimeSpan.FromSeconds(probe.InitialDelaySeconds ?? 0) };
            _states[key] = state;
        }

        if (now < state.NextAt)
        {
            return state;
        }

        var success = await ProbeOnceAsync(probe, container, instance, podIP, cancellationToken).ConfigureAwait(false);
        if (success)
        {
            state.Failures = 0;
            state.Successes++;
            if (state.Successes >= Math.Max(1, probe.SuccessThreshold ?? 1))
            {
                state.Healthy = true;
            }
        }
        else
        {
            state.Successes = 0;
            state.Failures++;
            if (state.Failures >= Math.Max(1, probe.FailureThreshold ?? 3))
            {
                state.Healthy = false;
            }
        }

        state.NextAt = time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(1, probe.PeriodSeconds ?? 10));
        return state;
    }

    private async Task<bool> ProbeOnceAsync(Probe probe, Container container, CriContainerStatus instance, string? podIP, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds ?? 1));
        try
        {
            if (probe.Exec?.Command is { Count: > 0 } command)
            {
                var result = await runtime.ExecSyncAsync(instance.Id, command, timeout, cancellationToken).ConfigureAwait(false);
                return result.ExitCode == 0;
            }

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            if (probe.HttpGet is { } httpGet)
            {
                var host = string.IsNullOrEmpty(httpGet.Host) ? podIP ?? "127.0.0.1" : httpGet.Host;
                var scheme = string.Equals(httpGet.Scheme, "HTTPS", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
                var path = string.IsNullOrEmpty(httpGet.Path) ? "/" : httpGet.Path.StartsWith('/') ? httpGet.Path : "/" + httpGet.Path;
                var uri = new Uri($"{scheme}://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{Port(httpGet.Port, container)}{path}");
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.UserAgent.ParseAdd("kube-probe/1.32");
                foreach (var header in httpGet.HttpHeaders ?? [])
                {
                    request.Headers.TryAddWithoutValidation(header.Name ?? "", header.Value ?? "");
                }

                using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                return (int)response.StatusCode is >= 200 and < 400;
            }

            if (probe.TcpSocket is { } tcp)
            {
                var host = string.IsNullOrEmpty(tcp.Host) ? podIP ?? "127.0.0.1" : tcp.Host;
                using var client = new TcpClient();
                await client.ConnectAsync(host, Port(tcp.Port, container), deadline.Token).ConfigureAwait(false);
                return true;
            }

            if (probe.Grpc is { } grpc)
            {
                // The standard health service over HTTP/2 cleartext at the pod's IP; only SERVING passes.
                var host = podIP ?? "127.0.0.1";
                using var client = GrpcClient.ForAddress(new Uri($"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{grpc.Port}"));
                var response = await client.UnaryAsync(
                    "/grpc.health.v1.Health/Check",
                    new HealthCheckRequest { Service = grpc.Service ?? "" },
                    HealthCheckResponse.Parser,
                    new GrpcCallOptions(timeout),
                    deadline.Token).ConfigureAwait(false);
                return response.Status == HealthCheckResponse.Types.ServingStatus.Serving;
            }

            // A probe without a handler cannot fail.
            return true;
        }
        catch (Exception e) when (e is GrpcException or HttpRequestException or SocketException or OperationCanceledException or IOException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }

    private static int Port(Api.IntOrString? port, Container container)
    {
        if (port?.IntValue is int number)
        {
            return number;
        }

        var name = port?.StringValue ?? "";
        return container.Ports?.FirstOrDefault(p => p.Name == name)?.ContainerPortValue
            ?? (int.TryParse(name, out var parsed) ? parsed : 0);
    }

    private sealed class ProbeState
    {
        public bool Healthy { get; set; }

        public int Successes { get; set; }

        public int Failures { get; set; }

        public DateTimeOffset NextAt { get; set; }
    }
}
