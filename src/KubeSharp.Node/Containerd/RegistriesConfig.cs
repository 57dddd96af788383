using System.Text;
using YamlDotNet.RepresentationModel;

namespace KubeSharp.Node.Containerd;

/// <summary>
/// k3s's <c>registries.yaml</c>: <c>mirrors.&lt;registry&gt;.endpoint</c> (URLs tried in order) and
/// <c>configs.&lt;host[:port]&gt;</c> with <c>auth</c> (username/password/auth/identitytoken) and
/// <c>tls</c> (ca_file, cert_file, key_file, insecure_skip_verify). It becomes containerd's
/// <c>certs.d/&lt;registry&gt;/hosts.toml</c> files (mirrors and TLS) and registry auth in config.toml.
/// </summary>
/// <remarks>
/// Unlike k3s, a mirrored registry does not fall back to its upstream: the last endpoint is also the hosts.toml
/// <c>server</c>, so a pull either comes from the listed endpoints or fails with their answer.
/// The mirror <c>*</c> is containerd's <c>_default</c> (every registry without its own entry).
/// </remarks>
internal sealed record RegistriesConfig(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Mirrors,
    IReadOnlyDictionary<string, RegistryHostConfig> Configs)
{
    public static RegistriesConfig Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, RegistryHostConfig>());

    /// <summary>Reads the file; a missing file is an empty configuration.</summary>
    /// <exception cref="FormatException">The file is not valid YAML of this shape.</exception>
    public static RegistriesConfig Load(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : Empty;

    public static RegistriesConfig Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"registries.yaml: {e.Message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return Empty;
        }

        var mirrors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (registry, value) in Entries(root, "mirrors"))
        {
            var endpoints = Child(value, "endpoint") switch
            {
                YamlSequenceNode list => list.Children.Select(Scalar).Where(e => e.Length > 0).ToList(),
                YamlScalarNode one => [Scalar(one)],
                _ => [],
            };
            mirrors[registry] = endpoints;
        }

        var configs = new Dictionary<string, RegistryHostConfig>(StringComparer.Ordinal);
        foreach (var (host, value) in Entries(root, "configs"))
        {
            var auth = Child(value, "auth");
            var tls = Child(value, "tls");
            configs[host] = new RegistryHostConfig
            {
                Username = Text(auth, "username"),
                Password = Text(auth, "password"),
                Auth = Text(auth, "auth"),
                IdentityToken = Text(auth, "identitytoken"),
                CaFile = Text(tls, "ca_file"),
                CertFile = Text(tls, "cert_file"),
                KeyFile = Text(tls, "key_file"),
                InsecureSkipVerify = string.Equals(Text(tls, "insecure_skip_verify"), "true", StringComparison.OrdinalIgnoreCase),
            };
        }

        return new RegistriesConfig(mirrors, configs);
    }

    /// <summary>
    /// The hosts.toml files to write, by directory name under certs.d: one per mirrored registry, plus one per
    /// configured host with TLS settings that is not mirrored (so its own pulls honour them).
    /// </summary>
    public IReadOnlyDictionary<string, string> HostsFiles()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (registry, endpoints) in Mirrors)
        {
            if (endpoints.Count == 0)
            {
                continue;
            }

            files[registry == "*" ? "_default" : registry] = HostsToml(endpoints);
        }

        foreach (var (host, config) in Configs)
        {
            if (files.ContainsKey(host) || !config.HasTls)
            {
                continue;
            }

            files[host] = HostsToml(["https://" + host]);
        }

        return files;
    }

    // containerd 1.6 rejects a hosts.toml without [host] entries, and without "server" it appends the registry's
    // upstream; so every endpoint is a [host] (tried in order) and the last one is also the server.
    private string HostsToml(IReadOnlyList<string> endpoints)
    {
        var toml = new StringBuilder();
        toml.Append("server = ").AppendLine(Quote(endpoints[^1]));
        foreach (var endpoint in endpoints)
        {
            toml.AppendLine();
            toml.AppendLine($"[host.{Quote(endpoint)}]");
            toml.AppendLine("  capabilities = [\"pull\", \"resolve\"]");
            AppendTls(toml, endpoint);
        }

        return toml.ToString();
    }

    /// <summary>Replaces every hosts.toml under <paramref name="certsDirectory"/> with this configuration's.</summary>
    public void WriteHostsDirectory(string certsDirectory)
    {
        Directory.CreateDirectory(certsDirectory);
        var files = HostsFiles();
        foreach (var existing in Directory.GetDirectories(certsDirectory))
        {
            if (!files.ContainsKey(Path.GetFileName(existing)))
            {
                Directory.Delete(existing, recursive: true);
            }
        }

        foreach (var (directory, toml) in files)
        {
            var path = Path.Combine(certsDirectory, directory);
            Directory.CreateDirectory(path);
            File.WriteAllText(Path.Combine(path, "hosts.toml"), toml);
        }
    }

    /// <summary>The host[:port] of an endpoint URL (the key of its entry under configs).</summary>
    internal static string HostOf(string endpoint) =>
        Uri.TryCreate(endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : "https://" + endpoint, UriKind.Absolute, out var uri)
            ? uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}"
            : endpoint;

    // TLS settings of the configs entry for the endpoint's host, inside its [host] section.
    private void AppendTls(StringBuilder toml, string endpoint)
    {
        if (!Configs.TryGetValue(HostOf(endpoint), out var config) || !config.HasTls)
        {
            return;
        }

        const string indent = "  ";
        if (config.CaFile is { Length: > 0 } ca)
        {
            toml.AppendLine($"{indent}ca = {Quote(ca)}");
        }

        if (config.CertFile is { Length: > 0 } cert)
        {
            toml.AppendLine(config.KeyFile is { Length: > 0 } key
                ? $"{indent}client = [[{Quote(cert)}, {Quote(key)}]]"
                : $"{indent}client = {Quote(cert)}");
        }

        if (config.InsecureSkipVerify)
        {
            toml.AppendLine($"{indent}skip_verify = true");
        }
    }

    private static IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode root, string name) =>
        Child(root, name) is YamlMappingNode map
            ? map.Children.Select(e => (Scalar(e.Key), e.Value)).Where(e => e.Item1.Length > 0)
            : [];

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Text(YamlNode? node, string key) => Child(node, key) is YamlScalarNode { Value: { Length: > 0 } value } ? value : null;

    private static string Scalar(YamlNode node) => node is YamlScalarNode { Value: { } value } ? value : "";

    /// <summary>A TOML basic string.</summary>
    internal static string Quote(string value)
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

/// <summary>One <c>configs</c> entry of registries.yaml.</summary>
internal sealed record RegistryHostConfig
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>base64 of "username:password".</summary>
    public string? Auth { get; init; }

    public string? IdentityToken { get; init; }

    public string? CaFile { get; init; }

    public string? CertFile { get; init; }

    public string? KeyFile { get; init; }

    public bool InsecureSkipVerify { get; init; }

    public bool HasTls => CaFile is not null || CertFile is not null || InsecureSkipVerify;

    public bool HasAuth => Username is not null || Password is not null || Auth is not null || IdentityToken is not null;
}
