using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.Serialization;

namespace KubeSharp.Client.Configuration;

/// <summary>
/// Everything needed to reach one API server as one user: where it is, how to trust it and how to
/// authenticate. Built from a kubeconfig file (<see cref="FromKubeConfig(string?, string?)"/>),
/// from a pod's service account (<see cref="InCluster"/>), or by hand.
/// </summary>
public sealed class KubernetesClientConfiguration
{
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public required Uri Server { get; set; }
    /// <summary>Namespace of the selected context; "default" when the context names none.</summary>
    public string Namespace { get; set; } = "default";

    /// <summary>Roots trusted for the server's certificate. Empty means the system trust store.</summary>
    public X509Certificate2Collection CertificateAuthorities { get; } = [];
    /// <summary>Accept any server certificate (insecure-skip-tls-verify).</summary>
    public bool SkipTlsVerify { get; set; }
    /// <summary>Name the server's certificate is checked against instead of the URL's host.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>Client certificate with its private key, for mutual TLS.</summary>
    public X509Certificate2? ClientCertificate { get; set; }
    /// <summary>Bearer token sent on every request (ignored when <see cref="TokenFile"/> is set).</summary>
    public string? AccessToken { get; set; }
    /// <summary>File holding the bearer token; re-read periodically because projected tokens rotate.</summary>
    public string? TokenFile { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }

    public string UserAgent { get; set; } = "kubesharp-client/1.0";
    /// <summary>Deadline of every request except watches (which end at their timeoutSeconds). Infinite disables it.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Prefer HTTP/2 over TLS (plain http always uses HTTP/1.1).</summary>
    public bool PreferHttp2 { get; set; } = true;

    /// <summary>
    /// Loads the kubeconfig the way kubectl finds it: <paramref name="path"/> if given, else the
    /// files listed in KUBECONFIG (merged, first value wins), else ~/.kube/config.
    /// </summary>
    public static KubernetesClientConfiguration FromKubeConfig(string? path = null, string? context = null)
    {
        var file = path is not null ? LoadFile(path) : LoadDefaultFiles();
        return FromKubeConfig(file, context);
    }

    /// <summary>Parses kubeconfig YAML text; relative paths in it are resolved against <paramref name="baseDirectory"/>.</summary>
    public static KubernetesClientConfiguration FromKubeConfigYaml(string yaml, string? context = null, string? baseDirectory = null)
    {
        var file = Parse(yaml);
        file.BaseDirectory = baseDirectory;
        return FromKubeConfig(file, context);
    }

    /// <summary>In-cluster configuration from inside a pod; falls back to the kubeconfig files outside one.</summary>
    public static KubernetesClientConfiguration Default() => IsInCluster() ? InCluster() : FromKubeConfig();

    public static bool IsInCluster() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST"))
        && File.Exists(Path.Combine(ServiceAccountDirectory, "token"));

    /// <summary>The configuration of a pod's service account: KUBERNETES_SERVICE_HOST/PORT, its token, CA and namespace.</summary>
    public static KubernetesClientConfiguration InCluster(string serviceAccountDirectory = ServiceAccountDirectory)
    {
        var host = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_HOST");
        var port = Environment.GetEnvironmentVariable("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeConfigException("not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set");
        }

        var authority = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
        var config = new KubernetesClientConfiguration
        {
            Server = new Uri($"https://{authority}"),
            TokenFile = Path.Combine(serviceAccountDirectory, "token"),
        };
        var ca = Path.Combine(serviceAccountDirectory, "ca.crt");
        if (File.Exists(ca))
        {
            config.CertificateAuthorities.ImportFromPemFile(ca);
        }

        var ns = Path.Combine(serviceAccountDirectory, "namespace");
        if (File.Exists(ns))
        {
            config.Namespace = File.ReadAllText(ns).Trim();
        }

        return config;
    }

