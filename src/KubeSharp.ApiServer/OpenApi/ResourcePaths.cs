using System.Reflection;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.ApiServer.Registry;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>
/// The REST operations of served resources as OpenAPI path items, in Kubernetes' shape: every
/// operation carries <c>x-kubernetes-action</c> and <c>x-kubernetes-group-version-kind</c>, writes carry
/// the <c>dryRun</c>, <c>fieldManager</c> and <c>fieldValidation</c> query parameters (kubectl decides
/// from the PATCH operation whether the server validates fields), and PATCH accepts strategic merge
/// patch (kubectl then computes apply patches from the schemas).
/// </summary>
internal sealed class ResourcePaths
{
    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
    private static readonly string[] ResponseTypes = ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"];
    private static readonly string[] PatchTypes =
        ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"];

    private static readonly Parameter Pretty = Query("pretty", "string", "If 'true', then the output is pretty printed.");
    private static readonly Parameter DryRun = Query("dryRun", "string",
        "When present, indicates that modifications should not be persisted. Valid values are: All (all dry run stages are processed).");
    private static readonly Parameter FieldManager = Query("fieldManager", "string",
        "A name associated with the actor or entity that is making these changes.");
    private static readonly Parameter FieldValidation = Query("fieldValidation", "string",
        "How the server treats unknown and duplicate fields in the request body: Ignore, Warn (the default) or Strict (fail the request).");
    private static readonly Parameter Force = Query("force", "boolean",
        "Force is going to \"force\" Apply requests: the request re-acquires conflicting fields owned by other managers. Only for apply requests.");
    private static readonly Parameter GracePeriodSeconds = Query("gracePeriodSeconds", "integer",
        "The duration in seconds before the object should be deleted; zero means delete immediately.");
    private static readonly Parameter PropagationPolicy = Query("propagationPolicy", "string",
        "Whether and how garbage collection will be performed: Orphan, Background or Foreground.");
    private static readonly Parameter OrphanDependents = Query("orphanDependents", "boolean",
        "Deprecated: use propagationPolicy. Whether dependents are orphaned.");

    private static readonly Parameter[] ListParameters =
    [
        Query("allowWatchBookmarks", "boolean", "Requests watch events of type BOOKMARK."),
        Query("continue", "string", "The continue token of the previous page of a paginated list."),
        Query("fieldSelector", "string", "A selector restricting the returned objects by their fields."),
        Query("labelSelector", "string", "A selector restricting the returned objects by their labels."),
        Query("limit", "integer", "The maximum number of objects to return; the rest is reachable through the continue token."),
        Query("resourceVersion", "string", "Which resource versions the request may be served from."),
        Query("resourceVersionMatch", "string", "How resourceVersion is applied to list calls: Exact or NotOlderThan."),
        Query("sendInitialEvents", "boolean", "Whether a watch starts with synthetic ADDED events for the current state."),
        Query("timeoutSeconds", "integer", "Timeout of the list/watch call, regardless of any activity."),
        Query("watch", "boolean", "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications."),
    ];

    private readonly OpenApiDialect _dialect;
    private readonly SchemaSet _schemas;
    private readonly SortedDictionary<string, JsonObject> _paths = new(StringComparer.Ordinal);

    public ResourcePaths(OpenApiDialect dialect, SchemaSet schemas)
    {
        _dialect = dialect;
        _schemas = schemas;
    }

    private sealed record Parameter(string Name, string In, string Type, string Description, bool Required = false);

    private sealed record Operation(
        string Method,
        string OperationId,
        string Description,
        string Action,
        (string Group, string Version, string Kind) Gvk,
        IReadOnlyList<Parameter> Parameters,
        string? Body,
        IReadOnlyList<string> BodyTypes,
        IReadOnlyList<(string Code, string? Schema)> Responses);

    public JsonObject ToJson()
    {
        var result = new JsonObject();
        foreach (var (path, item) in _paths)
        {
            result[path] = item;
        }

        return result;
    }

