using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KubeSharp.ApiServer.Tests.Admission.Webhooks;

/// <summary>
/// An admission webhook server on loopback HTTPS with its own self-signed certificate (for
/// 127.0.0.1), answering AdmissionReviews the way the conformance suite's sample webhook does:
/// /deny refuses ConfigMaps carrying a disallowed key, /always-deny refuses everything, /mutate-1
/// and /mutate-2 add ConfigMap keys (the second only after the first), /add-init-container adds an
/// init container to pods, /slow answers after three seconds, /convert converts custom resources
/// between v1 (spec.hostPort) and v2 (spec.host, spec.port). Every review received is kept.
/// </summary>
internal sealed class TestWebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<JsonObject> _received = [];

    private TestWebhookServer(WebApplication app, int port, string caPem)
    {
        _app = app;
        Port = port;
        CaBundle = Encoding.UTF8.GetBytes(caPem);
    }

    public int Port { get; }

    /// <summary>The PEM of the server's certificate, to be the webhooks' caBundle.</summary>
    public byte[] CaBundle { get; }

    public IReadOnlyList<JsonObject> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public string Url(string path) => $"https://127.0.0.1:{Port}{path}";

    public static async Task<TestWebhookServer> StartAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=webhook.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        var port = FreePort();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var server = new TestWebhookServer(app, port, certificate.ExportCertificatePem());
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var review = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        lock (_received)
        {
            _received.Add(review);
        }

        if (context.Request.Path.Value == "/convert")
        {
            await ConvertAsync(context, review);
            return;
        }

        var request = review["request"]!.AsObject();
        var response = new JsonObject { ["uid"] = request["uid"]!.GetValue<string>(), ["allowed"] = true };
        var obj = request["object"] as JsonObject;
        switch (context.Request.Path.Value)
        {
            case "/always-deny":
                Deny(response, "this webhook denies all requests");
                break;
            case "/deny":
                if (obj?["data"]?["webhook-e2e-test"]?.GetValue<string>() == "webhook-disallow")
                {
                    Deny(response, "the configmap contains unwanted key and value");
                }

                break;
            case "/mutate-1":
                Patch(response, new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/data/mutation-stage-1", ["value"] = "yes" }));
                break;
            case "/mutate-2":
                if (obj?["data"]?["mutation-stage-1"] is not null)
                {
                    Patch(response, new JsonArray(new JsonObject { ["op"] = "add", ["path"] = "/data/mutation-stage-2", ["value"] = "yes" }));
                }

                break;
            case "/add-init-container":
                Patch(response, new JsonArray(new JsonObject
                {
                    ["op"] = "add",
                    ["path"] = "/spec/initContainers",
                    ["value"] = new JsonArray(new JsonObject { ["name"] = "webhook-added-init-container", ["image"] = "busybox" }),
                }));
                break;
            case "/slow":
                await Task.Delay(TimeSpan.FromSeconds(3), context.RequestAborted);
                break;
        }

        context.Response.ContentType = "application/json";
        var answer = new JsonObject { ["apiVersion"] = review["apiVersion"]!.GetValue<string>(), ["kind"] = "AdmissionReview", ["response"] = response };
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    /// <summary>
    /// The conformance suite's converter: v1 objects carry spec.hostPort "HOST:PORT", v2 objects
    /// spec.host and spec.port.
    /// </summary>
    private static async Task ConvertAsync(HttpContext context, JsonObject review)
    {
        var request = review["request"]!.AsObject();
        var desired = request["desiredAPIVersion"]!.GetValue<string>();
        var converted = new JsonArray();
        foreach (var item in request["objects"]!.AsArray())
        {
            var obj = item!.DeepClone().AsObject();
            var spec = obj["spec"] as JsonObject ?? [];
            if (desired.EndsWith("/v2", StringComparison.Ordinal) && spec["hostPort"] is { } hostPort)
            {
                var parts = hostPort.GetValue<string>().Split(':');
                spec.Remove("hostPort");
                spec["host"] = parts[0];
                spec["port"] = parts[1];
            }
            else if (desired.EndsWith("/v1", StringComparison.Ordinal) && spec["host"] is { } host)
            {
                spec["hostPort"] = $"{host.GetValue<string>()}:{spec["port"]!.GetValue<string>()}";
                spec.Remove("host");
                spec.Remove("port");
            }

            obj["apiVersion"] = desired;
            converted.Add(obj);
        }

        var answer = new JsonObject
        {
            ["apiVersion"] = review["apiVersion"]!.GetValue<string>(),
            ["kind"] = "ConversionReview",
            ["response"] = new JsonObject
            {
                ["uid"] = request["uid"]!.GetValue<string>(),
                ["convertedObjects"] = converted,
                ["result"] = new JsonObject { ["status"] = "Success" },
            },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private static void Deny(JsonObject response, string message)
    {
        response["allowed"] = false;
        response["status"] = new JsonObject { ["message"] = message };
    }

    private static void Patch(JsonObject response, JsonArray patch)
    {
        response["patchType"] = "JSONPatch";
        response["patch"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(patch.ToJsonString()));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
