using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Tests.Http;

namespace KubeSharp.ApiServer.Tests.CustomResources;

/// <summary>The CronTab definition of the Kubernetes documentation, with status and scale subresources and a second served version.</summary>
internal static class CronTabs
{
    public const string Definitions = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    public const string Default = "/apis/stable.example.com/v1/namespaces/default/crontabs";

    public static JsonObject Definition(string plural = "crontabs", string kind = "CronTab", string scope = "Namespaced") => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = $"{plural}.stable.example.com" },
        ["spec"] = new JsonObject
        {
            ["group"] = "stable.example.com",
            ["scope"] = scope,
            ["names"] = new JsonObject
            {
                ["plural"] = plural,
                ["singular"] = kind.ToLowerInvariant(),
                ["kind"] = kind,
                ["shortNames"] = new JsonArray(plural[..2]),
                ["categories"] = new JsonArray("all"),
            },
            ["versions"] = new JsonArray(Version("v1", storage: true), Version("v1beta1", storage: false)),
        },
    };

    private static JsonObject Version(string name, bool storage) => new()
    {
        ["name"] = name,
        ["served"] = true,
        ["storage"] = storage,
        ["subresources"] = new JsonObject
        {
            ["status"] = new JsonObject(),
            ["scale"] = new JsonObject { ["specReplicasPath"] = ".spec.replicas", ["statusReplicasPath"] = ".status.replicas", ["labelSelectorPath"] = ".status.labelSelector" },
        },
        ["additionalPrinterColumns"] = new JsonArray(
            new JsonObject { ["name"] = "Spec", ["type"] = "string", ["jsonPath"] = ".spec.cronSpec" },
            new JsonObject { ["name"] = "Replicas", ["type"] = "integer", ["jsonPath"] = ".spec.replicas" },
            new JsonObject { ["name"] = "Age", ["type"] = "date", ["jsonPath"] = ".metadata.creationTimestamp" }),
        ["schema"] = new JsonObject
        {
            ["openAPIV3Schema"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("cronSpec"),
                        ["properties"] = new JsonObject
                        {
                            ["cronSpec"] = new JsonObject { ["type"] = "string", ["pattern"] = @"^(\d+|\*)(/\d+)?(\s+(\d+|\*)(/\d+)?){4}$" },
                            ["image"] = new JsonObject { ["type"] = "string", ["default"] = "busybox" },
                            ["replicas"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 10 },
                            ["mode"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("Fast", "Slow") },
                            ["labels"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string" } },
                            ["extra"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                        },
                    },
                    ["status"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["properties"] = new JsonObject
                        {
                            ["replicas"] = new JsonObject { ["type"] = "integer" },
                            ["labelSelector"] = new JsonObject { ["type"] = "string" },
                        },
                    },
                },
            },
        },
    };

    public static JsonObject CronTab(string name, string cronSpec = "* * * * */5", int replicas = 1, string apiVersion = "stable.example.com/v1") => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = "CronTab",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["cronSpec"] = cronSpec, ["replicas"] = replicas },
    };

    /// <summary>Sends a request with a body in the given media type; returns the status, the body and the Warning headers.</summary>
    public static async Task<(int Code, JsonNode? Body, IReadOnlyList<string> Warnings)> RequestAsync(
        this InProcessServer server, HttpMethod method, string path, JsonNode? body = null, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        if (accept is not null)
        {
            request.Headers.Accept.Clear();
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await server.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var warnings = response.Headers.TryGetValues("Warning", out var values) ? values.ToList() : [];
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), warnings);
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails after a generous bound (the behaviour did not happen).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"never happened: {what}");
    }
}
