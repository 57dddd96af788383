using KubeSharp.Api.Certificates.V1;

namespace KubeSharp.ApiServer.Printing.Printers;

internal sealed class CertificateSigningRequestPrinter : TypedTablePrinter<CertificateSigningRequest>
{
    public override IReadOnlyList<TableColumn> Columns { get; } =
    [
        NameColumn,
        AgeColumn,
        Column("SignerName", "string", "Name of the signer the request is addressed to."),
        Column("Requestor", "string", "Name of the user which submitted the request."),
        Column("RequestedDuration", "string", "Requested validity of the certificate."),
        Column("Condition", "string", "State of the request: Pending, Approved or Denied, with Failed and Issued."),
    ];

    protected override IReadOnlyList<object?> Row(CertificateSigningRequest obj, DateTimeOffset now) =>
    [
        obj.Metadata?.Name,
        Age(obj.Metadata?.CreationTimestamp, now),
        string.IsNullOrEmpty(obj.Spec?.SignerName) ? CellFormat.None : obj.Spec.SignerName,
        obj.Spec?.Username ?? "",
        obj.Spec?.ExpirationSeconds is { } seconds ? TablePrinter.HumanDuration(TimeSpan.FromSeconds(seconds)) : CellFormat.None,
        Condition(obj),
    ];

    /// <summary>Denied, else Approved, else Pending; then ",Failed" and ",Issued" as they apply.</summary>
    internal static string Condition(CertificateSigningRequest csr)
    {
        var types = csr.Status?.Conditions?.Select(c => c.Type).ToHashSet() ?? [];
        var text = types.Contains("Denied") ? "Denied" : types.Contains("Approved") ? "Approved" : "Pending";
        if (types.Contains("Failed"))
        {
            text += ",Failed";
        }

        if (csr.Status?.Certificate is { Length: > 0 })
        {
            text += ",Issued";
        }

        return text;
    }
}
