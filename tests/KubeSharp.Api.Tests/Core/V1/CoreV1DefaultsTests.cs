using KubeSharp.Api.Core.V1;

namespace KubeSharp.Api.Tests.Core.V1;

public sealed class CoreV1DefaultsTests
{
    private static Pod PodWith(params Container[] containers) => new()
    {
        Metadata = new ObjectMeta { Name = "p", Namespace = "default" },
        Spec = new PodSpec { Containers = [.. containers] },
    };

    [Fact]
    public void Pod_without_restart_policy_defaults_to_Always()
    {
        var pod = PodWith(new Container { Name = "c", Image = "nginx:1.27" });

        CoreV1Defaults.Apply(pod);

        Assert.Equal("Always", pod.Spec!.RestartPolicy);
    }

    [Fact]
    public void Pod_spec_gets_the_scheduling_and_dns_defaults()
    {
        var pod = PodWith(new Container { Name = "c", Image = "nginx:1.27" });

        CoreV1Defaults.Apply(pod);

        var spec = pod.Spec!;
        Assert.Equal("ClusterFirst", spec.DnsPolicy);
        Assert.Equal(30, spec.TerminationGracePeriodSeconds);
        Assert.Equal("default-scheduler", spec.SchedulerName);
        Assert.NotNull(spec.SecurityContext);
        Assert.True(spec.EnableServiceLinks);
    }

