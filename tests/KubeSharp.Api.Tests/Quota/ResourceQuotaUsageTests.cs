using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Quota;

namespace KubeSharp.Api.Tests.Quota;

/// <summary>How objects count against ResourceQuotas, and the messages quota admission answers with.</summary>
public sealed class ResourceQuotaUsageTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static Pod PodWith(string? cpuRequest = null, string? memoryLimit = null, string? phase = null, long? activeDeadline = null) => new()
    {
        Metadata = new ObjectMeta { Name = "p", Namespace = "ns" },
        Spec = new PodSpec
        {
            ActiveDeadlineSeconds = activeDeadline,
            Containers =
            [
                new Container
                {
                    Name = "app",
                    Resources = new ResourceRequirements
                    {
                        Requests = cpuRequest is null ? null : new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse(cpuRequest) },
                        Limits = memoryLimit is null ? null : new Dictionary<string, Quantity> { ["memory"] = Quantity.Parse(memoryLimit) },
                    },
                },
            ],
        },
        Status = phase is null ? null : new PodStatus { Phase = phase },
    };

    private static ResourceQuota Quota(params (string Name, string Value)[] hard) => new()
    {
        Metadata = new ObjectMeta { Name = "q1", Namespace = "ns" },
        Spec = new ResourceQuotaSpec { Hard = hard.ToDictionary(h => h.Name, h => Quantity.Parse(h.Value)) },
    };

    [Fact]
    public void A_running_pod_counts_once_with_its_requests_and_limits()
    {
        var usage = ResourceQuotaUsage.Of("", "pods", PodWith("250m", "64Mi"), Now);
        Assert.Equal("1", usage["pods"].ToString());
        Assert.Equal("1", usage["count/pods"].ToString());
        Assert.Equal("250m", usage["requests.cpu"].ToString());
        Assert.Equal("250m", usage["cpu"].ToString());
        Assert.Equal("64Mi", usage["limits.memory"].ToString());
        Assert.False(usage.ContainsKey("requests.memory"));
    }

    [Theory]
    [InlineData("Succeeded")]
    [InlineData("Failed")]
    public void A_finished_pod_costs_nothing(string phase) => Assert.Empty(ResourceQuotaUsage.Of("", "pods", PodWith(phase: phase), Now));

    [Fact]
    public void Node_ports_count_per_port_of_NodePort_and_LoadBalancer_services()
    {
        var service = new Service { Spec = new ServiceSpec { Type = "LoadBalancer", Ports = [new ServicePort { Port = 80 }, new ServicePort { Port = 443 }] } };
        var usage = ResourceQuotaUsage.Of("", "services", service, Now);
        Assert.Equal(("1", "2", "1"), (usage["services"].ToString(), usage["services.nodeports"].ToString(), usage["services.loadbalancers"].ToString()));
    }

    [Fact]
    public void Other_kinds_count_under_their_count_name() =>
        Assert.Equal(["count/deployments.apps"], ResourceQuotaUsage.Of("apps", "deployments", new Api.Apps.V1.Deployment(), Now).Keys);

    [Fact]
    public void Used_sums_only_what_the_quota_limits_and_reports_zero_for_the_rest()
    {
        var quota = Quota(("pods", "10"), ("requests.cpu", "2"), ("secrets", "5"));
        var used = ResourceQuotaUsage.Used(quota, [ResourceQuotaUsage.Of("", "pods", PodWith("250m"), Now), ResourceQuotaUsage.Of("", "pods", PodWith("500m"), Now)]);
        Assert.Equal(new Dictionary<string, string> { ["pods"] = "2", ["requests.cpu"] = "750m", ["secrets"] = "0" }, used.ToDictionary(u => u.Key, u => u.Value.ToString()!));
    }

    [Fact]
    public void Exceeding_a_hard_limit_is_reported_as_Kubernetes_words_it()
    {
        var quota = Quota(("pods", "2"), ("requests.cpu", "1"));
        var used = new Dictionary<string, Quantity> { ["pods"] = Quantity.Parse("2"), ["requests.cpu"] = Quantity.Parse("500m") };
        var requested = ResourceQuotaUsage.Of("", "pods", PodWith("250m"), Now);
        Assert.Equal("exceeded quota: q1, requested: pods=1, used: pods=2, limited: pods=2", ResourceQuotaUsage.Exceeded(quota, used, requested));
        Assert.Null(ResourceQuotaUsage.Exceeded(Quota(("pods", "3"), ("requests.cpu", "1")), used, requested));
    }

    [Fact]
    public void A_quota_on_cpu_or_memory_needs_every_container_to_state_them()
    {
        var quota = Quota(("limits.cpu", "2"), ("requests.cpu", "1"), ("pods", "5"));
        Assert.Equal("must specify limits.cpu for: app", ResourceQuotaUsage.MissingResources(quota, PodWith("100m")));
        Assert.Equal("must specify limits.cpu for: app; requests.cpu for: app", ResourceQuotaUsage.MissingResources(quota, PodWith()));
        Assert.Null(ResourceQuotaUsage.MissingResources(Quota(("pods", "5")), PodWith()));
    }

    [Fact]
    public void Scoped_quotas_select_pods_by_scope_and_nothing_else()
    {
        var terminating = Quota(("pods", "1"));
        terminating.Spec!.Scopes = ["Terminating"];
        Assert.True(ResourceQuotaUsage.Matches(terminating, PodWith(activeDeadline: 30)));
        Assert.False(ResourceQuotaUsage.Matches(terminating, PodWith()));
        Assert.False(ResourceQuotaUsage.Matches(terminating, new ConfigMap()));

        var bestEffort = Quota(("pods", "1"));
        bestEffort.Spec!.Scopes = ["BestEffort"];
        Assert.True(ResourceQuotaUsage.Matches(bestEffort, PodWith()));
        Assert.False(ResourceQuotaUsage.Matches(bestEffort, PodWith("100m")));
    }
}
