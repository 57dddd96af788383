using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Registry.Strategies;

namespace KubeSharp.ApiServer.Tests.Registry;

public sealed class PodStrategyTests
{
    private static readonly ResourceStrategy Strategy = BuiltInStrategies.Create()[typeof(Pod)];

    private static Pod NewPod(Action<Container>? container = null)
    {
        var c = new Container { Name = "app", Image = "nginx" };
        container?.Invoke(c);
        var pod = new Pod { Metadata = new ObjectMeta { Name = "web", Namespace = "default", Uid = "u1" }, Spec = new PodSpec { Containers = [c] } };
        Strategy.Default(pod);
        return pod;
    }

    private static Pod Created(Action<Container>? container = null)
    {
        var pod = NewPod(container);
        Strategy.PrepareForCreate(pod);
        return pod;
    }

    private static Pod Copy(Pod pod) => KubeJson.Deserialize<Pod>(KubeJson.SerializeToUtf8Bytes(pod, typeof(Pod)))!;

    private static Dictionary<string, Quantity> Resources(params (string Name, string Value)[] values) =>
        values.ToDictionary(v => v.Name, v => Quantity.Parse(v.Value));

    [Fact]
    public void Invalid_sysctl_names_are_rejected_and_valid_ones_pass()
    {
        var pod = NewPod();
        pod.Spec!.SecurityContext = new PodSecurityContext
        {
            Sysctls =
            [
                new Sysctl { Name = "foo-", Value = "bar" },
                new Sysctl { Name = "kernel.shmmax", Value = "100000000" },
                new Sysctl { Name = "safe-and-unsafe", Value = "100000000" },
                new Sysctl { Name = "bar..", Value = "42" },
                new Sysctl { Name = "kernel.shmmax", Value = "1" },
            ],
        };

        var errors = Strategy.Validate(pod).Select(e => $"{e.Field}: {e.Detail}").ToList();

        Assert.Equal(
            [
                "spec.securityContext.sysctls[0].name: Invalid value: \"foo-\": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$",
                "spec.securityContext.sysctls[3].name: Invalid value: \"bar..\": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$",
                "spec.securityContext.sysctls[4].name: Duplicate value: \"kernel.shmmax\"",
            ],
            errors);
    }

    [Fact]
    public void New_pod_is_pending_with_best_effort_qos_without_resources()
    {
        var pod = Created();
        Assert.Equal("Pending", pod.Status!.Phase);
        Assert.Equal("BestEffort", pod.Status.QosClass);
    }

    [Fact]
    public void Qos_class_is_guaranteed_when_limits_equal_requests_for_cpu_and_memory()
    {
        var pod = Created(c => c.Resources = new ResourceRequirements { Limits = Resources(("cpu", "500m"), ("memory", "128Mi")) });
        Assert.Equal("Guaranteed", pod.Status!.QosClass);
    }

    [Fact]
    public void Qos_class_is_burstable_when_requests_below_limits()
    {
        var pod = Created(c => c.Resources = new ResourceRequirements
        {
            Requests = Resources(("cpu", "100m"), ("memory", "64Mi")),
            Limits = Resources(("cpu", "500m"), ("memory", "128Mi")),
        });
        Assert.Equal("Burstable", pod.Status!.QosClass);
    }

    [Fact]
    public void Qos_class_is_burstable_when_only_cpu_is_limited()
    {
        var pod = Created(c => c.Resources = new ResourceRequirements { Limits = Resources(("cpu", "1")) });
        Assert.Equal("Burstable", pod.Status!.QosClass);
    }

    [Fact]
    public void Pod_without_containers_is_invalid()
    {
        var pod = NewPod();
        pod.Spec!.Containers = [];
        var error = Assert.Single(Strategy.Validate(pod));
        Assert.Equal("spec.containers: Required value", error.ToString());
    }

    [Fact]
    public void Container_name_must_be_a_dns_label_and_unique()
    {
        var pod = NewPod(c => c.Name = "App_1");
        pod.Spec!.Containers!.Add(new Container { Name = "App_1", Image = "busybox", ImagePullPolicy = "Always" });
        var errors = Strategy.Validate(pod).Select(e => e.ToString()).ToList();
        Assert.Contains(errors, e => e.StartsWith("spec.containers[0].name: Invalid value: \"App_1\": a lowercase RFC 1123 label", StringComparison.Ordinal));
        Assert.Contains("spec.containers[1].name: Duplicate value: \"App_1\"", errors);
    }

    [Fact]
    public void Container_image_is_required()
    {
        var pod = NewPod(c => c.Image = "");
        Assert.Contains("spec.containers[0].image: Required value", Strategy.Validate(pod).Select(e => e.ToString()));
    }

    [Fact]
    public void Container_port_out_of_range_is_invalid()
    {
        var pod = NewPod(c => c.Ports = [new ContainerPort { ContainerPortValue = 70000, Protocol = "TCP" }]);
        Assert.Contains("spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive", Strategy.Validate(pod).Select(e => e.ToString()));
    }

