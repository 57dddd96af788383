using KubeSharp.Api;
using KubeSharp.ApiServer.Registry;
using KubeSharp.ApiServer.Storage;

namespace KubeSharp.ApiServer.Admission;

/// <summary>Admission that may look at cluster state and change the object before validation.</summary>
public interface IAdmissionPlugin
{
    /// <param name="old">The stored object on update; null on create.</param>
    Task AdmitAsync(ResourceStore store, ResourceDefinition definition, KubernetesObject obj, KubernetesObject? old, CancellationToken cancellationToken);
}
