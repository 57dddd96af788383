using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Api.Networking.V1;
using KubeSharp.Api.Node.V1;
using KubeSharp.Api.Policy.V1;
using KubeSharp.Api.Rbac.V1;
using KubeSharp.Api.Scheduling.V1;
using KubeSharp.Api.Storage.V1;
using KubeSharp.ApiServer.Printing.Printers;

namespace KubeSharp.ApiServer.Printing;

/// <summary>
/// The server-side printers of the built-in kinds, with Kubernetes 1.32's columns. Kinds without a
/// printer here (roles, cluster roles, limit ranges, CRDs, …) get the default Name/Created At table,
/// as in Kubernetes.
/// </summary>
public static class BuiltInPrinters
{
    public static void RegisterAll(TablePrinters printers)
    {
        ArgumentNullException.ThrowIfNull(printers);
        printers.Register<Pod>(new PodPrinter());
        printers.Register<Api.Metrics.V1beta1.NodeMetrics>(new NodeMetricsPrinter());
        printers.Register<Api.Metrics.V1beta1.PodMetrics>(new PodMetricsPrinter());
        printers.Register<PodTemplate>(new PodTemplatePrinter());
        printers.Register<ReplicationController>(new ReplicationControllerPrinter());
        printers.Register<Service>(new ServicePrinter());
        printers.Register<Endpoints>(new EndpointsPrinter());
        printers.Register<Node>(new NodePrinter());
        printers.Register<Namespace>(new NamespacePrinter());
        printers.Register<Event>(new EventPrinter());
        printers.Register<Secret>(new SecretPrinter());
        printers.Register<ConfigMap>(new ConfigMapPrinter());
        printers.Register<ServiceAccount>(new ServiceAccountPrinter());
        printers.Register<ResourceQuota>(new ResourceQuotaPrinter());
        printers.Register<PersistentVolume>(new PersistentVolumePrinter());
        printers.Register<PersistentVolumeClaim>(new PersistentVolumeClaimPrinter());
        printers.Register<ComponentStatus>(new ComponentStatusPrinter());

        printers.Register<Deployment>(new DeploymentPrinter());
        printers.Register<ReplicaSet>(new ReplicaSetPrinter());
        printers.Register<StatefulSet>(new StatefulSetPrinter());
        printers.Register<DaemonSet>(new DaemonSetPrinter());
        printers.Register<ControllerRevision>(new ControllerRevisionPrinter());

        printers.Register<Job>(new JobPrinter());
        printers.Register<CronJob>(new CronJobPrinter());

        printers.Register<Api.Autoscaling.V2.HorizontalPodAutoscaler>(new HorizontalPodAutoscalerPrinter());
        printers.Register<Api.Autoscaling.V1.HorizontalPodAutoscaler>(new HorizontalPodAutoscalerV1Printer());

        printers.Register<Ingress>(new IngressPrinter());
        printers.Register<IngressClass>(new IngressClassPrinter());
        printers.Register<NetworkPolicy>(new NetworkPolicyPrinter());
        printers.Register<EndpointSlice>(new EndpointSlicePrinter());
        printers.Register<Api.Events.V1.Event>(new EventsV1EventPrinter());
        printers.Register<Lease>(new LeasePrinter());
        printers.Register<RuntimeClass>(new RuntimeClassPrinter());
        printers.Register<PodDisruptionBudget>(new PodDisruptionBudgetPrinter());
        printers.Register<PriorityClass>(new PriorityClassPrinter());
        printers.Register<RoleBinding>(new RoleBindingPrinter());
        printers.Register<ClusterRoleBinding>(new ClusterRoleBindingPrinter());

        printers.Register<StorageClass>(new StorageClassPrinter());
        printers.Register<CSIDriver>(new CSIDriverPrinter());
        printers.Register<CSINode>(new CSINodePrinter());
        printers.Register<VolumeAttachment>(new VolumeAttachmentPrinter());

        printers.Register<Api.AdmissionRegistration.V1.MutatingWebhookConfiguration>(new WebhookConfigurationPrinter<Api.AdmissionRegistration.V1.MutatingWebhookConfiguration>(c => c.Webhooks?.Count ?? 0));
        printers.Register<Api.AdmissionRegistration.V1.ValidatingWebhookConfiguration>(new WebhookConfigurationPrinter<Api.AdmissionRegistration.V1.ValidatingWebhookConfiguration>(c => c.Webhooks?.Count ?? 0));
        printers.Register<Api.AdmissionRegistration.V1.ValidatingAdmissionPolicy>(new ValidatingAdmissionPolicyPrinter());
        printers.Register<Api.AdmissionRegistration.V1.ValidatingAdmissionPolicyBinding>(new ValidatingAdmissionPolicyBindingPrinter());
        printers.Register<Api.Certificates.V1.CertificateSigningRequest>(new CertificateSigningRequestPrinter());
        printers.Register<CSIStorageCapacity>(new CSIStorageCapacityPrinter());
        printers.Register<Api.Flowcontrol.V1.FlowSchema>(new FlowSchemaPrinter());
        printers.Register<Api.Flowcontrol.V1.PriorityLevelConfiguration>(new PriorityLevelConfigurationPrinter());
    }
}
