using System.Text;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Node.Pods;

/// <summary>A volume made ready on the host: the directory (or file) containers bind-mount.</summary>
internal sealed record PreparedVolume(string HostPath, bool ReadOnly);

/// <summary>
/// Sets up a pod's volumes under its pod directory (&lt;pod dir&gt;/volumes/&lt;plugin&gt;/&lt;name&gt;, the kubelet's
/// layout): emptyDir directories, hostPath (created for DirectoryOrCreate/FileOrCreate), the host directory
/// of a persistentVolumeClaim's bound hostPath or local volume, and the files of configMap, secret,
/// downwardAPI and projected volumes.
/// </summary>
internal static class PodVolumes
{
    private const int DefaultFileMode = 0b110_100_100; // 0644

    /// <summary>Whether a volume of <paramref name="pod"/> (directly or projected) reads the ConfigMap or Secret (<paramref name="kind"/>) <paramref name="name"/>.</summary>
    public static bool References(Pod pod, string kind, string? name) => (pod.Spec?.Volumes ?? []).Any(v => kind switch
    {
        "ConfigMap" => v.ConfigMap?.Name == name || (v.Projected?.Sources ?? []).Any(p => p.ConfigMap?.Name == name),
        "Secret" => v.Secret?.SecretName == name || (v.Projected?.Sources ?? []).Any(p => p.Secret?.Name == name),
        _ => false,
    });

    public static async Task<Dictionary<string, PreparedVolume>> PrepareAsync(
        Pod pod,
        string podDirectory,
        IPodObjectSource objects,
        string? hostIP,
        string? podIP,
        IReadOnlyDictionary<string, decimal> nodeAllocatable,
        CancellationToken cancellationToken)
    {
        var ns = pod.Metadata?.Namespace ?? "default";
        var prepared = new Dictionary<string, PreparedVolume>(StringComparer.Ordinal);
        foreach (var volume in pod.Spec?.Volumes ?? [])
        {
            var name = volume.Name ?? "";
            string Dir(string plugin) => Path.Combine(podDirectory, "volumes", plugin, name);
            if (volume.EmptyDir is not null)
            {
                var path = Dir("kubernetes.io~empty-dir");
                Directory.CreateDirectory(path);
                File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
                prepared[name] = new PreparedVolume(path, false);
            }
            else if (volume.HostPath is { } hostPath)
            {
                prepared[name] = new PreparedVolume(PrepareHostPath(hostPath), false);
            }
            else if (volume.PersistentVolumeClaim is { } claimSource)
            {
                var path = await PersistentVolumePathAsync(ns, claimSource.ClaimName ?? "", objects, cancellationToken).ConfigureAwait(false);
                prepared[name] = new PreparedVolume(path, claimSource.ReadOnly == true);
            }
            else if (volume.ConfigMap is { } configMapSource)
            {
                var files = new Dictionary<string, (byte[], int)>(StringComparer.Ordinal);
                var configMap = await objects.GetConfigMapAsync(ns, configMapSource.Name ?? "", cancellationToken).ConfigureAwait(false);
                if (configMap is null && configMapSource.Optional != true)
                {
                    throw new PodConfigException($"configmap \"{configMapSource.Name}\" not found");
                }

                if (configMap is not null)
                {
                    AddKeys(files, ConfigMapData(configMap), configMapSource.Items, configMapSource.DefaultMode, $"ConfigMap {ns}/{configMapSource.Name}", configMapSource.Optional == true);
                }

                var path = Dir("kubernetes.io~configmap");
                AtomicDirectoryWriter.Write(path, files);
                prepared[name] = new PreparedVolume(path, true);
            }
            else if (volume.Secret is { } secretSource)
            {
                var files = new Dictionary<string, (byte[], int)>(StringComparer.Ordinal);
                var secret = await objects.GetSecretAsync(ns, secretSource.SecretName ?? "", cancellationToken).ConfigureAwait(false);
                if (secret is null && secretSource.Optional != true)
                {
                    throw new PodConfigException($"secret \"{secretSource.SecretName}\" not found");
                }

                if (secret is not null)
                {
                    AddKeys(files, secret.Data ?? [], secretSource.Items, secretSource.DefaultMode, $"Secret {ns}/{secretSource.SecretName}", secretSource.Optional == true);
                }

                var path = Dir("kubernetes.io~secret");
                AtomicDirectoryWriter.Write(path, files);
                prepared[name] = new PreparedVolume(path, true);
            }
            else if (volume.DownwardAPI is { } downward)
            {
                var files = new Dictionary<string, (byte[], int)>(StringComparer.Ordinal);
                AddDownward(files, pod, downward.Items, downward.DefaultMode, hostIP, podIP, nodeAllocatable);
                var path = Dir("kubernetes.io~downward-api");
                AtomicDirectoryWriter.Write(path, files);
                prepared[name] = new PreparedVolume(path, true);
            }
            else if (volume.Projected is { } projected)
            {
                var files = new Dictionary<string, (byte[], int)>(StringComparer.Ordinal);
                foreach (var source in projected.Sources ?? [])
                {
                    if (source.ConfigMap is { } cm)
                    {
                        var configMap = await objects.GetConfigMapAsync(ns, cm.Name ?? "", cancellationToken).ConfigureAwait(false);
                        if (configMap is null && cm.Optional != true)
                        {
                            throw new PodConfigException($"configmap \"{cm.Name}\" not found");
                        }

                        if (configMap is not null)
                        {
                            AddKeys(files, ConfigMapData(configMap), cm.Items, projected.DefaultMode, $"ConfigMap {ns}/{cm.Name}", cm.Optional == true);
                        }
                    }
                    else if (source.Secret is { } s)
                    {
                        var secret = await objects.GetSecretAsync(ns, s.Name ?? "", cancellationToken).ConfigureAwait(false);
                        if (secret is null && s.Optional != true)
                        {
                            throw new PodConfigException($"secret \"{s.Name}\" not found");
                        }

                        if (secret is not null)
                        {
                            AddKeys(files, secret.Data ?? [], s.Items, projected.DefaultMode, $"Secret {ns}/{s.Name}", s.Optional == true);
                        }
                    }
                    else if (source.DownwardAPI is { } d)
                    {
                        AddDownward(files, pod, d.Items, projected.DefaultMode, hostIP, podIP, nodeAllocatable);
                    }
                    else if (source.ServiceAccountToken is { } tokenProjection)
                    {
                        var token = await objects.RequestServiceAccountTokenAsync(pod, tokenProjection, cancellationToken).ConfigureAwait(false);
                        if (token is not null)
                        {
                            files[tokenProjection.Path ?? "token"] = (Encoding.UTF8.GetBytes(token), projected.DefaultMode ?? DefaultFileMode);
                        }
                    }
                }

                var path = Dir("kubernetes.io~projected");
                AtomicDirectoryWriter.Write(path, files);
                prepared[name] = new PreparedVolume(path, true);
            }
            else
            {
                throw new PodConfigException($"volume {name}: only emptyDir, hostPath, persistentVolumeClaim, configMap, secret, downwardAPI and projected volumes are supported by this node");
            }
        }

        return prepared;
    }

