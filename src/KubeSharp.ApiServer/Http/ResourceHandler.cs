using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.ApiServer.Printing;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;
using KubeSharp.Storage;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Http;

/// <summary>A handler for a subresource the generic verbs do not cover (log, exec, binding, eviction, …).</summary>
public delegate Task SubresourceHandler(HttpContext context, ResourceDefinition definition, RequestInfo request);

/// <summary>Answers a POST to a create-only resource; <paramref name="body"/> is the decoded object of the request's kind.</summary>
public delegate Task CreateHandler(HttpContext context, ResourceDefinition definition, RequestInfo request, KubernetesObject body);

/// <summary>
/// Serves the REST verbs of every resource: get, list, watch, create, update, patch, delete and
/// deletecollection, plus the status and scale subresources; other subresources are registered.
/// </summary>
public sealed class ResourceHandler
{
    /// <summary>How long a list waits for the cache to reach a client's resourceVersion before answering 504 (Kubernetes: 3 s).</summary>
    private static readonly TimeSpan ClientResourceVersionWait = TimeSpan.FromSeconds(3);

    private readonly ResourceStore _store;
    private readonly TablePrinters _printers;
    private readonly Dictionary<(string Resource, string Subresource), SubresourceHandler> _subresources = [];
    private readonly Dictionary<(string Group, string Plural), CreateHandler> _creators = [];
    private readonly PatchApplier _patches;

    public ResourceHandler(ResourceStore store, TablePrinters printers, PatchApplier patches)
    {
        _store = store;
        _printers = printers;
        _patches = patches;
    }

    public void RegisterSubresource(string resource, string subresource, SubresourceHandler handler) =>
        _subresources[(resource, subresource)] = handler;

    /// <summary>
    /// Makes a resource create-only and not stored (the review resources): a POST to its collection
    /// is decoded like any create and handed to <paramref name="handler"/>, which writes the answer;
    /// every other request is 405.
    /// </summary>
    public void RegisterCreate(string group, string plural, CreateHandler handler) =>
        _creators[(group, plural)] = handler;

    public async Task HandleAsync(HttpContext context, RequestInfo request)
    {
        var definition = _store.Catalog.Find(request.Group, request.Version, request.Resource)
            ?? throw ApiException.NoSuchResource();
        if (!definition.Namespaced && request.Namespace is not null)
        {
            throw ApiException.NoSuchResource();
        }

        var method = context.Request.Method;
        if (_creators.TryGetValue((definition.Group, definition.Plural), out var creator))
        {
            await CreateOnlyAsync(context, definition, request, creator).ConfigureAwait(false);
            return;
        }

        if (request.Subresource is { } sub)
        {
            if (request.Name is null)
            {
                throw ApiException.NoSuchResource();
            }

            if (_subresources.TryGetValue((definition.Plural, sub), out var handler))
            {
                await handler(context, definition, request).ConfigureAwait(false);
                return;
            }

            if ((sub == "status" && definition.HasStatus) || (sub == "approval" && definition.Subresources.Contains("approval")))
            {
                await HandleItemAsync(context, definition, request, sub).ConfigureAwait(false);
                return;
            }

            if (sub == "scale" && definition.HasScale)
            {
                await ScaleAsync(context, definition, request).ConfigureAwait(false);
                return;
            }

            throw ApiException.NoSuchResource();
        }

        if (request.Name is null)
        {
            switch (method)
            {
                case "GET":
                    if (IsTrue(context.Request.Query["watch"]))
                    {
                        await WatchAsync(context, definition, request.Namespace).ConfigureAwait(false);
                    }
                    else
                    {
                        await ListAsync(context, definition, request.Namespace).ConfigureAwait(false);
                    }

                    return;
                case "POST":
                    await CreateAsync(context, definition, request.Namespace).ConfigureAwait(false);
                    return;
                case "DELETE":
                    await DeleteCollectionAsync(context, definition, request.Namespace).ConfigureAwait(false);
                    return;
                default:
                    throw ApiException.MethodNotSupported(definition.GroupResource, method);
            }
        }

        if (definition.Namespaced && request.Namespace is null)
        {
            throw ApiException.NoSuchResource();
        }

        await HandleItemAsync(context, definition, request, null).ConfigureAwait(false);
    }

