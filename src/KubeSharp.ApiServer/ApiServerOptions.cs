using System.Net;

namespace KubeSharp.ApiServer;

/// <summary>Settings of the API server (the flags of `kubesharp server`).</summary>
public sealed class ApiServerOptions
{
    public string DataDir { get; set; } = "/var/lib/kubesharp";
    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;
    public int HttpsPort { get; set; } = 6443;
    /// <summary>Where to write the admin kubeconfig besides &lt;data-dir&gt;/kubeconfig.yaml.</summary>
    public string? WriteKubeconfig { get; set; }
    /// <summary>"sqlite" (default, &lt;data-dir&gt;/server/db/state.db), a sqlite path, or etcd endpoints.</summary>
    public string DatastoreEndpoint { get; set; } = "sqlite";
    /// <summary>Shared secret agents present to join the cluster.</summary>
    public string? Token { get; set; }
    /// <summary>The service IP range; the first address is the `kubernetes` service.</summary>
    public string ServiceCidr { get; set; } = "10.43.0.0/16";
    public string ClusterCidr { get; set; } = "10.42.0.0/16";
    public string ClusterDomain { get; set; } = "cluster.local";

    /// <summary>Changes the watch cache remembers: how far back watches resume and paged lists stay consistent.</summary>
    public int WatchHistoryCapacity { get; set; } = Storage.WatchCache.DefaultHistoryCapacity;

    /// <summary>How long an Event is kept after it was last recorded (kube-apiserver's --event-ttl).</summary>
    public TimeSpan EventTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>AlwaysAllow (default for now) or RBAC (--authorization-mode).</summary>
    public Authorization.AuthorizationMode AuthorizationMode { get; set; } = Authorization.AuthorizationMode.AlwaysAllow;

    public string KubeconfigPath => Path.Combine(DataDir, "kubeconfig.yaml");
}
