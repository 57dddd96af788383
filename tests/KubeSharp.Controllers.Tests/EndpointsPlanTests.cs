using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Controllers.Endpoints;

namespace KubeSharp.Controllers.Tests;

public sealed class EndpointsPlanTests
{
    private static Service WebService(params ServicePort[] ports) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
        Spec = new ServiceSpec { Selector = new() { ["app"] = "web" }, Ports = [.. ports] },
    };

    private static Pod PodWithIp(string name, string ip, bool ready = true, string phase = "Running", params ContainerPort[] ports)
    {
        var pod = PodBuilder.Pod(name, phase: phase, ready: ready);
        pod.Metadata!.Uid = "uid-" + name;
        pod.Status!.PodIP = ip;
        pod.Spec!.Containers = [new Container { Name = "c", Ports = ports.Length == 0 ? null : [.. ports] }];
        return pod;
    }

    [Fact]
    public void Ready_pods_are_addresses_and_unready_are_not_ready_addresses()
    {
        var service = WebService(new ServicePort { Name = "http", Port = 80, TargetPort = 8080 });
        var subsets = EndpointsPlan.Subsets(service, [PodWithIp("b", "10.0.0.2"), PodWithIp("a", "10.0.0.1"), PodWithIp("c", "10.0.0.3", ready: false)]);

        var subset = Assert.Single(subsets);
        Assert.Equal(["10.0.0.1", "10.0.0.2"], subset.Addresses!.Select(a => a.Ip));
        Assert.Equal("10.0.0.3", Assert.Single(subset.NotReadyAddresses!).Ip);
        Assert.Equal(("Pod", "a", "node-1"), (subset.Addresses![0].TargetRef!.Kind, subset.Addresses[0].TargetRef!.Name, subset.Addresses[0].NodeName));
        var port = Assert.Single(subset.Ports!);
        Assert.Equal(("http", 8080, "TCP"), (port.Name, port.Port, port.Protocol));
    }

    [Fact]
    public void Named_target_port_resolves_per_pod()
    {
        var service = WebService(new ServicePort { Name = "http", Port = 80, TargetPort = "web" });
        var pods = new[]
        {
            PodWithIp("a", "10.0.0.1", ports: new ContainerPort { Name = "web", ContainerPortValue = 8080 }),
            PodWithIp("b", "10.0.0.2", ports: new ContainerPort { Name = "web", ContainerPortValue = 9090 }),
            PodWithIp("c", "10.0.0.3", ports: new ContainerPort { Name = "web", ContainerPortValue = 8080 }),
        };

        var subsets = EndpointsPlan.Subsets(service, pods);

        Assert.Equal(2, subsets.Count);
        var at8080 = Assert.Single(subsets, s => s.Ports![0].Port == 8080);
        Assert.Equal(["10.0.0.1", "10.0.0.3"], at8080.Addresses!.Select(a => a.Ip));
        Assert.Equal("10.0.0.2", Assert.Single(Assert.Single(subsets, s => s.Ports![0].Port == 9090).Addresses!).Ip);
    }

    [Fact]
    public void Pod_without_the_named_port_is_left_out()
    {
        var service = WebService(new ServicePort { Port = 80, TargetPort = "web" });

        Assert.Empty(EndpointsPlan.Subsets(service, [PodWithIp("a", "10.0.0.1")]));
    }

    [Fact]
    public void Target_port_defaults_to_the_service_port()
    {
        var service = WebService(new ServicePort { Port = 80 });

        Assert.Equal(80, Assert.Single(Assert.Single(EndpointsPlan.Subsets(service, [PodWithIp("a", "10.0.0.1")])).Ports!).Port);
    }

    [Fact]
    public void Pods_without_ip_finished_or_deleting_are_not_endpoints()
    {
        var service = WebService(new ServicePort { Port = 80 });
        var noIp = PodWithIp("a", "");
        var done = PodWithIp("b", "10.0.0.2", phase: "Succeeded");
        var deleting = PodWithIp("c", "10.0.0.3");
        deleting.Metadata!.DeletionTimestamp = PodBuilder.Epoch;

        Assert.Empty(EndpointsPlan.Subsets(service, [noIp, done, deleting]));
    }

    [Fact]
    public void Publish_not_ready_addresses_lists_unready_pods_as_ready()
    {
        var service = WebService(new ServicePort { Port = 80 });
        service.Spec!.PublishNotReadyAddresses = true;

        var subset = Assert.Single(EndpointsPlan.Subsets(service, [PodWithIp("a", "10.0.0.1", ready: false)]));

        Assert.Single(subset.Addresses!);
        Assert.Null(subset.NotReadyAddresses);
    }

    [Fact]
    public void Slices_mark_terminating_pods_as_not_ready_but_serving()
    {
        var service = WebService(new ServicePort { Name = "http", Port = 80, TargetPort = 8080 });
        var deleting = PodWithIp("b", "10.0.0.2");
        deleting.Metadata!.DeletionTimestamp = PodBuilder.Epoch;

        var slice = Assert.Single(EndpointsPlan.Slices(service, [PodWithIp("a", "10.0.0.1"), deleting, PodWithIp("c", "10.0.0.3", ready: false)]));

        Assert.Equal(8080, Assert.Single(slice.Ports).Port);
        var conditions = slice.Endpoints.Select(e => (e.Addresses![0], e.Conditions!.Ready, e.Conditions.Serving, e.Conditions.Terminating)).ToList();
        Assert.Equal([("10.0.0.1", true, true, false), ("10.0.0.2", false, true, true), ("10.0.0.3", false, false, false)], conditions);
        Assert.Equal(("Pod", "a"), (slice.Endpoints[0].TargetRef!.Kind, slice.Endpoints[0].TargetRef!.Name));
    }
}
