using System.Net;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Node.V1;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Tests.Http;

namespace KubeSharp.ApiServer.Tests.Admission;

public sealed class RuntimeClassAdmissionTests
{
    private static Pod NewPod(Dictionary<string, string>? nodeSelector = null, Dictionary<string, Quantity>? overhead = null) => new()
    {
        Metadata = new ObjectMeta { Name = "p" },
        Spec = new PodSpec { RuntimeClassName = "fast", NodeSelector = nodeSelector, Overhead = overhead, Containers = [new Container { Name = "c", Image = "busybox" }] },
    };

    private static RuntimeClass Class(Dictionary<string, Quantity>? overhead = null, Scheduling? scheduling = null) => new()
    {
        Metadata = new ObjectMeta { Name = "fast" },
        Handler = "runc",
        Overhead = overhead is null ? null : new Overhead { PodFixed = overhead },
        Scheduling = scheduling,
    };

    [Fact]
    public void A_pod_naming_a_missing_runtime_class_is_forbidden()
    {
        var e = Assert.Throws<ApiException>(() => RuntimeClassAdmission.Apply(NewPod(), "fast", null));

        Assert.Equal(403, e.Code);
        Assert.Equal("pods \"p\" is forbidden: pod rejected: RuntimeClass \"fast\" not found", e.Message);
    }

    [Fact]
    public void The_class_overhead_becomes_the_pod_overhead_and_a_different_one_is_forbidden()
    {
        var overhead = new Dictionary<string, Quantity> { ["cpu"] = Quantity.Parse("250m"), ["memory"] = Quantity.Parse("120Mi") };
        var pod = NewPod();
        RuntimeClassAdmission.Apply(pod, "fast", Class(overhead));
        var mismatched = NewPod(overhead: new() { ["cpu"] = Quantity.Parse("1") });

        Assert.Equal(Quantity.Parse("250m"), pod.Spec!.Overhead!["cpu"]);
        Assert.Equal(Quantity.Parse("120Mi"), pod.Spec.Overhead["memory"]);
        Assert.Equal(
            "pods \"p\" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead",
            Assert.Throws<ApiException>(() => RuntimeClassAdmission.Apply(mismatched, "fast", Class(overhead))).Message);
    }

    [Fact]
    public void Scheduling_constraints_merge_into_the_pod_and_a_conflicting_node_selector_is_forbidden()
    {
        var scheduling = new Scheduling
        {
            NodeSelector = new() { ["runtime"] = "fast" },
            Tolerations = [new Toleration { Key = "fast-only", Operator = "Exists", Effect = "NoSchedule" }],
        };
        var pod = NewPod(new() { ["zone"] = "a" });
        RuntimeClassAdmission.Apply(pod, "fast", Class(scheduling: scheduling));
        var conflicting = NewPod(new() { ["runtime"] = "slow" });

        Assert.Equal(new Dictionary<string, string> { ["zone"] = "a", ["runtime"] = "fast" }, pod.Spec!.NodeSelector);
        Assert.Equal("fast-only", Assert.Single(pod.Spec.Tolerations!).Key);
        Assert.Equal(
            "pods \"p\" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[runtime] = fast; pod.spec.nodeSelector[runtime] = slow",
            Assert.Throws<ApiException>(() => RuntimeClassAdmission.Apply(conflicting, "fast", Class(scheduling: scheduling))).Message);
    }

    [Fact]
    public async Task The_api_server_refuses_a_pod_whose_runtime_class_was_deleted_and_sets_overhead_from_an_existing_one()
    {
        await using var server = await InProcessServer.StartAsync();
        await server.PostAsync("/apis/node.k8s.io/v1/runtimeclasses", new JsonObject
        {
            ["apiVersion"] = "node.k8s.io/v1",
            ["kind"] = "RuntimeClass",
            ["metadata"] = new JsonObject { ["name"] = "fast" },
            ["handler"] = "runc",
            ["overhead"] = new JsonObject { ["podFixed"] = new JsonObject { ["cpu"] = "10m" } },
        });
        JsonObject Pod(string name) => new()
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["runtimeClassName"] = "fast", ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "busybox" }) },
        };

        var admitted = await server.PostAsync("/api/v1/namespaces/default/pods", Pod("before"));
        await server.SendAsync(HttpMethod.Delete, "/apis/node.k8s.io/v1/runtimeclasses/fast");
        var (code, status) = await server.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/pods", Pod("after"));

        Assert.Equal("10m", admitted["spec"]!["overhead"]!["cpu"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal("pods \"after\" is forbidden: pod rejected: RuntimeClass \"fast\" not found", status["message"]!.GetValue<string>());
    }
}
