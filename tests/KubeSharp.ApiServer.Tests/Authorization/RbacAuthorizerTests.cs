using KubeSharp.Api;
using KubeSharp.Api.Rbac.V1;
using KubeSharp.ApiServer.Authorization;
using KubeSharp.ApiServer.Security;

namespace KubeSharp.ApiServer.Tests.Authorization;

public sealed class RbacAuthorizerTests
{
    private static readonly UserInfo Reader = new("system:serviceaccount:default:reader", ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"]);

    private static RequestAttributes Resource(string verb, string group, string resource, string ns = "default", string name = "", string subresource = "") =>
        new(verb, true, group, resource, subresource, ns, name, "");

    private static PolicyRule Rule(string[] verbs, string[] groups, string[] resources, string[]? names = null) =>
        new() { Verbs = [.. verbs], ApiGroups = [.. groups], Resources = [.. resources], ResourceNames = names is null ? null : [.. names] };

    [Fact]
    public void A_list_of_pods_is_derived_from_a_collection_get()
    {
        var request = RequestAttributes.From("GET", "/api/v1/namespaces/default/pods", "?limit=500");
        Assert.Equal(("list", "", "pods", "default", ""), (request.Verb, request.Group, request.Resource, request.Namespace, request.Name));
        Assert.Equal("watch", RequestAttributes.From("GET", "/apis/apps/v1/deployments", "?watch=true").Verb);
        Assert.Equal("deletecollection", RequestAttributes.From("DELETE", "/api/v1/namespaces/a/pods", null).Verb);
        Assert.False(RequestAttributes.From("GET", "/apis/apps/v1", null).IsResourceRequest);
    }

    [Fact]
    public void Subresource_rules_match_res_slash_sub_and_star_slash_sub_but_not_the_bare_resource()
    {
        var log = Resource("get", "", "pods", name: "web", subresource: "log");
        Assert.True(PolicyRuleMatcher.Allows(Rule(["get"], [""], ["pods/log"]), log));
        Assert.True(PolicyRuleMatcher.Allows(Rule(["get"], [""], ["*/log"]), log));
        Assert.True(PolicyRuleMatcher.Allows(Rule(["get"], [""], ["*"]), log));
        Assert.False(PolicyRuleMatcher.Allows(Rule(["get"], [""], ["pods"]), log));
    }

    [Fact]
    public void ResourceNames_restrict_a_rule_to_named_requests()
    {
        var rule = Rule(["get", "list"], [""], ["configmaps"], ["settings"]);
        Assert.True(PolicyRuleMatcher.Allows(rule, Resource("get", "", "configmaps", name: "settings")));
        Assert.False(PolicyRuleMatcher.Allows(rule, Resource("get", "", "configmaps", name: "other")));
        Assert.False(PolicyRuleMatcher.Allows(rule, Resource("list", "", "configmaps")));
    }

    [Fact]
    public void NonResourceURLs_match_exactly_or_by_a_trailing_star()
    {
        var rule = new PolicyRule { Verbs = ["get"], NonResourceURLs = ["/apis/*", "/version"] };
        Assert.True(PolicyRuleMatcher.Allows(rule, new RequestAttributes("get", false, "", "", "", "", "", "/apis/apps/v1")));
        Assert.True(PolicyRuleMatcher.Allows(rule, new RequestAttributes("get", false, "", "", "", "", "", "/version")));
        Assert.False(PolicyRuleMatcher.Allows(rule, new RequestAttributes("get", false, "", "", "", "", "", "/version/x")));
        Assert.False(PolicyRuleMatcher.Allows(rule, new RequestAttributes("post", false, "", "", "", "", "", "/version")));
    }

    [Fact]
    public void A_rolebinding_grants_its_role_to_a_service_account_only_in_its_namespace()
    {
        var role = new Role { Metadata = new ObjectMeta { Name = "pod-reader", Namespace = "default" }, Rules = [Rule(["list"], [""], ["pods"])] };
        var binding = new RoleBinding
        {
            Metadata = new ObjectMeta { Name = "read", Namespace = "default" },
            RoleRef = new RoleRef { Kind = "Role", Name = "pod-reader", ApiGroup = "rbac.authorization.k8s.io" },
            Subjects = [new Subject { Kind = "ServiceAccount", Name = "reader" }],
        };
        var policy = new FixedRbacPolicy([], [], [role], [binding]);
        Assert.True(RbacAuthorizer.Authorize(policy, Reader, Resource("list", "", "pods")));
        Assert.False(RbacAuthorizer.Authorize(policy, Reader, Resource("list", "", "pods", ns: "other")));
        Assert.False(RbacAuthorizer.Authorize(new FixedRbacPolicy([], [], [role], []), Reader, Resource("list", "", "pods")));
    }

    [Fact]
    public void System_masters_may_do_everything_without_any_binding()
    {
        var admin = new UserInfo("kubernetes-admin", ["system:masters", "system:authenticated"]);
        Assert.True(RbacAuthorizer.Authorize(new FixedRbacPolicy([], [], [], []), admin, Resource("delete", "apps", "deployments", name: "x")));
    }

    [Fact]
    public void The_bootstrap_view_role_aggregates_into_edit_and_admin()
    {
        var policy = new FixedRbacPolicy(BootstrapPolicy.ClusterRoles(), [], [], []);
        var rules = RbacAuthorizer.ClusterRoleRules(policy, "admin");
        Assert.Contains(rules, r => PolicyRuleMatcher.Allows(r, Resource("list", "apps", "deployments")));
        Assert.Contains(rules, r => PolicyRuleMatcher.Allows(r, Resource("create", "rbac.authorization.k8s.io", "roles")));
        Assert.DoesNotContain(RbacAuthorizer.ClusterRoleRules(policy, "view"), r => PolicyRuleMatcher.Allows(r, Resource("get", "", "secrets", name: "s")));
    }

    [Fact]
    public void Authenticated_users_may_read_discovery_through_the_bootstrap_bindings()
    {
        var policy = new FixedRbacPolicy(BootstrapPolicy.ClusterRoles(), BootstrapPolicy.ClusterRoleBindings(), [], []);
        Assert.True(RbacAuthorizer.Authorize(policy, Reader, RequestAttributes.From("GET", "/apis", null)));
        Assert.True(RbacAuthorizer.Authorize(policy, Reader, Resource("create", "authorization.k8s.io", "selfsubjectaccessreviews", ns: "")));
        Assert.False(RbacAuthorizer.Authorize(policy, Reader, Resource("list", "", "pods")));
    }

    [Theory]
    [InlineData("list", "", "pods", "", "default", "", "pods is forbidden: User \"u\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"")]
    [InlineData("get", "apps", "deployments", "scale", "ns1", "web", "deployments.apps \"web\" is forbidden: User \"u\" cannot get resource \"deployments/scale\" in API group \"apps\" in the namespace \"ns1\"")]
    [InlineData("list", "", "nodes", "", "", "", "nodes is forbidden: User \"u\" cannot list resource \"nodes\" in API group \"\" at the cluster scope")]
    public void Denials_are_worded_as_kubernetes_words_them(string verb, string group, string resource, string subresource, string ns, string name, string expected)
    {
        var error = ForbiddenMessage.ToException("u", new RequestAttributes(verb, true, group, resource, subresource, ns, name, ""));
        Assert.Equal(403, error.Code);
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void A_denied_non_resource_path_names_the_path()
    {
        var error = ForbiddenMessage.ToException("u", new RequestAttributes("get", false, "", "", "", "", "", "/metrics"));
        Assert.Equal("forbidden: User \"u\" cannot get path \"/metrics\"", error.Message);
    }
}
