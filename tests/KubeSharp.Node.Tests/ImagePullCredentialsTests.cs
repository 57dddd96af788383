using System.Text;
using KubeSharp.Api.Core.V1;
using KubeSharp.Node.Cri.V1;
using KubeSharp.Node.Pods;

namespace KubeSharp.Node.Tests;

/// <summary>imagePullSecrets as the kubelet's keyring matches them to images.</summary>
public sealed class ImagePullCredentialsTests
{
    private static Secret DockerConfigJson(string json) => new()
    {
        Type = "kubernetes.io/dockerconfigjson",
        Data = new Dictionary<string, byte[]> { [".dockerconfigjson"] = Encoding.UTF8.GetBytes(json) },
    };

    [Fact]
    public void The_auth_field_is_decoded_into_username_and_password()
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("bob:pa:ss"));
        var entry = Assert.Single(ImagePullCredentials.Entries(DockerConfigJson("{\"auths\":{\"127.0.0.1:5000\":{\"auth\":\"" + auth + "\"}}}")));
        Assert.Equal(("127.0.0.1:5000", "bob", "pa:ss"), (entry.Key, entry.Auth.Username, entry.Auth.Password));
    }

    [Fact]
    public void Legacy_dockercfg_secrets_are_read_too()
    {
        var secret = new Secret { Data = new Dictionary<string, byte[]> { [".dockercfg"] = Encoding.UTF8.GetBytes("""{"quay.io":{"username":"u","password":"p"}}""") } };
        Assert.Equal("u", Assert.Single(ImagePullCredentials.Entries(secret)).Auth.Username);
    }

    [Theory]
    [InlineData("https://index.docker.io/v1/", "busybox", true)]
    [InlineData("docker.io", "library/busybox:1.36", true)]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000/team/app:v1", true)]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5001/team/app:v1", false)]
    [InlineData("*.example.com", "registry.example.com/app", true)]
    [InlineData("*.example.com", "example.com/app", false)]
    [InlineData("registry.example.com/team", "registry.example.com/team/app", true)]
    [InlineData("registry.example.com/team", "registry.example.com/other/app", false)]
    public void An_entry_applies_to_images_of_its_host_port_and_path(string key, string image, bool applies)
    {
        var matched = ImagePullCredentials.Match([(key, new AuthConfig { Username = "u" })], image);
        Assert.Equal(applies, matched.Count == 1);
    }

    [Fact]
    public void The_most_specific_entry_is_tried_first()
    {
        var matched = ImagePullCredentials.Match(
            [("registry.example.com", new AuthConfig { Username = "host" }), ("registry.example.com/team", new AuthConfig { Username = "team" })],
            "registry.example.com/team/app:v2");
        Assert.Equal(["team", "host"], matched.Select(a => a.Username));
    }
}
