using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Storage.V1;
using KubeSharp.Controllers.PersistentVolumes;

namespace KubeSharp.Controllers.Tests;

public class PersistentVolumePlanTests
{
    private const decimal Gi = 1024m * 1024 * 1024;

    private static PersistentVolumeClaim Claim(string size = "1Gi", string? className = "", string[]? modes = null, LabelSelector? selector = null, Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new ObjectMeta { Name = "data-0", Namespace = "default", Uid = "claim-uid", Annotations = annotations },
        Spec = new PersistentVolumeClaimSpec
        {
            AccessModes = [.. modes ?? ["ReadWriteOnce"]],
            Resources = new VolumeResourceRequirements { Requests = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse(size) } },
            StorageClassName = className,
            Selector = selector,
        },
    };

    private static PersistentVolume Volume(string name, string size, string className = "", string[]? modes = null, Dictionary<string, string>? labels = null, string? node = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Uid = name + "-uid", Labels = labels },
        Spec = new PersistentVolumeSpec
        {
            Capacity = new Dictionary<string, Quantity> { ["storage"] = Quantity.Parse(size) },
            AccessModes = [.. modes ?? ["ReadWriteOnce"]],
            StorageClassName = className,
            PersistentVolumeReclaimPolicy = "Retain",
            NodeAffinity = node is null ? null : new VolumeNodeAffinity
            {
                Required = new NodeSelector
                {
                    NodeSelectorTerms = [new NodeSelectorTerm { MatchExpressions = [new NodeSelectorRequirement { Key = "kubernetes.io/hostname", Operator = "In", Values = [node] }] }],
                },
            },
        },
        Status = new PersistentVolumeStatus { Phase = "Available" },
    };

    private static StorageClass Class(string name, string provisioner = PersistentVolumePlan.LocalPathProvisioner, string mode = "WaitForFirstConsumer", bool isDefault = false) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = name,
            Annotations = isDefault ? new Dictionary<string, string> { [PersistentVolumePlan.DefaultClassAnnotation] = "true" } : null,
        },
        Provisioner = provisioner,
        VolumeBindingMode = mode,
        ReclaimPolicy = "Delete",
    };

    private static Node Node(string name) => new() { Metadata = new ObjectMeta { Name = name, Labels = new() { ["kubernetes.io/hostname"] = name } } };

    [Fact]
    public void An_unbound_claim_binds_to_the_smallest_available_volume_that_fits()
    {
        PersistentVolume[] volumes = [Volume("big", "10Gi"), Volume("small", "512Mi"), Volume("fit", "2Gi"), Volume("fit-too", "5Gi")];

        var decision = PersistentVolumePlan.Decide(Claim(), volumes, null, null);

        Assert.Equal(ClaimAction.Bind, decision.Action);
        Assert.Equal("fit", decision.Volume!.Metadata!.Name);
    }

    [Fact]
    public void A_volume_must_match_class_access_modes_selector_and_volume_mode()
    {
        var claim = Claim(className: "gold", modes: ["ReadWriteMany"], selector: new LabelSelector { MatchLabels = new() { ["tier"] = "db" } });
        PersistentVolume[] volumes =
        [
            Volume("other-class", "1Gi", "silver", ["ReadWriteMany"], new() { ["tier"] = "db" }),
            Volume("wrong-mode", "1Gi", "gold", ["ReadWriteOnce"], new() { ["tier"] = "db" }),
            Volume("wrong-labels", "1Gi", "gold", ["ReadWriteMany"], new() { ["tier"] = "web" }),
            Volume("block", "1Gi", "gold", ["ReadWriteMany"], new() { ["tier"] = "db" }),
            Volume("right", "1Gi", "gold", ["ReadWriteMany", "ReadWriteOnce"], new() { ["tier"] = "db" }),
        ];
        volumes[3].Spec!.VolumeMode = "Block";

        Assert.Equal("right", PersistentVolumePlan.BestMatch(claim, volumes, delayBinding: false, selectedNode: null)!.Metadata!.Name);
    }

    [Fact]
    public void A_volume_already_claimed_by_another_claim_is_not_chosen()
    {
        var taken = Volume("taken", "1Gi");
        taken.Spec!.ClaimRef = new ObjectReference { Namespace = "default", Name = "other", Uid = "other-uid" };

        Assert.Null(PersistentVolumePlan.BestMatch(Claim(), [taken], false, null));
    }

    [Fact]
    public void A_volume_pre_bound_to_the_claim_wins_over_smaller_ones()
    {
        var preBound = Volume("pre-bound", "5Gi");
        preBound.Spec!.ClaimRef = new ObjectReference { Namespace = "default", Name = "data-0" };

        Assert.Equal("pre-bound", PersistentVolumePlan.BestMatch(Claim(), [Volume("small", "1Gi"), preBound], false, null)!.Metadata!.Name);
    }

    [Fact]
    public void A_waiting_claim_binds_only_once_a_node_is_selected_and_only_to_volumes_on_that_node()
    {
        var claim = Claim(className: "local");
        PersistentVolume[] volumes = [Volume("on-a", "1Gi", "local", node: "a"), Volume("on-b", "1Gi", "local", node: "b")];

        Assert.Null(PersistentVolumePlan.BestMatch(claim, volumes, delayBinding: true, selectedNode: null));
        Assert.Equal("on-b", PersistentVolumePlan.BestMatch(claim, volumes, delayBinding: true, selectedNode: Node("b"))!.Metadata!.Name);
    }

    [Fact]
    public void A_local_path_claim_waits_for_its_consumer_then_is_provisioned()
    {
        var storageClass = Class("local-path");

        var waiting = PersistentVolumePlan.Decide(Claim(className: "local-path"), [], storageClass, null);
        var selected = Claim(className: "local-path", annotations: new() { [PersistentVolumePlan.SelectedNodeAnnotation] = "node-1" });

        Assert.Equal((ClaimAction.WaitForConsumer, "WaitForFirstConsumer", "waiting for first consumer to be created before binding"), (waiting.Action, waiting.Reason, waiting.Message));
        Assert.Equal(ClaimAction.ProvisionLocalPath, PersistentVolumePlan.Decide(selected, [], storageClass, Node("node-1")).Action);
    }

    [Fact]
    public void Claims_nothing_can_serve_stay_pending_with_upstreams_reasons()
    {
        var noClass = PersistentVolumePlan.Decide(Claim(className: ""), [], null, null);
        var missingClass = PersistentVolumePlan.Decide(Claim(className: "gone"), [], null, null);
        var external = PersistentVolumePlan.Decide(Claim(className: "ebs"), [], Class("ebs", "ebs.csi.aws.com", "Immediate"), null);

        Assert.Equal(("FailedBinding", "no persistent volumes available for this claim and no storage class is set"), (noClass.Reason, noClass.Message));
        Assert.Equal(("ProvisioningFailed", "storageclass.storage.k8s.io \"gone\" not found"), (missingClass.Reason, missingClass.Message));
        Assert.Equal(ClaimAction.WaitForExternalProvisioner, external.Action);
        Assert.StartsWith("Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com'", external.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binding_sets_claim_ref_volume_name_status_and_the_bind_annotations()
    {
        var claim = Claim();
        var volume = PersistentVolumePlan.BoundVolume(Volume("pv-1", "2Gi"), claim);
        var bound = PersistentVolumePlan.BoundClaim(claim, volume);

        Assert.Equal(("default", "data-0", "claim-uid"), (volume.Spec!.ClaimRef!.Namespace, volume.Spec.ClaimRef.Name, volume.Spec.ClaimRef.Uid));
        Assert.Equal("yes", volume.Metadata!.Annotations![PersistentVolumePlan.BoundByControllerAnnotation]);
        Assert.Equal("pv-1", bound.Spec!.VolumeName);
        Assert.Equal("yes", bound.Metadata!.Annotations![PersistentVolumePlan.BindCompletedAnnotation]);
        Assert.Equal("yes", bound.Metadata.Annotations[PersistentVolumePlan.BoundByControllerAnnotation]);
        Assert.Equal("Bound", bound.Status!.Phase);
        Assert.Equal(["ReadWriteOnce"], bound.Status.AccessModes!);
        Assert.Equal(2 * Gi, bound.Status.Capacity!["storage"].Value);
    }

    [Fact]
    public void A_deleted_claims_volume_is_released_or_deleted_by_its_reclaim_policy()
    {
        var retained = Volume("kept", "1Gi");
        retained.Spec!.ClaimRef = new ObjectReference { Namespace = "default", Name = "data-0", Uid = "claim-uid" };
        var deleted = Volume("gone", "1Gi");
        deleted.Spec!.ClaimRef = retained.Spec.ClaimRef;
        deleted.Spec.PersistentVolumeReclaimPolicy = "Delete";

        Assert.Equal(ReleaseAction.None, PersistentVolumePlan.Release(retained, Claim()));
        Assert.Equal(ReleaseAction.MarkReleased, PersistentVolumePlan.Release(retained, null));
        Assert.Equal(ReleaseAction.Delete, PersistentVolumePlan.Release(deleted, null));
        // A new claim of the same name is not the one the volume was bound to.
        var recreated = Claim();
        recreated.Metadata!.Uid = "new-uid";
        Assert.Equal(ReleaseAction.MarkReleased, PersistentVolumePlan.Release(retained, recreated));
        retained.Status!.Phase = "Released";
        Assert.Equal(ReleaseAction.None, PersistentVolumePlan.Release(retained, null));
    }

    [Fact]
    public void The_local_path_volume_is_pre_bound_sized_to_the_request_and_pinned_to_the_node()
    {
        var volume = PersistentVolumePlan.LocalPathVolume(Claim(size: "3Gi", className: "local-path"), Class("local-path"), "/data/storage", "node-1");

        Assert.Equal("pvc-claim-uid", volume.Metadata!.Name);
        Assert.Equal("/data/storage/pvc-claim-uid_default_data-0", volume.Spec!.HostPath!.Path);
        Assert.Equal(3 * Gi, volume.Spec.Capacity!["storage"].Value);
        Assert.Equal("Delete", volume.Spec.PersistentVolumeReclaimPolicy);
        Assert.Equal("claim-uid", volume.Spec.ClaimRef!.Uid);
        Assert.Equal(["node-1"], volume.Spec.NodeAffinity!.Required!.NodeSelectorTerms![0].MatchExpressions![0].Values!);
        Assert.Equal(PersistentVolumePlan.LocalPathProvisioner, volume.Metadata.Annotations![PersistentVolumePlan.ProvisionedByAnnotation]);
    }

    [Fact]
    public void A_claim_created_without_a_class_gets_the_default_class_retroactively()
    {
        var withoutClass = Claim(className: null);

        Assert.Null(PersistentVolumePlan.RetroactiveClass(withoutClass, [Class("slow")]));
        Assert.Equal("local-path", PersistentVolumePlan.RetroactiveClass(withoutClass, [Class("slow"), Class("local-path", isDefault: true)]));
        Assert.Null(PersistentVolumePlan.RetroactiveClass(Claim(className: ""), [Class("local-path", isDefault: true)]));
    }

    [Fact]
    public void A_volume_is_available_without_a_claim_and_bound_once_its_claim_names_it()
    {
        var volume = Volume("pv-1", "1Gi");
        var claim = Claim();

        Assert.Equal("Available", PersistentVolumePlan.ExpectedPhase(volume, null));
        volume.Spec!.ClaimRef = new ObjectReference { Namespace = "default", Name = "data-0", Uid = "claim-uid" };
        Assert.Null(PersistentVolumePlan.ExpectedPhase(volume, claim));
        claim.Spec!.VolumeName = "pv-1";
        Assert.Equal("Bound", PersistentVolumePlan.ExpectedPhase(volume, claim));
        volume.Status!.Phase = "Released";
        volume.Spec.ClaimRef = null;
        Assert.Equal("Available", PersistentVolumePlan.ExpectedPhase(volume, null));
    }
}
