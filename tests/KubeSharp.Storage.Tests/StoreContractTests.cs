using System.Text;

namespace KubeSharp.Storage.Tests;

/// <summary>
/// The behaviour every <see cref="IStore"/> backend must have. A backend's test class derives from
/// this and says how to open it.
/// </summary>
public abstract class StoreContractTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Opens the backend under test. Within one test every call opens the same underlying storage
    /// (so opening again after disposing is a restart); each test gets storage of its own.
    /// </summary>
    protected abstract Task<IStore> OpenStoreAsync();

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    [Fact]
    public async Task Create_stores_the_value_with_create_and_mod_revision_of_the_write()
    {
        await using var store = await OpenStoreAsync();
        var created = await store.CreateAsync("/pods/a", Bytes("one"));

        Assert.Equal(created.ModRevision, created.CreateRevision);
        Assert.Equal(created.ModRevision, store.CurrentRevision);
        var read = await store.GetAsync("/pods/a");
        Assert.NotNull(read);
        Assert.Equal("one", Text(read.Value));
        Assert.Equal(created.ModRevision, read.ModRevision);
        Assert.Equal(created.CreateRevision, read.CreateRevision);
    }

    [Fact]
    public async Task Get_of_an_absent_key_returns_null()
    {
        await using var store = await OpenStoreAsync();
        Assert.Null(await store.GetAsync("/pods/none"));
    }

    [Fact]
    public async Task Empty_values_round_trip()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync("/empty", ReadOnlyMemory<byte>.Empty);
        var read = await store.GetAsync("/empty");
        Assert.NotNull(read);
        Assert.Equal(0, read.Value.Length);
    }

    [Fact]
    public async Task Create_of_an_existing_key_fails_with_KeyExists_and_changes_nothing()
    {
        await using var store = await OpenStoreAsync();
        var first = await store.CreateAsync("/pods/a", Bytes("one"));

        var error = await Assert.ThrowsAsync<KeyExistsException>(() => store.CreateAsync("/pods/a", Bytes("two")));
        Assert.Equal("/pods/a", error.Key);
        Assert.Equal(first.ModRevision, store.CurrentRevision);
        Assert.Equal("one", Text((await store.GetAsync("/pods/a"))!.Value));
    }

    [Fact]
    public async Task Update_with_the_current_mod_revision_replaces_the_value_and_keeps_the_create_revision()
    {
        await using var store = await OpenStoreAsync();
        var created = await store.CreateAsync("/pods/a", Bytes("one"));

        var updated = await store.UpdateAsync("/pods/a", created.ModRevision, Bytes("two"));

        Assert.True(updated.ModRevision > created.ModRevision);
        Assert.Equal(created.CreateRevision, updated.CreateRevision);
        var read = await store.GetAsync("/pods/a");
        Assert.Equal("two", Text(read!.Value));
        Assert.Equal(updated.ModRevision, read.ModRevision);
    }

    [Fact]
    public async Task Update_with_a_stale_mod_revision_fails_with_RevisionConflict_naming_the_actual_revision()
    {
        await using var store = await OpenStoreAsync();
        var created = await store.CreateAsync("/pods/a", Bytes("one"));
        var updated = await store.UpdateAsync("/pods/a", created.ModRevision, Bytes("two"));

        var error = await Assert.ThrowsAsync<RevisionConflictException>(() => store.UpdateAsync("/pods/a", created.ModRevision, Bytes("three")));

        Assert.Equal(updated.ModRevision, error.Actual);
        Assert.Equal("two", Text((await store.GetAsync("/pods/a"))!.Value));
    }

    [Fact]
    public async Task Update_with_expected_revision_zero_is_unconditional()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync("/pods/a", Bytes("one"));
        await store.UpdateAsync("/pods/a", 0, Bytes("two"));
        var third = await store.UpdateAsync("/pods/a", 0, Bytes("three"));
        Assert.Equal(third.ModRevision, (await store.GetAsync("/pods/a"))!.ModRevision);
    }

    [Fact]
    public async Task Update_and_delete_of_an_absent_key_fail_with_KeyNotFound()
    {
        await using var store = await OpenStoreAsync();
        await Assert.ThrowsAsync<KeyNotFoundInStoreException>(() => store.UpdateAsync("/pods/none", 0, Bytes("x")));
        await Assert.ThrowsAsync<KeyNotFoundInStoreException>(() => store.DeleteAsync("/pods/none", 0));
    }

    [Fact]
    public async Task Delete_returns_the_last_value_at_the_delete_revision_and_removes_the_key()
    {
        await using var store = await OpenStoreAsync();
        var created = await store.CreateAsync("/pods/a", Bytes("one"));

        var deleted = await store.DeleteAsync("/pods/a", created.ModRevision);

        Assert.Equal("one", Text(deleted.Value));
        Assert.True(deleted.ModRevision > created.ModRevision);
        Assert.Equal(deleted.ModRevision, store.CurrentRevision);
        Assert.Null(await store.GetAsync("/pods/a"));
        Assert.Empty((await store.ListAsync("/pods/")).Entries);
    }

    [Fact]
    public async Task Delete_with_a_stale_mod_revision_fails_with_RevisionConflict()
    {
        await using var store = await OpenStoreAsync();
        var created = await store.CreateAsync("/pods/a", Bytes("one"));
        await store.UpdateAsync("/pods/a", created.ModRevision, Bytes("two"));

        await Assert.ThrowsAsync<RevisionConflictException>(() => store.DeleteAsync("/pods/a", created.ModRevision));
        Assert.NotNull(await store.GetAsync("/pods/a"));
    }

    [Fact]
    public async Task A_key_created_again_after_delete_gets_a_new_create_revision()
    {
        await using var store = await OpenStoreAsync();
        var first = await store.CreateAsync("/pods/a", Bytes("one"));
        await store.DeleteAsync("/pods/a", 0);

        var second = await store.CreateAsync("/pods/a", Bytes("two"));

        Assert.True(second.CreateRevision > first.CreateRevision);
        Assert.Equal(second.ModRevision, second.CreateRevision);
    }

    [Fact]
    public async Task List_returns_the_live_entries_under_the_prefix_ordered_by_key_with_the_current_revision()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync("/pods/ns/c", Bytes("c"));
        await store.CreateAsync("/pods/ns/a", Bytes("a"));
        await store.CreateAsync("/pods/ns/b", Bytes("b"));
        await store.CreateAsync("/pods/ns2/x", Bytes("x"));
        await store.CreateAsync("/services/ns/a", Bytes("s"));
        await store.DeleteAsync("/pods/ns/b", 0);
        await store.UpdateAsync("/pods/ns/c", 0, Bytes("c2"));

        var list = await store.ListAsync("/pods/ns/");

        Assert.Equal(["/pods/ns/a", "/pods/ns/c"], list.Entries.Select(entry => entry.Key));
        Assert.Equal(["a", "c2"], list.Entries.Select(entry => Text(entry.Value)));
        Assert.Equal(store.CurrentRevision, list.Revision);
        Assert.Equal(4, (await store.ListAsync("/")).Entries.Count);
        Assert.Equal(4, (await store.ListAsync(string.Empty)).Entries.Count);
    }

    [Fact]
    public async Task Revisions_strictly_increase_and_are_unique_across_concurrent_writers()
    {
        await using var store = await OpenStoreAsync();
        var start = store.CurrentRevision;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            var revisions = new List<long>();
            for (var n = 0; n < 50; n++)
            {
                var created = await store.CreateAsync($"/w/{writer}/{n}", Bytes("v"));
                var updated = await store.UpdateAsync(created.Key, created.ModRevision, Bytes("v2"));
                Assert.True(updated.ModRevision > created.ModRevision);
                revisions.Add(created.ModRevision);
                revisions.Add(updated.ModRevision);
            }

            return revisions;
        })));

        var all = results.SelectMany(revisions => revisions).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, revision => Assert.True(revision > start));
        Assert.Equal(all.Max(), store.CurrentRevision);
        foreach (var revisions in results)
        {
            Assert.Equal(revisions.Order(), revisions);
        }
    }

    [Fact]
    public async Task Concurrent_updates_expecting_the_same_revision_let_exactly_one_win()
    {
        await using var store = await OpenStoreAsync();
        var created = await store.CreateAsync("/lease", Bytes("0"));

        var attempts = Enumerable.Range(0, 32)
            .Select(n => store.UpdateAsync("/lease", created.ModRevision, Bytes(n.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async attempt =>
        {
            try
            {
                return await attempt;
            }
            catch (RevisionConflictException)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes, outcome => outcome is not null);
        Assert.Equal(winner!.ModRevision, (await store.GetAsync("/lease"))!.ModRevision);
    }

    [Fact]
    public async Task Watch_delivers_creates_updates_and_deletes_with_previous_values_in_revision_order()
    {
        await using var store = await OpenStoreAsync();
        using var cancel = new CancellationTokenSource(Patience);
        await using var watch = store.WatchAsync("/pods/", store.CurrentRevision, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var moving = watch.MoveNextAsync();

        var created = await store.CreateAsync("/pods/a", Bytes("one"));
        await store.CreateAsync("/services/a", Bytes("other prefix"));
        var updated = await store.UpdateAsync("/pods/a", created.ModRevision, Bytes("two"));
        var deleted = await store.DeleteAsync("/pods/a", updated.ModRevision);

        Assert.True(await moving);
        Assert.Equal(StoreEventType.Created, watch.Current.Type);
        Assert.Equal(created.ModRevision, watch.Current.Entry.ModRevision);
        Assert.Equal(created.Key, watch.Current.Entry.Key);
        Assert.Equal("one", Text(watch.Current.Entry.Value));
        Assert.Equal(0, watch.Current.PreviousValue.Length);

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(StoreEventType.Updated, watch.Current.Type);
        Assert.Equal(updated.ModRevision, watch.Current.Entry.ModRevision);
        Assert.Equal(created.CreateRevision, watch.Current.Entry.CreateRevision);
        Assert.Equal("two", Text(watch.Current.Entry.Value));
        Assert.Equal("one", Text(watch.Current.PreviousValue));

        Assert.True(await watch.MoveNextAsync());
        Assert.Equal(StoreEventType.Deleted, watch.Current.Type);
        Assert.Equal(deleted.ModRevision, watch.Current.Entry.ModRevision);
        Assert.Equal("two", Text(watch.Current.Entry.Value));
        Assert.Equal("two", Text(watch.Current.PreviousValue));
    }

    [Fact]
    public async Task Watch_from_an_old_revision_replays_history_then_continues_live_without_gap_or_duplicate_under_concurrent_writes()
    {
        await using var store = await OpenStoreAsync();
        var expected = new List<long>();
        for (var n = 0; n < 300; n++)
        {
            expected.Add((await store.CreateAsync($"/items/{n}", Bytes("v"))).ModRevision);
            await store.CreateAsync($"/noise/{n}", Bytes("v"));
        }

        var from = expected[99];
        expected.RemoveRange(0, 100);
        using var cancel = new CancellationTokenSource(Patience);
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            var revisions = new List<long>();
            for (var n = 0; n < 150; n++)
            {
                revisions.Add((await store.CreateAsync($"/items/live/{writer}/{n}", Bytes("v"))).ModRevision);
                await store.CreateAsync($"/noise/live/{writer}/{n}", Bytes("v"));
            }

            return revisions;
        })).ToList();

        var seen = new List<long>();
        var expectedCount = expected.Count + (4 * 150);
        await foreach (var storeEvent in store.WatchAsync("/items/", from, cancel.Token))
        {
            Assert.StartsWith("/items/", storeEvent.Entry.Key, StringComparison.Ordinal);
            seen.Add(storeEvent.Entry.ModRevision);
            if (seen.Count == expectedCount)
            {
                break;
            }
        }

        expected.AddRange((await Task.WhenAll(writers)).SelectMany(revisions => revisions));
        expected.Sort();
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Watch_from_a_revision_ahead_of_the_store_delivers_only_later_events()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync("/a", Bytes("1"));
        using var cancel = new CancellationTokenSource(Patience);
        var from = store.CurrentRevision + 1;
        await using var watch = store.WatchAsync("/", from, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var moving = watch.MoveNextAsync();

        await store.CreateAsync("/b", Bytes("2"));
        var third = await store.CreateAsync("/c", Bytes("3"));

        Assert.True(await moving);
        Assert.Equal(third.ModRevision, watch.Current.Entry.ModRevision);
    }

    [Fact]
    public async Task Watch_ends_when_the_store_is_disposed()
    {
        var store = await OpenStoreAsync();
        await store.CreateAsync("/a", Bytes("1"));
        using var cancel = new CancellationTokenSource(Patience);
        var watch = store.WatchAsync("/", store.CurrentRevision, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var moving = watch.MoveNextAsync();

        await store.DisposeAsync();

        Assert.False(await moving);
        await watch.DisposeAsync();
    }

    [Fact]
    public async Task Watch_stops_with_OperationCanceled_when_its_token_is_cancelled()
    {
        await using var store = await OpenStoreAsync();
        using var cancel = new CancellationTokenSource();
        await using var watch = store.WatchAsync("/", store.CurrentRevision, cancel.Token).GetAsyncEnumerator(cancel.Token);
        var moving = watch.MoveNextAsync();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await moving);
    }

    [Fact]
    public async Task Watch_from_before_the_compacted_revision_fails_with_RevisionCompacted()
    {
        await using var store = await OpenStoreAsync();
        var first = await store.CreateAsync("/a", Bytes("1"));
        await store.UpdateAsync("/a", 0, Bytes("2"));
        var third = await store.UpdateAsync("/a", 0, Bytes("3"));

        await store.CompactAsync(third.ModRevision - 1);

        Assert.Equal(third.ModRevision - 1, store.CompactedRevision);
        var error = await Assert.ThrowsAsync<RevisionCompactedException>(async () =>
        {
            await foreach (var unused in store.WatchAsync("/", first.ModRevision))
            {
            }
        });
        Assert.Equal(first.ModRevision, error.Requested);
        Assert.Equal(third.ModRevision - 1, error.Compacted);
    }

    [Fact]
    public async Task Compaction_keeps_live_entries_and_replay_from_the_compacted_revision_carries_previous_values()
    {
        await using var store = await OpenStoreAsync();
        var kept = await store.CreateAsync("/a", Bytes("a1"));
        var gone = await store.CreateAsync("/b", Bytes("b1"));
        await store.UpdateAsync("/b", 0, Bytes("b2"));
        await store.DeleteAsync("/b", 0);
        var c = await store.CreateAsync("/c", Bytes("c1"));
        await store.UpdateAsync("/c", 0, Bytes("c2"));
        var compactAt = store.CurrentRevision;
        var afterA = await store.UpdateAsync("/a", kept.ModRevision, Bytes("a2"));
        var afterC = await store.DeleteAsync("/c", 0);

        await store.CompactAsync(compactAt);

        Assert.Equal(["/a"], (await store.ListAsync("/")).Entries.Select(entry => entry.Key));
        Assert.Equal("a2", Text((await store.GetAsync("/a"))!.Value));
        Assert.Null(await store.GetAsync(gone.Key));
        using var cancel = new CancellationTokenSource(Patience);
        var replayed = new List<StoreEvent>();
        await foreach (var storeEvent in store.WatchAsync("/", compactAt, cancel.Token))
        {
            replayed.Add(storeEvent);
            if (replayed.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([afterA.ModRevision, afterC.ModRevision], replayed.Select(storeEvent => storeEvent.Entry.ModRevision));
        Assert.Equal("a1", Text(replayed[0].PreviousValue));
        Assert.Equal(StoreEventType.Deleted, replayed[1].Type);
        Assert.Equal("c2", Text(replayed[1].PreviousValue));
        Assert.Equal(c.CreateRevision, replayed[1].Entry.CreateRevision);
    }

    [Fact]
    public async Task Compacting_an_already_compacted_revision_does_nothing_and_beyond_the_current_revision_is_refused()
    {
        await using var store = await OpenStoreAsync();
        await store.CreateAsync("/a", Bytes("1"));
        await store.UpdateAsync("/a", 0, Bytes("2"));
        await store.CompactAsync(store.CurrentRevision);
        var compacted = store.CompactedRevision;

        await store.CompactAsync(compacted - 1);

        Assert.Equal(compacted, store.CompactedRevision);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.CompactAsync(store.CurrentRevision + 1));
    }

    [Fact]
    public async Task A_reopened_store_has_every_entry_and_continues_the_revision_sequence()
    {
        long revisionBefore;
        await using (var store = await OpenStoreAsync())
        {
            await store.CreateAsync("/a", Bytes("1"));
            var b = await store.CreateAsync("/b", Bytes("1"));
            await store.UpdateAsync("/b", b.ModRevision, Bytes("2"));
            await store.CreateAsync("/c", Bytes("1"));
            await store.DeleteAsync("/c", 0);
            revisionBefore = store.CurrentRevision;
        }

        await using (var store = await OpenStoreAsync())
        {
            Assert.Equal(revisionBefore, store.CurrentRevision);
            Assert.Equal(["/a", "/b"], (await store.ListAsync("/")).Entries.Select(entry => entry.Key));
            Assert.Equal("2", Text((await store.GetAsync("/b"))!.Value));
            var next = await store.CreateAsync("/d", Bytes("1"));
            Assert.True(next.ModRevision > revisionBefore);
            await Assert.ThrowsAsync<KeyExistsException>(() => store.CreateAsync("/a", Bytes("again")));
        }
    }

    [Fact]
    public async Task Revisions_are_never_reused_after_compacting_away_the_newest_write()
    {
        long revisionBefore;
        await using (var store = await OpenStoreAsync())
        {
            await store.CreateAsync("/a", Bytes("1"));
            await store.DeleteAsync("/a", 0);
            revisionBefore = store.CurrentRevision;
            await store.CompactAsync(revisionBefore);
        }

        await using (var store = await OpenStoreAsync())
        {
            Assert.Equal(revisionBefore, store.CurrentRevision);
            Assert.Equal(revisionBefore, store.CompactedRevision);
            Assert.True((await store.CreateAsync("/a", Bytes("2"))).ModRevision > revisionBefore);
        }
    }
}