    private async Task HandleItemAsync(HttpContext context, ResourceDefinition definition, RequestInfo request, string? subresource)
    {
        var name = request.Name!;
        switch (context.Request.Method)
        {
            case "GET":
                var stored = await _store.GetAsync(definition, request.Namespace, name, context.RequestAborted).ConfigureAwait(false);
                await WriteObjectAsync(context, definition, stored, 200).ConfigureAwait(false);
                return;
            case "PUT":
                await UpdateAsync(context, definition, request.Namespace, name, subresource).ConfigureAwait(false);
                return;
            case "PATCH":
                await PatchAsync(context, definition, request.Namespace, name, subresource).ConfigureAwait(false);
                return;
            case "DELETE" when subresource is null:
                await DeleteAsync(context, definition, request.Namespace, name).ConfigureAwait(false);
                return;
            default:
                throw ApiException.MethodNotSupported(definition.GroupResource, context.Request.Method);
        }
    }

    private static bool IsTrue(string? value) => value is "true" or "1" or "True";

    private static WriteOptions Options(HttpContext context, string? subresource)
    {
        var query = context.Request.Query;
        var dryRun = query["dryRun"];
        if (dryRun.Count > 0 && dryRun.Any(d => d != "All"))
        {
            throw ApiException.BadRequest($"dryRun: Unsupported value: \"{dryRun[0]}\": supported values: \"All\"");
        }

        string? manager = query["fieldManager"];
        if (manager is { Length: > 128 })
        {
            throw ApiException.BadRequest("fieldManager: Too long: may not be more than 128 bytes");
        }

        manager ??= DefaultManager(context.Request.Headers.UserAgent.ToString());
        return new WriteOptions(dryRun.Count > 0, manager, subresource, User: context.Items["user"] as Security.UserInfo);
    }

    /// <summary>The default field manager: the user agent's program name, as Kubernetes derives it.</summary>
    private static string? DefaultManager(string userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return null;
        }

