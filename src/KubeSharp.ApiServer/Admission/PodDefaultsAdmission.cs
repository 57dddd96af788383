using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Admission;

/// <summary>
/// Kubernetes' admission defaults for new pods: the DefaultTolerationSeconds plugin (tolerate
/// node.kubernetes.io/not-ready and unreachable with NoExecute for 300 s unless the pod says
/// otherwise) and the ServiceAccount plugin (service account name "default", the account's
/// imagePullSecrets when the pod has none, and the projected <c>kube-api-access-xxxxx</c> token volume
/// mounted at /var/run/secrets/kubernetes.io/serviceaccount unless automounting is turned off).
/// Unlike Kubernetes, a pod whose service account does not exist (yet) is admitted as if the account
/// had no settings: KubeSharp creates each namespace's default account asynchronously.
/// </summary>
public sealed class PodDefaultsAdmission : IAdmissionPlugin
{
    public const long DefaultTolerationSeconds = 300;

    /// <summary>Where every container finds its service account token, the cluster CA and its namespace.</summary>
    public const string TokenMountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>The generated token volume's name prefix (a random five-character suffix follows).</summary>
    public const string TokenVolumePrefix = "kube-api-access-";

    /// <summary>The token lifetime the ServiceAccount plugin asks for: an hour and seven seconds, so the kubelet can tell it apart.</summary>
    public const long TokenExpirationSeconds = 3607;

    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private static readonly string[] NodeProblemTaints = ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"];

    public async Task AdmitAsync(ResourceStore store, ResourceDefinition definition, KubernetesObject obj, KubernetesObject? old, CancellationToken cancellationToken)
    {
        if (obj is Pod { Spec: { } spec } pod && old is null)
        {
            Apply(spec);
            ServiceAccount? account = null;
            if (!string.IsNullOrEmpty(pod.Metadata?.Namespace))
            {
                var stored = await store.TryGetAsync(store.Catalog.Get<ServiceAccount>(), pod.Metadata.Namespace, spec.ServiceAccountName!, cancellationToken).ConfigureAwait(false);
                account = stored?.Object as ServiceAccount;
            }

            ApplyServiceAccount(spec, account);
        }
    }

    /// <summary>
    /// Pure: the ServiceAccount plugin's changes for <paramref name="account"/> (null: an account without settings).
    /// Containers that already mount something at <see cref="TokenMountPath"/> are left alone.
    /// </summary>
    public static void ApplyServiceAccount(PodSpec spec, ServiceAccount? account)
    {
        if (spec.ImagePullSecrets is not { Count: > 0 } && account?.ImagePullSecrets is { Count: > 0 } pullSecrets)
        {
            spec.ImagePullSecrets = pullSecrets.Select(s => new LocalObjectReference { Name = s.Name }).ToList();
        }

        if (!(spec.AutomountServiceAccountToken ?? account?.AutomountServiceAccountToken ?? true))
        {
            return;
        }

        var volumes = spec.Volumes ?? [];
        var volumeName = volumes.FirstOrDefault(v => v.Name?.StartsWith(TokenVolumePrefix, StringComparison.Ordinal) == true)?.Name;
        var hasVolume = volumeName is not null;
        while (volumeName is null || (!hasVolume && volumes.Any(v => v.Name == volumeName)))
        {
            volumeName = TokenVolumePrefix + string.Concat(Enumerable.Range(0, 5).Select(_ => NameAlphabet[Random.Shared.Next(NameAlphabet.Length)]));
        }

        var mounted = false;
        foreach (var container in (spec.InitContainers ?? []).Concat(spec.Containers ?? []))
        {
            var mounts = container.VolumeMounts ??= [];
            if (mounts.Any(m => m.MountPath == TokenMountPath))
            {
                continue;
            }

            mounts.Add(new VolumeMount { Name = volumeName, ReadOnly = true, MountPath = TokenMountPath });
            mounted = true;
        }

        if (mounted && !hasVolume)
        {
            volumes.Add(TokenVolume(volumeName));
            spec.Volumes = volumes;
        }
    }

    /// <summary>The projected volume Kubernetes adds: a bound token, the cluster CA from kube-root-ca.crt and the namespace, files 0644.</summary>
    public static Volume TokenVolume(string name) => new()
    {
        Name = name,
        Projected = new ProjectedVolumeSource
        {
            DefaultMode = 420,
            Sources =
            [
                new VolumeProjection { ServiceAccountToken = new ServiceAccountTokenProjection { ExpirationSeconds = TokenExpirationSeconds, Path = "token" } },
                new VolumeProjection { ConfigMap = new ConfigMapProjection { Name = "kube-root-ca.crt", Items = [new KeyToPath { Key = "ca.crt", Path = "ca.crt" }] } },
                new VolumeProjection
                {
                    DownwardAPI = new DownwardAPIProjection
                    {
                        Items = [new DownwardAPIVolumeFile { Path = "namespace", FieldRef = new ObjectFieldSelector { ApiVersion = "v1", FieldPath = "metadata.namespace" } }],
                    },
                },
            ],
        },
    };

    /// <summary>Pure: adds what a new pod gets by default.</summary>
    public static void Apply(PodSpec spec)
    {
        if (string.IsNullOrEmpty(spec.ServiceAccountName))
        {
            spec.ServiceAccountName = string.IsNullOrEmpty(spec.ServiceAccount) ? "default" : spec.ServiceAccount;
        }

        spec.ServiceAccount ??= spec.ServiceAccountName;
        var tolerations = spec.Tolerations ??= [];
        foreach (var key in NodeProblemTaints)
        {
            // A toleration that already covers the taint (by key, or Exists without key) wins.
            var covered = tolerations.Any(t =>
                (t.Key == key || (string.IsNullOrEmpty(t.Key) && t.Operator == "Exists"))
                && (string.IsNullOrEmpty(t.Effect) || t.Effect == "NoExecute"));
            if (!covered)
            {
                tolerations.Add(new Toleration { Key = key, Operator = "Exists", Effect = "NoExecute", TolerationSeconds = DefaultTolerationSeconds });
            }
        }
    }
}