    public void Add(ResourceDefinition resource)
    {
        string kind, list;
        if (resource.Custom is not null)
        {
            (kind, list) = _schemas.AddCustom(resource);
        }
        else
        {
            var entity = resource.ClrType.GetCustomAttribute<KubernetesEntityAttribute>()!;
            kind = _schemas.Add(resource.ClrType);
            list = _schemas.AddList(resource.ClrType, entity);
        }

        var patchTypes = resource.Custom is null ? PatchTypes : [.. PatchTypes.Where(t => t != "application/strategic-merge-patch+json")];
        var status = _schemas.Add(typeof(Status));
        var deleteOptions = _schemas.Add(typeof(DeleteOptions));
        var patch = _schemas.AddPatch();
        var verbs = (resource.Strategy.Verbs ?? AllVerbs).ToHashSet(StringComparer.Ordinal);
        var gvk = (resource.Group, resource.Version, resource.Kind);
        var prefix = resource.Group.Length == 0 ? $"/api/{resource.Version}" : $"/apis/{resource.Group}/{resource.Version}";
        var scope = resource.Namespaced ? "Namespaced" : "";
        var idSuffix = OperationGroupVersion(resource) + scope + resource.Kind;
        var collection = resource.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{resource.Plural}" : $"{prefix}/{resource.Plural}";
        var item = collection + "/{name}";
        Parameter[] namespaceParameter = resource.Namespaced ? [Path("namespace", "object name and auth scope, such as for teams and projects")] : [];
        var nameParameter = Path("name", $"name of the {resource.Kind}");
        string[] writeResponses = ["200", "201", "202"];

        var collectionOps = new List<Operation>();
        if (verbs.Contains("list"))
        {
            collectionOps.Add(new("get", "list" + idSuffix, $"list or watch objects of kind {resource.Kind}", "list", gvk, ListParameters, null, [],
                [("200", list), ("401", null)]));
        }

        if (verbs.Contains("create"))
        {
            collectionOps.Add(new("post", "create" + idSuffix, $"create a {resource.Kind}", "post", gvk, [DryRun, FieldManager, FieldValidation], kind, ["*/*"],
                [.. writeResponses.Select(c => (c, (string?)kind)), ("401", null)]));
        }

        if (verbs.Contains("deletecollection"))
        {
            collectionOps.Add(new("delete", "deleteCollection" + idSuffix, $"delete collection of {resource.Kind}", "deletecollection", gvk,
                [.. ListParameters.Where(p => p.Name != "watch" && p.Name != "allowWatchBookmarks"), DryRun, GracePeriodSeconds, OrphanDependents, PropagationPolicy],
                deleteOptions, ["*/*"], [("200", status), ("401", null)]));
        }

        AddPath(collection, [.. namespaceParameter, Pretty], collectionOps);

        var itemOps = new List<Operation>();
        if (verbs.Contains("get"))
        {
            itemOps.Add(new("get", "read" + idSuffix, $"read the specified {resource.Kind}", "get", gvk, [], null, [], [("200", kind), ("401", null)]));
        }

        if (verbs.Contains("update"))
        {
            itemOps.Add(new("put", "replace" + idSuffix, $"replace the specified {resource.Kind}", "put", gvk, [DryRun, FieldManager, FieldValidation], kind, ["*/*"],
                [("200", kind), ("201", kind), ("401", null)]));
        }

        if (verbs.Contains("patch"))
        {
            itemOps.Add(new("patch", "patch" + idSuffix, $"partially update the specified {resource.Kind}", "patch", gvk,
                [DryRun, FieldManager, FieldValidation, Force], patch, patchTypes, [("200", kind), ("201", kind), ("401", null)]));
        }

        if (verbs.Contains("delete"))
        {
            itemOps.Add(new("delete", "delete" + idSuffix, $"delete a {resource.Kind}", "delete", gvk,
                [DryRun, GracePeriodSeconds, OrphanDependents, PropagationPolicy], deleteOptions, ["*/*"], [("200", status), ("202", status), ("401", null)]));
        }

        AddPath(item, [nameParameter, .. namespaceParameter, Pretty], itemOps);

        if (resource.Namespaced && verbs.Contains("list"))
        {
            AddPath($"{prefix}/{resource.Plural}", [Pretty],
                [new("get", "list" + OperationGroupVersion(resource) + resource.Kind + "ForAllNamespaces", $"list or watch objects of kind {resource.Kind}", "list", gvk,
                    ListParameters, null, [], [("200", list), ("401", null)])]);
        }

        if (resource.HasStatus)
        {
            AddSubresource(item + "/status", [nameParameter, .. namespaceParameter, Pretty], "status", idSuffix + "Status", gvk, kind, patch);
        }

        if (resource.Subresources.Contains("approval"))
        {
            AddSubresource(item + "/approval", [nameParameter, .. namespaceParameter, Pretty], "approval", idSuffix + "Approval", gvk, kind, patch);
        }

        if (resource.HasScale && ScaleType() is { } scaleType)
        {
            var scale = _schemas.Add(scaleType);
            AddSubresource(item + "/scale", [nameParameter, .. namespaceParameter, Pretty], "scale", idSuffix + "Scale", ("autoscaling", "v1", "Scale"), scale, patch);
        }
    }

    private void AddSubresource(string path, Parameter[] pathParameters, string subresource, string idSuffix, (string, string, string) gvk, string schema, string patch) =>
        AddPath(path, pathParameters,
        [
            new("get", "read" + idSuffix, $"read {subresource} of the specified object", "get", gvk, [], null, [], [("200", schema), ("401", null)]),
            new("put", "replace" + idSuffix, $"replace {subresource} of the specified object", "put", gvk, [DryRun, FieldManager, FieldValidation], schema, ["*/*"],
                [("200", schema), ("201", schema), ("401", null)]),
            new("patch", "patch" + idSuffix, $"partially update {subresource} of the specified object", "patch", gvk, [DryRun, FieldManager, FieldValidation, Force],
                patch, PatchTypes, [("200", schema), ("201", schema), ("401", null)]),
        ]);

