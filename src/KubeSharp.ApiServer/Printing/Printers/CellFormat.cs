using System.Globalization;
using KubeSharp.Api;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Selectors;

namespace KubeSharp.ApiServer.Printing.Printers;

/// <summary>The cell formats Kubernetes' printers share: label maps, selectors, container lists, access modes.</summary>
internal static class CellFormat
{
    public const string None = "<none>";
    public const string Unset = "<unset>";

    /// <summary>A label map as "k=v,k2=v2" sorted by key; "&lt;none&gt;" when empty (labels.FormatLabels).</summary>
    public static string Labels(IReadOnlyDictionary<string, string>? labels)
    {
        if (labels is null || labels.Count == 0)
        {
            return None;
        }

        return string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));
    }

    /// <summary>A label selector in selector syntax; "&lt;none&gt;" when it selects nothing or everything (metav1.FormatLabelSelector).</summary>
    public static string Selector(LabelSelector? selector)
    {
        string text;
        try
        {
            text = LabelQuery.FromObject(selector).ToString();
        }
        catch (SelectorException)
        {
            return "<error>";
        }

        return text.Length == 0 ? None : text;
    }

    /// <summary>A label selector in selector syntax, empty when it has no requirements, as the deployment printer shows it.</summary>
    public static string SelectorOrEmpty(LabelSelector? selector)
    {
        try
        {
            return LabelQuery.FromObject(selector).ToString();
        }
        catch (SelectorException)
        {
            return "<invalid>";
        }
    }

    /// <summary>Container names and images, each comma-joined in container order.</summary>
    public static (string Names, string Images) Containers(IEnumerable<Container>? containers)
    {
        var list = containers?.ToList() ?? [];
        return (string.Join(",", list.Select(c => c.Name ?? "")), string.Join(",", list.Select(c => c.Image ?? "")));
    }

    public static (string Names, string Images) Containers(PodTemplateSpec? template) => Containers(template?.Spec?.Containers);

    /// <summary>Access modes abbreviated in Kubernetes' fixed order: RWO, ROX, RWX, RWOP.</summary>
    public static string AccessModes(IEnumerable<string>? modes)
    {
        var set = modes?.ToHashSet(StringComparer.Ordinal) ?? [];
        var parts = new List<string>();
        foreach (var (mode, abbreviation) in new[] { ("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP") })
        {
            if (set.Contains(mode))
            {
                parts.Add(abbreviation);
            }
        }

        return string.Join(",", parts);
    }

    /// <summary>A quantity as Kubernetes prints it; an absent quantity prints as zero.</summary>
    public static string Quantity(Quantity? quantity) => quantity?.ToString() ?? "0";

    public static string Quantity(IReadOnlyDictionary<string, Quantity>? resources, string name) =>
        Quantity(resources is not null && resources.TryGetValue(name, out var q) ? q : null);

    /// <summary>Up to three items joined by ",", then " + N more..." (the endpoints and slices format).</summary>
    public static string ListWithMore(IReadOnlyList<string> shown, int total, int maximum = 3)
    {
        var text = string.Join(",", shown);
        return total > maximum ? $"{text} + {total - maximum} more..." : text;
    }

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A *bool as the printers show it: True, False or &lt;unset&gt;.</summary>
    public static string Bool(bool? value) => value switch
    {
        true => "True",
        false => "False",
        null => Unset,
    };

    /// <summary>The age of an optional timestamp; "&lt;unknown&gt;" when absent.</summary>
    public static string Age(DateTimeOffset? since, DateTimeOffset now) => TablePrinter.Age(since, now);
}
