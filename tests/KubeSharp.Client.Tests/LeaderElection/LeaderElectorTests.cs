using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using KubeSharp.Client.Configuration;
using KubeSharp.Client.LeaderElection;
using KubeSharp.Client.Tests.Infrastructure;

namespace KubeSharp.Client.Tests.LeaderElection;

/// <summary>
/// A single Lease endpoint with resourceVersion compare-and-swap, like the API server's. Clients whose
/// User-Agent is partitioned get no answer at all (their requests hang), like a cut network.
/// </summary>
internal sealed class FakeLeaseServer : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private JsonObject? _lease;
    private long _version = 100;

    public FakeLeaseServer()
    {
        Server = new ScriptedHttpServer(HandleAsync);
    }

    public ScriptedHttpServer Server { get; }
    public ConcurrentDictionary<string, bool> Partitioned { get; } = new();

    public JsonObject? Lease
    {
        get
        {
            lock (_lock)
            {
                return (JsonObject?)_lease?.DeepClone();
            }
        }
    }

    public KubernetesClient ClientFor(string identity) =>
        new(new KubernetesClientConfiguration { Server = Server.BaseAddress, UserAgent = identity, RequestTimeout = TimeSpan.FromSeconds(5) });

    private async Task HandleAsync(TestRequest request, TestResponse response, CancellationToken cancellationToken)
    {
        if (request.Headers.TryGetValue("User-Agent", out var agent) && Partitioned.ContainsKey(agent))
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        int status;
        string body;
        lock (_lock)
        {
            (status, body) = request.Method switch
            {
                "GET" => _lease is null ? (404, Json.Status(404, "NotFound", "leases \"l\" not found")) : (200, _lease.ToJsonString()),
                "POST" when _lease is not null => (409, Json.Status(409, "AlreadyExists", "leases \"l\" already exists")),
                "POST" => (201, Store(request.Body)),
                "PUT" when _lease is null => (404, Json.Status(404, "NotFound", "leases \"l\" not found")),
                "PUT" when (string?)JsonNode.Parse(request.Body)!["metadata"]?["resourceVersion"] != (string?)_lease!["metadata"]!["resourceVersion"] =>
                    (409, Json.Status(409, "Conflict", "the object has been modified")),
                "PUT" => (200, Store(request.Body)),
                _ => (405, Json.Status(405, "MethodNotAllowed", request.Method)),
            };
        }

        await response.WriteAsync(status, body);
    }

    private string Store(string body)
    {
        var lease = JsonNode.Parse(body)!.AsObject();
        lease["metadata"]!["resourceVersion"] = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _lease = lease;
        return lease.ToJsonString();
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

public sealed class LeaderElectorTests
{
    /// <summary>Counts candidates inside OnStartedLeading (until their token is cancelled) and the most ever at once.</summary>
    private sealed class LeadershipLog
    {
        private int _leading;
        private int _max;
        public ConcurrentQueue<string> Terms { get; } = new();
        public int MaxConcurrentLeaders => Volatile.Read(ref _max);

        public Func<CancellationToken, Task> Lead(string identity) => async token =>
        {
            var now = Interlocked.Increment(ref _leading);
            InterlockedMax(ref _max, now);
            Terms.Enqueue(identity);
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                // Term over.
            }
            finally
            {
                Interlocked.Decrement(ref _leading);
            }
        };

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }

    private static LeaderElectionConfig Config(string identity, TimeSpan leaseDuration, TimeSpan renewDeadline) => new()
    {
        LeaseNamespace = "kube-system",
        LeaseName = "controller",
        Identity = identity,
        LeaseDuration = leaseDuration,
        RenewDeadline = renewDeadline,
        RetryPeriod = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task A_leader_cut_off_from_the_server_stops_leading_before_the_other_candidate_takes_over()
    {
        await using var server = new FakeLeaseServer();
        var log = new LeadershipLog();
        using var clientA = server.ClientFor("a");
        using var clientB = server.ClientFor("b");
        var a = new LeaderElector(clientA, Config("a", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1.5))) { OnStartedLeading = log.Lead("a") };
        var b = new LeaderElector(clientB, Config("b", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1.5))) { OnStartedLeading = log.Lead("b") };
        using var stop = new CancellationTokenSource();
        var runs = new[] { a.RunAsync(stop.Token), b.RunAsync(stop.Token) };

        await Eventually.TrueAsync(() => a.IsLeader || b.IsLeader, "someone leads");
        var (leader, follower, leaderId) = a.IsLeader ? (a, b, "a") : (b, a, "b");
        server.Partitioned[leaderId] = true;

        await Eventually.TrueAsync(() => follower.IsLeader, "the follower takes over");
        Assert.False(leader.IsLeader);

        server.Partitioned.Clear();
        await stop.CancelAsync();
        await Task.WhenAll(runs);

        Assert.Equal(1, log.MaxConcurrentLeaders);
        Assert.Equal([leaderId, leaderId == "a" ? "b" : "a"], log.Terms.Take(2));
        Assert.True((int)server.Lease!["spec"]!["leaseTransitions"]! >= 1);
    }

    [Fact]
    public async Task A_leader_releases_the_lease_on_shutdown_so_the_next_takes_over_without_waiting_for_expiry()
    {
        await using var server = new FakeLeaseServer();
        var log = new LeadershipLog();
        using var clientA = server.ClientFor("a");
        using var clientB = server.ClientFor("b");
        // A lease far longer than the test's hang guard: only the release can hand it over in time.
        var a = new LeaderElector(clientA, Config("a", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(2))) { OnStartedLeading = log.Lead("a") };
        var b = new LeaderElector(clientB, Config("b", TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(2))) { OnStartedLeading = log.Lead("b") };
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();

        var runA = a.RunAsync(stopA.Token);
        await Eventually.TrueAsync(() => a.IsLeader, "a leads");
        var runB = b.RunAsync(stopB.Token);
        await Eventually.TrueAsync(() => b.CurrentLeader == "a", "b sees a leading");
        Assert.False(b.IsLeader);

        await stopA.CancelAsync();
        await runA;
        await Eventually.TrueAsync(() => b.IsLeader, "b takes over after the release");

        await stopB.CancelAsync();
        await runB;
        Assert.Equal(1, log.MaxConcurrentLeaders);
        Assert.Equal(["a", "b"], log.Terms);
    }

    [Fact]
    public async Task The_first_candidate_creates_the_lease_with_its_identity_and_duration()
    {
        await using var server = new FakeLeaseServer();
        using var client = server.ClientFor("solo");
        var elector = new LeaderElector(client, Config("solo", TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10)));
        using var stop = new CancellationTokenSource();
        var run = elector.RunAsync(stop.Token);

        await Eventually.TrueAsync(() => elector.IsLeader, "leads");
        await stop.CancelAsync();
        await run;

        var lease = server.Lease!;
        Assert.Equal("Lease", (string?)lease["kind"]);
        Assert.Equal("coordination.k8s.io/v1", (string?)lease["apiVersion"]);
        Assert.Equal(0, (int)lease["spec"]!["leaseTransitions"]!);
        Assert.Equal("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases", server.Server.Requests.First(r => r.Method == "POST").Path);
        // Released on shutdown: no holder, one-second duration.
        Assert.Null(lease["spec"]!["holderIdentity"]);
        Assert.Equal(1, (int)lease["spec"]!["leaseDurationSeconds"]!);
    }
}
