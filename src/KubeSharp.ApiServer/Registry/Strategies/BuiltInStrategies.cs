using KubeSharp.Api;
using KubeSharp.Api.AdmissionRegistration.V1;
using KubeSharp.Api.ApiExtensions.V1;
using KubeSharp.Api.Apps.V1;
using KubeSharp.Api.Batch.V1;
using KubeSharp.Api.Coordination.V1;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Discovery.V1;
using KubeSharp.Api.Networking.V1;
using KubeSharp.Api.Rbac.V1;
using KubeSharp.Api.Scheduling.V1;
using KubeSharp.Api.Storage.V1;
using AutoscalingV1 = KubeSharp.Api.Autoscaling.V1;
using AutoscalingV2 = KubeSharp.Api.Autoscaling.V2;

namespace KubeSharp.ApiServer.Registry.Strategies;

/// <summary>
/// The registry strategies of the built-in kinds: Kubernetes' defaulting for every kind, and for
/// the kinds that need it, create/update preparation, validation, field selectors, graceful
/// deletion and create-on-update. Kinds not listed use the plain <see cref="ResourceStrategy"/>.
/// </summary>
public static class BuiltInStrategies
{
    public static IReadOnlyDictionary<Type, ResourceStrategy> Create() => new Dictionary<Type, ResourceStrategy>
    {
        [typeof(Pod)] = new PodStrategy(),
        [typeof(PodTemplate)] = new PodTemplateStrategy(),
        [typeof(ReplicationController)] = new ReplicationControllerStrategy(),
        [typeof(Service)] = new ServiceStrategy(),
        [typeof(Endpoints)] = new DefaultingStrategy<Endpoints>(CoreV1Defaults.Apply, allowCreateOnUpdate: true),
        [typeof(Namespace)] = new NamespaceStrategy(),
        [typeof(Node)] = new NodeStrategy(),
        [typeof(Secret)] = new SecretStrategy(),
        [typeof(ConfigMap)] = new ConfigMapStrategy(),
        [typeof(Event)] = new EventStrategy(),
        [typeof(Binding)] = new CreateOnlyStrategy(),
        [typeof(Api.Authorization.V1.SelfSubjectAccessReview)] = new CreateOnlyStrategy(),
        [typeof(Api.Authorization.V1.SubjectAccessReview)] = new CreateOnlyStrategy(),
        [typeof(Api.Authorization.V1.LocalSubjectAccessReview)] = new CreateOnlyStrategy(),
        [typeof(Api.Authorization.V1.SelfSubjectRulesReview)] = new CreateOnlyStrategy(),
        [typeof(Api.Authentication.V1.SelfSubjectReview)] = new CreateOnlyStrategy(),
        [typeof(Api.Authentication.V1.TokenReview)] = new CreateOnlyStrategy(),
        [typeof(PersistentVolume)] = new PersistentVolumeStrategy(),
        [typeof(PersistentVolumeClaim)] = new PersistentVolumeClaimStrategy(),
        [typeof(LimitRange)] = new DefaultingStrategy<LimitRange>(CoreV1Defaults.Apply, allowCreateOnUpdate: true),
        [typeof(ResourceQuota)] = new DefaultingStrategy<ResourceQuota>(CoreV1Defaults.Apply),

        [typeof(Deployment)] = new DeploymentStrategy(),
        [typeof(ReplicaSet)] = new ReplicaSetStrategy(),
        [typeof(StatefulSet)] = new StatefulSetStrategy(),
        [typeof(DaemonSet)] = new DaemonSetStrategy(),

        [typeof(Job)] = new JobStrategy(),
        [typeof(CronJob)] = new CronJobStrategy(),

        [typeof(AutoscalingV1.HorizontalPodAutoscaler)] = new DefaultingStrategy<AutoscalingV1.HorizontalPodAutoscaler>(AutoscalingV1.AutoscalingV1Defaults.Apply),
        [typeof(AutoscalingV2.HorizontalPodAutoscaler)] = new DefaultingStrategy<AutoscalingV2.HorizontalPodAutoscaler>(AutoscalingV2.AutoscalingV2Defaults.Apply),

        [typeof(Lease)] = new DefaultingStrategy<Lease>(_ => { }, allowCreateOnUpdate: true),
        [typeof(Api.Events.V1.Event)] = new EventsV1EventStrategy(),
        [typeof(EndpointSlice)] = new DefaultingStrategy<EndpointSlice>(DiscoveryV1Defaults.Apply),
        [typeof(NetworkPolicy)] = new DefaultingStrategy<NetworkPolicy>(NetworkingV1Defaults.Apply),
        [typeof(IngressClass)] = new DefaultingStrategy<IngressClass>(NetworkingV1Defaults.Apply),
        [typeof(Role)] = new DefaultingStrategy<Role>(_ => { }, allowCreateOnUpdate: true, validateName: Admission.ObjectMetaValidation.PathSegmentName),
        [typeof(ClusterRole)] = new DefaultingStrategy<ClusterRole>(_ => { }, allowCreateOnUpdate: true, validateName: Admission.ObjectMetaValidation.PathSegmentName),
        [typeof(RoleBinding)] = new DefaultingStrategy<RoleBinding>(RbacV1Defaults.Apply, allowCreateOnUpdate: true, validateName: Admission.ObjectMetaValidation.PathSegmentName),
        [typeof(ClusterRoleBinding)] = new DefaultingStrategy<ClusterRoleBinding>(RbacV1Defaults.Apply, allowCreateOnUpdate: true, validateName: Admission.ObjectMetaValidation.PathSegmentName),
        [typeof(PriorityClass)] = new DefaultingStrategy<PriorityClass>(SchedulingV1Defaults.Apply),
        [typeof(StorageClass)] = new DefaultingStrategy<StorageClass>(StorageV1Defaults.Apply),
        [typeof(CSIDriver)] = new DefaultingStrategy<CSIDriver>(StorageV1Defaults.Apply),
        [typeof(Api.Certificates.V1.CertificateSigningRequest)] = new CertificateSigningRequestStrategy(),
        [typeof(Api.Flowcontrol.V1.FlowSchema)] = new DefaultingStrategy<Api.Flowcontrol.V1.FlowSchema>(Api.Flowcontrol.V1.FlowcontrolV1Defaults.Apply),
        [typeof(Api.Flowcontrol.V1.PriorityLevelConfiguration)] = new DefaultingStrategy<Api.Flowcontrol.V1.PriorityLevelConfiguration>(Api.Flowcontrol.V1.FlowcontrolV1Defaults.Apply),
        [typeof(CustomResourceDefinition)] = new CustomResources.CustomResourceDefinitionStrategy(),
        [typeof(MutatingWebhookConfiguration)] = new MutatingWebhookConfigurationStrategy(),
        [typeof(ValidatingWebhookConfiguration)] = new ValidatingWebhookConfigurationStrategy(),
        [typeof(ValidatingAdmissionPolicy)] = new ValidatingAdmissionPolicyStrategy(),
        [typeof(ValidatingAdmissionPolicyBinding)] = new DefaultingStrategy<ValidatingAdmissionPolicyBinding>(AdmissionPolicyDefaults.Apply, tracksGeneration: true),
    };
}
