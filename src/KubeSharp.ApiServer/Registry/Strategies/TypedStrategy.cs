using KubeSharp.Api;
using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Registry.Strategies;

/// <summary>A strategy of one CLR kind: the hooks receive the typed object.</summary>
internal abstract class TypedStrategy<T> : ResourceStrategy
    where T : KubernetesObject
{
    public sealed override void Default(KubernetesObject obj) => Default((T)obj);

    public sealed override void PrepareForCreate(KubernetesObject obj) => PrepareForCreate((T)obj);

    public sealed override void PrepareForUpdate(KubernetesObject obj, KubernetesObject old) => PrepareForUpdate((T)obj, (T)old);

    public sealed override IEnumerable<FieldError> Validate(KubernetesObject obj) => Validate((T)obj);

    public sealed override IEnumerable<FieldError> ValidateUpdate(KubernetesObject obj, KubernetesObject old) => ValidateUpdate((T)obj, (T)old);

    public sealed override string? FieldValue(KubernetesObject obj, string field) =>
        base.FieldValue(obj, field) ?? Field((T)obj, field);

    protected virtual void Default(T obj)
    {
    }

    protected virtual void PrepareForCreate(T obj)
    {
    }

    protected virtual void PrepareForUpdate(T obj, T old)
    {
    }

    protected virtual IEnumerable<FieldError> Validate(T obj) => [];

    protected virtual IEnumerable<FieldError> ValidateUpdate(T obj, T old) => [];

    /// <summary>Value of a kind-specific field selector field; null when unsupported.</summary>
    protected virtual string? Field(T obj, string field) => null;
}

/// <summary>A strategy that only applies the kind's defaults (and optionally allows create on update).</summary>
internal sealed class DefaultingStrategy<T> : TypedStrategy<T>
    where T : KubernetesObject
{
    private readonly Action<T> _defaults;
    private readonly bool _allowCreateOnUpdate;

    private readonly Func<string, IEnumerable<string>>? _validateName;
    private readonly bool? _tracksGeneration;

    /// <param name="validateName">The kind's name rule when it is not a DNS-1123 subdomain (RBAC objects: a path segment).</param>
    /// <param name="tracksGeneration">Whether metadata.generation is kept, when the kind decides it otherwise than by having status (webhook configurations do without).</param>
    public DefaultingStrategy(Action<T> defaults, bool allowCreateOnUpdate = false, Func<string, IEnumerable<string>>? validateName = null, bool? tracksGeneration = null)
    {
        _defaults = defaults;
        _allowCreateOnUpdate = allowCreateOnUpdate;
        _validateName = validateName;
        _tracksGeneration = tracksGeneration;
    }

    public override bool TracksGeneration(ResourceDefinition definition) => _tracksGeneration ?? base.TracksGeneration(definition);

    public override IEnumerable<string> ValidateName(string name) => _validateName is null ? base.ValidateName(name) : _validateName(name);

    public override bool AllowCreateOnUpdate => _allowCreateOnUpdate;

    protected override void Default(T obj) => _defaults(obj);
}
