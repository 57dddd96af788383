using System.Text.Json;
using KubeSharp.ApiServer.Registry;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Http;

/// <summary>
/// Discovery documents: /api, /apis (legacy APIVersions/APIGroupList or aggregated
/// apidiscovery.k8s.io/v2 when the client asks for it), /api/v1 and /apis/{group}/{version}
/// (APIResourceList), /apis/{group} (APIGroup).
/// </summary>
public sealed class Discovery
{
    private const string AggregatedV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    private const string AggregatedV2Beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    private readonly ResourceCatalog _catalog;
    private readonly List<ExtraResource> _extra = [];

    public Discovery(ResourceCatalog catalog)
    {
        _catalog = catalog;
    }

    /// <summary>A resource served outside the registry (metrics.k8s.io, review APIs): listed in discovery only.</summary>
    public sealed record ExtraResource(string Group, string Version, string Plural, string Kind, bool Namespaced, string[] Verbs);

    public void AddExtra(ExtraResource resource) => _extra.Add(resource);

    /// <summary>Handles discovery paths; false when the path is not a discovery document.</summary>
    public async Task<bool> TryHandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value?.TrimEnd('/') ?? "";
        var accept = context.Request.Headers.Accept.ToString();
        var aggregatedType = accept.Contains("v=v2;as=APIGroupDiscoveryList", StringComparison.Ordinal) ? AggregatedV2
            : accept.Contains("v=v2beta1;as=APIGroupDiscoveryList", StringComparison.Ordinal) ? AggregatedV2Beta1 : null;
        var parts = path.Trim('/').Split('/');
        switch (parts)
        {
            case ["api"]:
                await Write(context, aggregatedType, w => { if (aggregatedType is null) { WriteApiVersions(w, context); } else { WriteAggregated(w, core: true, aggregatedType); } }).ConfigureAwait(false);
                return true;
            case ["apis"]:
                await Write(context, aggregatedType, w => { if (aggregatedType is null) { WriteGroupList(w); } else { WriteAggregated(w, core: false, aggregatedType); } }).ConfigureAwait(false);
                return true;
            case ["api", var v] when Versions("").Contains(v):
                await Write(context, null, w => WriteResourceList(w, "", v)).ConfigureAwait(false);
                return true;
            case ["apis", var g] when Versions(g).Count > 0:
                await Write(context, null, w => WriteGroup(w, g, includeKind: true)).ConfigureAwait(false);
                return true;
            case ["apis", var g, var v] when Versions(g).Contains(v):
                await Write(context, null, w => WriteResourceList(w, g, v)).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    private static async Task Write(HttpContext context, string? contentType, Action<Utf8JsonWriter> write)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.ContentType = contentType ?? MediaTypes.Json;
            return Task.CompletedTask;
        });
        await ResponseWriter.WriteWithAsync(context, 200, write).ConfigureAwait(false);
    }

    private IReadOnlyList<string> Versions(string group) =>
        _catalog.All.Where(d => d.Group == group).Select(d => d.Version)
            .Concat(_extra.Where(e => e.Group == group).Select(e => e.Version))
            .Distinct().ToList();

    private IEnumerable<string> Groups() =>
        _catalog.All.Select(d => d.Group).Concat(_extra.Select(e => e.Group)).Distinct().Where(g => g.Length > 0);

    private static void WriteApiVersions(Utf8JsonWriter w, HttpContext context)
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIVersions");
        w.WriteStartArray("versions");
        w.WriteStringValue("v1");
        w.WriteEndArray();
        w.WriteStartArray("serverAddressByClientCIDRs");
        w.WriteStartObject();
        w.WriteString("clientCIDR", "0.0.0.0/0");
        w.WriteString("serverAddress", $"{context.Connection.LocalIpAddress}:{context.Connection.LocalPort}");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteGroupList(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIGroupList");
        w.WriteString("apiVersion", "v1");
        w.WriteStartArray("groups");
        foreach (var g in Groups())
        {
            WriteGroup(w, g, includeKind: false);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteGroup(Utf8JsonWriter w, string group, bool includeKind)
    {
        var versions = Versions(group);
        w.WriteStartObject();
        if (includeKind)
        {
            w.WriteString("kind", "APIGroup");
            w.WriteString("apiVersion", "v1");
        }

        w.WriteString("name", group);
        w.WriteStartArray("versions");
        foreach (var v in versions)
        {
            w.WriteStartObject();
            w.WriteString("groupVersion", $"{group}/{v}");
            w.WriteString("version", v);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("preferredVersion");
        w.WriteString("groupVersion", $"{group}/{versions[0]}");
        w.WriteString("version", versions[0]);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string[] VerbsOf(ResourceDefinition d) => d.Strategy.Verbs ?? AllVerbs;

    private static string[] SubresourceVerbs(string sub) => sub switch
    {
        "status" or "scale" or "approval" => ["get", "patch", "update"],
        "log" => ["get"],
        "exec" or "attach" or "portforward" or "proxy" => ["create", "get"],
        "binding" or "eviction" or "token" => ["create"],
        "ephemeralcontainers" or "resize" => ["get", "patch", "update"],
        "finalize" => ["update"],
        _ => ["get"],
    };

    private static (string Group, string Version, string Kind) SubresourceKind(ResourceDefinition d, string sub) => sub switch
    {
        "scale" => ("autoscaling", "v1", "Scale"),
        "eviction" => ("policy", "v1", "Eviction"),
        "binding" => ("", "v1", "Binding"),
        "token" => ("authentication.k8s.io", "v1", "TokenRequest"),
        "exec" => ("", "v1", "PodExecOptions"),
        "attach" => ("", "v1", "PodAttachOptions"),
        "portforward" => ("", "v1", "PodPortForwardOptions"),
        "proxy" => ("", "v1", d.Kind + "ProxyOptions"),
        "log" => ("", "v1", "Pod"),
        _ => (d.Group, d.Version, d.Kind),
    };

    private void WriteResourceList(Utf8JsonWriter w, string group, string version)
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIResourceList");
        w.WriteString("apiVersion", "v1");
        w.WriteString("groupVersion", group.Length == 0 ? version : $"{group}/{version}");
        w.WriteStartArray("resources");
        foreach (var d in _catalog.All.Where(d => d.Group == group && d.Version == version))
        {
            w.WriteStartObject();
            w.WriteString("name", d.Plural);
            w.WriteString("singularName", d.Singular);
            w.WriteBoolean("namespaced", d.Namespaced);
            w.WriteString("kind", d.Kind);
            WriteArray(w, "verbs", VerbsOf(d));
            if (d.ShortNames.Count > 0)
            {
                WriteArray(w, "shortNames", d.ShortNames);
            }

            if (d.Categories.Count > 0)
            {
                WriteArray(w, "categories", d.Categories);
            }

            w.WriteEndObject();
            foreach (var sub in d.Subresources)
            {
                var (g, v, k) = SubresourceKind(d, sub);
                w.WriteStartObject();
                w.WriteString("name", $"{d.Plural}/{sub}");
                w.WriteString("singularName", "");
                w.WriteBoolean("namespaced", d.Namespaced);
                if (g != d.Group || v != d.Version)
                {
                    w.WriteString("group", g);
                    w.WriteString("version", v);
                }

                w.WriteString("kind", k);
                WriteArray(w, "verbs", SubresourceVerbs(sub));
                w.WriteEndObject();
            }
        }

        foreach (var e in _extra.Where(e => e.Group == group && e.Version == version))
        {
            w.WriteStartObject();
            w.WriteString("name", e.Plural);
            w.WriteString("singularName", e.Kind.ToLowerInvariant());
            w.WriteBoolean("namespaced", e.Namespaced);
            w.WriteString("kind", e.Kind);
            WriteArray(w, "verbs", e.Verbs);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private void WriteAggregated(Utf8JsonWriter w, bool core, string contentType)
    {
        w.WriteStartObject();
        w.WriteString("kind", "APIGroupDiscoveryList");
        w.WriteString("apiVersion", contentType == AggregatedV2 ? "apidiscovery.k8s.io/v2" : "apidiscovery.k8s.io/v2beta1");
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteStartArray("items");
        foreach (var group in core ? [""] : Groups())
        {
            w.WriteStartObject();
            w.WriteStartObject("metadata");
            w.WriteString("name", group);
            w.WriteEndObject();
            w.WriteStartArray("versions");
            foreach (var version in Versions(group))
            {
                w.WriteStartObject();
                w.WriteString("version", version);
                w.WriteStartArray("resources");
                foreach (var d in _catalog.All.Where(d => d.Group == group && d.Version == version))
                {
                    w.WriteStartObject();
                    w.WriteString("resource", d.Plural);
                    w.WriteStartObject("responseKind");
                    w.WriteString("group", d.Group);
                    w.WriteString("version", d.Version);
                    w.WriteString("kind", d.Kind);
                    w.WriteEndObject();
                    w.WriteString("scope", d.Namespaced ? "Namespaced" : "Cluster");
                    w.WriteString("singularResource", d.Singular);
                    WriteArray(w, "verbs", VerbsOf(d));
                    if (d.ShortNames.Count > 0)
                    {
                        WriteArray(w, "shortNames", d.ShortNames);
                    }

                    if (d.Categories.Count > 0)
                    {
                        WriteArray(w, "categories", d.Categories);
                    }

                    if (d.Subresources.Count > 0)
                    {
                        w.WriteStartArray("subresources");
                        foreach (var sub in d.Subresources)
                        {
                            var (g, v, k) = SubresourceKind(d, sub);
                            w.WriteStartObject();
                            w.WriteString("subresource", sub);
                            w.WriteStartObject("responseKind");
                            w.WriteString("group", g);
                            w.WriteString("version", v);
                            w.WriteString("kind", k);
                            w.WriteEndObject();
                            WriteArray(w, "verbs", SubresourceVerbs(sub));
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                }

                foreach (var e in _extra.Where(e => e.Group == group && e.Version == version))
                {
                    w.WriteStartObject();
                    w.WriteString("resource", e.Plural);
                    w.WriteStartObject("responseKind");
                    w.WriteString("group", e.Group);
                    w.WriteString("version", e.Version);
                    w.WriteString("kind", e.Kind);
                    w.WriteEndObject();
                    w.WriteString("scope", e.Namespaced ? "Namespaced" : "Cluster");
                    w.WriteString("singularResource", e.Kind.ToLowerInvariant());
                    WriteArray(w, "verbs", e.Verbs);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteString("freshness", "Current");
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }
}
