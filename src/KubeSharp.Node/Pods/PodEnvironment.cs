using System.Text;
using KubeSharp.Api.Core.V1;

namespace KubeSharp.Node.Pods;

/// <summary>Reads the ConfigMaps and Secrets a pod refers to; null when the object does not exist.</summary>
internal interface IPodObjectSource
{
    Task<ConfigMap?> GetConfigMapAsync(string ns, string name, CancellationToken cancellationToken);

    Task<Secret?> GetSecretAsync(string ns, string name, CancellationToken cancellationToken);

    /// <summary>A service account token for a projected volume (TokenRequest); null when the server cannot issue one.</summary>
    Task<string?> RequestServiceAccountTokenAsync(Pod pod, ServiceAccountTokenProjection projection, CancellationToken cancellationToken);

    Task<PersistentVolumeClaim?> GetPersistentVolumeClaimAsync(string ns, string name, CancellationToken cancellationToken);

    Task<PersistentVolume?> GetPersistentVolumeAsync(string name, CancellationToken cancellationToken);
}

/// <summary>A container's environment as the kubelet builds it: envFrom first, then env in order, $(VAR) expanded against what precedes.</summary>
internal static class PodEnvironment
{
    public static async Task<List<KeyValuePair<string, string>>> BuildAsync(
        Pod pod,
        Container container,
        IPodObjectSource objects,
        string? hostIP,
        string? podIP,
        IReadOnlyDictionary<string, decimal> nodeAllocatable,
        CancellationToken cancellationToken,
        IEnumerable<KeyValuePair<string, string>>? serviceVariables = null)
    {
        var ns = pod.Metadata?.Namespace ?? "default";
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        void Set(string name, string value)
        {
            if (!values.ContainsKey(name))
            {
                order.Add(name);
            }

            values[name] = value;
        }

        // Service variables come first: the container's own env and envFrom override them and may refer to them.
        foreach (var (name, value) in serviceVariables ?? [])
        {
            Set(name, value);
        }

        foreach (var source in container.EnvFrom ?? [])
        {
            var prefix = source.Prefix ?? "";
            if (source.ConfigMapRef is { } configMapRef)
            {
                var configMap = await objects.GetConfigMapAsync(ns, configMapRef.Name ?? "", cancellationToken).ConfigureAwait(false);
                if (configMap is null)
                {
                    if (configMapRef.Optional == true)
                    {
                        continue;
                    }

                    throw new PodConfigException($"configmap \"{configMapRef.Name}\" not found");
                }

                foreach (var (key, value) in configMap.Data ?? [])
                {
                    Set(prefix + key, value);
                }
            }

            if (source.SecretRef is { } secretRef)
            {
                var secret = await objects.GetSecretAsync(ns, secretRef.Name ?? "", cancellationToken).ConfigureAwait(false);
                if (secret is null)
                {
                    if (secretRef.Optional == true)
                    {
                        continue;
                    }

                    throw new PodConfigException($"secret \"{secretRef.Name}\" not found");
                }

                foreach (var (key, value) in secret.Data ?? [])
                {
                    Set(prefix + key, Encoding.UTF8.GetString(value));
                }
            }
        }

        foreach (var env in container.Env ?? [])
        {
            var name = env.Name ?? "";
            if (env.ValueFrom is not { } from)
            {
                Set(name, VariableExpansion.Expand(env.Value ?? "", v => values.GetValueOrDefault(v)));
                continue;
            }

            string? value = null;
            if (from.FieldRef is { } fieldRef)
            {
                value = PodFieldPaths.Resolve(pod, fieldRef.FieldPath ?? "", hostIP, podIP);
            }
            else if (from.ResourceFieldRef is { } resourceRef)
            {
                value = PodFieldPaths.ResolveResource(pod, container.Name ?? "", resourceRef, nodeAllocatable);
            }
            else if (from.ConfigMapKeyRef is { } configMapKey)
            {
                var configMap = await objects.GetConfigMapAsync(ns, configMapKey.Name ?? "", cancellationToken).ConfigureAwait(false);
                if (configMap is null && configMapKey.Optional != true)
                {
                    throw new PodConfigException($"configmap \"{configMapKey.Name}\" not found");
                }

                if (configMap is not null)
                {
                    value = configMap.Data?.GetValueOrDefault(configMapKey.Key ?? "")
                        ?? (configMap.BinaryData?.TryGetValue(configMapKey.Key ?? "", out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null);
                    if (value is null && configMapKey.Optional != true)
                    {
                        throw new PodConfigException($"couldn't find key {configMapKey.Key} in ConfigMap {ns}/{configMapKey.Name}");
                    }
                }
            }
            else if (from.SecretKeyRef is { } secretKey)
            {
                var secret = await objects.GetSecretAsync(ns, secretKey.Name ?? "", cancellationToken).ConfigureAwait(false);
                if (secret is null && secretKey.Optional != true)
                {
                    throw new PodConfigException($"secret \"{secretKey.Name}\" not found");
                }

                if (secret is not null)
                {
                    value = secret.Data?.TryGetValue(secretKey.Key ?? "", out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
                    if (value is null && secretKey.Optional != true)
                    {
                        throw new PodConfigException($"couldn't find key {secretKey.Key} in Secret {ns}/{secretKey.Name}");
                    }
                }
            }

            if (value is not null)
            {
                Set(name, value);
            }
        }

        return order.Select(n => new KeyValuePair<string, string>(n, values[n])).ToList();
    }
}
