using KubeSharp.Api;
using KubeSharp.Api.ApiExtensions.V1;
using KubeSharp.ApiServer.Admission;
using KubeSharp.ApiServer.Http;
using KubeSharp.ApiServer.Registry.Strategies;

namespace KubeSharp.ApiServer.CustomResources;

/// <summary>
/// The registry strategy of CustomResourceDefinitions: defaults, the validation of apiextensions'
/// rules (name, group, names, scope, one storage version, schemas), the status the server owns
/// (NamesAccepted and Established conditions, acceptedNames, storedVersions) and deletion in two
/// steps: the first delete marks the definition Terminating with the cleanup finalizer, which
/// <see cref="CustomResourceCleanup"/> removes once every object of the resource is gone.
/// </summary>
internal sealed class CustomResourceDefinitionStrategy : TypedStrategy<CustomResourceDefinition>
{
    /// <summary>The finalizer that holds a definition until its objects are deleted.</summary>
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    protected override void Default(CustomResourceDefinition obj) => ApiExtensionsV1Defaults.Apply(obj);

    protected override void PrepareForCreate(CustomResourceDefinition obj) => SetStatus(obj, null);

    protected override void PrepareForUpdate(CustomResourceDefinition obj, CustomResourceDefinition old) => SetStatus(obj, old);

    public override bool DefersDeletion(KubernetesObject obj) => obj.Metadata?.DeletionTimestamp is null;

    public override void PrepareForDeletion(KubernetesObject obj)
    {
        var crd = (CustomResourceDefinition)obj;
        var finalizers = crd.Meta.Finalizers ??= [];
        if (!finalizers.Contains(CleanupFinalizer))
        {
            finalizers.Add(CleanupFinalizer);
        }

        SetCondition(crd.Status ??= new CustomResourceDefinitionStatus(), "Terminating", "True", "InstanceDeletionInProgress", "CustomResource deletion is in progress");
    }

    private static void SetStatus(CustomResourceDefinition crd, CustomResourceDefinition? old)
    {
        var status = crd.Status ??= new CustomResourceDefinitionStatus();
        var names = crd.Spec?.Names;
        status.AcceptedNames = names is null ? null : new CustomResourceDefinitionNames
        {
            Plural = names.Plural,
            Singular = names.Singular,
            ShortNames = names.ShortNames is null ? null : [.. names.ShortNames],
            Kind = names.Kind,
            ListKind = names.ListKind,
            Categories = names.Categories is null ? null : [.. names.Categories],
        };
        SetCondition(status, "NamesAccepted", "True", "NoConflicts", "no conflicts found");
        SetCondition(status, "Established", "True", "InitialNamesAccepted", "the initial names have been accepted");
        var stored = new List<string>(old?.Status?.StoredVersions ?? status.StoredVersions ?? []);
        if (crd.Spec?.Versions?.FirstOrDefault(v => v.Storage == true)?.Name is { } storage && !stored.Contains(storage))
        {
            stored.Add(storage);
        }

        status.StoredVersions = stored;
    }

    private static void SetCondition(CustomResourceDefinitionStatus status, string type, string value, string reason, string message)
    {
        var conditions = status.Conditions ??= [];
        var existing = conditions.FirstOrDefault(c => c.Type == type);
        if (existing is null)
        {
            conditions.Add(new CustomResourceDefinitionCondition { Type = type, Status = value, Reason = reason, Message = message, LastTransitionTime = TimeConverter.Now() });
            return;
        }

        if (existing.Status != value)
        {
            existing.LastTransitionTime = TimeConverter.Now();
        }

        existing.Status = value;
        existing.Reason = reason;
        existing.Message = message;
    }

