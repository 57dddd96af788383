using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using KubeSharp.Node.Agent;
using KubeSharp.Node.Pods;
using KubeSharp.Node.Stats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Node.Kubelet;

/// <summary>
/// The kubelet port: HTTPS with a serving certificate from the cluster CA, answering only clients whose certificate
/// the cluster CA issued to group system:masters (the API server's kubelet client). Serves containerLogs, exec, attach,
/// portForward (relayed to the runtime's streaming server), stats/summary and healthz, at the kubelet's paths.
/// </summary>
internal sealed partial class KubeletServer : IAsyncDisposable
{
    /// <summary>The subject organization a caller's certificate must carry.</summary>
    public const string RequiredGroup = "system:masters";

    private readonly NodeAgent _agent;
    private readonly StatsCollector _stats;
    private readonly X509Certificate2 _serving;
    private readonly X509Certificate2 _clusterCa;
    private readonly ILogger _logger;
    private WebApplication? _app;

    public KubeletServer(NodeAgent agent, StatsCollector stats, X509Certificate2 serving, X509Certificate2 clusterCa, ILogger logger)
    {
        _agent = agent;
        _stats = stats;
        _serving = serving;
        _clusterCa = clusterCa;
        _logger = logger;
    }

    /// <summary>The port listened on (the chosen one when started with 0).</summary>
    public int Port { get; private set; }

    public async Task StartAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        // The empty builder: no configuration files (and no file watcher on the working directory), no host
        // filtering or routing; the endpoint is one request delegate behind Kestrel.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MinRequestBodyDataRate = null;
            k.Listen(address, port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = _serving,
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (certificate, _, _) => IsIssuedBy(_clusterCa, certificate),
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                    CheckCertificateRevocation = false,
                });
            });
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
    }

    /// <summary>Whether <paramref name="certificate"/> chains to <paramref name="ca"/> and is valid now.</summary>
    public static bool IsIssuedBy(X509Certificate2 ca, X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>Whether the certificate's subject names <paramref name="organization"/> among its O= parts.</summary>
    public static bool HasOrganization(X509Certificate2 certificate, string organization) =>
        certificate.SubjectName.EnumerateRelativeDistinguishedNames()
            .Any(n => n.GetSingleElementType().Value == "2.5.4.10" && n.GetSingleElementValue() == organization);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var certificate = context.Connection.ClientCertificate;
        if (certificate is null || !HasOrganization(certificate, RequiredGroup))
        {
            await WriteTextAsync(context, 403, "Forbidden").ConfigureAwait(false);
            return;
        }

        try
        {
            switch (path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                case ["healthz"]:
                    await WriteTextAsync(context, 200, "ok").ConfigureAwait(false);
                    return;
                case ["stats", "summary"]:
                    var summary = await _stats.CollectAsync(context.RequestAborted).ConfigureAwait(false);
                    context.Response.ContentType = "application/json";
                    await JsonSerializer.SerializeAsync(context.Response.Body, summary, StatsSummary.JsonOptions, context.RequestAborted).ConfigureAwait(false);
                    return;
                case ["containerLogs", var ns, var pod, var container] when HttpMethods.IsGet(context.Request.Method):
                    await ContainerLogsAsync(context, ns, pod, container).ConfigureAwait(false);
                    return;
                case ["exec" or "attach", var ns, var pod, var container]:
                    await StreamingAsync(context, path.Split('/')[1], ns, pod, container).ConfigureAwait(false);
                    return;
                case ["logs", ..] when HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method):
                    await NodeLogFiles.ServeAsync(context, NodeLogFiles.Directory, path["/logs".Length..]).ConfigureAwait(false);
                    return;
                case ["portForward", var ns, var pod]:
                    await StreamingAsync(context, "portForward", ns, pod, null).ConfigureAwait(false);
                    return;
                default:
                    await WriteTextAsync(context, 404, "404 page not found").ConfigureAwait(false);
                    return;
            }
        }
        catch (ContainerRequestException e)
        {
            await WriteTextAsync(context, e.StatusCode, e.Message).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await WriteTextAsync(context, 400, e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            Log.RequestFailed(_logger, e, path);
        }
    }

    private async Task ContainerLogsAsync(HttpContext context, string ns, string pod, string container)
    {
        var options = ContainerLogQuery.Parse(context.Request.Query, DateTimeOffset.UtcNow);
        // The agent checks pod and container before it writes: an error still becomes the status (headers are not sent yet).
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await _agent.WriteContainerLogAsync(ns, pod, container, options, context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task StreamingAsync(HttpContext context, string verb, string ns, string pod, string? container)
    {
        if (!UpgradeRelay.IsUpgradeRequest(context))
        {
            await WriteTextAsync(context, 400, "Upgrade request required").ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query;
        bool Flag(string name) => ContainerLogQuery.Flag(query, name);
        var aborted = context.RequestAborted;
        var target = verb switch
        {
            "exec" => await _agent.GetExecUrlAsync(ns, pod, container, [.. query["command"].Where(c => c is not null).Select(c => c!)], Flag("stdin"), Flag("stdout"), Flag("stderr"), Flag("tty"), aborted).ConfigureAwait(false),
            "attach" => await _agent.GetAttachUrlAsync(ns, pod, container, Flag("stdin"), Flag("stdout"), Flag("stderr"), Flag("tty"), aborted).ConfigureAwait(false),
            _ => await _agent.GetPortForwardUrlAsync(ns, pod, ParsePorts(query), aborted).ConfigureAwait(false),
        };

        using var runtime = new TcpClient();
        await runtime.ConnectAsync(target.Host, target.Port, aborted).ConfigureAwait(false);
        await UpgradeRelay.RelayAsync(context, runtime.GetStream(), target.PathAndQuery, target.Authority).ConfigureAwait(false);
    }

    /// <summary>The "port" (kubelet) or "ports" (API server) query values, each possibly comma-separated.</summary>
    internal static List<int> ParsePorts(IQueryCollection query)
    {
        var ports = new List<int>();
        foreach (var value in query["port"].Concat(query["ports"]))
        {
            foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                {
                    throw new ArgumentException($"invalid port: \"{part}\"");
                }

                ports.Add(port);
            }
        }

        return ports;
    }

    private static async Task WriteTextAsync(HttpContext context, int status, string text)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "kubelet request {Path} ended with a connection error")]
        public static partial void RequestFailed(ILogger logger, Exception e, string path);
    }
}
