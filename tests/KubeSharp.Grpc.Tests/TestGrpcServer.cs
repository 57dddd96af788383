using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KubeSharp.Grpc.Tests;

/// <summary>
/// A hand-written gRPC server on Kestrel (HTTP/2 only, cleartext) listening on a unix socket and on a loopback
/// TCP port. Its methods (service "test.Echo") exercise each way a call can go.
/// </summary>
public sealed class TestGrpcServer : IAsyncLifetime
{
    private WebApplication? _app;

    public string SocketPath { get; } = Path.Combine(Path.GetTempPath(), $"kubesharp-grpc-test-{Guid.NewGuid():N}.sock");

    public Uri TcpAddress { get; private set; } = null!;

    /// <summary>Request headers seen by the server, by method path (the last call wins).</summary>
    public ConcurrentDictionary<string, IHeaderDictionary> RequestHeaders { get; } = new();

    /// <summary>Completes when a call to /test.Echo/Endless has been aborted by the client.</summary>
    public TaskCompletionSource EndlessAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenUnixSocket(SocketPath, o => o.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2);
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal));
        TcpAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        File.Delete(SocketPath);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!;
        RequestHeaders[path] = context.Request.Headers;
        var response = context.Response;
        response.ContentType = "application/grpc";
        switch (path)
        {
            case "/test.Echo/Unary":
                {
                    var request = await ReadMessageAsync(context, StringValue.Parser);
                    await WriteMessageAsync(context, new StringValue { Value = "echo:" + request!.Value });
                    response.AppendTrailer("grpc-status", "0");
                    break;
                }

            case "/test.Echo/Metadata":
                {
                    await ReadMessageAsync(context, Empty.Parser);
                    await WriteMessageAsync(context, new StringValue { Value = context.Request.Headers["token"].ToString() });
                    response.AppendTrailer("grpc-status", "0");
                    break;
                }

            case "/test.Echo/TrailersOnlyError":
                await ReadMessageAsync(context, Empty.Parser);
                response.Headers["grpc-status"] = "5";
                response.Headers["grpc-message"] = Uri.EscapeDataString("pod \"web\" not found: ü");
                break;

            case "/test.Echo/ErrorAfterMessage":
                await ReadMessageAsync(context, Empty.Parser);
                await WriteMessageAsync(context, new StringValue { Value = "partial" });
                response.AppendTrailer("grpc-status", "13");
                response.AppendTrailer("grpc-message", "broke%20midway");
                break;

            case "/test.Echo/NoMessage":
                await ReadMessageAsync(context, Empty.Parser);
                await response.StartAsync();
                response.AppendTrailer("grpc-status", "0");
                break;

            case "/test.Echo/Count":
                {
                    var request = await ReadMessageAsync(context, Int32Value.Parser);
                    for (var i = 0; i < request!.Value; i++)
                    {
                        await WriteMessageAsync(context, new Int32Value { Value = i });
                    }

                    response.AppendTrailer("grpc-status", "0");
                    break;
                }

            case "/test.Echo/Large":
                {
                    var request = await ReadMessageAsync(context, Int32Value.Parser);
                    await WriteMessageAsync(context, new BytesValue { Value = ByteString.CopyFrom(new byte[request!.Value]) });
                    response.AppendTrailer("grpc-status", "0");
                    break;
                }

            case "/test.Echo/Endless":
                await ReadMessageAsync(context, Empty.Parser);
                try
                {
                    for (var i = 0; ; i++)
                    {
                        await WriteMessageAsync(context, new Int32Value { Value = i });
                        await Task.Delay(10, context.RequestAborted);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                    EndlessAborted.TrySetResult();
                }

                break;

            case "/test.Echo/Hang":
                await ReadMessageAsync(context, Empty.Parser);
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                break;

            case "/test.Echo/Duplex":
                {
                    await response.StartAsync();
                    while (await ReadMessageAsync(context, StringValue.Parser) is { } request)
                    {
                        await WriteMessageAsync(context, new StringValue { Value = "echo:" + request.Value });
                    }

                    response.AppendTrailer("grpc-status", "0");
                    break;
                }

            default:
                response.Headers["grpc-status"] = "12";
                break;
        }
    }

    private static async Task<T?> ReadMessageAsync<T>(HttpContext context, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var header = new byte[5];
        var read = await context.Request.Body.ReadAtLeastAsync(header, 5, throwOnEndOfStream: false);
        if (read == 0)
        {
            return default;
        }

        var body = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await context.Request.Body.ReadExactlyAsync(body);
        return parser.ParseFrom(body);
    }

    private static async Task WriteMessageAsync(HttpContext context, IMessage message)
    {
        var payload = message.ToByteArray();
        var header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), (uint)payload.Length);
        await context.Response.Body.WriteAsync(header, context.RequestAborted);
        await context.Response.Body.WriteAsync(payload, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