    protected override IEnumerable<FieldError> Validate(CustomResourceDefinition obj)
    {
        var spec = obj.Spec;
        if (spec is null)
        {
            yield return FieldError.Required("spec");
            yield break;
        }

        var names = spec.Names ?? new CustomResourceDefinitionNames();
        if (string.IsNullOrEmpty(spec.Group))
        {
            yield return FieldError.Required("spec.group");
        }
        else
        {
            foreach (var problem in ObjectMetaValidation.Dns1123Subdomain(spec.Group))
            {
                yield return FieldError.Invalid("spec.group", spec.Group, problem);
            }

            if (!spec.Group.Contains('.', StringComparison.Ordinal))
            {
                yield return FieldError.Invalid("spec.group", spec.Group, "should be a domain with at least one dot");
            }
        }

        if (obj.Meta.Name is { } name && name != $"{names.Plural}.{spec.Group}")
        {
            yield return FieldError.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group");
        }

        foreach (var error in ValidateNames(names))
        {
            yield return error;
        }

        if (string.IsNullOrEmpty(spec.Scope))
        {
            yield return FieldError.Required("spec.scope");
        }
        else if (spec.Scope is not ("Cluster" or "Namespaced"))
        {
            yield return FieldError.NotSupported("spec.scope", spec.Scope, ["Cluster", "Namespaced"]);
        }

        if (spec.Conversion?.Strategy is { } strategy && strategy is not ("None" or "Webhook"))
        {
            yield return FieldError.NotSupported("spec.conversion.strategy", strategy, ["None", "Webhook"]);
        }

        var versions = spec.Versions ?? [];
        if (versions.Count == 0)
        {
            yield return FieldError.Required("spec.versions", "must have exactly one version marked as storage version");
            yield break;
        }

        if (versions.Count(v => v.Storage == true) != 1)
        {
            yield return FieldError.Invalid("spec.versions", string.Join(",", versions.Select(v => v.Name)), "must have exactly one version marked as storage version");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i];
            var path = $"spec.versions[{i}]";
            if (string.IsNullOrEmpty(version.Name))
            {
                yield return FieldError.Required(path + ".name");
                continue;
            }

            foreach (var problem in ObjectMetaValidation.Dns1035Label(version.Name))
            {
                yield return FieldError.Invalid(path + ".name", version.Name, problem);
            }

            if (!seen.Add(version.Name))
            {
                yield return FieldError.Duplicate(path + ".name", version.Name);
            }

            if (version.Schema?.OpenAPIV3Schema is not { } schema)
            {
                yield return FieldError.Required(path + ".schema.openAPIV3Schema", "schemas are required");
            }
            else if (schema.Type != "object")
            {
                yield return string.IsNullOrEmpty(schema.Type)
                    ? FieldError.Required(path + ".schema.openAPIV3Schema.type", "must not be empty at the root")
                    : FieldError.Invalid(path + ".schema.openAPIV3Schema.type", schema.Type, "must be object at the root");
            }

            for (var c = 0; c < (version.AdditionalPrinterColumns?.Count ?? 0); c++)
            {
                var column = version.AdditionalPrinterColumns![c];
                var columnPath = $"{path}.additionalPrinterColumns[{c}]";
                if (string.IsNullOrEmpty(column.Name))
                {
                    yield return FieldError.Required(columnPath + ".name");
                }

                if (column.Type is not ("integer" or "number" or "string" or "boolean" or "date"))
                {
                    yield return column.Type is null
                        ? FieldError.Required(columnPath + ".type")
                        : FieldError.NotSupported(columnPath + ".type", column.Type, ["integer", "number", "string", "boolean", "date"]);
                }

                if (string.IsNullOrEmpty(column.JsonPath))
                {
                    yield return FieldError.Required(columnPath + ".jsonPath");
                }
                else if (SimpleJsonPath.Parse(column.JsonPath) is null)
                {
                    yield return FieldError.Invalid(columnPath + ".jsonPath", column.JsonPath, "must be a simple json path starting with .");
                }
            }
        }
    }

    private static IEnumerable<FieldError> ValidateNames(CustomResourceDefinitionNames names)
    {
        if (string.IsNullOrEmpty(names.Plural))
        {
            yield return FieldError.Required("spec.names.plural");
        }
        else
        {
            foreach (var problem in ObjectMetaValidation.Dns1035Label(names.Plural))
            {
                yield return FieldError.Invalid("spec.names.plural", names.Plural, problem);
            }
        }

        if (!string.IsNullOrEmpty(names.Singular))
        {
            foreach (var problem in ObjectMetaValidation.Dns1035Label(names.Singular))
            {
                yield return FieldError.Invalid("spec.names.singular", names.Singular, problem);
            }
        }

        if (string.IsNullOrEmpty(names.Kind))
        {
            yield return FieldError.Required("spec.names.kind");
        }

        if (names.ListKind is { Length: > 0 } listKind && listKind == names.Kind)
        {
            yield return FieldError.Invalid("spec.names.listKind", listKind, "kind and listKind may not be the same or parsing become ambiguous");
        }

        for (var i = 0; i < (names.ShortNames?.Count ?? 0); i++)
        {
            foreach (var problem in ObjectMetaValidation.Dns1035Label(names.ShortNames![i]))
            {
                yield return FieldError.Invalid($"spec.names.shortNames[{i}]", names.ShortNames[i], problem);
            }
        }
    }

    protected override IEnumerable<FieldError> ValidateUpdate(CustomResourceDefinition obj, CustomResourceDefinition old)
    {
        if (obj.Spec?.Scope != old.Spec?.Scope)
        {
            yield return FieldError.Invalid("spec.scope", obj.Spec?.Scope, "field is immutable");
        }
    }
}
