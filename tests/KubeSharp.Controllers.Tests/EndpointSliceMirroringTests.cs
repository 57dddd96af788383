using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Client;
using static KubeSharp.Controllers.Tests.InProcessCluster;

namespace KubeSharp.Controllers.Tests;

/// <summary>Endpoints written for a Service without a selector are mirrored into EndpointSlices.</summary>
public sealed class EndpointSliceMirroringTests : IAsyncLifetime
{
    private InProcessCluster _cluster = null!;

    private KubernetesClient Client => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<List<EndpointSlice>> MirroredAsync(string service) =>
        (await Client.ListAsync<EndpointSlice>("default", new ListOptions { LabelSelector = $"kubernetes.io/service-name={service},endpointslice.kubernetes.io/managed-by=endpointslicemirroring-controller.k8s.io" })).Items;

    private static Api.Core.V1.Endpoints CustomEndpoints(string name, string ip) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Subsets = [new EndpointSubset { Addresses = [new EndpointAddress { Ip = ip }], Ports = [new Api.Core.V1.EndpointPort { Name = "example", Port = 80, Protocol = "TCP" }] }],
    };

    [Fact]
    public async Task Custom_endpoints_are_mirrored_through_create_update_and_delete()
    {
        await Client.CreateAsync(new Service
        {
            Metadata = new ObjectMeta { Name = "mirrored", Namespace = "default" },
            Spec = new ServiceSpec { Ports = [new ServicePort { Name = "example", Port = 80, TargetPort = 80 }] },
        });
        await Client.CreateAsync(CustomEndpoints("mirrored", "10.1.2.3"));

        await WaitUntilAsync(async () => await MirroredAsync("mirrored") is [{ Endpoints: [{ Addresses: ["10.1.2.3"] }] }]);
        var slice = (await MirroredAsync("mirrored"))[0];
        var endpoints = await Client.GetAsync<Api.Core.V1.Endpoints>("mirrored", "default");
        endpoints.Subsets![0].Addresses![0].Ip = "10.2.3.4";
        await Client.UpdateAsync(endpoints);
        await WaitUntilAsync(async () => await MirroredAsync("mirrored") is [{ Endpoints: [{ Addresses: ["10.2.3.4"] }] }]);
        await Client.DeleteAsync<Api.Core.V1.Endpoints>("mirrored", "default");
        await WaitUntilAsync(async () => (await MirroredAsync("mirrored")).Count == 0);

        Assert.Equal(80, slice.Ports![0].Port);
        Assert.Equal("example", slice.Ports[0].Name);
        Assert.True(slice.Endpoints![0].Conditions!.Ready);
        Assert.Equal("Endpoints", slice.Metadata!.OwnerReferences![0].Kind);
    }
}
