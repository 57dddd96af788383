using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Client.Configuration;
using KubeSharp.Client.Tests.Infrastructure;

namespace KubeSharp.Client.Tests;

public sealed class KubernetesClientTests
{
    private static (ScriptedHttpServer Server, KubernetesClient Client) Serve(int status, string body, string? token = null)
    {
        var server = new ScriptedHttpServer((_, response, _) => response.WriteAsync(status, body));
        var client = new KubernetesClient(new KubernetesClientConfiguration { Server = server.BaseAddress, AccessToken = token, Namespace = "team" });
        return (server, client);
    }

    [Fact]
    public async Task Get_addresses_the_object_path_of_its_kind_and_sends_the_bearer_token()
    {
        var (server, client) = Serve(200, Json.ConfigMap("cm1", "7", "hello"), token: "t0k");
        await using (server)
        using (client)
        {
            var cm = await client.GetAsync<ConfigMap>("cm1", "ns");

            Assert.Equal("hello", cm.Data!["k"]);
            var request = Assert.Single(server.Requests);
            Assert.Equal("/api/v1/namespaces/ns/configmaps/cm1", request.Path);
            Assert.Equal("Bearer t0k", request.Headers["Authorization"]);
        }
    }

    [Theory]
    [InlineData(404, "NotFound", nameof(KubernetesApiException.IsNotFound))]
    [InlineData(409, "Conflict", nameof(KubernetesApiException.IsConflict))]
    [InlineData(409, "AlreadyExists", nameof(KubernetesApiException.IsAlreadyExists))]
    [InlineData(422, "Invalid", nameof(KubernetesApiException.IsInvalid))]
    public async Task Error_answers_throw_with_the_servers_status_and_a_matching_predicate(int code, string reason, string predicate)
    {
        var (server, client) = Serve(code, Json.Status(code, reason, "it went wrong"));
        await using (server)
        using (client)
        {
            var e = await Assert.ThrowsAsync<KubernetesApiException>(() => client.UpdateAsync(new ConfigMap { Metadata = new() { Name = "x", Namespace = "ns", ResourceVersion = "1" } }));

            Assert.Equal(reason, e.Reason);
            Assert.Equal("it went wrong", e.Status.Message);
            Assert.True((bool)typeof(KubernetesApiException).GetProperty(predicate)!.GetValue(e)!);
            Assert.Equal(code == 409 && reason == "Conflict", e.IsConflict);
        }
    }

