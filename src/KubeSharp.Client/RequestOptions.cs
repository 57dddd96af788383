using System.Globalization;
using System.Text;

namespace KubeSharp.Client;

/// <summary>Query parameters of list and watch requests.</summary>
public sealed record ListOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }
    /// <summary>Page size; the server returns metadata.continue when more remain.</summary>
    public int? Limit { get; init; }
    public string? Continue { get; init; }
    /// <summary>"" = most recent (consistent read), "0" = any (may be served from cache), else a specific version.</summary>
    public string? ResourceVersion { get; init; }
    /// <summary>NotOlderThan or Exact; only with a non-empty ResourceVersion.</summary>
    public string? ResourceVersionMatch { get; init; }
    /// <summary>For watches: the server ends the stream after this many seconds.</summary>
    public int? TimeoutSeconds { get; init; }
    public bool? AllowWatchBookmarks { get; init; }
    public bool? SendInitialEvents { get; init; }

    internal void AppendTo(QueryBuilder query)
    {
        query.Add("labelSelector", LabelSelector);
        query.Add("fieldSelector", FieldSelector);
        query.Add("limit", Limit?.ToString(CultureInfo.InvariantCulture));
        query.Add("continue", Continue);
        query.Add("resourceVersion", ResourceVersion);
        query.Add("resourceVersionMatch", ResourceVersionMatch);
        query.Add("timeoutSeconds", TimeoutSeconds?.ToString(CultureInfo.InvariantCulture));
        query.Add("allowWatchBookmarks", AllowWatchBookmarks);
        query.Add("sendInitialEvents", SendInitialEvents);
    }
}

/// <summary>Query parameters of create, update and patch.</summary>
public sealed record WriteOptions
{
    /// <summary>Validate and default but do not persist (dryRun=All).</summary>
    public bool DryRun { get; init; }
    public string? FieldManager { get; init; }
    /// <summary>Ignore, Warn or Strict.</summary>
    public string? FieldValidation { get; init; }
    /// <summary>Server-side apply only: take ownership of conflicting fields.</summary>
    public bool? Force { get; init; }

    internal void AppendTo(QueryBuilder query)
    {
        query.Add("dryRun", DryRun ? "All" : null);
        query.Add("fieldManager", FieldManager);
        query.Add("fieldValidation", FieldValidation);
        query.Add("force", Force);
    }
}

/// <summary>How a patch body is interpreted by the server.</summary>
public enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch (application/merge-patch+json).</summary>
    Merge,
    /// <summary>Kubernetes strategic merge patch (application/strategic-merge-patch+json): lists merge by key.</summary>
    StrategicMerge,
    /// <summary>RFC 6902 JSON patch (application/json-patch+json): a list of operations.</summary>
    Json,
    /// <summary>Server-side apply (application/apply-patch+yaml; JSON is valid YAML). Needs a field manager.</summary>
    Apply,
}

/// <summary>A patch body and how to apply it. The body is JSON text or any object serialised with KubeJson.</summary>
public sealed record Patch(PatchType Type, object Body)
{
    internal string ContentType => Type switch
    {
        PatchType.Merge => "application/merge-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        PatchType.Json => "application/json-patch+json",
        PatchType.Apply => "application/apply-patch+yaml",
        _ => throw new ArgumentOutOfRangeException(nameof(Type)),
    };
}

internal sealed class QueryBuilder
{
    private readonly StringBuilder _query = new();

    public void Add(string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        _query.Append(_query.Length == 0 ? '?' : '&')
            .Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    public void Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public override string ToString() => _query.ToString();
}
