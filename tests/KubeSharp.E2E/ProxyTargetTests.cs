using System.Net.Sockets;
using KubeSharp.NodeProxy;

namespace KubeSharp.E2E;

/// <summary>The name forms of the proxy subresources and the error words they answer with (pure functions).</summary>
public sealed class ProxyTargetTests
{
    [Theory]
    [InlineData("web", "", "web", "")]
    [InlineData("web:8080", "", "web", "8080")]
    [InlineData("web:http", "", "web", "http")]
    [InlineData("https:web:443", "https", "web", "443")]
    [InlineData("https:web:", "https", "web", "")]
    public void Proxy_ids_split_into_scheme_name_and_port(string id, string scheme, string name, string port)
    {
        Assert.True(ProxyTarget.TrySplit(id, out var s, out var n, out var p));
        Assert.Equal((scheme, name, port), (s, n, p));
    }

    [Theory]
    [InlineData("")]
    [InlineData(":80")]
    [InlineData("ftp:web:21")]
    [InlineData("a:b:c:d")]
    public void Malformed_proxy_ids_are_rejected(string id) => Assert.False(ProxyTarget.TrySplit(id, out _, out _, out _));

    [Theory]
    [InlineData("/api/v1/namespaces/ns/pods/web/proxy", "")]
    [InlineData("/api/v1/namespaces/ns/pods/web/proxy/", "/")]
    [InlineData("/api/v1/namespaces/ns/pods/web:80/proxy/a%2Fb/c/", "/a%2Fb/c/")]
    public void The_backend_path_is_what_follows_proxy_still_escaped(string rawPath, string suffix) =>
        Assert.Equal(suffix, ProxyTarget.RawSuffix(rawPath, "pods"));

    [Fact]
    public void A_refused_connection_reads_as_Gos_dialer_writes_it() =>
        Assert.Equal("dial tcp 10.42.0.7:81: connect: connection refused",
            ProxyTarget.DialError("10.42.0.7:81", new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused))));
}
