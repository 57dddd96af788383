using System.Text;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Client.Tests.Watch;

public sealed class WatchStreamTests
{
    /// <summary>Returns at most one byte per read, like a network delivering a stream in tiny pieces.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(1, count), cancellationToken);
    }

    private static async Task<List<WatchEvent<ConfigMap>>> ReadAll(Stream stream)
    {
        var events = new List<WatchEvent<ConfigMap>>();
        await foreach (var e in WatchStream.ReadAsync<ConfigMap>(stream))
        {
            events.Add(e);
        }

        return events;
    }

    private const string TwoEvents =
        """{"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"a","namespace":"ns","resourceVersion":"5"},"data":{"k":"v"}}}""" + "\n" +
        """{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"9"}}}""" + "\n";

    [Fact]
    public async Task Newline_delimited_events_decode_in_order_with_their_objects()
    {
        var events = await ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(TwoEvents)));

        Assert.Equal(["ADDED", "BOOKMARK"], events.Select(e => e.Type));
        Assert.Equal("v", events[0].Object!.Data!["k"]);
        Assert.Equal("9", events[1].Object!.Metadata!.ResourceVersion);
    }

    [Fact]
    public async Task Events_split_across_reads_are_reassembled()
    {
        var events = await ReadAll(new TrickleStream(Encoding.UTF8.GetBytes(TwoEvents)));

        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task Events_without_newlines_between_them_still_decode()
    {
        var body = TwoEvents.Replace("\n", "", StringComparison.Ordinal);

        Assert.Equal(2, (await ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(body)))).Count);
    }

    [Fact]
    public async Task An_error_event_with_code_410_throws_watch_expired()
    {
        var body = TwoEvents + """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 5 (120)","reason":"Expired","code":410}}""" + "\n";
        var seen = 0;

        var e = await Assert.ThrowsAsync<WatchExpiredException>(async () =>
        {
            await foreach (var _ in WatchStream.ReadAsync<ConfigMap>(new MemoryStream(Encoding.UTF8.GetBytes(body))))
            {
                seen++;
            }
        });

        Assert.Equal(2, seen);
        Assert.True(e.IsExpired);
        Assert.Equal("too old resource version: 5 (120)", e.Status.Message);
    }

    [Fact]
    public async Task Other_error_events_throw_an_api_exception_with_the_status()
    {
        var body = """{"type":"ERROR","object":{"kind":"Status","status":"Failure","reason":"InternalError","message":"boom","code":500}}""";

        var e = await Assert.ThrowsAsync<KubernetesApiException>(() => ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(body))));

        Assert.IsNotType<WatchExpiredException>(e);
        Assert.Equal("boom", e.Status.Message);
    }

    [Fact]
    public async Task A_stream_cut_inside_an_event_is_an_io_error()
    {
        var body = TwoEvents + """{"type":"ADDED","object":{"kind":"Conf""";

        await Assert.ThrowsAsync<IOException>(() => ReadAll(new MemoryStream(Encoding.UTF8.GetBytes(body))));
    }
}
