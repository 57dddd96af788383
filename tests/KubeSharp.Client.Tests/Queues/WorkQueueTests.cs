using System.Collections.Concurrent;
using KubeSharp.Client.Queues;
using KubeSharp.Client.Tests.Infrastructure;

namespace KubeSharp.Client.Tests.Queues;

public sealed class WorkQueueTests
{
    private static WorkQueue<string> NewQueue(ManualTimeProvider? time = null) =>
        new(new ItemExponentialRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)), time ?? new ManualTimeProvider());

    [Fact]
    public async Task A_key_added_many_times_before_it_is_taken_is_queued_once()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", (await queue.GetAsync()).Key);
        Assert.Equal("b", (await queue.GetAsync()).Key);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_being_processed_is_not_handed_out_again_until_done_and_is_then_requeued()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var (key, _) = await queue.GetAsync();

        queue.Add("a");
        Assert.Equal(0, queue.Count);
        var second = queue.GetAsync();
        Assert.False(second.IsCompleted);

        queue.Done(key);
        Assert.Equal("a", (await second).Key);
    }

    [Fact]
    public async Task A_key_not_added_again_while_processing_is_gone_after_done()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var (key, _) = await queue.GetAsync();
        queue.Done(key);

        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Concurrent_workers_never_process_the_same_key_at_once_and_lose_no_adds()
    {
        using var queue = NewQueue();
        var inFlight = new ConcurrentDictionary<string, int>();
        var violations = 0;
        var processedAfterLastAdd = new ConcurrentDictionary<string, bool>();
        using var stop = new CancellationTokenSource();

        async Task Worker()
        {
            while (true)
            {
                var (key, shutDown) = await queue.GetAsync();
                if (shutDown)
                {
                    return;
                }

                if (inFlight.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
                {
                    Interlocked.Increment(ref violations);
                }

                processedAfterLastAdd[key] = true;
                await Task.Yield();
                inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
                queue.Done(key);
            }
        }

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(Worker)).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            var key = $"k{i % 5}";
            processedAfterLastAdd[key] = false;
            queue.Add(key);
        }

        await Eventually.TrueAsync(() => processedAfterLastAdd.Values.All(v => v), "every key processed after its last add");
        await queue.ShutDownWithDrainAsync();
        await Task.WhenAll(workers);
        Assert.Equal(0, violations);
    }

    [Fact]
    public async Task Keys_come_out_in_the_order_they_were_first_added()
    {
        using var queue = NewQueue();
        foreach (var k in new[] { "c", "a", "b", "a", "c" })
        {
            queue.Add(k);
        }

        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            order.Add((await queue.GetAsync()).Key);
        }

        Assert.Equal(["c", "a", "b"], order);
    }

    [Fact]
    public async Task Shut_down_hands_out_the_keys_already_queued_then_reports_shut_down()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.ShutDown();
        queue.Add("b");

        Assert.Equal(("a", false), await queue.GetAsync());
        Assert.True((await queue.GetAsync()).ShutDown);
    }

    [Fact]
    public async Task Shut_down_wakes_waiting_workers()
    {
        using var queue = NewQueue();
        var waiting = queue.GetAsync();
        queue.ShutDown();

        Assert.True((await waiting).ShutDown);
    }

    [Fact]
    public async Task Shut_down_with_drain_waits_for_keys_in_process()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var (key, _) = await queue.GetAsync();

        var drained = queue.ShutDownWithDrainAsync();
        Assert.False(drained.IsCompleted);

        queue.Done(key);
        await drained;
    }

    [Fact]
    public async Task A_delayed_key_appears_only_when_its_delay_has_passed()
    {
        var time = new ManualTimeProvider();
        using var queue = NewQueue(time);
        queue.AddAfter("a", TimeSpan.FromSeconds(10));

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, queue.Count);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal("a", (await queue.GetAsync()).Key);
    }

    [Fact]
    public void The_earliest_of_several_delayed_adds_of_one_key_wins_and_the_key_is_added_once()
    {
        var time = new ManualTimeProvider();
        using var queue = NewQueue(time);
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(2));
        queue.AddAfter("a", TimeSpan.FromSeconds(5));

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, queue.Count);

        time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Delayed_keys_are_released_in_due_order()
    {
        var time = new ManualTimeProvider();
        using var queue = NewQueue(time);
        queue.AddAfter("late", TimeSpan.FromSeconds(3));
        queue.AddAfter("early", TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public void Rate_limited_adds_back_off_exponentially_per_key_and_forget_resets()
    {
        var time = new ManualTimeProvider();
        using var queue = NewQueue(time);

        queue.AddRateLimited("a"); // 5 ms
        queue.AddRateLimited("a"); // 10 ms, but the 5 ms add is earlier and wins
        Assert.Equal(2, queue.NumRequeues("a"));
        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(1, queue.Count);

        queue.Forget("a");
        Assert.Equal(0, queue.NumRequeues("a"));
    }
}

public sealed class RateLimiterTests
{
    [Fact]
    public void Item_exponential_limiter_doubles_from_5ms_and_caps_at_1000s()
    {
        var limiter = new ItemExponentialRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));

        var delays = Enumerable.Range(0, 5).Select(_ => limiter.When("a").TotalMilliseconds).ToList();
        Assert.Equal([5, 10, 20, 40, 80], delays);

        for (var i = 0; i < 30; i++)
        {
            limiter.When("a");
        }

        Assert.Equal(TimeSpan.FromSeconds(1000), limiter.When("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("b"));
    }

    [Fact]
    public void Item_exponential_limiter_starts_over_after_forget()
    {
        var limiter = new ItemExponentialRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        limiter.When("a");
        limiter.When("a");
        limiter.Forget("a");

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
    }

    [Fact]
    public void Bucket_limiter_lets_a_burst_through_then_spaces_adds_by_one_over_qps()
    {
        var time = new ManualTimeProvider();
        var limiter = new BucketRateLimiter<string>(qps: 10, burst: 3, time);

        Assert.All(Enumerable.Range(0, 3), _ => Assert.Equal(TimeSpan.Zero, limiter.When("x")));
        Assert.Equal(TimeSpan.FromMilliseconds(100), limiter.When("x"));
        Assert.Equal(TimeSpan.FromMilliseconds(200), limiter.When("x"));

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, limiter.When("x"));
    }

    [Fact]
    public void Combined_limiter_uses_the_longest_delay()
    {
        var time = new ManualTimeProvider();
        var limiter = new MaxOfRateLimiter<string>(
            new ItemExponentialRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)),
            new BucketRateLimiter<string>(qps: 1, burst: 1, time));

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.When("a"));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.When("b"));
    }
}

