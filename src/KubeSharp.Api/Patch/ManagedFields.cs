using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Patch;

/// <summary>One <c>metadata.managedFields</c> entry: a manager's claim on a set of fields.</summary>
public sealed class ManagedFieldsRecord
{
    public ManagedFieldsRecord(string manager, string operation, string? apiVersion, string? time, string? subresource, FieldSet fields)
    {
        Manager = manager;
        Operation = operation;
        ApiVersion = apiVersion;
        Time = time;
        Subresource = subresource;
        Fields = fields;
    }

    public string Manager { get; }

    /// <summary><see cref="ManagedFields.Apply"/> or <see cref="ManagedFields.Update"/>.</summary>
    public string Operation { get; }

    public string? ApiVersion { get; set; }

    /// <summary>RFC 3339 time of the manager's last change.</summary>
    public string? Time { get; set; }

    public string? Subresource { get; }

    public FieldSet Fields { get; set; }

    /// <summary>
    /// Whether this entry belongs to the same manager identity: manager, operation and subresource,
    /// and for Update also the API version (appliers keep one entry across versions).
    /// </summary>
    public bool IsSameManager(string manager, string operation, string? apiVersion, string? subresource) =>
        Manager == manager
        && Operation == operation
        && (Subresource ?? "") == (subresource ?? "")
        && (operation == ManagedFields.Apply || (ApiVersion ?? "") == (apiVersion ?? ""));

    /// <summary>How conflicts name this manager: <c>"kubectl"</c>, <c>"kube-controller-manager" using apps/v1</c>.</summary>
    public string Describe()
    {
        var description = JsonSerializer.Serialize(Manager, FieldSet.CompactJson);
        if (!string.IsNullOrEmpty(Subresource))
        {
            description += $" with subresource {JsonSerializer.Serialize(Subresource, FieldSet.CompactJson)}";
        }

        return Operation == ManagedFields.Update ? $"{description} using {ApiVersion}" : description;
    }

    public JsonObject ToJson()
    {
        var entry = new JsonObject { ["manager"] = Manager, ["operation"] = Operation };
        if (ApiVersion is not null)
        {
            entry["apiVersion"] = ApiVersion;
        }

        if (Time is not null)
        {
            entry["time"] = Time;
        }

        entry["fieldsType"] = "FieldsV1";
        entry["fieldsV1"] = Fields.ToFieldsV1();
        if (!string.IsNullOrEmpty(Subresource))
        {
            entry["subresource"] = Subresource;
        }

        return entry;
    }

    public static ManagedFieldsRecord FromJson(JsonObject entry) => new(
        (string?)entry["manager"] ?? "",
        (string?)entry["operation"] ?? ManagedFields.Update,
        (string?)entry["apiVersion"],
        entry["time"]?.GetValueKind() == JsonValueKind.String ? (string?)entry["time"] : null,
        (string?)entry["subresource"],
        FieldSet.FromFieldsV1(entry["fieldsV1"]));
}

