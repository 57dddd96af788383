using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Node.Pods;

namespace KubeSharp.Node.Tests;

/// <summary>How the agent turns pod specs into runtime settings: variable expansion, QoS, cgroups, DNS, images, durations.</summary>
public sealed class PodSpecTranslationTests
{
    [Theory]
    [InlineData("$(A)-$(B)", "1-2")]
    [InlineData("$(MISSING) stays", "$(MISSING) stays")]
    [InlineData("$$(A) is escaped", "$(A) is escaped")]
    [InlineData("a $ alone", "a $ alone")]
    [InlineData("unterminated $(A", "unterminated $(A")]
    [InlineData("trailing $", "trailing $")]
    public void Variable_references_expand_only_defined_variables_and_honour_the_dollar_escape(string input, string expected)
    {
        var variables = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" };
        Assert.Equal(expected, VariableExpansion.Expand(input, v => variables.GetValueOrDefault(v)));
    }

    [Fact]
    public void A_pod_without_requests_or_limits_is_best_effort_and_one_with_equal_limits_everywhere_is_guaranteed()
    {
        Assert.Equal("BestEffort", PodResources.QosClass(new PodSpec { Containers = [new Container { Name = "a" }] }));
        var exact = new ResourceRequirements { Limits = new() { ["cpu"] = Quantity.Parse("1"), ["memory"] = Quantity.Parse("1Gi") } };
        Assert.Equal("Guaranteed", PodResources.QosClass(new PodSpec { Containers = [new Container { Name = "a", Resources = exact }] }));
        var partial = new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse("100m") } };
        Assert.Equal("Burstable", PodResources.QosClass(new PodSpec { Containers = [new Container { Name = "a", Resources = exact }, new Container { Name = "b", Resources = partial }] }));
    }

    [Fact]
    public void Container_resources_become_cfs_quota_shares_and_a_memory_limit()
    {
        var container = new Container
        {
            Name = "a",
            Resources = new ResourceRequirements
            {
                Requests = new() { ["cpu"] = Quantity.Parse("250m"), ["memory"] = Quantity.Parse("64Mi") },
                Limits = new() { ["cpu"] = Quantity.Parse("500m"), ["memory"] = Quantity.Parse("128Mi") },
            },
        };
        var resources = PodResources.ContainerResources(container, "Burstable", 1L << 30);
        Assert.Equal(256, resources.CpuShares);
        Assert.Equal(100_000, resources.CpuPeriod);
        Assert.Equal(50_000, resources.CpuQuota);
        Assert.Equal(128L * 1024 * 1024, resources.MemoryLimitInBytes);
        Assert.InRange(resources.OomScoreAdj, 2, 999);
        Assert.Equal("/kubepods/burstable/poduid-1", PodResources.CgroupParent("/kubepods", "Burstable", "uid-1"));
        Assert.Equal("/kubepods/poduid-1", PodResources.CgroupParent("/kubepods", "Guaranteed", "uid-1"));
    }

    [Fact]
    public void Cluster_first_dns_uses_the_cluster_server_and_the_namespace_search_path_merged_with_dns_config()
    {
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p", Namespace = "shop" },
            Spec = new PodSpec { DnsConfig = new PodDNSConfig { Searches = ["example.com"], Options = [new PodDNSConfigOption { Name = "ndots", Value = "2" }] } },
        };
        var dns = DnsSettings.For(pod, "10.43.0.10", "cluster.local", "/nonexistent");
        Assert.Equal(["10.43.0.10"], dns.Servers);
        Assert.Equal(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local", "example.com"], dns.Searches);
        Assert.Equal(["ndots:2"], dns.Options);
    }

    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest")]
    [InlineData("busybox:1.36", "docker.io/library/busybox:1.36")]
    [InlineData("bitnami/redis", "docker.io/bitnami/redis:latest")]
    [InlineData("registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10")]
    [InlineData("localhost:5000/app", "localhost:5000/app:latest")]
    public void Image_names_are_normalised_as_containerd_does(string image, string expected) =>
        Assert.Equal(expected, ImageReference.Normalize(image));

    [Theory]
    [InlineData(10, "10s")]
    [InlineData(80, "1m20s")]
    [InlineData(300, "5m0s")]
    [InlineData(3700, "1h1m40s")]
    public void Back_off_durations_are_printed_like_go(int seconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Restart_back_off_restarts_at_once_first_then_waits_ten_seconds_doubling_to_five_minutes()
    {
        var backoff = new RestartBackoff();
        var t0 = DateTimeOffset.UnixEpoch;
        Assert.False(backoff.InBackoff("c", t0, t0, out _, out _));
        backoff.Next("c", t0);
        Assert.True(backoff.InBackoff("c", t0 + TimeSpan.FromSeconds(1), t0 + TimeSpan.FromSeconds(2), out var until, out var delay));
        Assert.Equal(TimeSpan.FromSeconds(10), delay);
        Assert.Equal(t0 + TimeSpan.FromSeconds(11), until);
        for (var i = 0; i < 10; i++)
        {
            backoff.Next("c", t0 + TimeSpan.FromSeconds(i));
        }

        Assert.True(backoff.InBackoff("c", t0 + TimeSpan.FromSeconds(10), t0 + TimeSpan.FromSeconds(11), out _, out delay));
        Assert.Equal(TimeSpan.FromMinutes(5), delay);
    }

    [Fact]
    public void Volume_files_are_published_through_a_data_link_and_stale_keys_disappear_on_update()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ks-atomic-" + Guid.NewGuid().ToString("N"));
        try
        {
            AtomicDirectoryWriter.Write(directory, new Dictionary<string, (byte[], int)> { ["a"] = ("1"u8.ToArray(), 420), ["b"] = ("2"u8.ToArray(), 420) });
            Assert.Equal("1", File.ReadAllText(Path.Combine(directory, "a")));
            Assert.Equal(Path.Combine("..data", "a"), new FileInfo(Path.Combine(directory, "a")).LinkTarget);

            AtomicDirectoryWriter.Write(directory, new Dictionary<string, (byte[], int)> { ["a"] = ("3"u8.ToArray(), 420) });
            Assert.Equal("3", File.ReadAllText(Path.Combine(directory, "a")));
            Assert.False(File.Exists(Path.Combine(directory, "b")));
            Assert.Single(Directory.EnumerateDirectories(directory, "..2*"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Containers_get_link_variables_for_the_api_server_and_the_services_of_their_namespace()
    {
        Service Svc(string ns, string name, string ip, params ServicePort[] ports) => new()
        {
            Metadata = new ObjectMeta { Namespace = ns, Name = name },
            Spec = new ServiceSpec { ClusterIP = ip, Ports = [.. ports] },
        };
        var services = new[]
        {
            Svc("default", "kubernetes", "10.43.0.1", new ServicePort { Name = "https", Port = 443, Protocol = "TCP" }),
            Svc("shop", "web-front", "10.43.0.20", new ServicePort { Name = "http", Port = 80, Protocol = "TCP" }),
            Svc("other", "db", "10.43.0.30", new ServicePort { Port = 5432 }),
            Svc("shop", "headless", "None", new ServicePort { Port = 1 }),
        };
        var pod = new Pod { Metadata = new ObjectMeta { Name = "p", Namespace = "shop" }, Spec = new PodSpec() };
        var variables = ServiceEnvironment.For(pod, services).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("10.43.0.1", variables["KUBERNETES_SERVICE_HOST"]);
        Assert.Equal("443", variables["KUBERNETES_SERVICE_PORT"]);
        Assert.Equal("443", variables["KUBERNETES_SERVICE_PORT_HTTPS"]);
        Assert.Equal("tcp://10.43.0.1:443", variables["KUBERNETES_PORT"]);
        Assert.Equal("10.43.0.1", variables["KUBERNETES_PORT_443_TCP_ADDR"]);
        Assert.Equal("tcp://10.43.0.20:80", variables["WEB_FRONT_PORT_80_TCP"]);
        Assert.DoesNotContain(variables.Keys, k => k.StartsWith("DB_", StringComparison.Ordinal) || k.StartsWith("HEADLESS_", StringComparison.Ordinal));

        pod.Spec.EnableServiceLinks = false;
        Assert.All(ServiceEnvironment.For(pod, services), v => Assert.StartsWith("KUBERNETES_", v.Key, StringComparison.Ordinal));
    }
}
