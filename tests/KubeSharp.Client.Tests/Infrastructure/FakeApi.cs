using System.Collections.Concurrent;
using System.Threading.Channels;
using KubeSharp.Client.Configuration;

namespace KubeSharp.Client.Tests.Infrastructure;

/// <summary>A scripted watch response: lines are sent as the test pushes them; it can end cleanly or break.</summary>
internal sealed class WatchScript
{
    private const string EndMarker = "\u0000end";
    private const string AbortMarker = "\u0000abort";
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    public WatchScript Send(string eventJson)
    {
        _lines.Writer.TryWrite(eventJson);
        return this;
    }

    /// <summary>Ends the response properly (as the server does at timeoutSeconds).</summary>
    public WatchScript End()
    {
        _lines.Writer.TryWrite(EndMarker);
        return this;
    }

    /// <summary>Resets the connection mid-stream.</summary>
    public WatchScript Abort()
    {
        _lines.Writer.TryWrite(AbortMarker);
        return this;
    }

    public async Task ServeAsync(TestResponse response, CancellationToken cancellationToken)
    {
        await response.StartChunkedAsync();
        await foreach (var line in _lines.Reader.ReadAllAsync(cancellationToken))
        {
            switch (line)
            {
                case EndMarker:
                    await response.EndChunkedAsync();
                    return;
                case AbortMarker:
                    response.Abort();
                    return;
                default:
                    await response.WriteChunkAsync(line + "\n");
                    break;
            }
        }
    }
}

/// <summary>
/// An API server for ConfigMaps scripted by the test: each list request takes the next scripted list
/// response, each watch request the next watch script; watches beyond the script stay open and silent.
/// </summary>
internal sealed class FakeApi : IAsyncDisposable
{
    private readonly ConcurrentQueue<Func<TestRequest, TestResponse, Task>> _lists = new();
    private readonly ConcurrentQueue<Func<TestRequest, TestResponse, CancellationToken, Task>> _watches = new();

    public FakeApi()
    {
        Server = new ScriptedHttpServer(HandleAsync);
    }

    public ScriptedHttpServer Server { get; }

    public IReadOnlyList<TestRequest> Lists => Server.Requests.Where(r => r.QueryValue("watch") != "true").ToList();
    public IReadOnlyList<TestRequest> Watches => Server.Requests.Where(r => r.QueryValue("watch") == "true").ToList();

    public KubernetesClient NewClient() => new(new KubernetesClientConfiguration { Server = Server.BaseAddress });

    public FakeApi List(string json, int status = 200)
    {
        _lists.Enqueue((_, response) => response.WriteAsync(status, json));
        return this;
    }

    public WatchScript Watch()
    {
        var script = new WatchScript();
        _watches.Enqueue((_, response, ct) => script.ServeAsync(response, ct));
        return script;
    }

    public FakeApi WatchFails(int status, string json)
    {
        _watches.Enqueue((_, response, _) => response.WriteAsync(status, json));
        return this;
    }

    private async Task HandleAsync(TestRequest request, TestResponse response, CancellationToken cancellationToken)
    {
        if (request.QueryValue("watch") == "true")
        {
            if (_watches.TryDequeue(out var watch))
            {
                await watch(request, response, cancellationToken);
                return;
            }

            await response.StartChunkedAsync();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return;
        }

        if (_lists.TryDequeue(out var list))
        {
            await list(request, response);
            return;
        }

        await response.WriteAsync(500, Json.Status(500, "InternalError", "no scripted list left"));
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

internal static class Json
{
    public static string ConfigMap(string name, string rv, string value = "v", string ns = "ns") =>
        "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns
        + "\",\"resourceVersion\":\"" + rv + "\"},\"data\":{\"k\":\"" + value + "\"}}";

    public static string List(string rv, string? continueToken, params string[] items) =>
        "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + rv + "\""
        + (continueToken is null ? "" : ",\"continue\":\"" + continueToken + "\"")
        + "},\"items\":[" + string.Join(",", items) + "]}";

    public static string Event(string type, string obj) => "{\"type\":\"" + type + "\",\"object\":" + obj + "}";

    public static string Bookmark(string rv) =>
        Event("BOOKMARK", "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + rv + "\"}}");

    public static string Status(int code, string reason, string message) =>
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"" + message
        + "\",\"reason\":\"" + reason + "\",\"code\":" + code.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
}
