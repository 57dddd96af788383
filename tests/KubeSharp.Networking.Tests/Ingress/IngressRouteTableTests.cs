using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Api.Networking.V1;
using KubeSharp.Networking.Ingress;
using static KubeSharp.Networking.Tests.Ingress.IngressObjects;

namespace KubeSharp.Networking.Tests.Ingress;

public sealed class IngressRouteTableTests
{
    private static IngressRouteTable Table(params Api.Networking.V1.Ingress[] ingresses) => IngressRouteTable.Build(ingresses, [], []);

    private static string? Route(IngressRouteTable table, string host, string path) => table.Match(host, path).Upstream?.Name;

    [Theory]
    [InlineData("/foo", true)]
    [InlineData("/foo/", true)]
    [InlineData("/foo/bar", true)]
    [InlineData("/foobar", false)]
    [InlineData("/", false)]
    [InlineData("/Foo", false)]
    public void Prefix_paths_match_whole_path_elements(string requestPath, bool matches)
    {
        var table = Table(NewIngress("a", new IngressSpec { Rules = [Rule("example.com", IngressPath("/foo", "Prefix", "foo"))] }));

        Assert.Equal(matches ? "default/foo:80" : null, Route(table, "example.com", requestPath));
    }

    [Fact]
    public void A_prefix_with_a_trailing_slash_matches_the_path_without_it()
    {
        var table = Table(NewIngress("a", new IngressSpec { Rules = [Rule("example.com", IngressPath("/aaa/bbb/", "Prefix", "foo"))] }));

        Assert.Equal("default/foo:80", Route(table, "example.com", "/aaa/bbb"));
        Assert.Equal("default/foo:80", Route(table, "example.com", "/aaa/bbb/ccc"));
        Assert.Null(Route(table, "example.com", "/aaa/bbbxyz"));
    }

    [Fact]
    public void The_root_prefix_matches_every_path()
    {
        var table = Table(NewIngress("a", new IngressSpec { Rules = [Rule("example.com", IngressPath("/", "Prefix", "root"))] }));

        Assert.Equal("default/root:80", Route(table, "example.com", "/"));
        Assert.Equal("default/root:80", Route(table, "example.com", "/anything/at/all"));
    }

    [Fact]
    public void Exact_paths_match_only_the_same_path()
    {
        var table = Table(NewIngress("a", new IngressSpec { Rules = [Rule("example.com", IngressPath("/foo", "Exact", "foo"))] }));

        Assert.Equal("default/foo:80", Route(table, "example.com", "/foo"));
        Assert.Null(Route(table, "example.com", "/foo/"));
        Assert.Null(Route(table, "example.com", "/foo/bar"));
    }

    [Fact]
    public void ImplementationSpecific_paths_match_as_prefixes()
    {
        var table = Table(NewIngress("a", new IngressSpec { Rules = [Rule("example.com", IngressPath("/api", "ImplementationSpecific", "api"))] }));

        Assert.Equal("default/api:80", Route(table, "example.com", "/api/v1"));
        Assert.Null(Route(table, "example.com", "/apis"));
    }

    [Fact]
    public void The_longest_matching_path_wins_and_Exact_beats_Prefix_at_equal_length()
    {
        var table = Table(NewIngress("a", new IngressSpec
        {
            Rules = [Rule("example.com", IngressPath("/", "Prefix", "root"), IngressPath("/foo", "Prefix", "foo-prefix"), IngressPath("/foo", "Exact", "foo-exact"), IngressPath("/foo/bar", "Prefix", "foobar"))],
        }));

        Assert.Equal("default/foo-exact:80", Route(table, "example.com", "/foo"));
        Assert.Equal("default/foo-prefix:80", Route(table, "example.com", "/foo/baz"));
        Assert.Equal("default/foobar:80", Route(table, "example.com", "/foo/bar/baz"));
        Assert.Equal("default/root:80", Route(table, "example.com", "/other"));
    }

