namespace KubeSharp.Node.Containerd;

/// <summary>Where and how the node agent runs its own containerd. Every path lives under <see cref="DataDirectory"/>.</summary>
internal sealed record ContainerdOptions
{
    /// <summary>The default pause image: KubeSharp's own, built by images/build.sh and imported at start.</summary>
    public const string DefaultSandboxImage = "registry.k8s.io/pause:3.10";

    /// <param name="dataDirectory">An absolute directory owned by this containerd alone.</param>
    public ContainerdOptions(string dataDirectory)
    {
        if (!Path.IsPathFullyQualified(dataDirectory))
        {
            throw new ArgumentException("The containerd data directory must be an absolute path.", nameof(dataDirectory));
        }

        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public string ContainerdPath { get; init; } = "/usr/bin/containerd";

    public string SandboxImage { get; init; } = DefaultSandboxImage;

    public string CniBinDirectory { get; init; } = "/usr/lib/cni";

    /// <summary>Registry mirrors, TLS and credentials (k3s's registries.yaml), written at start.</summary>
    public RegistriesConfig Registries { get; init; } = RegistriesConfig.Empty;

    /// <summary>How long start-up may take before it is considered failed.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long containerd gets after SIGTERM before it is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public string RootDirectory => Path.Combine(DataDirectory, "root");

    public string StateDirectory => Path.Combine(DataDirectory, "state");

    // A unix socket path must stay under 108 bytes; keep the name short.
    public string SocketPath => Path.Combine(DataDirectory, "containerd.sock");

    public string ConfigPath => Path.Combine(DataDirectory, "config.toml");

    public string LogPath => Path.Combine(DataDirectory, "containerd.log");

    public string CniConfDirectory => Path.Combine(DataDirectory, "cni", "net.d");

    /// <summary>The registry hosts directory (certs.d/&lt;registry&gt;/hosts.toml) for mirrors.</summary>
    public string RegistryHostsDirectory => Path.Combine(DataDirectory, "certs.d");
}
