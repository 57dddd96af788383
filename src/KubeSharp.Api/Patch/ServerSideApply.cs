using System.Text.Json.Nodes;

namespace KubeSharp.Api.Patch;

/// <summary>A field another manager owns with a different value than the applied configuration.</summary>
/// <param name="Manager">The owning entry's manager name.</param>
/// <param name="ManagerDescription">How Kubernetes names the manager: <c>"kubectl-client-side-apply" using apps/v1</c>.</param>
/// <param name="Field">The field path as Kubernetes prints it: <c>.spec.replicas</c>.</param>
public sealed record ApplyConflict(string Manager, string ManagerDescription, string Field)
{
    /// <summary>The Status cause message (cause type <c>FieldManagerConflict</c>, cause field <see cref="Field"/>).</summary>
    public string Message => $"conflict with {ManagerDescription}";
}

/// <summary>The outcome of an apply: the new object, or the conflicts that stopped it.</summary>
public sealed class ApplyResult
{
    internal ApplyResult(JsonObject? obj, IReadOnlyList<ApplyConflict> conflicts)
    {
        Object = obj;
        Conflicts = conflicts;
    }

    /// <summary>The object to store (with managedFields), or null when there are conflicts.</summary>
    public JsonObject? Object { get; }

    public IReadOnlyList<ApplyConflict> Conflicts { get; }

    public bool HasConflicts => Conflicts.Count > 0;

    /// <summary>The 409 Status message, worded as the API server words it.</summary>
    public string ConflictMessage()
    {
        if (Conflicts.Count == 1)
        {
            var conflict = Conflicts[0];
            return $"Apply failed with 1 conflict: conflict with {conflict.ManagerDescription}: {conflict.Field}";
        }

        var lines = new List<string>();
        foreach (var group in Conflicts.GroupBy(c => c.ManagerDescription).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            lines.Add($"conflicts with {group.Key}:");
            lines.AddRange(group.Select(c => $"- {c.Field}"));
        }

        return $"Apply failed with {Conflicts.Count} conflicts: {string.Join("\n", lines)}";
    }
}

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>), after structured-merge-diff's semantics:
/// the applied configuration is merged into the live object; fields this manager applied before but
/// no longer applies are removed unless another manager owns them; a field another manager owns is a
/// conflict when applying would change its value, unless <c>force</c> takes it over. The manager's
/// Apply entry in managedFields becomes exactly the applied configuration's field set.
/// </summary>
public static class ServerSideApply
{
    /// <summary>Who owns the fields of an object that existed before managed fields were tracked.</summary>
    public const string BeforeFirstApplyManager = "before-first-apply";

    /// <param name="live">The stored object, or null when apply creates it.</param>
    /// <param name="applied">The applied configuration (the decoded request body).</param>
    /// <param name="ignoredFields">Top-level fields this endpoint does not write (e.g. "status" on the main resource).</param>
    /// <exception cref="PatchException">The configuration is invalid (a keyed list item without its key: 422; managedFields set: 400).</exception>
    public static ApplyResult Apply(
        JsonObject? live,
        JsonObject applied,
        string manager,
        bool force,
        Type type,
        DateTimeOffset? now = null,
        string? subresource = null,
        IReadOnlyCollection<string>? ignoredFields = null)
    {
        if (applied["metadata"] is JsonObject appliedMetadata && appliedMetadata["managedFields"] is not null)
        {
            throw PatchException.Malformed("metadata.managedFields must be nil");
        }

        var schema = ValueSchema.For(type);
        var time = ManagedFields.FormatTime(now ?? DateTimeOffset.UtcNow);
        var liveObject = (JsonObject?)live?.DeepClone() ?? [];
        var records = ManagedFields.Read(liveObject);
        if (live is not null && records.Count == 0)
        {
            var existing = ObjectFields.Collect(liveObject, null, schema, ignoredFields).Fields;
            if (!existing.IsEmpty)
            {
                records.Add(new ManagedFieldsRecord(BeforeFirstApplyManager, ManagedFields.Update, (string?)liveObject["apiVersion"], time, null, existing));
            }
        }

        var appliedFields = ObjectFields.Collect(applied, null, schema, ignoredFields).Fields;
        var own = records.FirstOrDefault(r => r.IsSameManager(manager, ManagedFields.Apply, null, subresource));
        var others = records.Where(r => !ReferenceEquals(r, own)).ToList();

        var merged = (JsonObject)ObjectFields.Merge(liveObject.DeepClone(), applied.DeepClone(), schema)!;
        if (own is not null)
        {
            Prune(merged, own.Fields, appliedFields, others);
        }

        var changed = ObjectFields.Collect(merged, liveObject, schema, ignoredFields).Changed;
        var conflicts = new List<(ManagedFieldsRecord Record, IReadOnlyList<string> Path)>();
        foreach (var other in others)
        {
            foreach (var path in other.Fields.Paths())
            {
                if (changed.Contains(path) && appliedFields.Contains(path))
                {
                    conflicts.Add((other, path));
                }
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            return new ApplyResult(null, [.. conflicts.Select(c => new ApplyConflict(c.Record.Manager, c.Record.Describe(), FieldSet.Describe(c.Path)))]);
        }

        foreach (var (record, path) in conflicts)
        {
            record.Fields.Remove(path);
        }

        foreach (var other in others)
        {
            other.Fields = ManagedFields.WithoutRemoved(other.Fields, merged);
        }

        var apiVersion = (string?)applied["apiVersion"] ?? (string?)merged["apiVersion"];
        if (own is null)
        {
            own = new ManagedFieldsRecord(manager, ManagedFields.Apply, apiVersion, time, subresource, appliedFields);
            records.Add(own);
        }
        else
        {
            if (!changed.IsEmpty || !own.Fields.SetEquals(appliedFields) || own.ApiVersion != apiVersion)
            {
                own.Time = time;
            }

            own.Fields = appliedFields;
            own.ApiVersion = apiVersion;
        }

        ManagedFields.Write(merged, records);
        return new ApplyResult(merged, []);
    }

    /// <summary>
    /// Removes from <paramref name="merged"/> each field the manager applied last time and not this
    /// time, unless the new configuration or another manager still owns it or something below it.
    /// </summary>
    private static void Prune(JsonObject merged, FieldSet previous, FieldSet applied, List<ManagedFieldsRecord> others)
    {
        var stillOwned = others.Aggregate(applied, (set, record) => set.Union(record.Fields));
        foreach (var path in previous.Difference(applied).Paths().ToList())
        {
            if (!stillOwned.ContainsAtOrBelow(path))
            {
                ObjectFields.Remove(merged, path);
            }
        }
    }
}
