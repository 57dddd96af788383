using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace KubeSharp.Grpc;

/// <summary>
/// A bidirectional-streaming call. Writes and reads are independent (one writer and one reader at a time).
/// Some servers (etcd's Watch) never end the stream on their own: dispose the call to end it.
/// </summary>
public sealed class GrpcDuplexCall<TRequest, TResponse> : IAsyncDisposable
    where TRequest : IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly GrpcCall<TResponse> _call;
    private readonly StreamingRequestContent _requests;

    internal GrpcDuplexCall(GrpcCall<TResponse> call, StreamingRequestContent requests)
    {
        _call = call;
        _requests = requests;
        call.CallEnded.Register(requests.Complete);
    }

    /// <summary>Queues a request message; it is sent as soon as the stream allows.</summary>
    /// <exception cref="InvalidOperationException">The request side was completed or the call has ended.</exception>
    public void Write(TRequest message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_requests.TryEnqueue(GrpcFrames.Encode(message)))
        {
            throw new InvalidOperationException("The call no longer accepts requests.");
        }
    }

    /// <summary>Ends the request side (half-close); responses can still be read.</summary>
    public void CompleteRequests() => _requests.Complete();

    /// <summary>The next response, or null once the server has ended the stream with status OK.</summary>
    public ValueTask<TResponse?> ReadNextAsync() => _call.ReadNextAsync();

    /// <summary>Yields responses until the server ends the stream; cancelling the token ends the whole call.</summary>
    public async IAsyncEnumerable<TResponse> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.Register(_call.Cancel);
        while (await ReadNextAsync().ConfigureAwait(false) is { } message)
        {
            yield return message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Complete();
        await _call.DisposeAsync().ConfigureAwait(false);
    }
}
