using Google.Protobuf.WellKnownTypes;

namespace KubeSharp.Grpc.Tests;

public sealed class GrpcClientTests(TestGrpcServer server) : IClassFixture<TestGrpcServer>, IDisposable
{
    private readonly GrpcClient _client = GrpcClient.ForUnixSocket(server.SocketPath);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Unary_call_over_a_unix_socket_returns_the_response_message()
    {
        var response = await _client.UnaryAsync("/test.Echo/Unary", new StringValue { Value = "hi" }, StringValue.Parser);

        Assert.Equal("echo:hi", response.Value);
    }

    [Fact]
    public async Task Unary_call_over_cleartext_tcp_returns_the_response_message()
    {
        using var tcpClient = GrpcClient.ForAddress(server.TcpAddress);

        var response = await tcpClient.UnaryAsync("/test.Echo/Unary", new StringValue { Value = "tcp" }, StringValue.Parser);

        Assert.Equal("echo:tcp", response.Value);
    }

    [Fact]
    public async Task Requests_carry_the_grpc_headers_and_the_callers_metadata()
    {
        var options = new GrpcCallOptions(Headers: [new("token", "secret")]);

        var response = await _client.UnaryAsync("/test.Echo/Metadata", new Empty(), StringValue.Parser, options);

        Assert.Equal("secret", response.Value);
        var headers = server.RequestHeaders["/test.Echo/Metadata"];
        Assert.Equal("application/grpc", headers.ContentType.ToString());
        Assert.Equal("trailers", headers["te"].ToString());
    }

    [Fact]
    public async Task A_trailers_only_error_becomes_a_GrpcException_with_the_decoded_message()
    {
        var error = await Assert.ThrowsAsync<GrpcException>(
            () => _client.UnaryAsync("/test.Echo/TrailersOnlyError", new Empty(), StringValue.Parser));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("pod \"web\" not found: ü", error.Detail);
    }

    [Fact]
    public async Task An_error_status_in_the_trailers_after_a_message_fails_the_stream_after_that_message()
    {
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<GrpcException>(async () =>
        {
            await foreach (var message in _client.ServerStreamingAsync("/test.Echo/ErrorAfterMessage", new Empty(), StringValue.Parser))
            {
                received.Add(message.Value);
            }
        });

        Assert.Equal(["partial"], received);
        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Equal("broke midway", error.Detail);
    }

    [Fact]
    public async Task A_unary_call_that_ends_OK_without_a_message_is_an_internal_error()
    {
        var error = await Assert.ThrowsAsync<GrpcException>(
            () => _client.UnaryAsync("/test.Echo/NoMessage", new Empty(), StringValue.Parser));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task An_unknown_method_is_unimplemented()
    {
        var error = await Assert.ThrowsAsync<GrpcException>(
            () => _client.UnaryAsync("/test.Echo/Missing", new Empty(), StringValue.Parser));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Server_streaming_yields_every_message_in_order()
    {
        var received = new List<int>();
        await foreach (var message in _client.ServerStreamingAsync("/test.Echo/Count", new Int32Value { Value = 50 }, Int32Value.Parser))
        {
            received.Add(message.Value);
        }

        Assert.Equal(Enumerable.Range(0, 50), received);
    }

    [Fact]
    public async Task Messages_larger_than_a_frame_and_a_buffer_are_reassembled()
    {
        var response = await _client.UnaryAsync("/test.Echo/Large", new Int32Value { Value = 3_000_000 }, BytesValue.Parser);

        Assert.Equal(3_000_000, response.Value.Length);
    }

    [Fact]
    public async Task A_response_above_the_size_limit_is_resource_exhausted()
    {
        using var client = GrpcClient.ForUnixSocket(server.SocketPath, maxReceiveMessageSize: 1000);

        var error = await Assert.ThrowsAsync<GrpcException>(
            () => client.UnaryAsync("/test.Echo/Large", new Int32Value { Value = 5000 }, BytesValue.Parser));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task A_passed_deadline_is_DeadlineExceeded_and_the_timeout_is_sent_to_the_server()
    {
        var options = new GrpcCallOptions(Timeout: TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<GrpcException>(
            () => _client.UnaryAsync("/test.Echo/Hang", new Empty(), StringValue.Parser, options));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal("300m", server.RequestHeaders["/test.Echo/Hang"]["grpc-timeout"].ToString());
    }

    [Fact]
    public async Task Cancelling_the_callers_token_throws_OperationCanceledException()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _client.UnaryAsync("/test.Echo/Hang", new Empty(), StringValue.Parser, cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task Leaving_a_server_stream_early_resets_it_on_the_server()
    {
        var received = 0;
        await foreach (var _ in _client.ServerStreamingAsync("/test.Echo/Endless", new Empty(), Int32Value.Parser))
        {
            if (++received == 3)
            {
                break;
            }
        }

        await server.EndlessAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_duplex_call_interleaves_requests_and_responses_and_ends_after_half_close()
    {
        await using var call = _client.DuplexStreaming<StringValue, StringValue>("/test.Echo/Duplex", StringValue.Parser);

        call.Write(new StringValue { Value = "a" });
        Assert.Equal("echo:a", (await call.ReadNextAsync())!.Value);
        call.Write(new StringValue { Value = "b" });
        Assert.Equal("echo:b", (await call.ReadNextAsync())!.Value);
        call.CompleteRequests();

        Assert.Null(await call.ReadNextAsync());
    }

    [Fact]
    public async Task Connecting_to_a_missing_socket_is_unavailable()
    {
        using var client = GrpcClient.ForUnixSocket(server.SocketPath + ".missing");

        var error = await Assert.ThrowsAsync<GrpcException>(
            () => client.UnaryAsync("/test.Echo/Unary", new StringValue(), StringValue.Parser));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Theory]
    [InlineData(300, "300m")]
    [InlineData(0.5, "1m")]
    [InlineData(99_999_999, "99999999m")]
    [InlineData(100_000_000, "100000S")]
    public void Timeouts_are_sent_in_at_most_eight_digits_rounded_up(double milliseconds, string expected) =>
        Assert.Equal(expected, GrpcFrames.FormatTimeout(TimeSpan.FromMilliseconds(milliseconds)));
}