    [Fact]
    public void Hosts_match_exactly_ignoring_case_port_and_a_trailing_dot()
    {
        var table = Table(NewIngress("a", new IngressSpec { Rules = [Rule("foo.example.com", IngressPath("/", "Prefix", "foo"))] }));

        Assert.Equal("default/foo:80", Route(table, "FOO.example.com:8080", "/"));
        Assert.Equal("default/foo:80", Route(table, "foo.example.com.", "/"));
        Assert.Null(Route(table, "bar.example.com", "/"));
    }

    [Fact]
    public void A_wildcard_host_matches_exactly_one_label()
    {
        var table = Table(NewIngress("a", new IngressSpec { Rules = [Rule("*.example.com", IngressPath("/", "Prefix", "wild"))] }));

        Assert.Equal("default/wild:80", Route(table, "foo.example.com", "/"));
        Assert.Null(Route(table, "example.com", "/"));
        Assert.Null(Route(table, "a.b.example.com", "/"));
    }

    [Fact]
    public void An_exact_host_beats_a_wildcard_which_beats_rules_without_a_host()
    {
        var table = Table(NewIngress("a", new IngressSpec
        {
            Rules = [Rule(null, IngressPath("/", "Prefix", "any")), Rule("*.example.com", IngressPath("/", "Prefix", "wild")), Rule("foo.example.com", IngressPath("/", "Prefix", "exact"))],
        }));

        Assert.Equal("default/exact:80", Route(table, "foo.example.com", "/"));
        Assert.Equal("default/wild:80", Route(table, "bar.example.com", "/"));
        Assert.Equal("default/any:80", Route(table, "other.test", "/"));
        Assert.Equal("default/any:80", Route(table, "", "/"));
    }

    [Fact]
    public void A_host_whose_paths_do_not_match_falls_back_to_the_default_backend_not_to_other_hosts()
    {
        var table = Table(
            NewIngress("catch-all", new IngressSpec { DefaultBackend = Backend("fallback"), Rules = [Rule(null, IngressPath("/other", "Prefix", "any"))] }),
            NewIngress("site", new IngressSpec { Rules = [Rule("foo.example.com", IngressPath("/app", "Prefix", "app"))] }, created: DateTimeOffset.UnixEpoch.AddHours(1)));

        Assert.Equal("default/fallback:80", Route(table, "foo.example.com", "/other"));
        Assert.Equal("default/fallback:80", Route(table, "unknown.test", "/nothing"));
    }

    [Fact]
    public void Without_any_default_backend_unmatched_requests_have_no_route()
    {
        var table = Table(NewIngress("site", new IngressSpec { Rules = [Rule("foo.example.com", IngressPath("/app", "Prefix", "app"))] }));

        Assert.Null(Route(table, "foo.example.com", "/"));
        Assert.Null(Route(table, "unknown.test", "/app"));
    }

    [Fact]
    public void An_ingress_with_only_a_default_backend_takes_all_traffic()
    {
        var table = Table(NewIngress("only", new IngressSpec { DefaultBackend = Backend("everything", 8080) }));

        Assert.Equal("default/everything:8080", Route(table, "any.host", "/any/path"));
    }

    [Fact]
    public void The_ingress_own_default_backend_serves_its_hosts_unmatched_paths()
    {
        var table = Table(
            NewIngress("global", new IngressSpec { DefaultBackend = Backend("global-fallback") }),
            NewIngress("site", new IngressSpec { DefaultBackend = Backend("site-fallback"), Rules = [Rule("foo.example.com", IngressPath("/app", "Prefix", "app"))] }, created: DateTimeOffset.UnixEpoch.AddHours(1)));

        Assert.Equal("default/site-fallback:80", Route(table, "foo.example.com", "/elsewhere"));
        Assert.Equal("default/global-fallback:80", Route(table, "bar.example.com", "/"));
    }

    [Fact]
    public void Ingresses_for_the_same_host_merge_and_the_older_wins_a_duplicate_path()
    {
        var table = Table(
            NewIngress("newer", new IngressSpec { Rules = [Rule("example.com", IngressPath("/a", "Prefix", "newer-a"), IngressPath("/b", "Prefix", "newer-b"))] }, created: DateTimeOffset.UnixEpoch.AddHours(1)),
            NewIngress("older", new IngressSpec { Rules = [Rule("example.com", IngressPath("/a", "Prefix", "older-a"))] }));

        Assert.Equal("default/older-a:80", Route(table, "example.com", "/a"));
        Assert.Equal("default/newer-b:80", Route(table, "example.com", "/b"));
    }

