using KubeSharp.Node.Containerd;

namespace KubeSharp.Node.Tests;

public sealed class ContainerdConfigTests
{
    private static readonly string Config = ContainerdConfig.Render(new ContainerdOptions("/var/lib/ks/node-a"));

    [Theory]
    [InlineData("root = \"/var/lib/ks/node-a/root\"")]
    [InlineData("state = \"/var/lib/ks/node-a/state\"")]
    [InlineData("address = \"/var/lib/ks/node-a/containerd.sock\"")]
    [InlineData("restrict_oom_score_adj = true")]
    [InlineData("SystemdCgroup = false")]
    [InlineData("snapshotter = \"overlayfs\"")]
    [InlineData("bin_dir = \"/usr/lib/cni\"")]
    [InlineData("conf_dir = \"/var/lib/ks/node-a/cni/net.d\"")]
    [InlineData("config_path = \"/var/lib/ks/node-a/certs.d\"")]
    [InlineData("sandbox_image = \"registry.k8s.io/pause:3.10\"")]
    [InlineData("stream_server_address = \"127.0.0.1\"")]
    public void The_config_keeps_everything_under_the_data_directory_and_sets_what_this_host_needs(string line) =>
        Assert.Contains(line, Config, StringComparison.Ordinal);

    [Fact]
    public void Paths_are_quoted_as_toml_strings()
    {
        var config = ContainerdConfig.Render(new ContainerdOptions("/tmp/a \"quoted\" dir"));

        Assert.Contains("root = \"/tmp/a \\\"quoted\\\" dir/root\"", config, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_data_directory_is_rejected() =>
        Assert.Throws<ArgumentException>(() => new ContainerdOptions("relative/dir"));
}
