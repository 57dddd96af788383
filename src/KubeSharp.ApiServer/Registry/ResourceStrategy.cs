using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Registry;

/// <summary>
/// Per-kind behaviour of the registry, as Kubernetes' rest strategies: defaulting, preparing an
/// object for create/update (server-owned fields), validation, field selectors and printing.
/// The base class is a correct strategy for a plain kind; kinds override what differs.
/// </summary>
public class ResourceStrategy
{
    /// <summary>Whether metadata.generation starts at 1 and is bumped on every spec change.</summary>
    public virtual bool TracksGeneration(ResourceDefinition definition) =>
        definition.HasStatus && (definition.Group.Length != 0 || definition.Plural == "replicationcontrollers");

    /// <summary>Verbs the resource serves, when not all eight (e.g. bindings: create only).</summary>
    public virtual string[]? Verbs => null;

    /// <summary>Whether PUT of a missing object creates it.</summary>
    public virtual bool AllowCreateOnUpdate => false;

    /// <summary>Whether status written through the main resource on create is kept (nodes register with status).</summary>
    public virtual bool KeepsStatusOnCreate => false;

    /// <summary>Validation of metadata.name for the kind (most kinds: a DNS-1123 subdomain).</summary>
    public virtual IEnumerable<string> ValidateName(string name) => Admission.ObjectMetaValidation.Dns1123Subdomain(name);

    /// <summary>
    /// Seconds a delete waits for the object's owner to finish (graceful pod termination); null
    /// deletes at once. <paramref name="requested"/> is DeleteOptions.gracePeriodSeconds.
    /// </summary>
    public virtual long? GracefulDeletionSeconds(KubernetesObject obj, long? requested) => null;

    /// <summary>
    /// Whether a delete only marks the object (deletionTimestamp) because something must finish
    /// first, besides metadata.finalizers (a namespace's spec.finalizers).
    /// </summary>
    public virtual bool DefersDeletion(KubernetesObject obj) => false;

    /// <summary>Changes an object when its deletion starts (a namespace turns Terminating).</summary>
    public virtual void PrepareForDeletion(KubernetesObject obj)
    {
    }

    /// <summary>Applies Kubernetes' defaults for the kind.</summary>
    public virtual void Default(KubernetesObject obj)
    {
    }

    /// <summary>Sets server-owned fields of a new object (e.g. initial status).</summary>
    public virtual void PrepareForCreate(KubernetesObject obj)
    {
    }

    /// <summary>Carries server-owned fields from the stored object to an updated one.</summary>
    public virtual void PrepareForUpdate(KubernetesObject obj, KubernetesObject old)
    {
    }

    /// <summary>Records the requesting user in a new object (certificate requests: spec.username, groups, uid).</summary>
    public virtual void RecordRequester(KubernetesObject obj, Security.UserInfo? user)
    {
    }

    /// <summary>
    /// The object an update through <paramref name="subresource"/> stores, from the desired object and
    /// the stored one (shared with the cache: clone before taking parts of it); null leaves it to the
    /// store (status: only status changes).
    /// </summary>
    public virtual KubernetesObject? UpdateThroughSubresource(string subresource, KubernetesObject desired, Storage.StoredObject current) => null;

    public virtual IEnumerable<FieldError> Validate(KubernetesObject obj) => [];

    /// <summary>Validation of an update: immutable fields and the like. Runs after <see cref="Validate"/>.</summary>
    public virtual IEnumerable<FieldError> ValidateUpdate(KubernetesObject obj, KubernetesObject old) => [];

    /// <summary>Value of a field selector field for this object; null when the field is not supported.</summary>
    public virtual string? FieldValue(KubernetesObject obj, string field) => field switch
    {
        "metadata.name" => obj.Metadata?.Name ?? "",
        "metadata.namespace" => obj.Metadata?.Namespace ?? "",
        _ => null,
    };

    /// <summary>
    /// The paths ("spec.foo") of fields of a request body that the kind does not declare, when the
    /// kind is described by a schema rather than its CLR type (custom resources); null otherwise.
    /// </summary>
    public virtual IReadOnlyList<string>? UnknownFields(JsonObject obj) => null;

    /// <summary>Fields this kind supports in field selectors besides metadata.name/namespace.</summary>
    public virtual IReadOnlyCollection<string> SelectableFields => [];

    /// <summary>The parts of an object excluded when deciding whether the spec changed.</summary>
    internal static bool SpecChanged(JsonObject a, JsonObject b)
    {
        foreach (var side in new[] { a, b })
        {
            foreach (var (key, _) in side)
            {
                if (key is "metadata" or "status" or "apiVersion" or "kind")
                {
                    continue;
                }

                if (!JsonNode.DeepEquals(a[key], b[key]))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
