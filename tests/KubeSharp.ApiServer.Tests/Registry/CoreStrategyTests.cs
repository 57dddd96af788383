using KubeSharp.Api;
using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Registry.Strategies;

namespace KubeSharp.ApiServer.Tests.Registry;

public sealed class CoreStrategyTests
{
    private static readonly IReadOnlyDictionary<Type, ResourceStrategy> Strategies = BuiltInStrategies.Create();

    private static T Copy<T>(T obj)
        where T : KubernetesObject => KubeJson.Deserialize<T>(KubeJson.SerializeToUtf8Bytes(obj, typeof(T)))!;

    [Fact]
    public void New_namespace_is_active_with_kubernetes_finalizer_and_name_label()
    {
        var ns = new Namespace { Metadata = new ObjectMeta { Name = "team-a" } };
        var strategy = Strategies[typeof(Namespace)];
        strategy.Default(ns);
        strategy.PrepareForCreate(ns);
        Assert.Equal("Active", ns.Status!.Phase);
        Assert.Equal(["kubernetes"], ns.Spec!.Finalizers!);
        Assert.Equal("team-a", ns.Metadata.Labels!["kubernetes.io/metadata.name"]);
        Assert.Equal("Active", strategy.FieldValue(ns, "status.phase"));
    }

    [Fact]
    public void Namespace_name_must_be_a_dns_label()
    {
        Assert.NotEmpty(Strategies[typeof(Namespace)].ValidateName("team.a"));
        Assert.Empty(Strategies[typeof(Namespace)].ValidateName("team-a"));
    }

    [Fact]
    public void Namespace_with_finalizers_is_deleted_after_them_and_turns_terminating()
    {
        var strategy = Strategies[typeof(Namespace)];
        var ns = new Namespace { Metadata = new ObjectMeta { Name = "a" }, Spec = new NamespaceSpec { Finalizers = ["kubernetes"] } };
        Assert.True(strategy.DefersDeletion(ns));
        strategy.PrepareForDeletion(ns);
        Assert.Equal("Terminating", ns.Status!.Phase);
    }

    [Fact]
    public void Live_namespace_update_keeps_its_finalizers()
    {
        var strategy = Strategies[typeof(Namespace)];
        var old = new Namespace { Metadata = new ObjectMeta { Name = "a" }, Spec = new NamespaceSpec { Finalizers = ["kubernetes"] } };
        var updated = new Namespace { Metadata = new ObjectMeta { Name = "a" } };
        strategy.PrepareForUpdate(updated, old);
        Assert.Equal(["kubernetes"], updated.Spec!.Finalizers!);
    }

    [Fact]
    public void Node_keeps_status_on_create_and_selects_by_unschedulable()
    {
        var strategy = Strategies[typeof(Node)];
        Assert.True(strategy.KeepsStatusOnCreate);
        var node = new Node { Metadata = new ObjectMeta { Name = "n1" }, Spec = new NodeSpec { Unschedulable = true } };
        Assert.Equal("true", strategy.FieldValue(node, "spec.unschedulable"));
    }

    [Fact]
    public void Service_name_must_be_a_dns_1035_label()
    {
        var errors = Strategies[typeof(Service)].ValidateName("1web").ToList();
        Assert.Contains(errors, e => e.StartsWith("a DNS-1035 label", StringComparison.Ordinal));
        Assert.False(Strategies[typeof(Service)].AllowCreateOnUpdate);
    }

    [Fact]
    public void Service_with_two_unnamed_ports_and_bad_type_is_invalid()
    {
        var service = new Service
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default" },
            Spec = new ServiceSpec { Type = "Internal", Ports = [new ServicePort { Port = 80 }, new ServicePort { Port = 0 }] },
        };
        var strategy = Strategies[typeof(Service)];
        strategy.Default(service);
        var errors = strategy.Validate(service).Select(e => e.ToString()).ToList();
        Assert.Contains("spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"", errors);
        Assert.Contains("spec.ports[0].name: Required value", errors);
        Assert.Contains("spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive", errors);
    }

    [Fact]
    public void Service_cluster_ip_is_immutable_once_set()
    {
        var strategy = Strategies[typeof(Service)];
        var old = new Service { Metadata = new ObjectMeta { Name = "web" }, Spec = new ServiceSpec { Type = "ClusterIP", ClusterIP = "10.96.0.10", ClusterIPs = ["10.96.0.10"] } };
        var updated = Copy(old);
        updated.Spec!.ClusterIP = "10.96.0.11";
        Assert.Equal("spec.clusterIP: Invalid value: \"10.96.0.11\": field is immutable", Assert.Single(strategy.ValidateUpdate(updated, old)).ToString());
        updated.Spec.Type = "ExternalName";
        Assert.Empty(strategy.ValidateUpdate(updated, old));
    }