public sealed class ControllerWorkerTests
{
    private sealed class NoDelay : IRateLimiter<string>
    {
        private readonly ConcurrentDictionary<string, int> _counts = new();
        public TimeSpan When(string key)
        {
            _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
            return TimeSpan.Zero;
        }

        public void Forget(string key) => _counts.TryRemove(key, out _);
        public int NumRequeues(string key) => _counts.GetValueOrDefault(key);
    }

    [Fact]
    public async Task A_failing_sync_is_retried_until_it_succeeds_and_its_back_off_is_then_forgotten()
    {
        using var queue = new WorkQueue<string>(new NoDelay());
        var attempts = 0;
        var worker = new ControllerWorker<string>("test", queue, (key, _) =>
        {
            if (Interlocked.Increment(ref attempts) < 4)
            {
                throw new InvalidOperationException("not yet");
            }

            return Task.CompletedTask;
        });
        using var cts = new CancellationTokenSource();
        var run = worker.RunAsync(2, cts.Token);

        queue.Add("ns/a");
        await Eventually.TrueAsync(() => Volatile.Read(ref attempts) == 4 && queue.NumRequeues("ns/a") == 0, "fourth attempt succeeds");
        await cts.CancelAsync();
        await run;
    }

    [Fact]
    public async Task A_key_failing_more_than_max_retries_is_dropped()
    {
        using var queue = new WorkQueue<string>(new NoDelay());
        var attempts = 0;
        var worker = new ControllerWorker<string>("test", queue, (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("always");
        })
        { MaxRetries = 3 };
        using var cts = new CancellationTokenSource();
        var run = worker.RunAsync(1, cts.Token);

        queue.Add("k");
        await Eventually.TrueAsync(() => Volatile.Read(ref attempts) == 4 && queue.Count == 0 && queue.NumRequeues("k") == 0, "dropped after 4 attempts");
        await cts.CancelAsync();
        await run;
        Assert.Equal(4, attempts);
    }
}
