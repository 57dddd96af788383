using System.Collections.Concurrent;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client.Informers;
using KubeSharp.Client.Tests.Infrastructure;

namespace KubeSharp.Client.Tests.Informers;

public sealed class InformerTests
{
    private static readonly InformerOptions FastRetry = new()
    {
        Namespace = "ns",
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>Records handler calls as "add a", "add* a" (initial list), "update a 12", "delete b", "delete? b" (final state unknown).</summary>
    private sealed class Recorder
    {
        public ConcurrentQueue<string> Calls { get; } = new();

        public ResourceEventHandler<ConfigMap> Handler => new()
        {
            OnAdd = (o, initial) => Calls.Enqueue($"add{(initial ? "*" : "")} {o.Metadata!.Name}"),
            OnUpdate = (_, n) => Calls.Enqueue($"update {n.Metadata!.Name} {n.Metadata.ResourceVersion}"),
            OnDelete = (o, unknown) => Calls.Enqueue($"delete{(unknown ? "?" : "")} {o.Metadata!.Name}"),
        };
    }

    private sealed class Running : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public Running(Informer<ConfigMap> informer)
        {
            Informer = informer;
            _run = informer.RunAsync(_stop.Token);
        }

        public Informer<ConfigMap> Informer { get; }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _run;
            _stop.Dispose();
        }
    }

    [Fact]
    public async Task Lists_in_pages_from_version_zero_then_watches_from_the_list_version_and_applies_events()
    {
        await using var api = new FakeApi();
        api.List(Json.List("10", "c1", Json.ConfigMap("a", "8")))
           .List(Json.List("10", null, Json.ConfigMap("b", "9")));
        api.Watch()
           .Send(Json.Event("ADDED", Json.ConfigMap("c", "11")))
           .Send(Json.Event("MODIFIED", Json.ConfigMap("a", "12", "changed")))
           .Send(Json.Event("DELETED", Json.ConfigMap("b", "13")))
           .Send(Json.Bookmark("20"));
        using var client = api.NewClient();
        var informer = new Informer<ConfigMap>(client, FastRetry);
        var recorder = new Recorder();
        informer.AddEventHandler(recorder.Handler);

        await using (new Running(informer))
        {
            await Eventually.TrueAsync(() => informer.LastSyncResourceVersion == "20", "bookmark applied");
            await Eventually.TrueAsync(() => recorder.Calls.Count == 5, "five notifications");
        }

        Assert.Equal(["ns/a", "ns/c"], informer.Cache.ListKeys().Order());
        Assert.Equal("changed", informer.Lister.Get("a", "ns")!.Data!["k"]);
        Assert.Equal(["add* a", "add* b", "add c", "update a 12", "delete b"], recorder.Calls);

        var lists = api.Lists;
        Assert.Equal("0", lists[0].QueryValue("resourceVersion"));
        Assert.Equal("500", lists[0].QueryValue("limit"));
        Assert.Equal("/api/v1/namespaces/ns/configmaps", lists[0].Path);
        Assert.Equal("c1", lists[1].QueryValue("continue"));
        Assert.Null(lists[1].QueryValue("resourceVersion"));
        var watch = api.Watches[0];
        Assert.Equal("10", watch.QueryValue("resourceVersion"));
        Assert.Equal("true", watch.QueryValue("allowWatchBookmarks"));
        Assert.InRange(int.Parse(watch.QueryValue("timeoutSeconds")!, System.Globalization.CultureInfo.InvariantCulture), 300, 600);
    }

    [Fact]
    public async Task A_broken_watch_connection_is_resumed_from_the_last_version_seen_without_relisting()
    {
        await using var api = new FakeApi();
        api.List(Json.List("10", null, Json.ConfigMap("a", "10")));
        api.Watch().Send(Json.Event("MODIFIED", Json.ConfigMap("a", "11"))).Abort();
        api.Watch().Send(Json.Event("ADDED", Json.ConfigMap("b", "12")));
        using var client = api.NewClient();
        var informer = new Informer<ConfigMap>(client, FastRetry);

        await using (new Running(informer))
        {
            await Eventually.TrueAsync(() => informer.Cache.Get("ns/b") is not null, "b arrives on the second watch");
        }

        Assert.Single(api.Lists);
        Assert.Equal("11", api.Watches[1].QueryValue("resourceVersion"));
    }

    [Fact]
    public async Task A_watch_the_server_ends_is_restarted_from_the_last_bookmark()
    {
        await using var api = new FakeApi();
        api.List(Json.List("10", null));
        api.Watch().Send(Json.Bookmark("15")).End();
        using var client = api.NewClient();
        var informer = new Informer<ConfigMap>(client, FastRetry);

        await using (new Running(informer))
        {
            await Eventually.TrueAsync(() => api.Watches.Count == 2, "second watch");
        }

        Assert.Equal("15", api.Watches[1].QueryValue("resourceVersion"));
        Assert.Single(api.Lists);
    }

    [Fact]
    public async Task An_expired_watch_relists_with_a_consistent_read_and_reports_vanished_objects_with_unknown_final_state()
    {
        await using var api = new FakeApi();
        api.List(Json.List("10", null, Json.ConfigMap("a", "5"), Json.ConfigMap("b", "6")));
        api.Watch().Send(Json.Event("ERROR", Json.Status(410, "Expired", "too old resource version: 10 (25)")));
        api.List(Json.List("30", null, Json.ConfigMap("a", "28"), Json.ConfigMap("c", "29")));
        using var client = api.NewClient();
        var informer = new Informer<ConfigMap>(client, FastRetry);
        var recorder = new Recorder();
        informer.AddEventHandler(recorder.Handler);

        await using (new Running(informer))
        {
            await Eventually.TrueAsync(() => api.Watches.Count == 2, "watch after relist");
            await Eventually.TrueAsync(() => recorder.Calls.Count == 5, "five notifications");
        }

        Assert.Null(api.Lists[1].QueryValue("resourceVersion"));
        Assert.Equal("30", api.Watches[1].QueryValue("resourceVersion"));
        Assert.Equal(["ns/a", "ns/c"], informer.Cache.ListKeys().Order());
        Assert.Equal(["add* a", "add* b", "update a 28", "add c", "delete? b"], recorder.Calls);
    }

    [Fact]
    public async Task A_410_answer_to_the_watch_request_also_relists()
    {
        await using var api = new FakeApi();
        api.List(Json.List("10", null));
        api.WatchFails(410, Json.Status(410, "Gone", "too old"));
        api.List(Json.List("40", null, Json.ConfigMap("z", "40")));
        using var client = api.NewClient();
        var informer = new Informer<ConfigMap>(client, FastRetry);

        await using (new Running(informer))
        {
            await Eventually.TrueAsync(() => informer.Cache.Get("ns/z") is not null, "relisted");
        }

        Assert.Equal(2, api.Lists.Count);
    }

    [Fact]
    public async Task A_failing_list_is_retried_until_the_informer_syncs()
    {
        await using var api = new FakeApi();
        api.List(Json.Status(500, "InternalError", "db down"), 500)
           .List(Json.Status(503, "ServiceUnavailable", "starting"), 503)
           .List(Json.List("7", null, Json.ConfigMap("a", "7")));
        using var client = api.NewClient();
        var informer = new Informer<ConfigMap>(client, FastRetry);

        await using (new Running(informer))
        {
            await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(informer.HasSynced);
        }

        Assert.Equal(3, api.Lists.Count);
    }

    [Fact]
    public async Task A_handler_added_after_sync_first_receives_the_cached_objects_as_initial_adds()
    {
        await using var api = new FakeApi();
        api.List(Json.List("10", null, Json.ConfigMap("a", "10")));
        using var client = api.NewClient();
        var informer = new Informer<ConfigMap>(client, FastRetry);
        var recorder = new Recorder();

        await using (new Running(informer))
        {
            await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(20));
            informer.AddEventHandler(recorder.Handler);
            await Eventually.TrueAsync(() => !recorder.Calls.IsEmpty, "replayed add");
        }

        Assert.Equal(["add* a"], recorder.Calls);
    }

    [Fact]
    public async Task Resync_redelivers_every_cached_object_as_an_update()
    {
        await using var api = new FakeApi();
        api.List(Json.List("10", null, Json.ConfigMap("a", "10")));
        using var client = api.NewClient();
        var time = new ManualTimeProvider();
        var informer = new Informer<ConfigMap>(new ClientListWatch<ConfigMap>(client, "ns"), FastRetry with { ResyncPeriod = TimeSpan.FromMinutes(5) }, timeProvider: time);
        var recorder = new Recorder();
        informer.AddEventHandler(recorder.Handler);

        await using (new Running(informer))
        {
            await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(20));
            time.Advance(TimeSpan.FromMinutes(5));
            await Eventually.TrueAsync(() => recorder.Calls.Count == 2, "resync update");
        }

        Assert.Equal(["add* a", "update a 10"], recorder.Calls);
    }
}

