using KubeSharp.Api.AdmissionRegistration.V1;

namespace KubeSharp.ApiServer.Printing.Printers;

/// <summary>Mutating and validating webhook configurations print alike: name, number of webhooks, age.</summary>
internal sealed class WebhookConfigurationPrinter<T>(Func<T, int> webhooks) : TypedTablePrinter<T>
    where T : Api.KubernetesObject
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Webhooks", "integer", "Webhooks indicates the number of webhooks in the configuration."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(T obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, (long)webhooks(obj), Age(obj.Metadata?.CreationTimestamp, now)];
}

internal sealed class ValidatingAdmissionPolicyPrinter : TypedTablePrinter<ValidatingAdmissionPolicy>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Validations", "integer", "Validations indicates the number of validation rules in the policy."),
        Column("ParamKind", "string", "ParamKind specifies the kind of resources used to parameterize this policy."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(ValidatingAdmissionPolicy obj, DateTimeOffset now) =>
    [
        obj.Metadata?.Name,
        (long)(obj.Spec?.Validations?.Count ?? 0),
        obj.Spec?.ParamKind is { } kind ? $"{kind.ApiVersion}/{kind.Kind}" : "<unset>",
        Age(obj.Metadata?.CreationTimestamp, now),
    ];
}

internal sealed class ValidatingAdmissionPolicyBindingPrinter : TypedTablePrinter<ValidatingAdmissionPolicyBinding>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("PolicyName", "string", "PolicyName indicates the policy definition which the policy binding binded to."),
        Column("ParamRef", "string", "ParamRef indicates the param resource which sets the configration param."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(ValidatingAdmissionPolicyBinding obj, DateTimeOffset now) =>
    [
        obj.Metadata?.Name,
        obj.Spec?.PolicyName ?? "",
        obj.Spec?.ParamRef is { } p ? ParamRef(p) : "<unset>",
        Age(obj.Metadata?.CreationTimestamp, now),
    ];

    private static string ParamRef(ParamRef p) =>
        p.Name is { Length: > 0 } name ? (p.Namespace is { Length: > 0 } ns ? $"{ns}/{name}" : $"*/{name}") : "*/*";
}
