using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Registry;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>
/// The API server's OpenAPI documents, generated once on first use from the served resources:
/// the /openapi/v3 index, one OpenAPI 3.0 document per group-version (/openapi/v3/api/v1,
/// /openapi/v3/apis/apps/v1 …) and the Swagger 2.0 document of /openapi/v2 (JSON, and the gnostic
/// protobuf encoding kubectl asks for). Thread-safe; the byte arrays returned are shared, do not modify them.
/// </summary>
public sealed class OpenApiDocuments
{
    /// <summary>The media type kubectl's Accept names for the protobuf /openapi/v2 document.</summary>
    public const string V2ProtobufMediaType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    /// <summary>
    /// The Content-Type to answer <see cref="V2ProtobufMediaType"/> with: Go's mime parser rejects the '@'
    /// in that name, so (like Kubernetes) the protobuf document goes out as an octet stream.
    /// </summary>
    public const string V2ProtobufContentType = "application/octet-stream";

    private const string KubernetesVersion = "v1.32.4";

    private readonly ResourceCatalog? _catalog;
    private readonly XmlDocumentation _docs;
    private Generation _current;

    /// <summary>Documents of the catalog's resources, rebuilt (on first use) after the catalog changes (custom resources).</summary>
    public OpenApiDocuments(ResourceCatalog catalog)
        : this(catalog.All, XmlDocumentation.ForApiAssembly())
    {
        _catalog = catalog;
        _current = new Generation(this, catalog.Revision, catalog.All);
    }

    public OpenApiDocuments(IEnumerable<ResourceDefinition> resources)
        : this(resources, XmlDocumentation.ForApiAssembly())
    {
    }

    internal OpenApiDocuments(IEnumerable<ResourceDefinition> resources, XmlDocumentation docs)
    {
        _docs = docs;
        _current = new Generation(this, 0, [.. resources]);
    }

    /// <summary>The documents of one state of the resources, each built on first use.</summary>
    private sealed class Generation
    {
        public Generation(OpenApiDocuments owner, long revision, IReadOnlyList<ResourceDefinition> resources)
        {
            Revision = revision;
            V3 = new Lazy<V3Documents>(() => owner.BuildV3(resources));
            V2Json = new Lazy<byte[]>(() => Serialize(owner.BuildV2(resources)));
            V2Protobuf = new Lazy<byte[]>(() => OpenApiV2Protobuf.Encode(V2Json.Value));
        }

        public long Revision { get; }
        public Lazy<V3Documents> V3 { get; }
        public Lazy<byte[]> V2Json { get; }
        public Lazy<byte[]> V2Protobuf { get; }
    }

    private Generation Current
    {
        get
        {
            var current = Volatile.Read(ref _current);
            if (_catalog is { } catalog && catalog.Revision != current.Revision)
            {
                var next = new Generation(this, catalog.Revision, catalog.All);
                Interlocked.CompareExchange(ref _current, next, current);
                current = Volatile.Read(ref _current);
            }

            return current;
        }
    }

    private Lazy<V3Documents> V3 => Current.V3;

    private sealed record V3Documents(byte[] Index, IReadOnlyDictionary<string, (byte[] Body, string Hash)> ByPath);

    /// <summary>Group-version paths in discovery order: "api/v1", "apis/apps/v1", ….</summary>
    public IReadOnlyList<string> GroupVersionPaths => [.. V3.Value.ByPath.Keys];

    /// <summary>The body of GET /openapi/v3.</summary>
    public byte[] V3Index() => V3.Value.Index;

    /// <summary>The body of GET /openapi/v3/{gvPath} ("api/v1", "apis/apps/v1"; a leading '/' is allowed); null if not served.</summary>
    public byte[]? V3Document(string gvPath) => V3.Value.ByPath.TryGetValue(gvPath.Trim('/'), out var doc) ? doc.Body : null;

    /// <summary>The hash the index advertises for a group-version document (upper-case SHA-512 hex); use it as its ETag.</summary>
    public string? V3Hash(string gvPath) => V3.Value.ByPath.TryGetValue(gvPath.Trim('/'), out var doc) ? doc.Hash : null;

    /// <summary>The body of GET /openapi/v2 as JSON.</summary>
    public byte[] V2Json() => Current.V2Json.Value;

    /// <summary>The /openapi/v2 document as a gnostic openapi_v2.Document protobuf (for <see cref="V2ProtobufMediaType"/>).</summary>
    public byte[] V2Protobuf() => Current.V2Protobuf.Value;

    /// <summary>ETag of the v2 document.</summary>
    public string V2Hash => Hash(V2Json());

    private static string GroupVersionPath(ResourceDefinition d) => d.Group.Length == 0 ? $"api/{d.Version}" : $"apis/{d.Group}/{d.Version}";

    private V3Documents BuildV3(IReadOnlyList<ResourceDefinition> resources)
    {
        var byPath = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        var index = new JsonObject();
        foreach (var group in resources.GroupBy(GroupVersionPath))
        {
            var schemas = new SchemaSet(OpenApiDialect.OpenApi3, _docs);
            var paths = new ResourcePaths(OpenApiDialect.OpenApi3, schemas);
            foreach (var resource in group)
            {
                paths.Add(resource);
            }

            var document = new JsonObject
            {
                ["openapi"] = "3.0.0",
                ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = KubernetesVersion },
                ["paths"] = paths.ToJson(),
                ["components"] = new JsonObject
                {
                    ["schemas"] = schemas.ToJson(),
                    ["securitySchemes"] = new JsonObject
                    {
                        ["BearerToken"] = new JsonObject { ["type"] = "apiKey", ["name"] = "authorization", ["in"] = "header", ["description"] = "Bearer Token authentication" },
                    },
                },
                ["security"] = new JsonArray(new JsonObject { ["BearerToken"] = new JsonArray() }),
            };
            var body = Serialize(document);
            var hash = Hash(body);
            byPath[group.Key] = (body, hash);
            index[group.Key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{group.Key}?hash={hash}" };
        }

        return new V3Documents(Serialize(new JsonObject { ["paths"] = index }), byPath);
    }

    private JsonObject BuildV2(IReadOnlyList<ResourceDefinition> resources)
    {
        var schemas = new SchemaSet(OpenApiDialect.Swagger2, _docs);
        var paths = new ResourcePaths(OpenApiDialect.Swagger2, schemas);
        foreach (var resource in resources)
        {
            paths.Add(resource);
        }

        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = KubernetesVersion },
            ["paths"] = paths.ToJson(),
            ["definitions"] = schemas.ToJson(),
            ["securityDefinitions"] = new JsonObject
            {
                ["BearerToken"] = new JsonObject { ["description"] = "Bearer Token authentication", ["in"] = "header", ["name"] = "authorization", ["type"] = "apiKey" },
            },
            ["security"] = new JsonArray(new JsonObject { ["BearerToken"] = new JsonArray() }),
        };
    }

    private static byte[] Serialize(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node);

    private static string Hash(byte[] body) => Convert.ToHexString(SHA512.HashData(body));
}