public sealed class ObjectCacheTests
{
    private static ConfigMap Cm(string ns, string name, string team) =>
        new() { Metadata = new() { Namespace = ns, Name = name, Labels = new() { ["team"] = team } } };

    [Fact]
    public void Objects_are_keyed_by_namespace_and_name_and_found_through_indexes()
    {
        var cache = new ObjectCache<ConfigMap>();
        cache.AddIndexer("team", o => [o.Metadata!.Labels!["team"]]);
        cache.Upsert(Cm("a", "x", "red"));
        cache.Upsert(Cm("b", "x", "blue"));
        cache.Upsert(Cm("b", "y", "red"));

        Assert.Equal(["a/x", "b/x", "b/y"], cache.ListKeys().Order());
        Assert.Equal(["a/x", "b/y"], cache.ByIndex("team", "red").Select(ObjectCache<ConfigMap>.KeyOf).Order());
        Assert.Equal(2, cache.ByIndex(ObjectCache<ConfigMap>.NamespaceIndex, "b").Count);

        cache.Upsert(Cm("b", "y", "blue"));
        Assert.Equal(["a/x"], cache.ByIndex("team", "red").Select(ObjectCache<ConfigMap>.KeyOf));

        cache.Remove("a/x");
        Assert.Empty(cache.ByIndex("team", "red"));
    }