    [Fact]
    public void Backends_resolve_to_the_ready_endpoints_of_the_service_port_by_number_or_name()
    {
        var (service, slice) = Backed("web", 80, 8080, ["10.42.0.7", "10.42.0.8"]);
        slice.Endpoints!.Add(new Api.Discovery.V1.Endpoint { Addresses = ["10.42.0.9"], Conditions = new EndpointConditions { Ready = false } });
        var byName = new HTTPIngressPath { Path = "/named", PathType = "Prefix", Backend = new IngressBackend { Service = new IngressServiceBackend { Name = "web", Port = new ServiceBackendPort { Name = "http" } } } };
        var table = IngressRouteTable.Build([NewIngress("a", new IngressSpec { Rules = [Rule("example.com", IngressPath("/", "Prefix", "web", 80), byName)] })], [service], [slice]);

        var byNumber = table.Match("example.com", "/").Upstream!;
        Assert.Equal(["10.42.0.7:8080", "10.42.0.8:8080"], byNumber.Endpoints.Select(e => e.ToString()));
        Assert.Equal(["10.42.0.7:8080", "10.42.0.8:8080"], table.Match("example.com", "/named").Upstream!.Endpoints.Select(e => e.ToString()));
    }

    [Fact]
    public void Endpoints_are_picked_in_turn()
    {
        var (service, slice) = Backed("web", 80, 8080, ["10.42.0.7", "10.42.0.8"]);
        var table = IngressRouteTable.Build([NewIngress("a", new IngressSpec { DefaultBackend = Backend("web") })], [service], [slice]);
        var upstream = table.Match("x", "/").Upstream!;

        var picks = Enumerable.Range(0, 4).Select(_ => upstream.Next()!.ToString()).ToList();

        Assert.Equal(["10.42.0.7:8080", "10.42.0.8:8080", "10.42.0.7:8080", "10.42.0.8:8080"], picks);
    }

    [Fact]
    public void A_missing_service_or_port_routes_to_an_upstream_without_endpoints()
    {
        var (service, slice) = Backed("web", 80, 8080, ["10.42.0.7"]);
        var table = IngressRouteTable.Build(
            [NewIngress("a", new IngressSpec { Rules = [Rule("example.com", IngressPath("/missing", "Prefix", "nothing"), IngressPath("/wrong-port", "Prefix", "web", 81))] })],
            [service],
            [slice]);

        Assert.Null(table.Match("example.com", "/missing").Upstream!.Next());
        Assert.Null(table.Match("example.com", "/wrong-port").Upstream!.Next());
    }

    [Fact]
    public void Only_the_namespace_of_the_ingress_is_searched_for_its_services()
    {
        var (service, slice) = Backed("web", 80, 8080, ["10.42.0.7"], ns: "other");
        var table = IngressRouteTable.Build([NewIngress("a", new IngressSpec { DefaultBackend = Backend("web") })], [service], [slice]);

        Assert.Empty(table.Match("x", "/").Upstream!.Endpoints);
    }

    [Theory]
    [InlineData("kubesharp", null, true, true)]
    [InlineData("kubesharp", null, false, true)]
    [InlineData("traefik", null, true, false)]
    [InlineData(null, null, true, true)]
    [InlineData(null, null, false, false)]
    [InlineData(null, "kubesharp", false, true)]
    [InlineData(null, "nginx", true, false)]
    public void The_controller_serves_its_class_and_classless_ingresses_while_its_class_is_default(string? className, string? annotation, bool isDefault, bool served)
    {
        var ingress = NewIngress("a", new IngressSpec { IngressClassName = className });
        if (annotation is not null)
        {
            ingress.Metadata!.Annotations = new() { ["kubernetes.io/ingress.class"] = annotation };
        }

        Assert.Equal(served, IngressController.Serves(ingress, "kubesharp", isDefault));
    }
}
