using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace KubeSharp.Grpc;

/// <summary>
/// One gRPC call in flight: the HTTP/2 request has been started; responses are read one message at a time.
/// Not thread-safe for concurrent reads. Disposing an unfinished call resets its stream.
/// </summary>
internal sealed class GrpcCall<TResponse> : IAsyncDisposable
    where TResponse : class, IMessage<TResponse>
{
    private readonly MessageParser<TResponse> _parser;
    private readonly int _maxMessageSize;
    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource? _deadline;
    private readonly CancellationTokenSource _callCancellation;
    private readonly Task<HttpResponseMessage> _responseTask;
    private readonly byte[] _header = new byte[GrpcFrames.HeaderSize];
    private HttpResponseMessage? _response;
    private Stream? _body;
    private bool _finished;

    public GrpcCall(
        HttpClient http,
        HttpRequestMessage request,
        MessageParser<TResponse> parser,
        int maxMessageSize,
        TimeSpan? timeout,
        CancellationToken callerToken)
    {
        _parser = parser;
        _maxMessageSize = maxMessageSize;
        _callerToken = callerToken;
        if (timeout is { } t && t.TotalMilliseconds < int.MaxValue)
        {
            _deadline = new CancellationTokenSource(t <= TimeSpan.Zero ? TimeSpan.FromTicks(1) : t);
            _callCancellation = CancellationTokenSource.CreateLinkedTokenSource(callerToken, _deadline.Token);
        }
        else
        {
            _callCancellation = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        }

        request.Content!.Headers.ContentType = GrpcFrames.ContentType;
        _responseTask = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _callCancellation.Token);
    }

    /// <summary>Completes when the call has ended, successfully or not; used to stop the request writer.</summary>
    public CancellationToken CallEnded => _callCancellation.Token;

    /// <summary>
    /// The next response message, or null once the server has ended the stream with status OK.
    /// Throws <see cref="GrpcException"/> for any other status.
    /// </summary>
    public async ValueTask<TResponse?> ReadNextAsync()
    {
        if (_finished)
        {
            return null;
        }

        try
        {
            var body = _body ?? await OpenAsync().ConfigureAwait(false);
            if (body is null)
            {
                return null;
            }

            var token = _callCancellation.Token;
            var read = await body.ReadAtLeastAsync(_header, GrpcFrames.HeaderSize, throwOnEndOfStream: false, token).ConfigureAwait(false);
            if (read == 0)
            {
                _finished = true;
                ThrowIfNotOk(_response!.TrailingHeaders, "the response trailers");
                return null;
            }

            if (read < GrpcFrames.HeaderSize)
            {
                throw new GrpcException(StatusCode.Internal, "The response ended inside a message prefix.");
            }

            if (_header[0] != 0)
            {
                throw new GrpcException(StatusCode.Internal, "The server sent a compressed message although none was offered.");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(1));
            if (length > (uint)_maxMessageSize)
            {
                throw new GrpcException(StatusCode.ResourceExhausted, $"A response message of {length} bytes exceeds the limit of {_maxMessageSize} bytes.");
            }

            var buffer = ArrayPool<byte>.Shared.Rent((int)length);
            try
            {
                await body.ReadExactlyAsync(buffer.AsMemory(0, (int)length), token).ConfigureAwait(false);
                return _parser.ParseFrom(new ReadOnlySpan<byte>(buffer, 0, (int)length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception e) when (Translate(e) is { } translated)
        {
            _finished = true;
            throw translated;
        }
    }

    /// <summary>Ends the call from the client side; pending and later reads throw <see cref="OperationCanceledException"/>.</summary>
    public void Cancel() => _callCancellation.Cancel();

    public async ValueTask DisposeAsync()
    {
        if (!_finished || _response is null)
        {
            // Resets the HTTP/2 stream (RST_STREAM CANCEL) so the server stops work for us.
            await _callCancellation.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            using var response = _response ?? await _responseTask.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            // The call was abandoned; its outcome no longer matters.
        }

        _callCancellation.Dispose();
        _deadline?.Dispose();
    }

    private async ValueTask<Stream?> OpenAsync()
    {
        var response = _response = await _responseTask.ConfigureAwait(false);
        var hasStatusHeader = response.Headers.NonValidated.Contains("grpc-status");
        if (response.StatusCode != HttpStatusCode.OK)
        {
            if (hasStatusHeader)
            {
                ThrowIfNotOk(response.Headers, "the response headers");
            }

            throw new GrpcException(FromHttpStatus(response.StatusCode), $"The server answered HTTP {(int)response.StatusCode} instead of a gRPC response.");
        }

        if (hasStatusHeader)
        {
            // Trailers-only response: the status came with the headers and there is no body.
            _finished = true;
            ThrowIfNotOk(response.Headers, "the response headers");
            return null;
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (contentType is null || !contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            throw new GrpcException(StatusCode.Internal, $"The response has content type '{contentType}', not application/grpc.");
        }

        return _body = await response.Content.ReadAsStreamAsync(_callCancellation.Token).ConfigureAwait(false);
    }

    private static void ThrowIfNotOk(HttpHeaders headers, string where)
    {
        if (!headers.NonValidated.TryGetValues("grpc-status", out var statusValues))
        {
            throw new GrpcException(StatusCode.Internal, $"The call ended without grpc-status in {where}.");
        }

        if (!int.TryParse(statusValues.ToString(), out var status) || status < 0)
        {
            throw new GrpcException(StatusCode.Internal, $"The server sent an unreadable grpc-status '{statusValues}'.");
        }

        if (status == 0)
        {
            return;
        }

        var message = headers.NonValidated.TryGetValues("grpc-message", out var messageValues)
            ? Uri.UnescapeDataString(messageValues.ToString())
            : string.Empty;
        throw new GrpcException((StatusCode)status, message);
    }

    private Exception? Translate(Exception e)
    {
        if (e is GrpcException)
        {
            return null;
        }

        if (_callerToken.IsCancellationRequested)
        {
            return e is OperationCanceledException ? null : new OperationCanceledException("The call was cancelled.", e, _callerToken);
        }

        if (_deadline?.IsCancellationRequested == true)
        {
            return new GrpcException(StatusCode.DeadlineExceeded, "The call's deadline passed.", e);
        }

        return e switch
        {
            InvalidProtocolBufferException => new GrpcException(StatusCode.Internal, "A response message could not be parsed: " + e.Message, e),
            HttpRequestException or IOException => new GrpcException(StatusCode.Unavailable, e.Message, e),
            _ => null,
        };
    }

    // The mapping gRPC specifies for responses that are not gRPC (e.g. from a proxy).
    private static StatusCode FromHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
