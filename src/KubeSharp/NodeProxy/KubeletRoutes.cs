using KubeSharp.ApiServer;

namespace KubeSharp.NodeProxy;

/// <summary>Adds the routes the nodes' kubelets answer (pod logs and streams, nodes/proxy, metrics.k8s.io) and the pod and service proxies to an API server.</summary>
internal static class KubeletRoutes
{
    /// <summary>Call from <see cref="ApiServerHost.BeforeServing"/>; the returned connector lives as long as the server.</summary>
    public static KubeletConnector Register(ApiServerHost host)
    {
        var kubelets = new KubeletConnector(host.Certificates, host.Store);
        host.ExtraRoutes.Add(new KubeletProxyRoutes(host.Store, kubelets).HandleAsync);
        host.ExtraRoutes.Add(new PodServiceProxyRoutes(host.Store).HandleAsync);
        host.ExtraRoutes.Add(new MetricsApiRoutes(host.Store, kubelets, host.Printers).HandleAsync);
        foreach (var resource in MetricsApiRoutes.DiscoveryResources)
        {
            host.Discovery.AddExtra(resource);
        }

        return kubelets;
    }
}
