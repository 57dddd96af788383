using System.Net;
using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>The pods/ephemeralcontainers subresource: additions only, validated as Kubernetes does.</summary>
public sealed class EphemeralContainersTests : IAsyncLifetime
{
    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Pod PodWith(params EphemeralContainer[] ephemeral) => new()
    {
        Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "busybox" }], EphemeralContainers = [.. ephemeral] },
    };

    [Fact]
    public void Existing_ephemeral_containers_may_neither_change_nor_go()
    {
        var existing = new EphemeralContainer { Name = "debugger", Image = "busybox" };
        var changed = new EphemeralContainer { Name = "debugger", Image = "alpine" };

        Assert.Equal(
            ["spec.ephemeralContainers: Forbidden: existing ephemeral containers \"debugger\" may not be removed"],
            EphemeralContainersHandler.Validate(PodWith(existing), []).Select(e => $"{e.Field}: {e.Detail}"));
        Assert.Equal(
            ["spec.ephemeralContainers[0]: Forbidden: existing ephemeral containers \"debugger\" may not be changed"],
            EphemeralContainersHandler.Validate(PodWith(existing), [changed]).Select(e => $"{e.Field}: {e.Detail}"));
    }

    [Fact]
    public void A_new_ephemeral_container_needs_a_unique_name_an_image_a_known_target_and_no_ports()
    {
        var bad = new EphemeralContainer { Name = "app", TargetContainerName = "nope", Ports = [new ContainerPort { ContainerPortValue = 80 }] };

        Assert.Equal(
            [
                "spec.ephemeralContainers[0].name: Duplicate value: \"app\"",
                "spec.ephemeralContainers[0].image: Required value",
                "spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container",
                "spec.ephemeralContainers[0].targetContainerName: Not found: \"nope\"",
            ],
            EphemeralContainersHandler.Validate(PodWith(), [bad]).Select(e => $"{e.Field}: {e.Detail}"));
    }

    [Fact]
    public async Task Patching_the_subresource_adds_an_ephemeral_container_and_nothing_else()
    {
        await _server.PostAsync("/api/v1/namespaces/default/pods", JsonNode.Parse("""{"metadata":{"name":"p"},"spec":{"containers":[{"name":"app","image":"busybox"}]}}""")!.AsObject());
        var patch = JsonNode.Parse("""{"metadata":{"labels":{"sneaky":"yes"}},"spec":{"ephemeralContainers":[{"name":"debugger","image":"busybox","targetContainerName":"app"}]}}""")!.AsObject();

        var (code, pod) = await _server.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/pods/p/ephemeralcontainers", patch, "application/strategic-merge-patch+json");

        Assert.True(code == HttpStatusCode.OK, pod.ToJsonString());
        Assert.True(pod["spec"]?["ephemeralContainers"] is not null, pod.ToJsonString());
        Assert.Equal("debugger", pod["spec"]!["ephemeralContainers"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("File", pod["spec"]!["ephemeralContainers"]![0]!["terminationMessagePolicy"]!.GetValue<string>());
        Assert.Null(pod["metadata"]!["labels"]);
    }

    [Fact]
    public async Task An_unknown_subresource_is_a_404_with_empty_details_as_kubectl_expects()
    {
        var (code, status) = await _server.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/pods/p/nosuchthing");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("the server could not find the requested resource", status["message"]!.GetValue<string>());
        Assert.Equal("{}", status["details"]!.ToJsonString());
    }
}
