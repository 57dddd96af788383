using KubeSharp.Api;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Rbac.V1;
using KubeSharp.Api.Storage.V1;
using KubeSharp.ApiServer.Printing;
using AutoscalingV2 = KubeSharp.Api.Autoscaling.V2;

namespace KubeSharp.ApiServer.Tests.Printing;

public sealed class ResourcePrintingTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly TablePrinters Printers = CreatePrinters();

    private static TablePrinters CreatePrinters()
    {
        var printers = new TablePrinters();
        BuiltInPrinters.RegisterAll(printers);
        return printers;
    }

    private static IReadOnlyList<object?> Print(KubernetesObject obj) => Printers.For(obj.GetType()).Cells(obj, Now);

    private static IEnumerable<string> ColumnNames<T>() => Printers.For(typeof(T)).Columns.Select(c => c.Name);

    private static ObjectMeta Meta(string name) => new() { Name = name, CreationTimestamp = Now.AddHours(-3) };

    private static PodTemplateSpec Template(params (string Name, string Image)[] containers) => new()
    {
        Spec = new PodSpec { Containers = containers.Select(c => new Container { Name = c.Name, Image = c.Image }).ToList() },
    };

    [Fact]
    public void CertificateSigningRequest_prints_signer_requestor_duration_and_condition()
    {
        var csr = new Api.Certificates.V1.CertificateSigningRequest
        {
            Metadata = Meta("alice"),
            Spec = new Api.Certificates.V1.CertificateSigningRequestSpec { SignerName = "kubernetes.io/kube-apiserver-client", Username = "system:admin", ExpirationSeconds = 86400 },
            Status = new Api.Certificates.V1.CertificateSigningRequestStatus
            {
                Conditions = [new() { Type = "Approved", Status = "True" }],
                Certificate = [1],
            },
        };
        var pending = new Api.Certificates.V1.CertificateSigningRequest { Metadata = Meta("bob"), Spec = new() { Username = "bob" } };
        var denied = new Api.Certificates.V1.CertificateSigningRequest { Metadata = Meta("carol"), Spec = new(), Status = new() { Conditions = [new() { Type = "Denied" }, new() { Type = "Failed" }] } };

        Assert.Equal(["Name", "Age", "SignerName", "Requestor", "RequestedDuration", "Condition"], ColumnNames<Api.Certificates.V1.CertificateSigningRequest>());
        Assert.Equal(["alice", "3h", "kubernetes.io/kube-apiserver-client", "system:admin", "24h", "Approved,Issued"], Print(csr));
        Assert.Equal(["bob", "3h", "<none>", "bob", "<none>", "Pending"], Print(pending));
        Assert.Equal("Denied,Failed", Print(denied)[5]);
    }

    [Fact]
    public void Deployment_prints_ready_over_desired_and_wide_containers_images_selector()
    {
        var deployment = new Deployment
        {
            Metadata = Meta("web"),
            Spec = new DeploymentSpec
            {
                Replicas = 3,
                Selector = new LabelSelector { MatchLabels = new() { ["app"] = "web" } },
                Template = Template(("nginx", "nginx:1.27"), ("sidecar", "busybox")),
            },
            Status = new DeploymentStatus { ReadyReplicas = 2, UpdatedReplicas = 3, AvailableReplicas = 2 },
        };
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"], ColumnNames<Deployment>());
        Assert.Equal(["web", "2/3", 3L, 2L, "3h", "nginx,sidecar", "nginx:1.27,busybox", "app=web"], Print(deployment));
    }

    [Fact]
    public void NodePort_service_prints_port_and_node_port()
    {
        var service = new Service
        {
            Metadata = Meta("web"),
            Spec = new ServiceSpec
            {
                Type = "NodePort",
                ClusterIPs = ["10.96.0.10"],
                Ports = [new ServicePort { Port = 80, NodePort = 30080, Protocol = "TCP" }, new ServicePort { Port = 53, Protocol = "UDP" }],
                Selector = new() { ["app"] = "web" },
            },
        };
        Assert.Equal(["web", "NodePort", "10.96.0.10", "<none>", "80:30080/TCP,53/UDP", "3h", "app=web"], Print(service));
    }

    [Fact]
    public void LoadBalancer_service_without_ingress_prints_pending_external_ip()
    {
        var service = new Service { Metadata = Meta("lb"), Spec = new ServiceSpec { Type = "LoadBalancer", Ports = [new ServicePort { Port = 443, Protocol = "TCP", NodePort = 31000 }] } };
        var cells = Print(service);
        Assert.Equal("<none>", cells[2]);
        Assert.Equal("<pending>", cells[3]);
        service.Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { Ip = "192.0.2.1" }] } };
        Assert.Equal("192.0.2.1", Print(service)[3]);
    }

    [Fact]
    public void Service_without_ports_or_selector_prints_none()
    {
        var service = new Service { Metadata = Meta("headless"), Spec = new ServiceSpec { Type = "ClusterIP", ClusterIPs = ["None"] } };
        Assert.Equal(["headless", "ClusterIP", "None", "<none>", "<none>", "3h", "<none>"], Print(service));
    }

    [Fact]
    public void Cordoned_ready_node_prints_scheduling_disabled_and_sorted_roles()
    {
        var node = new Node
        {
            Metadata = Meta("n1"),
            Spec = new NodeSpec { Unschedulable = true },
            Status = new NodeStatus
            {
                Conditions = [new NodeCondition { Type = "Ready", Status = "True" }],
                NodeInfo = new NodeSystemInfo { KubeletVersion = "v1.32.0", KernelVersion = "6.8.0" },
                Addresses = [new NodeAddress { Type = "InternalIP", Address = "192.168.1.5" }],
            },
        };
        node.Metadata.Labels = new() { ["node-role.kubernetes.io/worker"] = "", ["node-role.kubernetes.io/control-plane"] = "" };
        Assert.Equal(["n1", "Ready,SchedulingDisabled", "control-plane,worker", "3h", "v1.32.0", "192.168.1.5", "<none>", "<unknown>", "6.8.0", "<unknown>"], Print(node));
    }

    [Fact]
    public void Node_without_ready_condition_prints_unknown_and_no_roles()
    {
        var node = new Node { Metadata = Meta("n2") };
        var cells = Print(node);
        Assert.Equal("Unknown", cells[1]);
        Assert.Equal("<none>", cells[2]);
    }

    [Fact]
    public void Complete_job_prints_status_completions_and_duration()
    {
        var job = new Job
        {
            Metadata = Meta("pi"),
            Spec = new JobSpec { Completions = 1, Template = Template(("pi", "perl")), Selector = new LabelSelector { MatchLabels = new() { ["batch.kubernetes.io/controller-uid"] = "u1" } } },
            Status = new JobStatus
            {
                Succeeded = 1,
                StartTime = Now.AddMinutes(-10),
                CompletionTime = Now.AddMinutes(-10).AddSeconds(42),
                Conditions = [new JobCondition { Type = "Complete", Status = "True" }],
            },
        };
        Assert.Equal(["Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector"], ColumnNames<Job>());
        Assert.Equal(["pi", "Complete", "1/1", "42s", "3h", "pi", "perl", "batch.kubernetes.io/controller-uid=u1"], Print(job));
    }

    [Fact]
    public void Job_without_completions_and_with_parallelism_prints_work_queue_progress()
    {
        var job = new Job { Metadata = Meta("q"), Spec = new JobSpec { Parallelism = 3 }, Status = new JobStatus { Succeeded = 1 } };
        var cells = Print(job);
        Assert.Equal("Running", cells[1]);
        Assert.Equal("1/1 of 3", cells[2]);
        Assert.Equal("", cells[3]);
    }

    [Fact]
    public void CronJob_prints_schedule_timezone_suspend_and_last_schedule()
    {
        var cronJob = new CronJob { Metadata = Meta("nightly"), Spec = new CronJobSpec { Schedule = "0 0 * * *", Suspend = false }, Status = new CronJobStatus { LastScheduleTime = Now.AddMinutes(-30) } };
        Assert.Equal(["nightly", "0 0 * * *", "<none>", "False", 0L, "30m", "3h", "", "", "<none>"], Print(cronJob));
    }

    [Fact]
    public void Warning_event_prints_last_seen_object_and_source()
    {
        var e = new Event
        {
            Metadata = Meta("web.17f"),
            InvolvedObject = new ObjectReference { Kind = "Pod", Name = "web", FieldPath = "spec.containers{app}" },
            Type = "Warning",
            Reason = "BackOff",
            Message = "Back-off restarting failed container\n",
            Source = new EventSource { Component = "kubelet", Host = "node-1" },
            FirstTimestamp = Now.AddMinutes(-10),
            LastTimestamp = Now.AddSeconds(-20),
            Count = 7,
        };
        Assert.Equal(["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"], ColumnNames<Event>());
        Assert.Equal(["20s", "Warning", "BackOff", "pod/web", "spec.containers{app}", "kubelet, node-1", "Back-off restarting failed container", "10m", 7L, "web.17f"], Print(e));
    }

    [Fact]
    public void Event_with_series_prints_series_count_and_last_observation()
    {
        var e = new Event { Metadata = Meta("e"), InvolvedObject = new ObjectReference { Kind = "Node" }, EventTime = Now.AddMinutes(-5), Series = new EventSeries { Count = 4, LastObservedTime = Now.AddMinutes(-1) }, ReportingComponent = "scheduler" };
        var cells = Print(e);
        Assert.Equal("60s", cells[0]);
        Assert.Equal("node", cells[3]);
        Assert.Equal("scheduler", cells[5]);
        Assert.Equal("5m", cells[7]);
        Assert.Equal(4L, cells[8]);
    }

    [Fact]
    public void Secret_and_configmap_print_their_key_counts()
    {
        var secret = new Secret { Metadata = Meta("s"), Type = "Opaque", Data = new() { ["a"] = [1], ["b"] = [2] } };
        var configMap = new ConfigMap { Metadata = Meta("c"), Data = new() { ["a"] = "1" }, BinaryData = new() { ["b"] = [0] } };
        Assert.Equal(["s", "Opaque", 2L, "3h"], Print(secret));
        Assert.Equal(["c", 2L, "3h"], Print(configMap));
    }

    [Fact]
    public void Endpoints_print_at_most_three_addresses_then_how_many_more()
    {
        var endpoints = new Endpoints
        {
            Metadata = Meta("web"),
            Subsets =
            [
                new EndpointSubset
                {
                    Addresses = [new EndpointAddress { Ip = "10.0.0.1" }, new EndpointAddress { Ip = "10.0.0.2" }, new EndpointAddress { Ip = "10.0.0.3" }, new EndpointAddress { Ip = "10.0.0.4" }],
                    Ports = [new EndpointPort { Port = 8080 }],
                },
            ],
        };
        Assert.Equal("10.0.0.1:8080,10.0.0.2:8080,10.0.0.3:8080 + 1 more...", Print(endpoints)[1]);
        Assert.Equal("<none>", Print(new Endpoints { Metadata = Meta("empty") })[1]);
    }

    [Fact]
    public void Default_storage_class_is_marked_after_its_name()
    {
        var sc = new StorageClass { Metadata = Meta("local"), Provisioner = "rancher.io/local-path" };
        sc.Metadata.Annotations = new() { ["storageclass.kubernetes.io/is-default-class"] = "true" };
        Assert.Equal(["local (default)", "rancher.io/local-path", "Delete", "Immediate", false, "3h"], Print(sc));
    }

    [Fact]
    public void Bound_claim_prints_volume_capacity_and_access_modes()
    {
        var pvc = new PersistentVolumeClaim
        {
            Metadata = Meta("data"),
            Spec = new PersistentVolumeClaimSpec { VolumeName = "pv-1", StorageClassName = "local" },
            Status = new PersistentVolumeClaimStatus { Phase = "Bound", AccessModes = ["ReadWriteOnce", "ReadWriteOncePod"], Capacity = new() { ["storage"] = Quantity.Parse("1Gi") } },
        };
        Assert.Equal(["data", "Bound", "pv-1", "1Gi", "RWO,RWOP", "local", "<unset>", "3h", "<unset>"], Print(pvc));
    }

    [Fact]
    public void Hpa_prints_reference_and_cpu_utilization_target()
    {
        var hpa = new AutoscalingV2.HorizontalPodAutoscaler
        {
            Metadata = Meta("web"),
            Spec = new AutoscalingV2.HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new AutoscalingV2.CrossVersionObjectReference { Kind = "Deployment", Name = "web" },
                MinReplicas = 1,
                MaxReplicas = 5,
                Metrics = [AutoscalingV2.AutoscalingV2Defaults.CpuUtilizationMetric(50)],
            },
        };
        Assert.Equal(["web", "Deployment/web", "cpu: <unknown>/50%", "1", 5L, 0L, "3h"], Print(hpa));
    }

    [Fact]
    public void Lease_prints_its_holder_and_rolebinding_its_subjects()
    {
        var lease = new Lease { Metadata = Meta("kube-scheduler"), Spec = new LeaseSpec { HolderIdentity = "node-1_abc" } };
        Assert.Equal(["kube-scheduler", "node-1_abc", "3h"], Print(lease));
        var binding = new RoleBinding
        {
            Metadata = Meta("rb"),
            RoleRef = new RoleRef { Kind = "Role", Name = "reader" },
            Subjects = [new Subject { Kind = "User", Name = "alice" }, new Subject { Kind = "ServiceAccount", Namespace = "default", Name = "bot" }],
        };
        Assert.Equal(["rb", "Role/reader", "3h", "alice", "", "default/bot"], Print(binding));
    }

    [Fact]
    public void Roles_use_the_default_name_and_creation_table()
    {
        Assert.Equal(["Name", "Created At"], ColumnNames<Role>());
    }
}
