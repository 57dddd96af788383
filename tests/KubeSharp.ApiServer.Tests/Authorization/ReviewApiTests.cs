using System.Net;
using System.Text.Json.Nodes;
using KubeSharp.ApiServer.Tests.Http;

namespace KubeSharp.ApiServer.Tests.Authorization;

/// <summary>The create-only review resources behind kubectl auth can-i and kubectl auth whoami.</summary>
public sealed class ReviewApiTests : IAsyncLifetime
{
    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static JsonObject Review(string apiVersion, string kind, JsonObject? spec = null) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["spec"] = spec,
    };

    [Fact]
    public async Task A_self_subject_access_review_answers_for_the_caller_and_stores_nothing()
    {
        var (code, answer) = await _server.SendAsync(HttpMethod.Post, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", Review("authorization.k8s.io/v1", "SelfSubjectAccessReview", new JsonObject
        {
            ["resourceAttributes"] = new JsonObject { ["verb"] = "create", ["resource"] = "pods", ["namespace"] = "default" },
        }));
        var (listCode, _) = await _server.SendAsync(HttpMethod.Get, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.True(answer["status"]!["allowed"]!.GetValue<bool>());
        Assert.Equal("create", answer["spec"]!["resourceAttributes"]!["verb"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, listCode);
    }

    [Fact]
    public async Task A_subject_access_review_needs_a_user_or_group_and_exactly_one_kind_of_attributes()
    {
        var (noUser, noUserStatus) = await _server.SendAsync(HttpMethod.Post, "/apis/authorization.k8s.io/v1/subjectaccessreviews", Review("authorization.k8s.io/v1", "SubjectAccessReview", new JsonObject
        {
            ["resourceAttributes"] = new JsonObject { ["verb"] = "get", ["resource"] = "pods" },
        }));
        var (both, _) = await _server.SendAsync(HttpMethod.Post, "/apis/authorization.k8s.io/v1/subjectaccessreviews", Review("authorization.k8s.io/v1", "SubjectAccessReview", new JsonObject
        {
            ["user"] = "alice",
            ["resourceAttributes"] = new JsonObject { ["verb"] = "get", ["resource"] = "pods" },
            ["nonResourceAttributes"] = new JsonObject { ["verb"] = "get", ["path"] = "/healthz" },
        }));
        var (ok, answer) = await _server.SendAsync(HttpMethod.Post, "/apis/authorization.k8s.io/v1/namespaces/team/localsubjectaccessreviews", Review("authorization.k8s.io/v1", "LocalSubjectAccessReview", new JsonObject
        {
            ["user"] = "alice",
            ["resourceAttributes"] = new JsonObject { ["verb"] = "get", ["resource"] = "pods" },
        }));

        Assert.Equal((HttpStatusCode)422, noUser);
        Assert.Contains("at least one of user or group must be specified", noUserStatus["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)422, both);
        Assert.Equal(HttpStatusCode.Created, ok);
        Assert.Equal("team", answer["spec"]!["resourceAttributes"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rules_and_self_reviews_describe_the_caller()
    {
        var rules = await _server.PostAsync("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", Review("authorization.k8s.io/v1", "SelfSubjectRulesReview", new JsonObject { ["namespace"] = "default" }));
        var whoami = await _server.PostAsync("/apis/authentication.k8s.io/v1/selfsubjectreviews", Review("authentication.k8s.io/v1", "SelfSubjectReview"));
        var token = await _server.PostAsync("/apis/authentication.k8s.io/v1/tokenreviews", Review("authentication.k8s.io/v1", "TokenReview", new JsonObject { ["token"] = "not-a-token" }));

        Assert.Equal("*", rules["status"]!["resourceRules"]![0]!["verbs"]![0]!.GetValue<string>());
        Assert.Equal("system:admin", whoami["status"]!["userInfo"]!["username"]!.GetValue<string>());
        Assert.Contains("system:masters", whoami["status"]!["userInfo"]!["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.False(token["status"]!["authenticated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_review_asked_for_as_a_table_is_not_acceptable()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
        {
            Content = new StringContent(Review("authorization.k8s.io/v1", "SelfSubjectAccessReview", new JsonObject { ["nonResourceAttributes"] = new JsonObject { ["verb"] = "get", ["path"] = "/" } }).ToJsonString()),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Clear();
        request.Headers.TryAddWithoutValidation("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io");

        using var response = await _server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }
}