    private static Type? ScaleType() => typeof(KubernetesObject).Assembly.GetTypes().FirstOrDefault(t =>
        t.GetCustomAttribute<KubernetesEntityAttribute>() is { Group: "autoscaling", Version: "v1", Kind: "Scale" });

    /// <summary>"CoreV1", "AppsV1", "RbacAuthorizationV1" — the operation id infix Kubernetes uses.</summary>
    private static string OperationGroupVersion(ResourceDefinition resource)
    {
        var group = resource.Group.Length == 0 ? "core" : resource.Group.Replace(".k8s.io", "", StringComparison.Ordinal);
        return string.Concat(group.Split('.').Select(Capitalize)) + Capitalize(resource.Version);
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static Parameter Query(string name, string type, string description) => new(name, "query", type, description);

    private static Parameter Path(string name, string description) => new(name, "path", "string", description, Required: true);

    private void AddPath(string path, IReadOnlyList<Parameter> pathParameters, IReadOnlyList<Operation> operations)
    {
        if (operations.Count == 0)
        {
            return;
        }

        var item = new JsonObject();
        foreach (var operation in operations)
        {
            item[operation.Method] = RenderOperation(operation);
        }

        item["parameters"] = new JsonArray([.. pathParameters.Select(RenderParameter)]);
        _paths[path] = item;
    }

    private JsonNode RenderParameter(Parameter parameter)
    {
        var json = new JsonObject
        {
            ["description"] = parameter.Description,
            ["in"] = parameter.In,
            ["name"] = parameter.Name,
        };
        if (parameter.Required)
        {
            json["required"] = true;
        }

        if (_dialect == OpenApiDialect.Swagger2)
        {
            json["type"] = parameter.Type;
            json["uniqueItems"] = true;
        }
        else
        {
            json["schema"] = new JsonObject { ["type"] = parameter.Type, ["uniqueItems"] = true };
        }

        return json;
    }

    private JsonObject RenderOperation(Operation operation)
    {
        var json = new JsonObject
        {
            ["description"] = operation.Description,
            ["operationId"] = operation.OperationId,
        };
        var parameters = new JsonArray([.. operation.Parameters.Select(RenderParameter)]);
        var responses = new JsonObject();
        foreach (var (code, schema) in operation.Responses)
        {
            var response = new JsonObject { ["description"] = ResponseDescription(code) };
            if (schema is not null)
            {
                if (_dialect == OpenApiDialect.Swagger2)
                {
                    response["schema"] = _schemas.Reference(schema);
                }
                else
                {
                    var content = new JsonObject();
                    foreach (var type in ResponseTypes)
                    {
                        content[type] = new JsonObject { ["schema"] = _schemas.Reference(schema) };
                    }

                    response["content"] = content;
                }
            }

            responses[code] = response;
        }

        if (_dialect == OpenApiDialect.Swagger2)
        {
            if (operation.Body is not null)
            {
                parameters.Insert(0, new JsonObject { ["in"] = "body", ["name"] = "body", ["required"] = true, ["schema"] = _schemas.Reference(operation.Body) });
                json["consumes"] = new JsonArray([.. operation.BodyTypes.Select(t => (JsonNode)JsonValue.Create(t))]);
            }
            else
            {
                json["consumes"] = new JsonArray("*/*");
            }

            json["produces"] = new JsonArray([.. ResponseTypes.Select(t => (JsonNode)JsonValue.Create(t))]);
            json["schemes"] = new JsonArray("https");
        }
        else if (operation.Body is not null)
        {
            var content = new JsonObject();
            foreach (var type in operation.BodyTypes)
            {
                content[type] = new JsonObject { ["schema"] = _schemas.Reference(operation.Body) };
            }

            json["requestBody"] = new JsonObject { ["content"] = content, ["required"] = operation.Method != "delete" };
        }

        json["parameters"] = parameters;
        json["responses"] = responses;
        json["tags"] = new JsonArray(TagOf(operation.Gvk));
        json["x-kubernetes-action"] = operation.Action;
        json["x-kubernetes-group-version-kind"] = new JsonObject
        {
            ["group"] = operation.Gvk.Group,
            ["kind"] = operation.Gvk.Kind,
            ["version"] = operation.Gvk.Version,
        };
        return json;
    }

    private static string TagOf((string Group, string Version, string Kind) gvk) =>
        (gvk.Group.Length == 0 ? "core" : gvk.Group.Replace(".k8s.io", "", StringComparison.Ordinal)) + "_" + gvk.Version;

    private static string ResponseDescription(string code) => code switch
    {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "401" => "Unauthorized",
        _ => code,
    };
}
