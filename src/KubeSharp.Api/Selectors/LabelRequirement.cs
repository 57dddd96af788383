using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace KubeSharp.Api.Selectors;

/// <summary>The operators of a label requirement.</summary>
public enum LabelOperator
{
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}

/// <summary>A label selector is malformed or invalid; the message is Kubernetes' own wording.</summary>
public sealed class SelectorException : FormatException
{
    public SelectorException(string message)
        : base(message)
    {
    }
}

/// <summary>One requirement of a label selector: key, operator and sorted values.</summary>
public sealed class LabelRequirement
{
    internal LabelRequirement(string key, LabelOperator op, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = op;
        Values = values;
    }

    public string Key { get; }
    public LabelOperator Operator { get; }

    /// <summary>Distinct values in ordinal order.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// Creates a validated requirement (Kubernetes' NewRequirement): the key must be a qualified name,
    /// values valid label values, and their count must fit the operator.
    /// </summary>
    public static LabelRequirement Create(string key, LabelOperator op, IEnumerable<string> values)
    {
        var list = values.ToList();
        var errors = new List<string>();
        var keyErrors = LabelSyntax.LabelKeyErrors(key);
        if (keyErrors.Count > 0)
        {
            errors.Add(LabelSyntax.Invalid("key", key, keyErrors));
        }

        switch (op)
        {
            case LabelOperator.In or LabelOperator.NotIn when list.Count == 0:
                errors.Add(LabelSyntax.Invalid("values", list, ["for 'in', 'notin' operators, values set can't be empty"]));
                break;
            case LabelOperator.Equals or LabelOperator.DoubleEquals or LabelOperator.NotEquals when list.Count != 1:
                errors.Add(LabelSyntax.Invalid("values", list, ["exact-match compatibility requires one single value"]));
                break;
            case LabelOperator.Exists or LabelOperator.DoesNotExist when list.Count != 0:
                errors.Add(LabelSyntax.Invalid("values", list, ["values set must be empty for exists and does not exist"]));
                break;
            case LabelOperator.GreaterThan or LabelOperator.LessThan:
                if (list.Count != 1)
                {
                    errors.Add(LabelSyntax.Invalid("values", list, ["for 'Gt', 'Lt' operators, exactly one value is required"]));
                }

                for (var i = 0; i < list.Count; i++)
                {
                    if (!long.TryParse(list[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                    {
                        errors.Add(LabelSyntax.Invalid($"values[{i}]", list[i], ["for 'Gt', 'Lt' operators, the value must be an integer"]));
                    }
                }

                break;
            default:
                break;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var valueErrors = LabelSyntax.LabelValueErrors(list[i]);
            if (valueErrors.Count > 0)
            {
                errors.Add(LabelSyntax.Invalid($"values[{i}][{key}]", list[i], valueErrors));
            }
        }

        if (errors.Count > 0)
        {
            throw new SelectorException(errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]");
        }

        return new LabelRequirement(key, op, list.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var exists = labels is not null && labels.TryGetValue(Key, out value);
        switch (Operator)
        {
            case LabelOperator.In or LabelOperator.Equals or LabelOperator.DoubleEquals:
                return exists && Values.Contains(value!, StringComparer.Ordinal);
            case LabelOperator.NotIn or LabelOperator.NotEquals:
                return !exists || !Values.Contains(value!, StringComparer.Ordinal);
            case LabelOperator.Exists:
                return exists;
            case LabelOperator.DoesNotExist:
                return !exists;
            case LabelOperator.GreaterThan or LabelOperator.LessThan:
                if (!exists || Values.Count != 1
                    || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)
                    || !long.TryParse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound))
                {
                    return false;
                }

                return Operator == LabelOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    /// <summary>Kubernetes' canonical text: <c>k=v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k</c>, <c>!k</c>.</summary>
    public override string ToString()
    {
        var b = new StringBuilder();
        if (Operator == LabelOperator.DoesNotExist)
        {
            b.Append('!');
        }

        b.Append(Key);
        var op = Operator switch
        {
            LabelOperator.Equals => "=",
            LabelOperator.DoubleEquals => "==",
            LabelOperator.NotEquals => "!=",
            LabelOperator.In => " in ",
            LabelOperator.NotIn => " notin ",
            LabelOperator.GreaterThan => ">",
            LabelOperator.LessThan => "<",
            _ => null,
        };
        if (op is null)
        {
            return b.ToString();
        }

        b.Append(op);
        var set = Operator is LabelOperator.In or LabelOperator.NotIn;
        if (set)
        {
            b.Append('(');
        }

        b.Append(string.Join(",", Values));
        if (set)
        {
            b.Append(')');
        }

        return b.ToString();
    }
}

/// <summary>Label key and value syntax with the messages of apimachinery 1.32's validation.</summary>
public static partial class LabelSyntax
{
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string SubdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string LabelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    public static List<string> LabelKeyErrors(string key)
    {
        var errors = new List<string>();
        var parts = key.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    errors.Add("prefix part must be non-empty");
                }
                else
                {
                    if (Encoding.UTF8.GetByteCount(prefix) > 253)
                    {
                        errors.Add("prefix part must be no more than 253 characters");
                    }

                    if (!SubdomainRegex().IsMatch(prefix))
                    {
                        errors.Add("prefix part " + RegexError(SubdomainMessage, SubdomainFormat, "example.com"));
                    }
                }

                break;
            default:
                errors.Add("a qualified name " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (Encoding.UTF8.GetByteCount(name) > 63)
        {
            errors.Add("name part must be no more than 63 characters");
        }

        if (!QualifiedNameRegex().IsMatch(name))
        {
            errors.Add("name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    public static List<string> LabelValueErrors(string value)
    {
        var errors = new List<string>();
        if (Encoding.UTF8.GetByteCount(value) > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (!LabelValueRegex().IsMatch(value))
        {
            errors.Add(RegexError(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    /// <summary>field.Invalid(path, value, detail).Error().</summary>
    public static string Invalid(string path, object value, IEnumerable<string> details)
    {
        var rendered = value switch
        {
            string s => FieldValidation.GoQuote(s),
            IEnumerable<string> list => "[" + string.Join(",", list.Select(FieldValidation.GoQuote)) + "]",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        return $"{path}: Invalid value: {rendered}: {string.Join("; ", details)}";
    }

    private static string RegexError(string message, string format, params string[] examples)
    {
        var b = new StringBuilder(message).Append(" (e.g. ");
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
            {
                b.Append(" or ");
            }

            b.Append('\'').Append(examples[i]).Append("', ");
        }

        return b.Append("regex used for validation is '").Append(format).Append("')").ToString();
    }

    [GeneratedRegex("^" + QualifiedNameFormat + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^" + SubdomainFormat + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainRegex();

    [GeneratedRegex("^" + LabelValueFormat + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValueRegex();
}
