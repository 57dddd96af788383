using YamlDotNet.Serialization;

namespace KubeSharp.Client.Configuration;

// The kubeconfig file format (clientcmd/api/v1). Only the fields the client acts on are modelled;
// unknown fields are ignored so newer kubeconfig files still load.

public sealed class KubeConfigFile
{
    [YamlMember(Alias = "apiVersion")] public string? ApiVersion { get; set; }
    [YamlMember(Alias = "kind")] public string? Kind { get; set; }
    [YamlMember(Alias = "current-context")] public string? CurrentContext { get; set; }
    [YamlMember(Alias = "clusters")] public List<NamedCluster> Clusters { get; set; } = [];
    [YamlMember(Alias = "users")] public List<NamedUser> Users { get; set; } = [];
    [YamlMember(Alias = "contexts")] public List<NamedContext> Contexts { get; set; } = [];

    /// <summary>The directory relative file paths in this file are resolved against; null when not loaded from a file.</summary>
    [YamlIgnore] public string? BaseDirectory { get; set; }
}

public sealed class NamedCluster
{
    [YamlMember(Alias = "name")] public string Name { get; set; } = "";
    [YamlMember(Alias = "cluster")] public ClusterEntry Cluster { get; set; } = new();
}

public sealed class ClusterEntry
{
    [YamlMember(Alias = "server")] public string? Server { get; set; }
    [YamlMember(Alias = "tls-server-name")] public string? TlsServerName { get; set; }
    [YamlMember(Alias = "insecure-skip-tls-verify")] public bool InsecureSkipTlsVerify { get; set; }
    [YamlMember(Alias = "certificate-authority")] public string? CertificateAuthority { get; set; }
    [YamlMember(Alias = "certificate-authority-data")] public string? CertificateAuthorityData { get; set; }
    [YamlMember(Alias = "proxy-url")] public string? ProxyUrl { get; set; }
}

public sealed class NamedUser
{
    [YamlMember(Alias = "name")] public string Name { get; set; } = "";
    [YamlMember(Alias = "user")] public UserEntry User { get; set; } = new();
}

public sealed class UserEntry
{
    [YamlMember(Alias = "client-certificate")] public string? ClientCertificate { get; set; }
    [YamlMember(Alias = "client-certificate-data")] public string? ClientCertificateData { get; set; }
    [YamlMember(Alias = "client-key")] public string? ClientKey { get; set; }
    [YamlMember(Alias = "client-key-data")] public string? ClientKeyData { get; set; }
    [YamlMember(Alias = "token")] public string? Token { get; set; }
    [YamlMember(Alias = "tokenFile")] public string? TokenFile { get; set; }
    [YamlMember(Alias = "username")] public string? Username { get; set; }
    [YamlMember(Alias = "password")] public string? Password { get; set; }
}

public sealed class NamedContext
{
    [YamlMember(Alias = "name")] public string Name { get; set; } = "";
    [YamlMember(Alias = "context")] public ContextEntry Context { get; set; } = new();
}

public sealed class ContextEntry
{
    [YamlMember(Alias = "cluster")] public string? Cluster { get; set; }
    [YamlMember(Alias = "user")] public string? User { get; set; }
    [YamlMember(Alias = "namespace")] public string? Namespace { get; set; }
}