    [Fact]
    public async Task A_non_status_error_body_becomes_a_status_carrying_the_text()
    {
        var (server, client) = Serve(502, "bad gateway");
        await using (server)
        using (client)
        {
            var e = await Assert.ThrowsAsync<KubernetesApiException>(() => client.GetAsync<ConfigMap>("x", "ns"));

            Assert.Equal(502, e.Status.Code);
            Assert.Contains("bad gateway", e.Status.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task List_sends_selectors_and_paging_and_a_null_namespace_lists_all_namespaces()
    {
        var (server, client) = Serve(200, Json.List("5", "next", Json.ConfigMap("a", "5")));
        await using (server)
        using (client)
        {
            var list = await client.ListAsync<ConfigMap>(null, new ListOptions { LabelSelector = "app=web,tier!=db", FieldSelector = "metadata.name=a", Limit = 2, ResourceVersion = "0" });

            Assert.Equal("next", list.Metadata!.Continue);
            var request = Assert.Single(server.Requests);
            Assert.Equal("/api/v1/configmaps", request.Path);
            Assert.Equal("app=web,tier!=db", request.QueryValue("labelSelector"));
            Assert.Equal("metadata.name=a", request.QueryValue("fieldSelector"));
            Assert.Equal("2", request.QueryValue("limit"));
            Assert.Equal("0", request.QueryValue("resourceVersion"));
        }
    }

    [Fact]
    public async Task Create_posts_to_the_collection_of_the_default_namespace_with_type_information_and_write_options()
    {
        var (server, client) = Serve(201, Json.ConfigMap("cm", "1", ns: "team"));
        await using (server)
        using (client)
        {
            await client.CreateAsync(new ConfigMap { Metadata = new() { Name = "cm" } }, new WriteOptions { DryRun = true, FieldManager = "me" });

            var request = Assert.Single(server.Requests);
            Assert.Equal("POST", request.Method);
            Assert.Equal("/api/v1/namespaces/team/configmaps", request.Path);
            Assert.Equal("All", request.QueryValue("dryRun"));
            Assert.Equal("me", request.QueryValue("fieldManager"));
            Assert.Contains("\"kind\":\"ConfigMap\"", request.Body, StringComparison.Ordinal);
            Assert.Contains("\"apiVersion\":\"v1\"", request.Body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(PatchType.Merge, "application/merge-patch+json")]
    [InlineData(PatchType.StrategicMerge, "application/strategic-merge-patch+json")]
    [InlineData(PatchType.Json, "application/json-patch+json")]
    [InlineData(PatchType.Apply, "application/apply-patch+yaml")]
    public async Task Patches_are_sent_with_the_content_type_of_their_kind(PatchType type, string contentType)
    {
        var (server, client) = Serve(200, Json.ConfigMap("cm", "2"));
        await using (server)
        using (client)
        {
            await client.PatchAsync<ConfigMap>("cm", new Patch(type, "{}"), "ns", new WriteOptions { FieldManager = "m" }, subresource: "status");

            var request = Assert.Single(server.Requests);
            Assert.Equal("PATCH", request.Method);
            Assert.Equal("/api/v1/namespaces/ns/configmaps/cm/status", request.Path);
            Assert.Equal(contentType, request.Headers["Content-Type"]);
        }
    }

    [Fact]
    public async Task Delete_sends_its_options_as_the_body_and_returns_null_for_a_status_answer()
    {
        var (server, client) = Serve(200, """{"kind":"Status","apiVersion":"v1","status":"Success"}""");
        await using (server)
        using (client)
        {
            var result = await client.DeleteAsync<ConfigMap>("cm", "ns", new DeleteOptions { PropagationPolicy = "Foreground" });

            Assert.Null(result);
            var request = Assert.Single(server.Requests);
            Assert.Equal("DELETE", request.Method);
            Assert.Contains("\"propagationPolicy\":\"Foreground\"", request.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_410_answer_to_a_watch_request_throws_watch_expired()
    {
        var (server, client) = Serve(410, Json.Status(410, "Expired", "too old"));
        await using (server)
        using (client)
        {
            await Assert.ThrowsAsync<WatchExpiredException>(async () =>
            {
                await foreach (var _ in client.WatchAsync<ConfigMap>("ns", new ListOptions { ResourceVersion = "1", TimeoutSeconds = 30 }))
                {
                }
            });
            Assert.Equal("true", server.Requests[0].QueryValue("watch"));
            Assert.Equal("30", server.Requests[0].QueryValue("timeoutSeconds"));
        }
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_servers_delay()
    {
        var calls = 0;
        await using var server = new ScriptedHttpServer((_, response, _) =>
            Interlocked.Increment(ref calls) == 1
                ? response.WriteAsync(429, Json.Status(429, "TooManyRequests", "slow down"))
                : response.WriteAsync(200, Json.ConfigMap("cm", "3")));
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Server = server.BaseAddress });

        var cm = await client.GetAsync<ConfigMap>("cm", "ns");

        Assert.Equal("3", cm.Metadata!.ResourceVersion);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Cluster_scoped_kinds_have_no_namespace_segment_and_namespaced_objects_require_one()
    {
        var node = new ResourceInfo("", "v1", "Node", "nodes", namespaced: false);
        var deployments = new ResourceInfo("apps", "v1", "Deployment", "deployments", namespaced: true);

        Assert.Equal("/api/v1/nodes/n1/status", node.PathFor("ignored", "n1", "status"));
        Assert.Equal("/apis/apps/v1/namespaces/x/deployments/web/scale", deployments.PathFor("x", "web", "scale"));
        Assert.Equal("/apis/apps/v1/deployments", deployments.PathFor(null));
        Assert.Throws<ArgumentException>(() => deployments.PathFor(null, "web"));
    }
}