        var slash = userAgent.IndexOf('/', StringComparison.Ordinal);
        var name = slash > 0 ? userAgent[..slash] : userAgent;
        return name.Length > 128 ? name[..128] : name;
    }

    private async Task WriteObjectAsync(HttpContext context, ResourceDefinition definition, StoredObject stored, int statusCode)
    {
        switch (MediaTypes.Negotiate(context.Request.Headers.Accept))
        {
            case ResponseShape.Table:
                var include = context.Request.Query["includeObject"].ToString();
                await ResponseWriter.WriteWithAsync(context, statusCode, w => _printers.Write(w, definition, [stored], null, null, null, include, includeColumns: true)).ConfigureAwait(false);
                return;
            case ResponseShape.Metadata:
                await ResponseWriter.WriteWithAsync(context, statusCode, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("kind", "PartialObjectMetadata");
                    w.WriteString("apiVersion", "meta.k8s.io/v1");
                    w.WritePropertyName("metadata");
                    JsonSerializer.Serialize(w, stored.Object.Metadata, KubeJson.Options);
                    w.WriteEndObject();
                }).ConfigureAwait(false);
                return;
            case ResponseShape.Unacceptable:
                throw ApiException.NotAcceptable("only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/json;as=Table;v=v1;g=meta.k8s.io");
            default:
                await ResponseWriter.WriteJsonAsync(context, statusCode, stored.Json).ConfigureAwait(false);
                return;
        }
    }

    // ---- list and watch ----

    private sealed record ContinueToken(long Rv, string Start);

    private async Task ListAsync(HttpContext context, ResourceDefinition definition, string? ns)
    {
        var query = context.Request.Query;
        var shape = MediaTypes.Negotiate(context.Request.Headers.Accept);
        if (shape == ResponseShape.Unacceptable)
        {
            throw ApiException.NotAcceptable("only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/json;as=Table;v=v1;g=meta.k8s.io");
        }

        var filter = ObjectFilter.Create(definition, ns, query["labelSelector"], query["fieldSelector"]);
        string? rvParam = query["resourceVersion"];
        string? rvMatch = query["resourceVersionMatch"];
        string continueText = query["continue"].ToString();
        var optionErrors = new List<FieldError>();
        if (!string.IsNullOrEmpty(rvMatch))
        {
            if (string.IsNullOrEmpty(rvParam))
            {
                optionErrors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden unless resourceVersion is provided"));
            }

            if (continueText.Length > 0)
            {
                optionErrors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
            }

            if (rvMatch is not ("NotOlderThan" or "Exact"))
            {
                optionErrors.Add(FieldError.NotSupported("resourceVersionMatch", rvMatch, ["Exact", "NotOlderThan", ""]));
            }

            if (rvMatch == "Exact" && rvParam == "0")
            {
                optionErrors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
            }
        }

        if (query.ContainsKey("sendInitialEvents"))
        {
            optionErrors.Add(FieldError.Forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
        }

        if (optionErrors.Count > 0)
        {
            throw ApiException.Invalid("ListOptions", "meta.k8s.io", "", optionErrors);
        }

        long limit = 0;
        if (query["limit"].ToString() is { Length: > 0 } limitText && (!long.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit < 0))
        {
            throw ApiException.BadRequest($"limit: Invalid value: \"{limitText}\"");
        }

        ContinueToken? token = continueText.Length > 0 ? DecodeContinue(continueText) : null;
        long minRv = 0;
        if (!string.IsNullOrEmpty(rvParam) && rvParam != "0")
        {
            if (!long.TryParse(rvParam, NumberStyles.Integer, CultureInfo.InvariantCulture, out minRv) || minRv <= 0)
            {
                throw ApiException.BadRequest($"invalid resource version \"{rvParam}\"");
            }

            if (minRv > _store.Cache.Revision + 1_000_000)
            {
                throw ApiException.TooLargeResourceVersion(minRv, _store.Cache.Revision);
            }
        }

        ImmutableSortedDictionary<string, StoredObject> items;
        long revision;
        if (token is { Rv: > 0 })
        {
            // Later pages read the state the first page saw, as long as the history still holds it.
            try
            {
                items = await _store.Cache.SnapshotAtAsync(definition, token.Rv, context.RequestAborted).ConfigureAwait(false);
                revision = token.Rv;
            }
            catch (RevisionCompactedException)
            {
                throw new ApiException(410, "Expired", ExpiredContinueMessage) { Continue = EncodeContinue(new ContinueToken(-1, token.Start)) };
            }
        }
        else if (rvMatch == "Exact")
        {
            try
            {
                items = await _store.Cache.SnapshotAtAsync(definition, minRv, context.RequestAborted).ConfigureAwait(false);
                revision = minRv;
            }
            catch (RevisionCompactedException)
            {
                throw ApiException.Gone("The resourceVersion for the provided list is too old.");
            }
        }
        else
        {
            // No token, or an inconsistent one (rv -1, handed out with a 410): the newest state.
            if (minRv > 0)
            {
                await _store.Cache.WaitForRevisionAsync(minRv, context.RequestAborted, ClientResourceVersionWait).ConfigureAwait(false);
            }

            var consistent = string.IsNullOrEmpty(rvParam);
            (items, revision) = await _store.Cache.SnapshotAsync(definition, consistent, context.RequestAborted).ConfigureAwait(false);
        }

        var prefix = definition.NamespacePrefix(ns);
        var after = token?.Start;
        var selected = new List<StoredObject>();
        string? next = null;
        long? remaining = null;
        // resourceVersion=0 lists may ignore limit (served whole from the cache), as Kubernetes does.
        var honourLimit = limit > 0 && rvParam != "0";
        // The snapshot's own (struct) enumerator: no interface call or iterator per item. Its keys
        // are in ordinal order, so the namespace's keys are one run: the scan ends after it.
        foreach (var (key, stored) in items)
        {
            if (!key.StartsWith(prefix, StringComparison.Ordinal))
            {
                if (string.CompareOrdinal(key, prefix) > 0)
                {
                    break;
                }

                continue;
            }

            if ((after is not null && string.CompareOrdinal(key, after) <= 0) || !filter(stored))
            {
                continue;
            }

            if (honourLimit && selected.Count == limit)
            {
                next ??= EncodeContinue(new ContinueToken(revision, selected[^1].Key));
                remaining = (remaining ?? 0) + 1;
                continue;
            }

            selected.Add(ResourceStore.View(definition, stored));
        }

        var rv = ResourceStore.FormatRevision(revision);
        if (shape == ResponseShape.Table)
        {
            var include = query["includeObject"].ToString();
            await ResponseWriter.WriteWithAsync(context, 200, w => _printers.Write(w, definition, selected, rv, next, remaining, include, includeColumns: true)).ConfigureAwait(false);
            return;
        }

        if (shape != ResponseShape.Metadata)
        {
            // Full objects: each item is the cache's stored JSON, copied as it is into the response.
            await ResponseWriter.StreamListAsync(context, definition.Kind + "List", definition.ApiVersion, rv, next, remaining, selected).ConfigureAwait(false);
            return;
        }

        await ResponseWriter.StreamAsync(context, 200, async (w, flush) =>
        {
            w.WriteStartObject();
            w.WriteString("kind", "PartialObjectMetadataList");
            w.WriteString("apiVersion", "meta.k8s.io/v1");
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", rv);
            if (next is not null)
            {
                w.WriteString("continue", next);
                w.WriteNumber("remainingItemCount", remaining ?? 0);
            }

            w.WriteEndObject();
            w.WriteStartArray("items");
            foreach (var item in selected)
            {
                w.WriteStartObject();
                w.WriteString("kind", "PartialObjectMetadata");
                w.WriteString("apiVersion", "meta.k8s.io/v1");
                w.WritePropertyName("metadata");
                JsonSerializer.Serialize(w, item.Object.Metadata, KubeJson.Options);
                w.WriteEndObject();
                await flush().ConfigureAwait(false);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private const string ExpiredContinueMessage = "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

    private static string EncodeContinue(ContinueToken token) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object> { ["v"] = "meta.k8s.io/v1", ["rv"] = token.Rv, ["start"] = token.Start })));

    private static ContinueToken DecodeContinue(string text)
    {
        try
        {
            var node = JsonNode.Parse(Convert.FromBase64String(text))!;
            return new ContinueToken(node["rv"]!.GetValue<long>(), node["start"]!.GetValue<string>());
        }
        catch (Exception e) when (e is FormatException or JsonException or NullReferenceException or InvalidOperationException)
        {
            throw ApiException.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }

    private async Task WatchAsync(HttpContext context, ResourceDefinition definition, string? ns)
    {
        var query = context.Request.Query;
        var shape = MediaTypes.Negotiate(context.Request.Headers.Accept);
        var filter = ObjectFilter.Create(definition, ns, query["labelSelector"], query["fieldSelector"]);
        string? rvParam = query["resourceVersion"];
        string? rvMatch = query["resourceVersionMatch"];
        bool? sendInitialEvents = query.ContainsKey("sendInitialEvents") ? IsTrue(query["sendInitialEvents"]) : null;
        var optionErrors = new List<FieldError>();
        if (sendInitialEvents is not null && rvMatch != "NotOlderThan")
        {
            optionErrors.Add(FieldError.Forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
        }

        if (!string.IsNullOrEmpty(rvMatch))
        {
            if (sendInitialEvents is null)
            {
                optionErrors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
            }

            if (rvMatch != "NotOlderThan")
            {
                optionErrors.Add(FieldError.NotSupported("resourceVersionMatch", rvMatch, ["NotOlderThan"]));
            }

            if (query["continue"].ToString().Length > 0)
            {
                optionErrors.Add(FieldError.Forbidden("resourceVersionMatch", "resourceVersionMatch is forbidden when continue is provided"));
            }
        }

        if (optionErrors.Count > 0)
        {
            throw ApiException.Invalid("ListOptions", "meta.k8s.io", "", optionErrors);
        }

        long? from = null;
        if (!string.IsNullOrEmpty(rvParam) && rvParam != "0")
        {
            if (!long.TryParse(rvParam, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rv) || rv < 0)
            {
                throw ApiException.BadRequest($"invalid resource version \"{rvParam}\"");
            }

            from = rv;
        }

        // A watch list (sendInitialEvents=true) starts with the state at least as new as the
        // requested resourceVersion (the newest committed one when none is given), then a bookmark.
        var initialEventsEnd = false;
        if (sendInitialEvents == true)
        {
            await _store.Cache.WaitForRevisionAsync(from ?? (rvParam == "0" ? 0 : _store.Cache.CurrentStoreRevision), context.RequestAborted).ConfigureAwait(false);
            from = null;
            initialEventsEnd = true;
        }
        else if (sendInitialEvents == false && from is null)
        {
            from = _store.Cache.Revision;
        }

        var timeout = TimeSpan.FromMinutes(30);
        if (query["timeoutSeconds"].ToString() is { Length: > 0 } ts && long.TryParse(ts, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            timeout = TimeSpan.FromSeconds(seconds);
        }

        var bookmarks = IsTrue(query["allowWatchBookmarks"]);
        WatchCache.Watcher watcher;
        try
        {
            watcher = _store.Cache.Watch(definition, from, filter);
        }
        catch (RevisionCompactedException e)
        {
            throw ApiException.Gone($"too old resource version: {e.Requested} ({e.Compacted})");
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeoutCts.CancelAfter(timeout);
        var ct = timeoutCts.Token;
        context.Response.StatusCode = 200;
        context.Response.ContentType = MediaTypes.Json;
        context.Response.Headers.CacheControl = "no-cache, private";
        await context.Response.StartAsync(ct).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
        var first = true;
        var include = query["includeObject"].ToString();
        // Events are written straight into the response pipe: for JSON the line is the stored
        // object's cached event line, shared by every watcher of it, so a watcher only copies bytes.
        var body = context.Response.BodyWriter;
        // The initial-events-end bookmark is a bookmark: only clients that accept bookmarks get it.
        var initialLeft = initialEventsEnd && bookmarks ? watcher.InitialCount : -1;
        // Bookmarks go out when this timer fires while the watch waits; it is re-armed after each one,
        // so a busy watch does not start a timer per event.
        Task? bookmarkDue = null;
        try
        {
            if (initialLeft == 0)
            {
                WriteBookmark(body, definition, watcher.InitialRevision, initialEventsEnd: true);
                await body.FlushAsync(ct).ConfigureAwait(false);
                initialLeft = -1;
            }

            while (!ct.IsCancellationRequested)
            {
                var read = watcher.Events.WaitToReadAsync(ct);
                if (bookmarks && !read.IsCompleted)
                {
                    var readTask = read.AsTask();
                    bookmarkDue ??= Task.Delay(TimeSpan.FromSeconds(30), ct);
                    if (await Task.WhenAny(readTask, bookmarkDue).ConfigureAwait(false) != readTask)
                    {
                        bookmarkDue = null;
                        WriteBookmark(body, definition, _store.Cache.Revision, initialEventsEnd: false);
                        await body.FlushAsync(ct).ConfigureAwait(false);
                    }

                    read = new ValueTask<bool>(readTask);
                }

                if (!await read.ConfigureAwait(false))
                {
                    break;
                }

                long written = 0;
                while (watcher.Events.TryRead(out var ev))
                {
                    var shown = definition.FromStorageVersion is null ? ev : ev with { Object = ResourceStore.View(definition, ev.Object) };
                    written += WriteEvent(body, definition, shown, shape, include, first);
                    first = false;
                    if (initialLeft > 0 && --initialLeft == 0)
                    {
                        written += WriteBookmark(body, definition, watcher.InitialRevision, initialEventsEnd: true);
                        initialLeft = -1;
                    }

                    if (written > 64 * 1024)
                    {
                        break;
                    }
                }

                await body.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
        catch (TooSlowException)
        {
            // The client resumes from its last resourceVersion; an ERROR would force a relist.
        }
        finally
        {
            watcher.Stop();
        }
    }

    /// <summary>Writes one event line; returns how many bytes.</summary>
    private long WriteEvent(System.IO.Pipelines.PipeWriter body, ResourceDefinition definition, CacheEvent ev, ResponseShape shape, string include, bool first)
    {
        if (shape != ResponseShape.Table)
        {
            return ev.Object.WriteEventLine(body, ev.Type);
        }

        using var w = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("type", ev.Type switch { WatchEventType.Added => "ADDED", WatchEventType.Modified => "MODIFIED", _ => "DELETED" });
        w.WritePropertyName("object");
        _printers.Write(w, definition, [ev.Object], ResourceStore.FormatRevision(ev.Revision), null, null, include, includeColumns: first);

        w.WriteEndObject();
        w.Flush();
        body.Write("\n"u8);
        return w.BytesCommitted + 1;
    }

    /// <summary>Writes one BOOKMARK line; returns how many bytes.</summary>
    private static long WriteBookmark(System.IO.Pipelines.PipeWriter body, ResourceDefinition definition, long revision, bool initialEventsEnd)
    {
        using var w = new Utf8JsonWriter(body);
        w.WriteStartObject();
        w.WriteString("type", "BOOKMARK");
        w.WriteStartObject("object");
        w.WriteString("kind", definition.Kind);
        w.WriteString("apiVersion", definition.ApiVersion);
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", ResourceStore.FormatRevision(revision));
        if (initialEventsEnd)
        {
            w.WriteStartObject("annotations");
            w.WriteString("k8s.io/initial-events-end", "true");
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        body.Write("\n"u8);
        return w.BytesCommitted + 1;
    }

    // ---- writes ----

    private static async Task CreateOnlyAsync(HttpContext context, ResourceDefinition definition, RequestInfo request, CreateHandler creator)
    {
        if (request.Name is not null || request.Subresource is not null || !HttpMethods.IsPost(context.Request.Method)
            || (definition.Namespaced && request.Namespace is null))
        {
            throw ApiException.MethodNotSupported(definition.GroupResource, context.Request.Method);
        }

        if (MediaTypes.Negotiate(context.Request.Headers.Accept) == ResponseShape.Table)
        {
            throw ApiException.NotAcceptable($"the resource {definition.Kind} does not support Table output");
        }

        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var warnings = new List<string>();
        string? fieldValidation = context.Request.Query["fieldValidation"];
        var obj = RequestBody.TryDecodeTyped(body, context.Request.ContentType, definition, fieldValidation, warnings)
            ?? Materialize(definition, RequestBody.DecodeObject(body, context.Request.ContentType, definition, fieldValidation, warnings));
        obj.ApiVersion = definition.ApiVersion;
        obj.Kind = definition.Kind;
        ResponseWriter.AddWarnings(context, warnings);
        await creator(context, definition, request, obj).ConfigureAwait(false);
    }

    private async Task CreateAsync(HttpContext context, ResourceDefinition definition, string? ns)
    {
        if (definition.Namespaced && ns is null)
        {
            throw ApiException.MethodNotSupported(definition.GroupResource, "create");
        }

        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var warnings = new List<string>();
        string? fieldValidation = context.Request.Query["fieldValidation"];
        // JSON bodies decode straight to the typed object; anything else (YAML, protobuf, or a body
        // the fast path declines) goes through the JSON tree, which also words the errors.
        var obj = RequestBody.TryDecodeTyped(body, context.Request.ContentType, definition, fieldValidation, warnings)
            ?? Materialize(definition, RequestBody.DecodeObject(body, context.Request.ContentType, definition, fieldValidation, warnings));
        var stored = await _store.CreateAsync(definition, ns, obj, Options(context, null), context.RequestAborted).ConfigureAwait(false);
        ResponseWriter.AddWarnings(context, warnings);
        await WriteObjectAsync(context, definition, stored, 201).ConfigureAwait(false);
    }

    private async Task UpdateAsync(HttpContext context, ResourceDefinition definition, string? ns, string name, string? subresource)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var warnings = new List<string>();
        var json = RequestBody.DecodeObject(body, context.Request.ContentType, definition, context.Request.Query["fieldValidation"], warnings);
        var (stored, created) = await _store.UpdateAsync(
            definition,
            ns,
            name,
            _ => Materialize(definition, json.DeepClone().AsObject()),
            Options(context, subresource),
            allowCreate: definition.Strategy.AllowCreateOnUpdate,
            context.RequestAborted).ConfigureAwait(false);
        ResponseWriter.AddWarnings(context, warnings);
        await WriteObjectAsync(context, definition, stored, created ? 201 : 200).ConfigureAwait(false);
    }

    private async Task PatchAsync(HttpContext context, ResourceDefinition definition, string? ns, string name, string? subresource)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var patchType = MediaTypes.Essence(context.Request.ContentType);
        var query = context.Request.Query;
        var options = Options(context, subresource);
        var isApply = patchType == MediaTypes.ApplyPatchYaml;
        if (isApply && string.IsNullOrEmpty(query["fieldManager"]))
        {
            throw ApiException.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        var force = IsTrue(query["force"]);
        options = options with { IsApply = isApply };
        var warnings = new List<string>();
        var patch = _patches.Parse(body, patchType, definition, query["fieldValidation"], warnings);
        var (stored, created) = await _store.UpdateAsync(
            definition,
            ns,
            name,
            current =>
            {
                // The live resourceVersion stays in: a patch that tests or sets it is a precondition.
                var live = current is null ? null : JsonNode.Parse(current.Json)!.AsObject();

                var result = _patches.Apply(live, patch, patchType, definition, options.FieldManager!, force, name, ns, subresource);
                if (result["metadata"] is JsonObject resultMeta && live?["metadata"] is JsonObject liveMeta
                    && JsonNode.DeepEquals(resultMeta["resourceVersion"], liveMeta["resourceVersion"]))
                {
                    // The patch did not ask for a resourceVersion: no precondition, so a concurrent
                    // write makes the store re-apply the patch to the newer object instead of a 409.
                    resultMeta.Remove("resourceVersion");
                }

                return Materialize(definition, result);
            },
            options,
            allowCreate: isApply,
            context.RequestAborted).ConfigureAwait(false);
        ResponseWriter.AddWarnings(context, warnings);
        await WriteObjectAsync(context, definition, stored, created ? 201 : 200).ConfigureAwait(false);
    }

    private async Task<DeleteOptions?> ReadDeleteOptionsAsync(HttpContext context)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        DeleteOptions? options = null;
        if (body.Length > 0)
        {
            var node = RequestBody.ParseDocument(body, MediaTypes.Essence(context.Request.ContentType) is MediaTypes.Yaml ? MediaTypes.Yaml : MediaTypes.Json);
            try
            {
                options = node.Deserialize<DeleteOptions>(KubeJson.Options);
            }
            catch (JsonException e)
            {
                throw ApiException.BadRequest($"error decoding DeleteOptions: {e.Message}");
            }
        }

        var query = context.Request.Query;
        if (query["gracePeriodSeconds"].ToString() is { Length: > 0 } g && long.TryParse(g, NumberStyles.Integer, CultureInfo.InvariantCulture, out var grace))
        {
            options ??= new DeleteOptions();
            options.GracePeriodSeconds = grace;
        }

        if (query["propagationPolicy"].ToString() is { Length: > 0 } p)
        {
            options ??= new DeleteOptions();
            options.PropagationPolicy = p;
        }

        if (query["orphanDependents"].ToString() is { Length: > 0 } o)
        {
            options ??= new DeleteOptions();
            options.OrphanDependents = IsTrue(o);
        }

        if (query["dryRun"].Count > 0)
        {
            options ??= new DeleteOptions();
            options.DryRun = [.. query["dryRun"].Select(x => x ?? "")];
        }

        if (options?.PropagationPolicy is { } policy && policy is not ("Orphan" or "Background" or "Foreground"))
        {
            throw ApiException.Invalid("DeleteOptions", "meta.k8s.io", "", [FieldError.NotSupported("propagationPolicy", policy, ["Foreground", "Background", "Orphan", "nil"])]);
        }

        if (options?.DryRun is { } dry && dry.Any(d => d != "All"))
        {
            throw ApiException.BadRequest($"dryRun: Unsupported value: \"{dry[0]}\": supported values: \"All\"");
        }

        return options;
    }

    private async Task DeleteAsync(HttpContext context, ResourceDefinition definition, string? ns, string name)
    {
        var options = await ReadDeleteOptionsAsync(context).ConfigureAwait(false);
        var (obj, deleted) = await _store.DeleteAsync(definition, ns, name, options, context.RequestAborted).ConfigureAwait(false);
        await WriteObjectAsync(context, definition, obj, 200).ConfigureAwait(false);
    }

    private async Task DeleteCollectionAsync(HttpContext context, ResourceDefinition definition, string? ns)
    {
        var options = await ReadDeleteOptionsAsync(context).ConfigureAwait(false);
        var query = context.Request.Query;
        var filter = ObjectFilter.Create(definition, ns, query["labelSelector"], query["fieldSelector"]);
        var (items, revision) = await _store.Cache.SnapshotAsync(definition, consistent: true, context.RequestAborted).ConfigureAwait(false);
        var prefix = definition.NamespacePrefix(ns);
        var deleted = new List<StoredObject>();
        foreach (var item in items.Values.Where(i => i.Key.StartsWith(prefix, StringComparison.Ordinal) && filter(i)))
        {
            try
            {
                var (obj, _) = await _store.DeleteAsync(definition, item.Namespace, item.Name, options, context.RequestAborted).ConfigureAwait(false);
                deleted.Add(obj);
            }
            catch (ApiException e) when (e.Code == 404)
            {
            }
        }

        await ResponseWriter.WriteWithAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("kind", definition.Kind + "List");
            w.WriteString("apiVersion", definition.ApiVersion);
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", ResourceStore.FormatRevision(revision));
            w.WriteEndObject();
            w.WriteStartArray("items");
            foreach (var item in deleted)
            {
                w.WriteRawValue(item.Json, skipInputValidation: true);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }).ConfigureAwait(false);
    }

    internal static KubernetesObject Materialize(ResourceDefinition definition, JsonObject json)
    {
        try
        {
            return ResourceStore.Materialize(definition, json);
        }
        catch (JsonException e)
        {
            var kind = definition.Group.Length == 0 ? definition.Kind : $"{definition.Kind}.{definition.Group}";
            var path = e.Path is { Length: > 2 } p ? p[2..] : e.Path;
            throw ApiException.BadRequest($"{kind} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: json: cannot unmarshal {path}: {e.Message}");
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or NotSupportedException or OverflowException)
        {
            throw ApiException.BadRequest($"{definition.Kind} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: {e.Message}");
        }
    }

    // ---- scale ----

    private async Task ScaleAsync(HttpContext context, ResourceDefinition definition, RequestInfo request)
    {
        var name = request.Name!;
        var ns = request.Namespace;
        switch (context.Request.Method)
        {
            case "GET":
                var current = await _store.GetAsync(definition, ns, name, context.RequestAborted).ConfigureAwait(false);
                await ResponseWriter.WriteJsonAsync(context, 200, Encoding.UTF8.GetBytes(ScaleOf(definition, current).ToJsonString(KubeJson.Options))).ConfigureAwait(false);
                return;
            case "PUT" or "PATCH":
                var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
                var patchType = MediaTypes.Essence(context.Request.ContentType);
                var (stored, _) = await _store.UpdateAsync(
                    definition,
                    ns,
                    name,
                    cur =>
                    {
                        if (cur is null)
                        {
                            throw ApiException.NotFound(definition.GroupResource, name);
                        }

                        var scale = ScaleOf(definition, cur);
                        JsonObject desired;
                        if (context.Request.Method == "PUT")
                        {
                            desired = RequestBody.ParseDocument(body, MediaTypes.Json) as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a Scale object");
                            var requested = desired["metadata"]?["resourceVersion"]?.GetValue<string>();
                            if (!string.IsNullOrEmpty(requested) && requested != cur.Object.Meta.ResourceVersion)
                            {
                                throw ApiException.StaleObject(definition.GroupResource, name);
                            }
                        }
                        else
                        {
                            scale["metadata"]!.AsObject().Remove("resourceVersion");
                            desired = _patches.ApplyToScale(scale, body, patchType);
                        }

                        var replicas = desired["spec"]?["replicas"];
                        var count = replicas is JsonValue v && v.TryGetValue<int>(out var r) ? r : 0;
                        if (count < 0)
                        {
                            throw ApiException.Invalid("Scale", "autoscaling", name, [FieldError.Invalid("spec.replicas", count, "must be greater than or equal to 0")]);
                        }

                        var json = JsonNode.Parse(cur.Json)!.AsObject();
                        json["metadata"]!.AsObject().Remove("resourceVersion");
                        if (definition.ScaleFields is { } fields)
                        {
                            SetPath(json, fields.SpecReplicas, count);
                        }
                        else
                        {
                            (json["spec"] ??= new JsonObject())["replicas"] = count;
                        }

                        return Materialize(definition, json);
                    },
                    Options(context, "scale") with { Subresource = null },
                    allowCreate: false,
                    context.RequestAborted).ConfigureAwait(false);
                await ResponseWriter.WriteJsonAsync(context, 200, Encoding.UTF8.GetBytes(ScaleOf(definition, stored).ToJsonString(KubeJson.Options))).ConfigureAwait(false);
                return;
            default:
                throw ApiException.MethodNotSupported(definition.GroupResource, context.Request.Method);
        }
    }

    /// <summary>Sets the value at a simple JSON path (".spec.replicas"), creating the objects on the way.</summary>
    private static void SetPath(JsonObject json, string path, int value)
    {
        var steps = path.TrimStart('.').Split('.');
        var node = json;
        foreach (var step in steps[..^1])
        {
            if (node[step] is not JsonObject next)
            {
                node[step] = next = [];
            }

            node = next;
        }

        node[steps[^1]] = value;
    }

    /// <summary>The autoscaling/v1 Scale view of a scalable object.</summary>
    private static JsonObject ScaleOf(ResourceDefinition definition, StoredObject stored)
    {
        var json = JsonNode.Parse(stored.Json)!.AsObject();
        var meta = json["metadata"]!.AsObject();
        var spec = json["spec"] as JsonObject;
        var status = json["status"] as JsonObject;
        string selector;
        if (definition.ScaleFields is { } fields)
        {
            return CustomScale(json, meta, fields);
        }

        if (spec?["selector"] is JsonObject sel && (sel.ContainsKey("matchLabels") || sel.ContainsKey("matchExpressions")))
        {
            selector = KubeSharp.Api.Selectors.LabelQuery.FromObject(sel.Deserialize<LabelSelector>(KubeJson.Options)).ToString();
        }
        else if (spec?["selector"] is JsonObject map)
        {
            selector = string.Join(",", map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        }
        else
        {
            selector = "";
        }

        var result = new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta["name"]?.DeepClone(),
                ["namespace"] = meta["namespace"]?.DeepClone(),
                ["uid"] = meta["uid"]?.DeepClone(),
                ["resourceVersion"] = meta["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = meta["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = spec?["replicas"]?.DeepClone() ?? 0 },
            ["status"] = new JsonObject { ["replicas"] = status?["replicas"]?.DeepClone() ?? 0, ["selector"] = selector },
        };
        if (selector.Length == 0)
        {
            result["status"]!.AsObject().Remove("selector");
        }

        return result;
    }

    /// <summary>The Scale of a custom resource, read from the paths its definition declares.</summary>
    private static JsonObject CustomScale(JsonObject json, JsonObject meta, ScaleFields fields)
    {
        static JsonNode? At(JsonObject json, string path) =>
            CustomResources.SimpleJsonPath.Parse(path) is { } steps ? CustomResources.SimpleJsonPath.Find(json, steps) : null;

        var status = new JsonObject { ["replicas"] = At(json, fields.StatusReplicas)?.DeepClone() ?? 0 };
        if (fields.LabelSelector is { } selectorPath && At(json, selectorPath) is JsonValue selector && selector.GetValueKind() == JsonValueKind.String)
        {
            status["selector"] = selector.GetValue<string>();
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta["name"]?.DeepClone(),
                ["namespace"] = meta["namespace"]?.DeepClone(),
                ["uid"] = meta["uid"]?.DeepClone(),
                ["resourceVersion"] = meta["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = meta["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = At(json, fields.SpecReplicas)?.DeepClone() ?? 0 },
            ["status"] = status,
        };
    }
}
