namespace KubeSharp.ApiServer.Tests.Http;

/// <summary>/version as kube-apiserver writes it.</summary>
public sealed class VersionTests : IAsyncLifetime
{
    private InProcessServer _server = null!;

    public async Task InitializeAsync() => _server = await InProcessServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_version_is_indented_json_with_major_first()
    {
        var text = await _server.Http.GetStringAsync("/version");

        Assert.StartsWith("{\n  \"major\": \"1\",\n  \"minor\": \"32\",", text, StringComparison.Ordinal);
    }
}
