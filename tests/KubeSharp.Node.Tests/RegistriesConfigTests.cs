using KubeSharp.Node.Containerd;

namespace KubeSharp.Node.Tests;

/// <summary>k3s's registries.yaml turned into containerd's hosts.toml files and registry auth.</summary>
public sealed class RegistriesConfigTests
{
    private const string Yaml = """
        mirrors:
          docker.io:
            endpoint:
              - "http://127.0.0.1:5000"
          registry.example.com:
            endpoint:
              - "https://mirror-a.example.com:8443"
              - "https://mirror-b.example.com"
          "*":
            endpoint: ["http://127.0.0.1:6000"]
        configs:
          "mirror-a.example.com:8443":
            auth:
              username: alice
              password: secret
            tls:
              ca_file: /etc/ssl/mirror-ca.pem
              cert_file: /etc/ssl/client.pem
              key_file: /etc/ssl/client.key
          private.example.com:
            tls:
              insecure_skip_verify: true
        """;

    private static readonly RegistriesConfig Config = RegistriesConfig.Parse(Yaml);

    [Fact]
    public void A_single_mirror_endpoint_becomes_the_registry_s_server()
    {
        Assert.Equal(
            "server = \"http://127.0.0.1:5000\"\n\n[host.\"http://127.0.0.1:5000\"]\n  capabilities = [\"pull\", \"resolve\"]\n",
            Config.HostsFiles()["docker.io"].ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Endpoints_are_tried_in_order_with_tls_settings_of_their_host()
    {
        var toml = Config.HostsFiles()["registry.example.com"].ReplaceLineEndings("\n");
        Assert.Equal(
            "server = \"https://mirror-b.example.com\"\n\n"
            + "[host.\"https://mirror-a.example.com:8443\"]\n"
            + "  capabilities = [\"pull\", \"resolve\"]\n"
            + "  ca = \"/etc/ssl/mirror-ca.pem\"\n"
            + "  client = [[\"/etc/ssl/client.pem\", \"/etc/ssl/client.key\"]]\n\n"
            + "[host.\"https://mirror-b.example.com\"]\n"
            + "  capabilities = [\"pull\", \"resolve\"]\n",
            toml);
    }

    [Fact]
    public void The_wildcard_mirror_is_containerd_s_default_and_unmirrored_tls_hosts_get_their_own_file()
    {
        var files = Config.HostsFiles();
        Assert.Contains("http://127.0.0.1:6000", files["_default"], StringComparison.Ordinal);
        Assert.EndsWith("[host.\"https://private.example.com\"]\n  capabilities = [\"pull\", \"resolve\"]\n  skip_verify = true\n", files["private.example.com"].ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_go_to_containerd_s_registry_auth_config()
    {
        var toml = ContainerdConfig.Render(new ContainerdOptions("/var/lib/ks/node-r") { Registries = Config });
        Assert.Contains("[plugins.\"io.containerd.grpc.v1.cri\".registry.configs.\"mirror-a.example.com:8443\".auth]\n  username = \"alice\"\n  password = \"secret\"", toml.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("private.example.com\".auth", toml, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_replaces_what_an_earlier_configuration_left()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ks-registries-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "stale.example.com"));
            Config.WriteHostsDirectory(directory);
            Assert.False(Directory.Exists(Path.Combine(directory, "stale.example.com")));
            Assert.True(File.Exists(Path.Combine(directory, "docker.io", "hosts.toml")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_missing_or_empty_file_configures_nothing()
    {
        Assert.Empty(RegistriesConfig.Load("/nonexistent/registries.yaml").HostsFiles());
        Assert.Empty(RegistriesConfig.Parse("").HostsFiles());
    }
}
