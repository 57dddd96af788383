using System.Text;

namespace KubeSharp.Api.Selectors;

/// <summary>One term of a field selector: <c>field=value</c> (also written <c>==</c>) or <c>field!=value</c>.</summary>
public sealed record FieldRequirement(string Field, bool Equal, string Value)
{
    /// <summary>Matches when the field's value (null when the object lacks it, compared as "") satisfies the term.</summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        ArgumentNullException.ThrowIfNull(fieldValue);
        var actual = fieldValue(Field) ?? "";
        return string.Equals(actual, Value, StringComparison.Ordinal) == Equal;
    }

    public override string ToString() => Field + (Equal ? "=" : "!=") + FieldSelector.EscapeValue(Value);
}

/// <summary>
/// A parsed field selector: terms ANDed, separated by unescaped commas; values escape <c>\,</c>,
/// <c>\=</c> and <c>\\</c>. Which field names are supported is the server's concern.
/// </summary>
public sealed class FieldSelector
{
    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The terms in the order Kubernetes keeps them (sorted by their text).</summary>
    public IReadOnlyList<FieldRequirement> Requirements { get; }

    public bool IsEverything => Requirements.Count == 0;

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        var terms = SplitTerms(text);
        terms.Sort(StringComparer.Ordinal);
        var requirements = new List<FieldRequirement>();
        foreach (var term in terms)
        {
            if (term.Length == 0)
            {
                continue;
            }

            var (field, op, value) = SplitTerm(term) ?? throw new SelectorException($"invalid selector: '{text}'; can't understand '{term}'");
            requirements.Add(new FieldRequirement(field, op != "!=", UnescapeValue(value)));
        }

        return new FieldSelector(requirements);
    }

    public static bool TryParse(string? text, out FieldSelector selector, out string? error)
    {
        try
        {
            selector = Parse(text);
            error = null;
            return true;
        }
        catch (SelectorException e)
        {
            selector = Everything;
            error = e.Message;
            return false;
        }
    }

    public bool Matches(Func<string, string?> fieldValue) => Requirements.All(r => r.Matches(fieldValue));

    /// <summary>The value of an equality term on <paramref name="field"/>, if there is one (e.g. metadata.name for a single-object watch).</summary>
    public string? RequiresExactMatch(string field) =>
        Requirements.FirstOrDefault(r => r.Equal && r.Field == field)?.Value;

    public override string ToString() => string.Join(",", Requirements);

    public static string EscapeValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal);

    public static string UnescapeValue(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', ',', '=') < 0)
        {
            return value;
        }

        var b = new StringBuilder(value.Length);
        var inSlash = false;
        foreach (var rune in value.EnumerateRunes())
        {
            if (inSlash)
            {
                if (rune.Value is '\\' or ',' or '=')
                {
                    b.Append((char)rune.Value);
                    inSlash = false;
                    continue;
                }

                throw new SelectorException($"invalid field selector: invalid escape sequence: \\{rune}");
            }

            switch (rune.Value)
            {
                case '\\':
                    inSlash = true;
                    break;
                case ',' or '=':
                    // Go prints the rune as its code point number.
                    throw new SelectorException($"invalid field selector: unescaped character in value: {rune.Value}");
                default:
                    b.Append(rune.ToString());
                    break;
            }
        }

        return inSlash ? throw new SelectorException("invalid field selector: invalid escape sequence: \\") : b.ToString();
    }

    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var start = 0;
        var inSlash = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inSlash)
            {
                inSlash = false;
            }
            else if (c == '\\')
            {
                inSlash = true;
            }
            else if (c == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }

        terms.Add(text[start..]);
        return terms;
    }

    /// <summary>The first position where "!=", "==" or "=" starts splits the term.</summary>
    private static (string Field, string Operator, string Value)? SplitTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var op in (ReadOnlySpan<string>)["!=", "==", "="])
            {
                if (term.AsSpan(i).StartsWith(op, StringComparison.Ordinal))
                {
                    return (term[..i], op, term[(i + op.Length)..]);
                }
            }
        }

        return null;
    }
}