    [Fact]
    public void Explicit_values_are_kept()
    {
        var pod = PodWith(new Container { Name = "c", Image = "nginx", ImagePullPolicy = "Never" });
        pod.Spec!.RestartPolicy = "OnFailure";
        pod.Spec.TerminationGracePeriodSeconds = 0;
        pod.Spec.EnableServiceLinks = false;

        CoreV1Defaults.Apply(pod);

        Assert.Equal("OnFailure", pod.Spec.RestartPolicy);
        Assert.Equal(0, pod.Spec.TerminationGracePeriodSeconds);
        Assert.False(pod.Spec.EnableServiceLinks);
        Assert.Equal("Never", pod.Spec.Containers![0].ImagePullPolicy);
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("registry.example.com:5000/team/app", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("registry.example.com:5000/team/app:v2", "IfNotPresent")]
    [InlineData("nginx@sha256:0123456789abcdef", "IfNotPresent")]
    [InlineData("nginx:latest@sha256:0123456789abcdef", "Always")]
    public void Image_pull_policy_follows_the_tag(string image, string expected) =>
        Assert.Equal(expected, CoreV1Defaults.PullPolicyFor(image));

    [Fact]
    public void Image_without_tag_pulls_Always()
    {
        var pod = PodWith(new Container { Name = "c", Image = "busybox" });

        CoreV1Defaults.Apply(pod);

        Assert.Equal("Always", pod.Spec!.Containers![0].ImagePullPolicy);
    }

    [Fact]
    public void Container_gets_termination_message_defaults_and_TCP_ports()
    {
        var pod = PodWith(new Container { Name = "c", Image = "nginx:1.27", Ports = [new ContainerPort { ContainerPortValue = 80 }] });

        CoreV1Defaults.Apply(pod);

        var container = pod.Spec!.Containers![0];
        Assert.Equal("/dev/termination-log", container.TerminationMessagePath);
        Assert.Equal("File", container.TerminationMessagePolicy);
        Assert.Equal("TCP", container.Ports![0].Protocol);
        Assert.Null(container.Ports[0].HostPort);
    }

    [Fact]
    public void Host_network_pods_publish_container_ports_on_the_host()
    {
        var pod = PodWith(new Container { Name = "c", Image = "nginx:1.27", Ports = [new ContainerPort { ContainerPortValue = 8080 }] });
        pod.Spec!.HostNetwork = true;

        CoreV1Defaults.Apply(pod);

        Assert.Equal(8080, pod.Spec.Containers![0].Ports![0].HostPort);
    }

    [Fact]
    public void Probe_gets_timing_defaults_and_http_scheme()
    {
        var pod = PodWith(new Container
        {
            Name = "c",
            Image = "nginx:1.27",
            LivenessProbe = new Probe { HttpGet = new HTTPGetAction { Port = 80 } },
            ReadinessProbe = new Probe { Grpc = new GRPCAction { Port = 9000 }, PeriodSeconds = 3 },
        });

        CoreV1Defaults.Apply(pod);

        var liveness = pod.Spec!.Containers![0].LivenessProbe!;
        Assert.Equal((1, 10, 1, 3), (liveness.TimeoutSeconds, liveness.PeriodSeconds, liveness.SuccessThreshold, liveness.FailureThreshold));
        Assert.Equal("HTTP", liveness.HttpGet!.Scheme);
        Assert.Equal("/", liveness.HttpGet.Path);
        var readiness = pod.Spec.Containers[0].ReadinessProbe!;
        Assert.Equal(3, readiness.PeriodSeconds);
        Assert.Equal("", readiness.Grpc!.Service);
    }

    [Fact]
    public void Pod_requests_default_to_limits()
    {
        var pod = PodWith(new Container
        {
            Name = "c",
            Image = "nginx:1.27",
            Resources = new ResourceRequirements
            {
                Limits = new() { ["cpu"] = Quantity.Parse("500m"), ["memory"] = Quantity.Parse("128Mi") },
                Requests = new() { ["cpu"] = Quantity.Parse("100m") },
            },
        });

        CoreV1Defaults.Apply(pod);

        var requests = pod.Spec!.Containers![0].Resources!.Requests!;
        Assert.Equal("100m", requests["cpu"].ToString());
        Assert.Equal("128Mi", requests["memory"].ToString());
    }

    [Fact]
    public void Quantities_are_rounded_up_to_thousandths()
    {
        var pod = PodWith(new Container
        {
            Name = "c",
            Image = "nginx:1.27",
            Resources = new ResourceRequirements { Requests = new() { ["cpu"] = Quantity.Parse("0.0001") } },
        });

        CoreV1Defaults.Apply(pod);

        Assert.Equal("1m", pod.Spec!.Containers![0].Resources!.Requests!["cpu"].ToString());
    }

    [Fact]
    public void Volumes_get_file_modes_and_a_source()
    {
        var pod = PodWith(new Container { Name = "c", Image = "nginx:1.27" });
        pod.Spec!.Volumes =
        [
            new Volume { Name = "none" },
            new Volume { Name = "cm", ConfigMap = new ConfigMapVolumeSource { Name = "x" } },
            new Volume { Name = "secret", Secret = new SecretVolumeSource { SecretName = "x" } },
            new Volume { Name = "projected", Projected = new ProjectedVolumeSource { Sources = [new VolumeProjection { ServiceAccountToken = new ServiceAccountTokenProjection { Path = "token" } }] } },
            new Volume { Name = "host", HostPath = new HostPathVolumeSource { Path = "/var/log" } },
            new Volume { Name = "image", Image = new ImageVolumeSource { Reference = "models/bert" } },
        ];

        CoreV1Defaults.Apply(pod);

        var volumes = pod.Spec.Volumes;
        Assert.NotNull(volumes[0].EmptyDir);
        Assert.Equal(420, volumes[1].ConfigMap!.DefaultMode);
        Assert.Equal(420, volumes[2].Secret!.DefaultMode);
        Assert.Equal(420, volumes[3].Projected!.DefaultMode);
        Assert.Equal(3600, volumes[3].Projected!.Sources![0].ServiceAccountToken!.ExpirationSeconds);
        Assert.Equal("", volumes[4].HostPath!.Type);
        Assert.Equal("Always", volumes[5].Image!.PullPolicy);
    }

    [Fact]
    public void Native_sidecar_keeps_its_restart_policy_and_gets_container_defaults()
    {
        var pod = PodWith(new Container { Name = "c", Image = "nginx:1.27" });
        pod.Spec!.InitContainers = [new Container { Name = "sidecar", Image = "envoy:1.30", RestartPolicy = "Always" }];

        CoreV1Defaults.Apply(pod);

        Assert.Equal("Always", pod.Spec.InitContainers[0].RestartPolicy);
        Assert.Equal("File", pod.Spec.InitContainers[0].TerminationMessagePolicy);
    }

    [Fact]
    public void Service_defaults_type_affinity_protocol_and_target_port()
    {
        var service = new Service
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new ServiceSpec { Selector = new() { ["app"] = "web" }, Ports = [new ServicePort { Port = 80 }] },
        };

        CoreV1Defaults.Apply(service);

        var spec = service.Spec;
        Assert.Equal("ClusterIP", spec.Type);
        Assert.Equal("None", spec.SessionAffinity);
        Assert.Equal("Cluster", spec.InternalTrafficPolicy);
        Assert.Equal("SingleStack", spec.IpFamilyPolicy);
        Assert.Equal(["IPv4"], spec.IpFamilies!);
        Assert.Equal("TCP", spec.Ports![0].Protocol);
        Assert.Equal(IntOrString.FromInt(80), spec.Ports[0].TargetPort);
        Assert.Null(spec.ExternalTrafficPolicy);
        Assert.Null(spec.ClusterIP);
    }

