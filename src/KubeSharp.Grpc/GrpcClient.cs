using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace KubeSharp.Grpc;

/// <summary>
/// A gRPC channel over <see cref="HttpClient"/>: HTTP/2 cleartext with prior knowledge, over TCP or a unix
/// domain socket. Supports unary, server-streaming and bidirectional-streaming calls with protobuf
/// messages; no compression. Thread-safe; calls are multiplexed over pooled HTTP/2 connections.
/// </summary>
/// <remarks>
/// Method names are gRPC paths, e.g. "/runtime.v1.RuntimeService/Version". Failures surface as
/// <see cref="GrpcException"/>; cancellation through the caller's token as <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class GrpcClient : IDisposable
{
    /// <summary>The largest response message accepted unless <see cref="MaxReceiveMessageSize"/> says otherwise.</summary>
    public const int DefaultMaxReceiveMessageSize = 64 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly Uri _baseAddress;

    /// <summary>Creates a client over <paramref name="handler"/> for the server at <paramref name="baseAddress"/>.</summary>
    /// <param name="handler">The handler that carries the HTTP/2 streams; owned and disposed by this client.</param>
    /// <param name="baseAddress">http://host:port; only the scheme and authority are used.</param>
    /// <param name="maxReceiveMessageSize">The largest response message accepted; larger ones fail with ResourceExhausted.</param>
    public GrpcClient(HttpMessageHandler handler, Uri baseAddress, int maxReceiveMessageSize = DefaultMaxReceiveMessageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxReceiveMessageSize);
        MaxReceiveMessageSize = maxReceiveMessageSize;
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(baseAddress);
        _http = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        _baseAddress = new Uri(baseAddress.GetLeftPart(UriPartial.Authority));
    }

    /// <summary>The largest response message this client accepts; larger ones fail with ResourceExhausted.</summary>
    public int MaxReceiveMessageSize { get; }

    /// <summary>A client for a server listening on a unix domain socket (containerd, a local etcd).</summary>
    public static GrpcClient ForUnixSocket(string socketPath, int maxReceiveMessageSize = DefaultMaxReceiveMessageSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        var handler = CreateHandler();
        handler.ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
        return new GrpcClient(handler, new Uri("http://localhost"), maxReceiveMessageSize);
    }

    /// <summary>A client for a cleartext HTTP/2 server at http://host:port.</summary>
    public static GrpcClient ForAddress(Uri address, int maxReceiveMessageSize = DefaultMaxReceiveMessageSize)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException("Only cleartext http:// addresses are supported.", nameof(address));
        }

        return new GrpcClient(CreateHandler(), address, maxReceiveMessageSize);
    }

    /// <summary>Sends one request and returns the single response message.</summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        string method,
        TRequest request,
        MessageParser<TResponse> parser,
        GrpcCallOptions options = default,
        CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var call = StartCall(method, GrpcFrames.CreateContent(request), parser, options, cancellationToken);
        var response = await call.ReadNextAsync().ConfigureAwait(false)
            ?? throw new GrpcException(StatusCode.Internal, "The server ended a unary call with status OK but without a response message.");
        if (await call.ReadNextAsync().ConfigureAwait(false) is not null)
        {
            throw new GrpcException(StatusCode.Internal, "The server sent more than one response message to a unary call.");
        }

        return response;
    }

    /// <summary>Sends one request and yields the response messages as they arrive; the status is checked at the end.</summary>
    public async IAsyncEnumerable<TResponse> ServerStreamingAsync<TRequest, TResponse>(
        string method,
        TRequest request,
        MessageParser<TResponse> parser,
        GrpcCallOptions options = default,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var call = StartCall(method, GrpcFrames.CreateContent(request), parser, options, cancellationToken);
        while (await call.ReadNextAsync().ConfigureAwait(false) is { } message)
        {
            yield return message;
        }
    }

    /// <summary>
    /// Opens a bidirectional stream. Requests are sent as they are written; responses are read independently.
    /// Dispose the call to end it (this resets the stream if the server has not finished).
    /// </summary>
    public GrpcDuplexCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(
        string method,
        MessageParser<TResponse> parser,
        GrpcCallOptions options = default,
        CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        var content = new StreamingRequestContent();
        var call = StartCall(method, content, parser, options, cancellationToken);
        return new GrpcDuplexCall<TRequest, TResponse>(call, content);
    }

    public void Dispose() => _http.Dispose();

    private GrpcCall<TResponse> StartCall<TResponse>(
        string method,
        HttpContent content,
        MessageParser<TResponse> parser,
        GrpcCallOptions options,
        CancellationToken cancellationToken)
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(parser);
        if (!method.StartsWith('/'))
        {
            throw new ArgumentException("A gRPC method is a path like /package.Service/Method.", nameof(method));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseAddress, method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TE.ParseAdd("trailers");
        request.Headers.UserAgent.ParseAdd("kubesharp-grpc/1.0");
        var timeout = options.Timeout is { } t && t != Timeout.InfiniteTimeSpan ? t : (TimeSpan?)null;
        if (timeout is { } deadline)
        {
            request.Headers.TryAddWithoutValidation("grpc-timeout", GrpcFrames.FormatTimeout(deadline));
        }

        if (options.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return new GrpcCall<TResponse>(_http, request, parser, MaxReceiveMessageSize, timeout, cancellationToken);
    }

    private static SocketsHttpHandler CreateHandler() => new()
    {
        // etcd watches and many concurrent CRI calls can exceed one connection's stream limit.
        EnableMultipleHttp2Connections = true,
        KeepAlivePingDelay = TimeSpan.FromSeconds(30),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        UseCookies = false,
    };
}