/// <summary>
/// Field ownership bookkeeping in <c>metadata.managedFields</c>, as the API server keeps it for every
/// create, update and patch (operation Update) and for server-side apply (operation Apply, see
/// <see cref="ServerSideApply"/>).
/// </summary>
public static class ManagedFields
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    /// <summary>The field set of an object of <paramref name="type"/>, without server-managed metadata.</summary>
    public static FieldSet FieldSetOf(JsonObject obj, Type type) =>
        ObjectFields.Collect(obj, null, ValueSchema.For(type)).Fields;

    /// <summary>The entries of <c>metadata.managedFields</c>; malformed entries are skipped.</summary>
    public static List<ManagedFieldsRecord> Read(JsonObject? obj)
    {
        var result = new List<ManagedFieldsRecord>();
        if (obj?["metadata"] is JsonObject metadata && metadata["managedFields"] is JsonArray entries)
        {
            foreach (var entry in entries)
            {
                if (entry is JsonObject entryObject)
                {
                    result.Add(ManagedFieldsRecord.FromJson(entryObject));
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Writes the entries into <c>metadata.managedFields</c>, dropping empty ones and ordering them as
    /// Kubernetes does (operation, time, manager, API version, subresource). No entries removes the field.
    /// </summary>
    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsRecord> records)
    {
        var kept = records
            .Where(r => !r.Fields.IsEmpty)
            .OrderBy(r => r.Operation, StringComparer.Ordinal)
            .ThenBy(r => ParseTime(r.Time))
            .ThenBy(r => r.Manager, StringComparer.Ordinal)
            .ThenBy(r => r.ApiVersion ?? "", StringComparer.Ordinal)
            .ThenBy(r => r.Subresource ?? "", StringComparer.Ordinal)
            .ToList();
        var metadata = obj["metadata"] as JsonObject;
        if (kept.Count == 0)
        {
            metadata?.Remove("managedFields");
            return;
        }

        if (metadata is null)
        {
            metadata = [];
            obj["metadata"] = metadata;
        }

        metadata["managedFields"] = new JsonArray([.. kept.Select(r => (JsonNode)r.ToJson())]);
    }

    /// <summary>
    /// Records a non-apply write (create, update, patch) by <paramref name="manager"/> on a copy of
    /// <paramref name="updated"/>: the manager's Update entry gains every field the write added or
    /// changed, other managers lose those fields (updates never conflict), and every manager loses
    /// fields that no longer exist. Managed fields sent in <paramref name="updated"/> that differ from
    /// the live ones replace them, as the API server lets clients rewrite managedFields.
    /// </summary>
    /// <param name="live">The stored object, or null on create.</param>
    /// <param name="ignoredFields">Top-level fields this endpoint does not write (e.g. "status" on the main resource).</param>
    public static JsonObject RecordUpdate(
        JsonObject? live,
        JsonObject updated,
        string manager,
        Type type,
        DateTimeOffset now,
        string? subresource = null,
        IReadOnlyCollection<string>? ignoredFields = null) =>
        RecordUpdateInPlace(live, (JsonObject)updated.DeepClone(), manager, type, now, subresource, ignoredFields);

    /// <summary>
    /// <see cref="RecordUpdate"/> on <paramref name="updated"/> itself, for a caller that owns it:
    /// its <c>metadata.managedFields</c> is rewritten, and it is returned.
    /// </summary>
    public static JsonObject RecordUpdateInPlace(
        JsonObject? live,
        JsonObject updated,
        string manager,
        Type type,
        DateTimeOffset now,
        string? subresource = null,
        IReadOnlyCollection<string>? ignoredFields = null)
    {
        var result = updated;

        // Sent managedFields that differ from the live ones replace them; sent ones equal to the live
        // ones read as the same records, so whatever was sent is read without comparing the two.
        var sent = updated["metadata"] is JsonObject m && m.ContainsKey("managedFields");
        var records = sent ? Read(updated) : Read(live);

        var schema = ValueSchema.For(type);
        var apiVersion = (string?)result["apiVersion"];
        var changed = ObjectFields.CollectChanged(result, live, schema, ignoredFields);

        foreach (var record in records)
        {
            record.Fields = WithoutRemoved(changed.IsEmpty ? record.Fields : record.Fields.Difference(changed), result);
        }

        if (!changed.IsEmpty)
        {
            var own = records.FirstOrDefault(r => r.IsSameManager(manager, Update, apiVersion, subresource));
            if (own is null)
            {
                own = new ManagedFieldsRecord(manager, Update, apiVersion, null, subresource, new FieldSet());
                records.Add(own);
            }

            own.Fields = own.Fields.IsEmpty ? changed : own.Fields.Union(changed);
            own.Time = FormatTime(now);
        }

        Write(result, records);
        return result;
    }

    /// <summary>The paths of <paramref name="fields"/> that exist in <paramref name="obj"/>.</summary>
    internal static FieldSet WithoutRemoved(FieldSet fields, JsonObject obj) => fields.Reachable<JsonNode?>(obj, ObjectFields.Step);

    internal static string FormatTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string? time) =>
        DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : DateTimeOffset.MinValue;
}
