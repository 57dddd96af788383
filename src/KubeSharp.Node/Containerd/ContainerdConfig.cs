using System.Text;

namespace KubeSharp.Node.Containerd;

/// <summary>Renders containerd's config.toml (format version 2, containerd 1.6+) for one supervised instance.</summary>
internal static class ContainerdConfig
{
    public static string Render(ContainerdOptions options)
    {
        const string Cri = "plugins.\"io.containerd.grpc.v1.cri\"";
        var toml = new StringBuilder();
        toml.AppendLine("version = 2");
        toml.AppendLine($"root = {Quote(options.RootDirectory)}");
        toml.AppendLine($"state = {Quote(options.StateDirectory)}");
        toml.AppendLine();
        toml.AppendLine("[grpc]");
        toml.AppendLine($"  address = {Quote(options.SocketPath)}");
        toml.AppendLine();
        toml.AppendLine("[ttrpc]");
        toml.AppendLine($"  address = {Quote(options.SocketPath + ".ttrpc")}");
        toml.AppendLine();
        toml.AppendLine($"[{Cri}]");
        toml.AppendLine($"  sandbox_image = {Quote(options.SandboxImage)}");
        // Without it runc tries to give the sandbox a negative oom_score_adj, which needs CAP_SYS_RESOURCE.
        toml.AppendLine("  restrict_oom_score_adj = true");
        toml.AppendLine("  enable_selinux = false");
        // Exec/attach/port-forward sessions: loopback only, on a port the kernel picks.
        toml.AppendLine("  stream_server_address = \"127.0.0.1\"");
        toml.AppendLine("  stream_server_port = \"0\"");
        toml.AppendLine();
        toml.AppendLine($"[{Cri}.containerd]");
        toml.AppendLine("  snapshotter = \"overlayfs\"");
        toml.AppendLine("  default_runtime_name = \"runc\"");
        toml.AppendLine();
        toml.AppendLine($"[{Cri}.containerd.runtimes.runc]");
        toml.AppendLine("  runtime_type = \"io.containerd.runc.v2\"");
        toml.AppendLine();
        toml.AppendLine($"[{Cri}.containerd.runtimes.runc.options]");
        toml.AppendLine("  SystemdCgroup = false");
        toml.AppendLine();
        toml.AppendLine($"[{Cri}.cni]");
        toml.AppendLine($"  bin_dir = {Quote(options.CniBinDirectory)}");
        toml.AppendLine($"  conf_dir = {Quote(options.CniConfDirectory)}");
        toml.AppendLine("  max_conf_num = 1");
        toml.AppendLine();
        toml.AppendLine($"[{Cri}.registry]");
        toml.AppendLine($"  config_path = {Quote(options.RegistryHostsDirectory)}");
        // hosts.toml has no credentials; registries.yaml's auth goes where containerd 1.6+ still reads it.
        foreach (var (host, config) in options.Registries.Configs.Where(c => c.Value.HasAuth).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            toml.AppendLine();
            toml.AppendLine($"[{Cri}.registry.configs.{Quote(host)}.auth]");
            foreach (var (key, value) in new[] { ("username", config.Username), ("password", config.Password), ("auth", config.Auth), ("identitytoken", config.IdentityToken) })
            {
                if (value is not null)
                {
                    toml.AppendLine($"  {key} = {Quote(value)}");
                }
            }
        }

        return toml.ToString();
    }

    // A TOML basic string.
    private static string Quote(string value)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                < ' ' => quoted.Append($"\\u{(int)c:X4}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
