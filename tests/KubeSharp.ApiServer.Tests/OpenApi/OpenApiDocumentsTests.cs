using System.Security.Cryptography;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.OpenApi;
using KubeSharp.ApiServer.Registry;

namespace KubeSharp.ApiServer.Tests.OpenApi;

public sealed class OpenApiDocumentsTests
{
    private static readonly ResourceCatalog Catalog = new(new Dictionary<Type, ResourceStrategy>());
    private static readonly OpenApiDocuments Documents = new(Catalog);

    private static JsonObject V3(string gvPath) => JsonNode.Parse(Documents.V3Document(gvPath)!)!.AsObject();

    private static JsonObject Schema(string gvPath, string name) => V3(gvPath)["components"]!["schemas"]![name]!.AsObject();

    private static string GvPath(ResourceDefinition d) => d.Group.Length == 0 ? $"api/{d.Version}" : $"apis/{d.Group}/{d.Version}";

    private static bool HasGvk(JsonNode? extension, ResourceDefinition d, string kind) =>
        extension is not null && (extension is JsonArray array ? array : [extension.DeepClone()]).Any(e =>
            (string?)e!["group"] == d.Group && (string?)e["version"] == d.Version && (string?)e["kind"] == kind);

    [Fact]
    public void IndexListsEveryServedGroupVersionWithTheHashOfItsDocument()
    {
        var index = JsonNode.Parse(Documents.V3Index())!["paths"]!.AsObject();
        var served = Catalog.All.Select(GvPath).Distinct().ToList();

        Assert.Equal(served.Order(), index.Select(p => p.Key).Order());
        foreach (var gv in served)
        {
            var hash = Convert.ToHexString(SHA512.HashData(Documents.V3Document(gv)!));
            Assert.Equal($"/openapi/v3/{gv}?hash={hash}", (string?)index[gv]!["serverRelativeURL"]);
            Assert.Equal(hash, Documents.V3Hash(gv));
        }
    }

    [Fact]
    public void UnservedGroupVersionHasNoDocument() => Assert.Null(Documents.V3Document("apis/example.com/v1"));

    [Fact]
    public void DocumentsAreGeneratedOnce() => Assert.Same(Documents.V3Document("/api/v1"), Documents.V3Document("api/v1"));

    [Fact]
    public void EveryServedKindAndItsListHaveASchemaCarryingTheirGroupVersionKind()
    {
        foreach (var d in Catalog.All)
        {
            var schemas = V3(GvPath(d))["components"]!["schemas"]!.AsObject();
            Assert.Contains(schemas, s => HasGvk(s.Value!["x-kubernetes-group-version-kind"], d, d.Kind));
            Assert.Contains(schemas, s => HasGvk(s.Value!["x-kubernetes-group-version-kind"], d, d.Kind + "List"));
        }
    }

    [Fact]
    public void EveryServedKindHasAPatchOperationThatAcceptsFieldValidationAndStrategicMergePatch()
    {
        // What kubectl checks before it skips client-side validation and computes patches from the schema.
        foreach (var d in Catalog.All.Where(d => d.Strategy.Verbs?.Contains("patch") != false))
        {
            var patches = V3(GvPath(d))["paths"]!.AsObject()
                .Select(p => p.Value!["patch"])
                .Where(op => op is not null && HasGvk(op["x-kubernetes-group-version-kind"], d, d.Kind))
                .ToList();
            Assert.NotEmpty(patches);
            foreach (var op in patches)
            {
                Assert.Contains(op!["parameters"]!.AsArray(), p => (string?)p!["name"] == "fieldValidation" && (string?)p["in"] == "query");
                Assert.Contains(op["parameters"]!.AsArray(), p => (string?)p!["name"] == "dryRun");
                Assert.Contains(op["parameters"]!.AsArray(), p => (string?)p!["name"] == "fieldManager");
                Assert.NotNull(op["requestBody"]!["content"]!["application/strategic-merge-patch+json"]);
                Assert.Equal("patch", (string?)op["x-kubernetes-action"]);
            }
        }
    }

    [Fact]
    public void NamespacedResourcesAreAddressedUnderTheirNamespace()
    {
        var paths = V3("api/v1")["paths"]!.AsObject();

        Assert.NotNull(paths["/api/v1/namespaces/{namespace}/pods/{name}"]!["get"]);
        Assert.NotNull(paths["/api/v1/namespaces/{namespace}/pods"]!["post"]);
        Assert.NotNull(paths["/api/v1/namespaces/{namespace}/pods/{name}/status"]!["patch"]);
        Assert.NotNull(paths["/api/v1/nodes/{name}"]!["put"]);
        Assert.False(paths.ContainsKey("/api/v1/namespaces/{namespace}/nodes/{name}"));
    }