    [Fact]
    public void Unsupported_restart_policy_lists_the_supported_ones()
    {
        var pod = NewPod();
        pod.Spec!.RestartPolicy = "Sometimes";
        Assert.Contains("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"", Strategy.Validate(pod).Select(e => e.ToString()));
    }

    [Fact]
    public void Volume_mount_of_undeclared_volume_is_not_found()
    {
        var pod = NewPod(c => c.VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }]);
        Assert.Contains("spec.containers[0].volumeMounts[0].name: Not found: \"data\"", Strategy.Validate(pod).Select(e => e.ToString()));
    }

    [Fact]
    public void Duplicate_volume_names_are_invalid()
    {
        var pod = NewPod();
        pod.Spec!.Volumes = [new Volume { Name = "v", EmptyDir = new() }, new Volume { Name = "v", EmptyDir = new() }];
        Assert.Contains("spec.volumes[1].name: Duplicate value: \"v\"", Strategy.Validate(pod).Select(e => e.ToString()));
    }

    [Fact]
    public void Request_above_limit_is_invalid()
    {
        var pod = NewPod(c => c.Resources = new ResourceRequirements { Requests = Resources(("cpu", "2")), Limits = Resources(("cpu", "1")) });
        Assert.Contains("spec.containers[0].resources.requests[cpu]: Invalid value: \"2\": must be less than or equal to cpu limit of 1", Strategy.Validate(pod).Select(e => e.ToString()));
    }

    [Fact]
    public void Defaulted_valid_pod_has_no_errors()
    {
        Assert.Empty(Strategy.Validate(NewPod()));
    }

    [Fact]
    public void Pod_update_changing_command_is_forbidden()
    {
        var old = Created();
        var updated = Copy(old);
        updated.Spec!.Containers![0].Command = ["sleep", "1"];
        var error = Assert.Single(Strategy.ValidateUpdate(updated, old));
        Assert.Equal("spec", error.Field);
        Assert.StartsWith("Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Pod_update_changing_image_and_adding_toleration_is_allowed()
    {
        var old = Created();
        var updated = Copy(old);
        updated.Spec!.Containers![0].Image = "nginx:1.27";
        updated.Spec.Tolerations = [new Toleration { Key = "k", Operator = "Exists" }];
        Assert.Empty(Strategy.ValidateUpdate(updated, old));
    }

    [Fact]
    public void Binding_an_unscheduled_pod_to_a_node_is_allowed()
    {
        var old = Created();
        var updated = Copy(old);
        updated.Spec!.NodeName = "node-1";
        Assert.Empty(Strategy.ValidateUpdate(updated, old));
        var moved = Copy(updated);
        moved.Spec!.NodeName = "node-2";
        Assert.NotEmpty(Strategy.ValidateUpdate(moved, updated));
    }

    [Fact]
    public void Scheduled_pod_waits_for_its_termination_grace_period_or_the_requested_one()
    {
        var pod = Created();
        pod.Spec!.NodeName = "node-1";
        Assert.Equal(30, Strategy.GracefulDeletionSeconds(pod, null));
        Assert.Equal(5, Strategy.GracefulDeletionSeconds(pod, 5));
        Assert.Null(Strategy.GracefulDeletionSeconds(pod, 0));
    }

    [Fact]
    public void Unscheduled_or_finished_pod_is_deleted_at_once()
    {
        var pod = Created();
        Assert.Null(Strategy.GracefulDeletionSeconds(pod, null));
        pod.Spec!.NodeName = "node-1";
        pod.Status!.Phase = "Succeeded";
        Assert.Null(Strategy.GracefulDeletionSeconds(pod, 30));
    }

    [Fact]
    public void Negative_grace_period_becomes_one_second()
    {
        var pod = Created();
        pod.Spec!.NodeName = "node-1";
        Assert.Equal(1, Strategy.GracefulDeletionSeconds(pod, -5));
    }

    [Fact]
    public void Pod_field_selectors_read_spec_and_status()
    {
        var pod = Created();
        pod.Spec!.NodeName = "node-1";
        Assert.Equal("node-1", Strategy.FieldValue(pod, "spec.nodeName"));
        Assert.Equal("Pending", Strategy.FieldValue(pod, "status.phase"));
        Assert.Equal("false", Strategy.FieldValue(pod, "spec.hostNetwork"));
        Assert.Equal("default-scheduler", Strategy.FieldValue(pod, "spec.schedulerName"));
        Assert.Contains("status.podIP", Strategy.SelectableFields);
        Assert.Null(Strategy.FieldValue(pod, "spec.unknown"));
    }

    [Fact]
    public void Qos_class_stays_as_created_on_update()
    {
        var old = Created();
        var updated = Copy(old);
        updated.Status!.QosClass = "Guaranteed";
        Strategy.PrepareForUpdate(updated, old);
        Assert.Equal("BestEffort", updated.Status.QosClass);
    }
}
