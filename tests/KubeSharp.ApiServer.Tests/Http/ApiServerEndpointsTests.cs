namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>The `kubernetes` Service's endpoints, which in-cluster clients reach the API server through.</summary>
public sealed class ApiServerEndpointsTests : IAsyncLifetime
{
    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_kubernetes_service_has_an_endpoint_slice_naming_the_api_server_address_and_port()
    {
        var port = _server.Http.BaseAddress!.Port;

        var slice = await _server.GetAsync("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes");
        var endpoints = await _server.GetAsync("/api/v1/namespaces/default/endpoints/kubernetes");

        Assert.Equal("kubernetes", slice["metadata"]!["labels"]!["kubernetes.io/service-name"]!.GetValue<string>());
        Assert.Equal("IPv4", slice["addressType"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", slice["endpoints"]![0]!["addresses"]![0]!.GetValue<string>());
        Assert.True(slice["endpoints"]![0]!["conditions"]!["ready"]!.GetValue<bool>());
        Assert.Equal(port, slice["ports"]![0]!["port"]!.GetValue<int>());
        Assert.Equal("https", slice["ports"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("127.0.0.1", endpoints["subsets"]![0]!["addresses"]![0]!["ip"]!.GetValue<string>());
        Assert.Equal(port, endpoints["subsets"]![0]!["ports"]![0]!["port"]!.GetValue<int>());
    }
}
