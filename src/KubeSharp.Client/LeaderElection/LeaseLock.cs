using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeSharp.Client.LeaderElection;

/// <summary>The leader-election fields of a coordination.k8s.io/v1 Lease's spec.</summary>
internal sealed record LeaderRecord(
    string? HolderIdentity,
    int? LeaseDurationSeconds,
    DateTimeOffset? AcquireTime,
    DateTimeOffset? RenewTime,
    int LeaseTransitions);

/// <summary>A Lease as read: its record, resourceVersion and the whole object (so updates keep fields we do not model).</summary>
internal sealed record LeaseSnapshot(LeaderRecord Record, string? ResourceVersion, JsonObject Object);

/// <summary>
/// Reads and writes one Lease through raw JSON, so the client does not depend on a Lease type.
/// Updates carry the resourceVersion read, making every write a compare-and-swap.
/// </summary>
internal sealed class LeaseLock(KubernetesClient client, string ns, string name)
{
    private const string ApiVersion = "coordination.k8s.io/v1";
    private readonly string _collection = $"/apis/coordination.k8s.io/v1/namespaces/{Uri.EscapeDataString(ns)}/leases";

    public string Describe => $"{ns}/{name}";

    /// <summary>The current lease, or null if it does not exist.</summary>
    public async Task<LeaseSnapshot?> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var obj = await client.RequestAsync<JsonObject>(HttpMethod.Get, $"{_collection}/{Uri.EscapeDataString(name)}", cancellationToken: cancellationToken).ConfigureAwait(false);
            return Read(obj);
        }
        catch (KubernetesApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Creates the lease; an AlreadyExists conflict propagates as <see cref="KubernetesApiException"/>.</summary>
    public async Task<LeaseSnapshot> CreateAsync(LeaderRecord record, CancellationToken cancellationToken)
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "Lease",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        };
        Write(obj, record);
        var created = await client.RequestAsync<JsonObject>(HttpMethod.Post, _collection, obj.ToJsonString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return Read(created);
    }

    /// <summary>Replaces the lease read as <paramref name="current"/>; a 409 means someone else wrote it first.</summary>
    public async Task<LeaseSnapshot> UpdateAsync(LeaseSnapshot current, LeaderRecord record, CancellationToken cancellationToken)
    {
        var obj = (JsonObject)current.Object.DeepClone();
        obj["apiVersion"] = ApiVersion;
        obj["kind"] = "Lease";
        var metadata = obj["metadata"] as JsonObject ?? [];
        metadata["resourceVersion"] = current.ResourceVersion;
        obj["metadata"] = metadata;
        Write(obj, record);
        var updated = await client.RequestAsync<JsonObject>(HttpMethod.Put, $"{_collection}/{Uri.EscapeDataString(name)}", obj.ToJsonString(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return Read(updated);
    }

    private static LeaseSnapshot Read(JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject;
        var record = new LeaderRecord(
            (string?)spec?["holderIdentity"],
            (int?)spec?["leaseDurationSeconds"],
            ParseTime(spec?["acquireTime"]),
            ParseTime(spec?["renewTime"]),
            (int?)spec?["leaseTransitions"] ?? 0);
        return new LeaseSnapshot(record, (string?)obj["metadata"]?["resourceVersion"], obj);
    }

    private static void Write(JsonObject obj, LeaderRecord record)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        spec["holderIdentity"] = string.IsNullOrEmpty(record.HolderIdentity) ? null : record.HolderIdentity;
        spec["leaseDurationSeconds"] = record.LeaseDurationSeconds;
        spec["acquireTime"] = FormatTime(record.AcquireTime);
        spec["renewTime"] = FormatTime(record.RenewTime);
        spec["leaseTransitions"] = record.LeaseTransitions;
        obj["spec"] = spec;
    }

    private static DateTimeOffset? ParseTime(JsonNode? node) =>
        node is null ? null : DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    // metav1.MicroTime.
    private static string? FormatTime(DateTimeOffset? t) =>
        t?.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);
}