    [Fact]
    public void Service_update_without_cluster_ip_or_node_port_keeps_the_allocated_ones()
    {
        var strategy = Strategies[typeof(Service)];
        var old = new Service { Metadata = new ObjectMeta { Name = "web" }, Spec = new ServiceSpec { Type = "NodePort", ClusterIP = "10.96.0.10", ClusterIPs = ["10.96.0.10"], Ports = [new ServicePort { Name = "http", Port = 80, NodePort = 30080 }] } };
        var updated = new Service { Metadata = new ObjectMeta { Name = "web" }, Spec = new ServiceSpec { Type = "NodePort", Ports = [new ServicePort { Name = "http", Port = 8080 }] } };
        strategy.PrepareForUpdate(updated, old);
        Assert.Equal("10.96.0.10", updated.Spec!.ClusterIP);
        Assert.Equal(["10.96.0.10"], updated.Spec.ClusterIPs!);
        Assert.Equal(30080, updated.Spec.Ports![0].NodePort);
    }

    [Fact]
    public void Secret_string_data_is_merged_into_data_and_type_is_selectable()
    {
        var strategy = Strategies[typeof(Secret)];
        var secret = new Secret { Metadata = new ObjectMeta { Name = "s" }, StringData = new() { ["password"] = "hunter2" } };
        strategy.Default(secret);
        Assert.Null(secret.StringData);
        Assert.Equal("hunter2"u8.ToArray(), secret.Data!["password"]);
        Assert.Equal("Opaque", strategy.FieldValue(secret, "type"));
    }

    [Fact]
    public void Tls_secret_requires_certificate_and_key()
    {
        var secret = new Secret { Metadata = new ObjectMeta { Name = "s" }, Type = "kubernetes.io/tls", Data = new() { ["tls.crt"] = [1] } };
        Assert.Equal("data[tls.key]: Required value", Assert.Single(Strategies[typeof(Secret)].Validate(secret)).ToString());
    }

    [Fact]
    public void Secret_type_is_immutable()
    {
        var old = new Secret { Metadata = new ObjectMeta { Name = "s" }, Type = "Opaque" };
        var updated = new Secret { Metadata = new ObjectMeta { Name = "s" }, Type = "kubernetes.io/basic-auth" };
        Assert.Contains("type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable", Strategies[typeof(Secret)].ValidateUpdate(updated, old).Select(e => e.ToString()));
    }

    [Fact]
    public void Config_map_key_with_space_is_invalid()
    {
        var configMap = new ConfigMap { Metadata = new ObjectMeta { Name = "c" }, Data = new() { ["bad key"] = "v", ["good.key_1"] = "v" } };
        var error = Assert.Single(Strategies[typeof(ConfigMap)].Validate(configMap));
        Assert.Equal("data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')", error.ToString());
    }

    [Fact]
    public void Immutable_config_map_data_cannot_change()
    {
        var old = new ConfigMap { Metadata = new ObjectMeta { Name = "c" }, Immutable = true, Data = new() { ["a"] = "1" } };
        var updated = new ConfigMap { Metadata = new ObjectMeta { Name = "c" }, Immutable = true, Data = new() { ["a"] = "2" } };
        Assert.Equal("data: Forbidden: field is immutable when `immutable` is set", Assert.Single(Strategies[typeof(ConfigMap)].ValidateUpdate(updated, old)).ToString());
        updated.Immutable = null;
        updated.Data = old.Data;
        Assert.Equal("immutable: Forbidden: field is immutable when `immutable` is set", Assert.Single(Strategies[typeof(ConfigMap)].ValidateUpdate(updated, old)).ToString());
    }

    [Fact]
    public void Event_field_selectors_read_involved_object_and_source()
    {
        var strategy = Strategies[typeof(Event)];
        var e = new Event { Metadata = new ObjectMeta { Name = "e", Namespace = "default" }, InvolvedObject = new ObjectReference { Kind = "Pod", Name = "web", Namespace = "default" }, Source = new EventSource { Component = "kubelet" }, Type = "Warning" };
        Assert.Equal("Pod", strategy.FieldValue(e, "involvedObject.kind"));
        Assert.Equal("web", strategy.FieldValue(e, "involvedObject.name"));
        Assert.Equal("kubelet", strategy.FieldValue(e, "source"));
        Assert.Equal("Warning", strategy.FieldValue(e, "type"));
        Assert.True(strategy.AllowCreateOnUpdate);
    }

    [Fact]
    public void Endpoints_and_leases_may_be_created_by_update_and_bindings_only_created()
    {
        Assert.True(Strategies[typeof(Endpoints)].AllowCreateOnUpdate);
        Assert.True(Strategies[typeof(Lease)].AllowCreateOnUpdate);
        Assert.Equal(["create"], Strategies[typeof(Binding)].Verbs!);
    }

    [Fact]
    public void Every_served_kind_can_be_defaulted_from_an_empty_object()
    {
        foreach (var (type, strategy) in Strategies)
        {
            var obj = (KubernetesObject)Activator.CreateInstance(type)!;
            obj.Metadata = new ObjectMeta { Name = "x", Namespace = "default", Uid = "u" };
            strategy.Default(obj);
            strategy.PrepareForCreate(obj);
            _ = strategy.Validate(obj).ToList();
        }
    }
}
