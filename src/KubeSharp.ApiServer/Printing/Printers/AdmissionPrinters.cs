using KubeSharp.Api.Admissionregistration.V1;

namespace KubeSharp.ApiServer.Printing.Printers;

internal sealed class ValidatingWebhookConfigurationPrinter : TypedTablePrinter<ValidatingWebhookConfiguration>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Webhooks", "integer", "Webhooks indicates the number of webhooks in the configuration."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(ValidatingWebhookConfiguration obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, (long)(obj.Webhooks?.Count ?? 0), Age(obj.Metadata?.CreationTimestamp, now)];
}

internal sealed class MutatingWebhookConfigurationPrinter : TypedTablePrinter<MutatingWebhookConfiguration>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Webhooks", "integer", "Webhooks indicates the number of webhooks in the configuration."),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(MutatingWebhookConfiguration obj, DateTimeOffset now) =>
        [obj.Metadata?.Name, (long)(obj.Webhooks?.Count ?? 0), Age(obj.Metadata?.CreationTimestamp, now)];
}

internal sealed class ValidatingAdmissionPolicyPrinter : TypedTablePrinter<ValidatingAdmissionPolicy>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("Validations", "integer", "Validations indicates the number of validation rules defined in this configuration"),
        Column("ParamKind", "string", "ParamKind specifies the kind of resources used to parameterize this policy"),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(ValidatingAdmissionPolicy obj, DateTimeOffset now)
    {
        var paramKind = obj.Spec?.ParamKind is { } kind ? $"{kind.ApiVersion}/{kind.Kind}" : CellFormat.None;
        return [obj.Metadata?.Name, (long)(obj.Spec?.Validations?.Count ?? 0), paramKind, Age(obj.Metadata?.CreationTimestamp, now)];
    }
}

internal sealed class ValidatingAdmissionPolicyBindingPrinter : TypedTablePrinter<ValidatingAdmissionPolicyBinding>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        Column("PolicyName", "string", "PolicyName indicates the policy definition which the policy binding binded to"),
        Column("ParamRef", "string", "ParamRef indicates the param resource which sets the configration param"),
        AgeColumn,
    ];

    protected override IReadOnlyList<object?> Row(ValidatingAdmissionPolicyBinding obj, DateTimeOffset now)
    {
        var paramRef = obj.Spec?.ParamRef is { } p
            ? (string.IsNullOrEmpty(p.Namespace) ? "" : p.Namespace + "/") + (p.Name ?? (p.Selector is null ? "" : "*"))
            : CellFormat.None;
        return [obj.Metadata?.Name, obj.Spec?.PolicyName ?? "", paramRef, Age(obj.Metadata?.CreationTimestamp, now)];
    }
}