    [Fact]
    public void LoadBalancer_service_gets_external_policy_node_ports_and_client_ip_timeout()
    {
        var service = new Service { Spec = new ServiceSpec { Type = "LoadBalancer", SessionAffinity = "ClientIP", Ports = [new ServicePort { Port = 443, TargetPort = "https" }] } };

        CoreV1Defaults.Apply(service);

        Assert.Equal("Cluster", service.Spec.ExternalTrafficPolicy);
        Assert.True(service.Spec.AllocateLoadBalancerNodePorts);
        Assert.Equal(10800, service.Spec.SessionAffinityConfig!.ClientIP!.TimeoutSeconds);
        Assert.Equal(IntOrString.FromString("https"), service.Spec.Ports![0].TargetPort);
    }

    [Fact]
    public void Secret_without_type_is_Opaque()
    {
        var secret = new Secret();

        CoreV1Defaults.Apply(secret);

        Assert.Equal("Opaque", secret.Type);
    }

    [Fact]
    public void Namespace_is_Active_and_labelled_with_its_name()
    {
        var ns = new Namespace { Metadata = new ObjectMeta { Name = "shop" } };

        CoreV1Defaults.Apply(ns);

        Assert.Equal("Active", ns.Status!.Phase);
        Assert.Equal("shop", ns.Metadata.Labels!["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public void Claim_is_Pending_with_Filesystem_volume_mode()
    {
        var pvc = new PersistentVolumeClaim { Spec = new PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"] } };

        CoreV1Defaults.Apply(pvc);

        Assert.Equal("Pending", pvc.Status!.Phase);
        Assert.Equal("Filesystem", pvc.Spec.VolumeMode);
    }

    [Fact]
    public void Volume_is_Pending_retained_and_Filesystem()
    {
        var pv = new PersistentVolume { Spec = new PersistentVolumeSpec { HostPath = new HostPathVolumeSource { Path = "/data" } } };

        CoreV1Defaults.Apply(pv);

        Assert.Equal("Pending", pv.Status!.Phase);
        Assert.Equal("Retain", pv.Spec.PersistentVolumeReclaimPolicy);
        Assert.Equal("Filesystem", pv.Spec.VolumeMode);
        Assert.Equal("", pv.Spec.HostPath.Type);
    }

    [Fact]
    public void Replication_controller_takes_selector_and_labels_from_its_template()
    {
        var rc = new ReplicationController
        {
            Metadata = new ObjectMeta { Name = "legacy" },
            Spec = new ReplicationControllerSpec
            {
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new() { ["app"] = "legacy" } },
                    Spec = new PodSpec { Containers = [new Container { Name = "c", Image = "nginx" }] },
                },
            },
        };

        CoreV1Defaults.Apply(rc);

        Assert.Equal(1, rc.Spec.Replicas);
        Assert.Equal("legacy", rc.Spec.Selector!["app"]);
        Assert.Equal("legacy", rc.Metadata.Labels!["app"]);
        Assert.Equal("Always", rc.Spec.Template.Spec.RestartPolicy);
        Assert.Null(rc.Spec.Template.Spec.EnableServiceLinks);
    }

    [Fact]
    public void Node_allocatable_defaults_to_capacity()
    {
        var node = new global::KubeSharp.Api.Core.V1.Node { Status = new NodeStatus { Capacity = new() { ["cpu"] = Quantity.Parse("4"), ["pods"] = Quantity.Parse("110") } } };

        CoreV1Defaults.Apply(node);

        Assert.Equal("110", node.Status.Allocatable!["pods"].ToString());
    }

    [Fact]
    public void Container_limit_range_defaults_limits_to_max_and_requests_to_limits()
    {
        var limitRange = new LimitRange
        {
            Spec = new LimitRangeSpec
            {
                Limits =
                [
                    new LimitRangeItem { Type = "Container", Max = new() { ["cpu"] = Quantity.Parse("2") }, Min = new() { ["memory"] = Quantity.Parse("16Mi") } },
                    new LimitRangeItem { Type = "Pod", Max = new() { ["cpu"] = Quantity.Parse("4") } },
                ],
            },
        };

        CoreV1Defaults.Apply(limitRange);

        var container = limitRange.Spec.Limits[0];
        Assert.Equal("2", container.Default!["cpu"].ToString());
        Assert.Equal("2", container.DefaultRequest!["cpu"].ToString());
        Assert.Equal("16Mi", container.DefaultRequest["memory"].ToString());
        Assert.Null(limitRange.Spec.Limits[1].Default);
    }

    [Fact]
    public void Applying_defaults_twice_changes_nothing()
    {
        var json = Documents.Read("pod.json");
        var pod = KubeJson.Deserialize<Pod>(json)!;
        CoreV1Defaults.Apply(pod);
        var once = KubeJson.Serialize(pod);

        CoreV1Defaults.Apply(pod);

        Assert.Equal(once, KubeJson.Serialize(pod));
    }
}
