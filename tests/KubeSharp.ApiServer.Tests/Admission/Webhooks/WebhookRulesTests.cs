using KubeSharp.Api.AdmissionRegistration.V1;
using KubeSharp.ApiServer.Admission.Webhooks;

namespace KubeSharp.ApiServer.Tests.Admission.Webhooks;

public sealed class WebhookRulesTests
{
    private static RuleWithOperations Rule(string resources, string operations = "*", string scope = "*") => new()
    {
        Operations = [operations],
        ApiGroups = [""],
        ApiVersions = ["v1"],
        Resources = [resources],
        Scope = scope,
    };

    private static bool Matches(RuleWithOperations rule, string resource, string? sub = null, string operation = "CREATE", bool namespaced = true, string version = "v1", bool anyVersion = false) =>
        WebhookRules.Matches([rule], operation, "", version, resource, sub, namespaced, anyVersion);

    [Fact]
    public void A_star_resource_matches_every_resource_but_no_subresource()
    {
        Assert.True(Matches(Rule("*"), "pods"));
        Assert.False(Matches(Rule("*"), "pods", "status"));
        Assert.True(Matches(Rule("*/*"), "pods", "status"));
    }

    [Fact]
    public void A_resource_with_star_subresource_matches_the_resource_and_all_its_subresources()
    {
        Assert.True(Matches(Rule("pods/*"), "pods"));
        Assert.True(Matches(Rule("pods/*"), "pods", "attach"));
        Assert.False(Matches(Rule("pods/*"), "configmaps"));
        Assert.True(Matches(Rule("pods/attach"), "pods", "attach"));
        Assert.False(Matches(Rule("pods/attach"), "pods"));
        Assert.False(Matches(Rule("pods"), "pods", "exec"));
    }

    [Fact]
    public void Operations_scope_and_version_must_match_unless_the_policy_is_equivalent()
    {
        Assert.False(Matches(Rule("pods", "UPDATE"), "pods"));
        Assert.True(Matches(Rule("pods/exec", "CONNECT"), "pods", "exec", "CONNECT"));
        Assert.False(Matches(Rule("namespaces", scope: "Namespaced"), "namespaces", namespaced: false));
        Assert.True(Matches(Rule("namespaces", scope: "Cluster"), "namespaces", namespaced: false));
        Assert.False(Matches(Rule("pods"), "pods", version: "v2"));
        Assert.True(Matches(Rule("pods"), "pods", version: "v2", anyVersion: true));
    }
}