    [Fact]
    public void An_index_asked_for_twice_is_added_once_and_covers_objects_already_cached()
    {
        var cache = new ObjectCache<ConfigMap>();
        cache.Upsert(Cm("a", "x", "red"));

        Assert.True(cache.TryAddIndexer("team", o => [o.Metadata!.Labels!["team"]]));
        Assert.False(cache.TryAddIndexer("team", o => ["other"]));
        cache.Upsert(Cm("a", "y", "red"));

        Assert.Equal(["a/x", "a/y"], cache.ByIndex("team", "red").Select(ObjectCache<ConfigMap>.KeyOf).Order());
        Assert.Empty(cache.ByIndex("team", "other"));
    }

    [Fact]
    public void Lister_selects_by_namespace_and_labels()
    {
        var cache = new ObjectCache<ConfigMap>();
        cache.Upsert(Cm("a", "x", "red"));
        cache.Upsert(Cm("b", "y", "red"));
        var lister = new Lister<ConfigMap>(cache);

        Assert.Equal(2, lister.ListByLabels(new Dictionary<string, string> { ["team"] = "red" }).Count);
        Assert.Single(lister.ListByLabels(new Dictionary<string, string> { ["team"] = "red" }, "b"));
        Assert.Equal("x", lister.Get("x", "a")!.Metadata!.Name);
    }
}