    /// <summary>
    /// The host directory behind a claim: the claim must exist and be bound (else the pod waits in
    /// ContainerCreating and retries) to a hostPath or local volume; a missing directory is created.
    /// </summary>
    private static async Task<string> PersistentVolumePathAsync(string ns, string claimName, IPodObjectSource objects, CancellationToken cancellationToken)
    {
        var claim = await objects.GetPersistentVolumeClaimAsync(ns, claimName, cancellationToken).ConfigureAwait(false)
            ?? throw new PodConfigException($"persistentvolumeclaim \"{claimName}\" not found");
        if (string.IsNullOrEmpty(claim.Spec?.VolumeName) || claim.Status?.Phase != "Bound")
        {
            throw new PodConfigException($"persistentvolumeclaim \"{claimName}\" is not bound");
        }

        var volume = await objects.GetPersistentVolumeAsync(claim.Spec.VolumeName, cancellationToken).ConfigureAwait(false)
            ?? throw new PodConfigException($"persistentvolume \"{claim.Spec.VolumeName}\" not found");
        var path = volume.Spec?.HostPath?.Path ?? volume.Spec?.Local?.Path
            ?? throw new PodConfigException($"persistentvolume \"{volume.Metadata?.Name}\": only hostPath and local volumes are supported by this node");
        Directory.CreateDirectory(path);
        if (volume.Metadata?.Annotations?.GetValueOrDefault("pv.kubernetes.io/provisioned-by") == "rancher.io/local-path")
        {
            // As k3s's provisioner creates it: writable by any container user.
            File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
        }

        return path;
    }

    private static string PrepareHostPath(HostPathVolumeSource source)
    {
        var path = source.Path ?? throw new PodConfigException("hostPath.path is required");
        switch (source.Type)
        {
            case "DirectoryOrCreate":
                Directory.CreateDirectory(path);
                break;
            case "FileOrCreate":
                if (!File.Exists(path))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllBytes(path, []);
                }

                break;
            case "Directory" when !Directory.Exists(path):
                throw new PodConfigException($"hostPath type check failed: {path} is not a directory");
            case "File" when !File.Exists(path):
                throw new PodConfigException($"hostPath type check failed: {path} is not a file");
        }

        return path;
    }

    private static Dictionary<string, byte[]> ConfigMapData(ConfigMap configMap)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in configMap.Data ?? [])
        {
            data[key] = Encoding.UTF8.GetBytes(value);
        }

        foreach (var (key, value) in configMap.BinaryData ?? [])
        {
            data[key] = value;
        }

        return data;
    }

    private static void AddKeys(Dictionary<string, (byte[], int)> files, Dictionary<string, byte[]> data, List<KeyToPath>? items, int? defaultMode, string what, bool optional)
    {
        var mode = defaultMode ?? DefaultFileMode;
        if (items is null or { Count: 0 })
        {
            foreach (var (key, value) in data)
            {
                files[key] = (value, mode);
            }

            return;
        }

        foreach (var item in items)
        {
            if (!data.TryGetValue(item.Key ?? "", out var value))
            {
                if (optional)
                {
                    continue;
                }

                throw new PodConfigException($"configmap references non-existent config key: {item.Key} ({what})");
            }

            files[item.Path ?? item.Key!] = (value, item.Mode ?? mode);
        }
    }

    private static void AddDownward(Dictionary<string, (byte[], int)> files, Pod pod, List<DownwardAPIVolumeFile>? items, int? defaultMode, string? hostIP, string? podIP, IReadOnlyDictionary<string, decimal> nodeAllocatable)
    {
        foreach (var item in items ?? [])
        {
            string value;
            if (item.FieldRef is { } fieldRef)
            {
                value = PodFieldPaths.Resolve(pod, fieldRef.FieldPath ?? "", hostIP, podIP);
            }
            else if (item.ResourceFieldRef is { } resourceRef)
            {
                value = PodFieldPaths.ResolveResource(pod, "", resourceRef, nodeAllocatable);
            }
            else
            {
                continue;
            }

            files[item.Path ?? ""] = (Encoding.UTF8.GetBytes(value), item.Mode ?? defaultMode ?? DefaultFileMode);
        }
    }
}
