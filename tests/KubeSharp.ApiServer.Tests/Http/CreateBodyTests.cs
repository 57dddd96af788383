using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>Create bodies: JSON decodes straight to the typed object, with the same kind checks and field validation as every other body.</summary>
public sealed class CreateBodyTests : IAsyncLifetime
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_json_create_stores_the_object_as_sent()
    {
        var (code, created) = await PostRawAsync(ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"plain","labels":{"a":"b"}},"data":{"k":"v"}}""");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(("plain", "b", "v"), (created["metadata"]!["name"]!.GetValue<string>(), created["metadata"]!["labels"]!["a"]!.GetValue<string>(), created["data"]!["k"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_field_is_rejected_under_strict_field_validation()
    {
        var (code, status) = await PostRawAsync(ConfigMaps + "?fieldValidation=Strict", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"strict"},"bogus":1}""");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("unknown field \"bogus\"", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_field_is_a_warning_by_default_and_the_object_is_created()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ConfigMaps)
        {
            Content = new StringContent("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"warned"},"bogus":1}""", Encoding.UTF8, "application/json"),
        };
        using var response = await _server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Warning"), w => w.Contains("unknown field", StringComparison.Ordinal) && w.Contains("bogus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_body_of_another_kind_is_rejected()
    {
        var (code, status) = await PostRawAsync(ConfigMaps, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"wrong"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("Secret in version \"v1\" cannot be handled as a ConfigMap: no kind \"Secret\" is registered for version \"v1\"", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_whose_field_has_the_wrong_type_is_rejected_as_undecodable()
    {
        var (code, status) = await PostRawAsync(ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"typed"},"data":{"k":5}}""");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.StartsWith("ConfigMap in version \"v1\" cannot be handled as a ConfigMap", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_yaml_create_still_decodes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ConfigMaps)
        {
            Content = new StringContent("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: v\n", Encoding.UTF8, "application/yaml"),
        };
        using var response = await _server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("v", (await _server.GetAsync($"{ConfigMaps}/from-yaml"))["data"]!["k"]!.GetValue<string>());
    }

    private async Task<(HttpStatusCode Code, JsonObject Body)> PostRawAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await _server.Http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