    [Fact]
    public void ScaleSubresourceUsesTheAutoscalingScaleKind()
    {
        var scale = V3("apis/apps/v1")["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]!["patch"]!;

        Assert.Equal("Scale", (string?)scale["x-kubernetes-group-version-kind"]!["kind"]);
        Assert.Equal("autoscaling", (string?)scale["x-kubernetes-group-version-kind"]!["group"]);
    }

    [Fact]
    public void PodContainersMergeByName()
    {
        var containers = Schema("api/v1", "io.k8s.api.core.v1.PodSpec")["properties"]!["containers"]!;

        Assert.Equal("array", (string?)containers["type"]);
        Assert.Equal("#/components/schemas/io.k8s.api.core.v1.Container", (string?)containers["items"]!["$ref"]);
        Assert.Equal("name", (string?)containers["x-kubernetes-patch-merge-key"]);
        Assert.Equal("merge", (string?)containers["x-kubernetes-patch-strategy"]);
        Assert.Equal("map", (string?)containers["x-kubernetes-list-type"]);
        Assert.Equal("name", (string?)containers["x-kubernetes-list-map-keys"]![0]);
    }

    [Fact]
    public void ContainerPortsMergeByContainerPort() =>
        Assert.Equal("containerPort", (string?)Schema("api/v1", "io.k8s.api.core.v1.Container")["properties"]!["ports"]!["x-kubernetes-patch-merge-key"]);

    [Fact]
    public void DeploymentStrategyIsADescribedReferenceThatRetainsKeys()
    {
        var strategy = Schema("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentSpec")["properties"]!["strategy"]!;

        Assert.Equal("#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy", (string?)strategy["allOf"]![0]!["$ref"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)strategy["description"]));
        Assert.Equal("retainKeys", (string?)strategy["x-kubernetes-patch-strategy"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)Schema("apis/apps/v1", "io.k8s.api.apps.v1.DeploymentStrategy")["description"]));
    }

    [Fact]
    public void EveryDefinitionHasADescription()
    {
        foreach (var gv in Documents.GroupVersionPaths)
        {
            foreach (var (name, schema) in V3(gv)["components"]!["schemas"]!.AsObject())
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)schema!["description"]), name);
            }
        }
    }

    [Fact]
    public void KubernetesRequiredFieldsAreRequired()
    {
        Assert.Contains("name", Schema("api/v1", "io.k8s.api.core.v1.Container")["required"]!.AsArray().Select(n => (string?)n));
        Assert.Contains("containers", Schema("api/v1", "io.k8s.api.core.v1.PodSpec")["required"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public void PrimitivesUseKubernetesDefinitions()
    {
        var metadata = Schema("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")["properties"]!;
        var intOrString = Schema("apis/apps/v1", "io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        var limits = Schema("api/v1", "io.k8s.api.core.v1.ResourceRequirements")["properties"]!["limits"]!;

        Assert.Equal("date-time", (string?)metadata["creationTimestamp"]!["format"]);
        Assert.Equal("int-or-string", (string?)intOrString["format"]);
        Assert.True((bool?)intOrString["x-kubernetes-int-or-string"]);
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity", (string?)limits["additionalProperties"]!["$ref"]);
    }

    [Fact]
    public void SwaggerDocumentHoldsTheSameDefinitionsAndPaths()
    {
        var v2 = JsonNode.Parse(Documents.V2Json())!;
        var pods = v2["paths"]!["/api/v1/namespaces/{namespace}/pods/{name}"]!["patch"]!;

        Assert.Equal("2.0", (string?)v2["swagger"]);
        Assert.Equal("name", (string?)v2["definitions"]!["io.k8s.api.core.v1.PodSpec"]!["properties"]!["containers"]!["x-kubernetes-patch-merge-key"]);
        Assert.Equal("#/definitions/io.k8s.api.apps.v1.DeploymentStrategy", (string?)v2["definitions"]!["io.k8s.api.apps.v1.DeploymentSpec"]!["properties"]!["strategy"]!["$ref"]);
        Assert.Contains(pods["parameters"]!.AsArray(), p => (string?)p!["name"] == "fieldValidation");
        Assert.Contains(pods["consumes"]!.AsArray(), c => (string?)c == "application/strategic-merge-patch+json");
    }

    [Fact]
    public void SwaggerProtobufStartsWithTheSwaggerVersionAndCarriesTheDefinitionNames()
    {
        var protobuf = Documents.V2Protobuf();

        // Field 1 (swagger), length-delimited, "2.0".
        Assert.Equal(new byte[] { 0x0A, 3, (byte)'2', (byte)'.', (byte)'0' }, protobuf[..5]);
        Assert.True(protobuf.AsSpan().IndexOf("io.k8s.api.apps.v1.DeploymentStrategy"u8) > 0);
        Assert.True(protobuf.AsSpan().IndexOf("x-kubernetes-patch-merge-key"u8) > 0);
    }
}
