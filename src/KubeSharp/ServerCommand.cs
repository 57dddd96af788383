using System.CommandLine;
using System.Net;
using KubeSharp.ApiServer;
using KubeSharp.ApiServer.Printing;
using KubeSharp.ApiServer.Registry.Strategies;
using KubeSharp.ApiServer.Registry;
using KubeSharp.Client;
using KubeSharp.Client.Configuration;
using KubeSharp.Controllers;
using KubeSharp.Networking.Dns;
using KubeSharp.NodeProxy;
using KubeSharp.Scheduler;
using Microsoft.Extensions.Logging;

namespace KubeSharp;

/// <summary>`kubesharp server`: the control plane (API server, controllers, scheduler) plus a node agent.</summary>
internal static class ServerCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir", "-d") { Description = "Folder to hold state (store, certificates, kubeconfig, agent data)", DefaultValueFactory = _ => "/var/lib/kubesharp" };
        var port = new Option<int>("--https-listen-port") { Description = "HTTPS listen port of the API server", DefaultValueFactory = _ => 6443 };
        var bind = new Option<string>("--bind-address") { Description = "Address the API server binds to", DefaultValueFactory = _ => "127.0.0.1" };
        var writeKubeconfig = new Option<string?>("--write-kubeconfig", "-o") { Description = "Also write the admin kubeconfig to this path (always written to <data-dir>/kubeconfig.yaml)" };
        var datastore = new Option<string>("--datastore-endpoint") { Description = "Store: 'sqlite' (embedded, default), a SQLite file path, or etcd endpoints", DefaultValueFactory = _ => "sqlite" };
        var disableAgent = new Option<bool>("--disable-agent") { Description = "Run only the control plane, no node agent on this machine" };
        var nodeName = new Option<string?>("--node-name") { Description = "Name of this machine's node (default: host name)" };
        var token = new Option<string?>("--token", "-t") { Description = "Shared secret agents use to join this server" };
        var serviceCidr = new Option<string>("--service-cidr") { Description = "IPv4 range of service cluster IPs", DefaultValueFactory = _ => "10.43.0.0/16" };
        var clusterCidr = new Option<string>("--cluster-cidr") { Description = "IPv4 range of pod IPs", DefaultValueFactory = _ => "10.42.0.0/16" };
        var nodeCidrMaskSize = new Option<int>("--node-cidr-mask-size") { Description = "Size of the pod range each node gets from --cluster-cidr (its spec.podCIDR)", DefaultValueFactory = _ => 24 };
        var kubeletPort = new Option<int>("--kubelet-port") { Description = "HTTPS port of this node's kubelet endpoint (0: any free port)", DefaultValueFactory = _ => 10250 };
        var clusterDns = new Option<string?>("--cluster-dns") { Description = "Cluster IP of the kube-dns service (default: the 10th address of --service-cidr)" };
        var clusterDomain = new Option<string>("--cluster-domain") { Description = "Cluster domain", DefaultValueFactory = _ => "cluster.local" };
        var dnsPort = new Option<int>("--cluster-dns-port") { Description = "Port the cluster DNS server listens on at the node's address (UDP and TCP)", DefaultValueFactory = _ => 53 };
        var disable = new Option<string[]>("--disable") { Description = "Do not run these packaged components: coredns (the built-in cluster DNS), ingress (the built-in ingress controller)", AllowMultipleArgumentsPerToken = true };
        var ingressHttpPort = new Option<int>("--ingress-http-port") { Description = "HTTP port of the ingress controller on the node's address and 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 80 };
        var ingressHttpsPort = new Option<int>("--ingress-https-port") { Description = "HTTPS port of the ingress controller on the node's address and 127.0.0.1 (0: any free port)", DefaultValueFactory = _ => 443 };
        var localStoragePath = new Option<string?>("--default-local-storage-path") { Description = "Folder the local-path provisioner keeps volumes in on the nodes (default: <data-dir>/storage)" };
        var hpaSyncPeriod = new Option<string>("--horizontal-pod-autoscaler-sync-period") { Description = "How often the horizontal pod autoscaler reconciles each autoscaler (a duration, e.g. 15s)", DefaultValueFactory = _ => "15s" };
        var hpaDownscaleStabilization = new Option<string>("--horizontal-pod-autoscaler-downscale-stabilization") { Description = "Scale-down stabilization window of autoscalers that set none (a duration, e.g. 5m)", DefaultValueFactory = _ => "5m" };
        var eventTtl = new Option<string>("--event-ttl") { Description = "How long an event is kept after it was last recorded (a duration, e.g. 1h)", DefaultValueFactory = _ => "1h" };
        var authorizationMode = new Option<string>("--authorization-mode") { Description = "How requests are authorized: AlwaysAllow (every authenticated user may do everything; the default for now) or RBAC (Roles, ClusterRoles and their bindings; members of system:masters may do everything)", DefaultValueFactory = _ => "AlwaysAllow" };
        authorizationMode.AcceptOnlyFromAmong("RBAC", "AlwaysAllow");
        var command = new Command("server", "Run the control plane and, unless --disable-agent, a node agent")
        {
            dataDir, port, bind, writeKubeconfig, datastore, disableAgent, nodeName, token, serviceCidr, clusterCidr, nodeCidrMaskSize, kubeletPort, clusterDns, clusterDomain, dnsPort, disable, localStoragePath,
            hpaSyncPeriod, hpaDownscaleStabilization, ingressHttpPort, ingressHttpsPort, eventTtl, authorizationMode,
        };
        command.SetAction(async (parse, ct) =>
        {
            // Refuse a cluster range and node mask that do not fit before anything starts.
            _ = new KubeSharp.Controllers.NodeIpam.PodCidrAllocator(parse.GetValue(clusterCidr)!, parse.GetValue(nodeCidrMaskSize));
            var options = new ApiServerOptions
            {
                DataDir = parse.GetValue(dataDir)!,
                HttpsPort = parse.GetValue(port),
                BindAddress = IPAddress.Parse(parse.GetValue(bind)!),
                WriteKubeconfig = parse.GetValue(writeKubeconfig),
                DatastoreEndpoint = parse.GetValue(datastore)!,
                Token = parse.GetValue(token),
                ServiceCidr = parse.GetValue(serviceCidr)!,
                ClusterCidr = parse.GetValue(clusterCidr)!,
                ClusterDomain = parse.GetValue(clusterDomain)!,
                EventTtl = GoDuration.Parse(parse.GetValue(eventTtl)!),
                AuthorizationMode = parse.GetValue(authorizationMode) == "AlwaysAllow" ? KubeSharp.ApiServer.Authorization.AuthorizationMode.AlwaysAllow : KubeSharp.ApiServer.Authorization.AuthorizationMode.Rbac,
            };
            using var loggerFactory = Logging.Create();
            var logger = loggerFactory.CreateLogger("kubesharp");
            await using var server = new ApiServerHost(options, loggerFactory);
            // Logs, exec, attach, port-forward, nodes/proxy and metrics.k8s.io: answered by the nodes' kubelet ports.
            KubeletConnector? kubelets = null;
            server.BeforeServing.Add(host => kubelets = KubeletRoutes.Register(host));
            await server.StartAsync(BuiltIns.Strategies(), BuiltIns.RegisterPrinters, ct).ConfigureAwait(false);

            // Control plane: controller manager and scheduler (each leader-elected), in-process, as the admin user.
            using var controlPlaneClient = new KubernetesClient(KubernetesClientConfiguration.FromKubeConfig(options.KubeconfigPath), loggerFactory.CreateLogger<KubernetesClient>());
            var controlPlane = Task.WhenAll(
                // A stable identity lets a restarted server take its own lease back at once instead of waiting for it to expire.
                new ControllerManager(controlPlaneClient, loggerFactory)
                {
                    Identity = $"{Environment.MachineName}_{options.HttpsPort}",
                    LocalStoragePath = parse.GetValue(localStoragePath) ?? Path.Combine(Path.GetFullPath(options.DataDir), "storage"),
                    HorizontalPodAutoscalerSyncPeriod = GoDuration.Parse(parse.GetValue(hpaSyncPeriod)!),
                    HorizontalPodAutoscalerDownscaleStabilization = GoDuration.Parse(parse.GetValue(hpaDownscaleStabilization)!),
                    ClusterCidr = options.ClusterCidr,
                    NodeCidrMaskSize = parse.GetValue(nodeCidrMaskSize),
                }.RunAsync(ct),
                new PodScheduler(controlPlaneClient, loggerFactory) { Identity = $"{Environment.MachineName}_{options.HttpsPort}" }.RunAsync(ct));

            // ---- cluster DNS (kube-system/kube-dns), unless --disable coredns ----
            var dnsClusterIP = parse.GetValue(clusterDns) is { Length: > 0 } given ? IPAddress.Parse(given) : ClusterDnsOptions.DefaultClusterIP(options.ServiceCidr);
            await using var dns = (parse.GetValue(disable) ?? []).Contains("coredns", StringComparer.OrdinalIgnoreCase)
                ? null
                : await ClusterDnsHosting.StartAsync(controlPlaneClient, new ClusterDnsOptions
                {
                    ClusterIP = dnsClusterIP,
                    Domain = options.ClusterDomain,
                    ListenAddresses = [ClusterDnsOptions.DefaultNodeAddress()],
                    Port = parse.GetValue(dnsPort),
                }, loggerFactory, ct).ConfigureAwait(false);

            // ---- node agent (this machine's node), unless --disable-agent ----
            await using var agent = parse.GetValue(disableAgent)
                ? null
                : await AgentHosting.StartEmbeddedAsync(options.DataDir, parse.GetValue(nodeName), parse.GetValue(kubeletPort), options.KubeconfigPath, dns is null ? null : dnsClusterIP.ToString(), options.ClusterDomain, options.ClusterCidr, loggerFactory, ct).ConfigureAwait(false);
            // ---- end node agent ----

            // ---- ingress controller (IngressClass "kubesharp") on this machine's node, unless --disable ingress ----
            await using var ingress = agent is null || (parse.GetValue(disable) ?? []).Contains("ingress", StringComparer.OrdinalIgnoreCase)
                ? null
                : await IngressHosting.StartAsync(controlPlaneClient, nodeIP: null, parse.GetValue(ingressHttpPort), parse.GetValue(ingressHttpsPort), createIngressClass: true, loggerFactory, ct).ConfigureAwait(false);

            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            logger.LogInformation("shutting down");
            await controlPlane.ConfigureAwait(false);
            kubelets?.Dispose();
            return 0;
        });
        return command;
    }
}

/// <summary>The built-in kinds' strategies and printers.</summary>
internal static class BuiltIns
{
    public static IReadOnlyDictionary<Type, ResourceStrategy> Strategies() => BuiltInStrategies.Create();

    public static void RegisterPrinters(TablePrinters printers) => BuiltInPrinters.RegisterAll(printers);
}