    internal static KubeConfigFile Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();
        return deserializer.Deserialize<KubeConfigFile?>(yaml) ?? new KubeConfigFile();
    }

    private static KubeConfigFile LoadFile(string path)
    {
        var full = Path.GetFullPath(ExpandHome(path));
        var file = Parse(File.ReadAllText(full));
        file.BaseDirectory = Path.GetDirectoryName(full);
        return file;
    }

    private static KubeConfigFile LoadDefaultFiles()
    {
        var env = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(env))
        {
            var paths = env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(p => File.Exists(ExpandHome(p)))
                .ToList();
            if (paths.Count == 0)
            {
                throw new KubeConfigException($"none of the files in KUBECONFIG exist: {env}");
            }

            return Merge(paths.Select(LoadFile));
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var defaultPath = Path.Combine(home, ".kube", "config");
        return File.Exists(defaultPath)
            ? LoadFile(defaultPath)
            : throw new KubeConfigException($"no kubeconfig: KUBECONFIG is unset and {defaultPath} does not exist");
    }

    /// <summary>Merges kubeconfig files with kubectl's rule: the first file to define a name or the current context wins.
    /// Entries keep the base directory of the file they came from by having their paths made absolute.</summary>
    internal static KubeConfigFile Merge(IEnumerable<KubeConfigFile> files)
    {
        var merged = new KubeConfigFile();
        foreach (var file in files)
        {
            merged.CurrentContext ??= string.IsNullOrEmpty(file.CurrentContext) ? null : file.CurrentContext;
            foreach (var c in file.Clusters.Where(c => merged.Clusters.TrueForAll(m => m.Name != c.Name)))
            {
                c.Cluster.CertificateAuthority = Absolute(c.Cluster.CertificateAuthority, file.BaseDirectory);
                merged.Clusters.Add(c);
            }

            foreach (var u in file.Users.Where(u => merged.Users.TrueForAll(m => m.Name != u.Name)))
            {
                u.User.ClientCertificate = Absolute(u.User.ClientCertificate, file.BaseDirectory);
                u.User.ClientKey = Absolute(u.User.ClientKey, file.BaseDirectory);
                u.User.TokenFile = Absolute(u.User.TokenFile, file.BaseDirectory);
                merged.Users.Add(u);
            }

            merged.Contexts.AddRange(file.Contexts.Where(x => merged.Contexts.TrueForAll(m => m.Name != x.Name)));
        }

        return merged;
    }

    internal static KubernetesClientConfiguration FromKubeConfig(KubeConfigFile file, string? contextName)
    {
        contextName ??= file.CurrentContext;
        if (string.IsNullOrEmpty(contextName))
        {
            throw new KubeConfigException("kubeconfig has no current-context and no context was given");
        }

        var context = file.Contexts.Find(c => c.Name == contextName)?.Context
            ?? throw new KubeConfigException($"context \"{contextName}\" not found in kubeconfig");
        var cluster = file.Clusters.Find(c => c.Name == context.Cluster)?.Cluster
            ?? throw new KubeConfigException($"cluster \"{context.Cluster}\" of context \"{contextName}\" not found in kubeconfig");
        var user = string.IsNullOrEmpty(context.User)
            ? new UserEntry()
            : file.Users.Find(u => u.Name == context.User)?.User
                ?? throw new KubeConfigException($"user \"{context.User}\" of context \"{contextName}\" not found in kubeconfig");

        if (string.IsNullOrEmpty(cluster.Server) || !Uri.TryCreate(cluster.Server, UriKind.Absolute, out var server))
        {
            throw new KubeConfigException($"cluster \"{context.Cluster}\" has no valid server URL: \"{cluster.Server}\"");
        }

        var config = new KubernetesClientConfiguration
        {
            Server = server,
            Namespace = string.IsNullOrEmpty(context.Namespace) ? "default" : context.Namespace,
            SkipTlsVerify = cluster.InsecureSkipTlsVerify,
            TlsServerName = cluster.TlsServerName,
            AccessToken = user.Token,
            TokenFile = Absolute(user.TokenFile, file.BaseDirectory),
            Username = user.Username,
            Password = user.Password,
        };

        var caPem = ReadPem(cluster.CertificateAuthorityData, cluster.CertificateAuthority, file.BaseDirectory);
        if (caPem is not null)
        {
            config.CertificateAuthorities.ImportFromPem(caPem);
            if (config.CertificateAuthorities.Count == 0)
            {
                throw new KubeConfigException($"cluster \"{context.Cluster}\" certificate authority holds no PEM certificate");
            }
        }

        var certPem = ReadPem(user.ClientCertificateData, user.ClientCertificate, file.BaseDirectory);
        var keyPem = ReadPem(user.ClientKeyData, user.ClientKey, file.BaseDirectory);
        if (certPem is not null && keyPem is not null)
        {
            config.ClientCertificate = LoadClientCertificate(certPem, keyPem);
        }
        else if (certPem is not null || keyPem is not null)
        {
            throw new KubeConfigException($"user \"{context.User}\" has a client certificate or key but not both");
        }

        return config;
    }

    /// <summary>Pairs a PEM certificate with its PEM private key (PKCS#1 RSA, SEC1 EC or PKCS#8).</summary>
    public static X509Certificate2 LoadClientCertificate(string certificatePem, string keyPem)
    {
        try
        {
            var cert = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            // SChannel cannot use an ephemeral key for client authentication; a PKCS#12 round trip persists it.
            return OperatingSystem.IsWindows()
                ? X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null)
                : cert;
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new KubeConfigException($"client certificate or key is not valid PEM: {e.Message}", e);
        }
    }

    private static string? ReadPem(string? base64Data, string? filePath, string? baseDirectory)
    {
        if (!string.IsNullOrEmpty(base64Data))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(base64Data));
            }
            catch (FormatException e)
            {
                throw new KubeConfigException("kubeconfig *-data field is not valid base64", e);
            }
        }

        return string.IsNullOrEmpty(filePath) ? null : File.ReadAllText(Absolute(filePath, baseDirectory)!);
    }

    private static string? Absolute(string? path, string? baseDirectory)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        path = ExpandHome(path);
        return Path.IsPathRooted(path) || baseDirectory is null ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
    }

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}

/// <summary>A kubeconfig or in-cluster configuration that cannot be used.</summary>
public sealed class KubeConfigException : Exception
{
    public KubeConfigException(string message) : base(message) { }
    public KubeConfigException(string message, Exception inner) : base(message, inner) { }
}
