using MetaLabelSelector = KubeSharp.Api.LabelSelector;

namespace KubeSharp.Api.Selectors;

/// <summary>
/// A parsed label selector: requirements ANDed together, sorted by key. <see cref="Everything"/>
/// (the empty selector) matches every object; <see cref="Nothing"/> (from a null LabelSelector
/// object) matches none.
/// </summary>
public sealed class LabelQuery
{
    private LabelQuery(IReadOnlyList<LabelRequirement> requirements, bool matchesNothing)
    {
        Requirements = requirements;
        MatchesNothing = matchesNothing;
    }

    public static LabelQuery Everything { get; } = new([], false);
    public static LabelQuery Nothing { get; } = new([], true);

    public IReadOnlyList<LabelRequirement> Requirements { get; }
    public bool MatchesNothing { get; }
    public bool IsEverything => !MatchesNothing && Requirements.Count == 0;

    /// <summary>
    /// Parses the query-string syntax (<c>k=v, k==v, k!=v, k in (a,b), k notin (a,b), k, !k</c>,
    /// plus <c>k&gt;n</c>, <c>k&lt;n</c>) with Kubernetes' error messages.
    /// </summary>
    public static LabelQuery Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        var requirements = new LabelSelectorParser(text).Parse();
        return requirements.Count == 0 ? Everything : new LabelQuery(Sorted(requirements), false);
    }

    public static bool TryParse(string? text, out LabelQuery selector, out string? error)
    {
        try
        {
            selector = Parse(text);
            error = null;
            return true;
        }
        catch (SelectorException e)
        {
            selector = Nothing;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// The selector a metav1.LabelSelector object means (LabelSelectorAsSelector): null matches
    /// nothing, empty matches everything, matchLabels are equality requirements.
    /// </summary>
    public static LabelQuery FromObject(MetaLabelSelector? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        var labels = selector.MatchLabels ?? [];
        var expressions = selector.MatchExpressions ?? [];
        if (labels.Count + expressions.Count == 0)
        {
            return Everything;
        }

        var requirements = new List<LabelRequirement>();
        foreach (var (key, value) in labels)
        {
            requirements.Add(LabelRequirement.Create(key, LabelOperator.Equals, [value]));
        }

        foreach (var expression in expressions)
        {
            var op = expression.Operator switch
            {
                "In" => LabelOperator.In,
                "NotIn" => LabelOperator.NotIn,
                "Exists" => LabelOperator.Exists,
                "DoesNotExist" => LabelOperator.DoesNotExist,
                _ => throw new SelectorException($"{FieldValidation.GoQuote(expression.Operator ?? "")} is not a valid label selector operator"),
            };
            requirements.Add(LabelRequirement.Create(expression.Key ?? "", op, expression.Values ?? []));
        }

        return new LabelQuery(Sorted(requirements), false);
    }

    /// <summary>
    /// API validation of a LabelSelector object (ValidateLabelSelector) at <paramref name="path"/>,
    /// e.g. "spec.selector"; each entry is a field error in Kubernetes' wording.
    /// </summary>
    public static IReadOnlyList<string> Validate(MetaLabelSelector? selector, string path)
    {
        var errors = new List<string>();
        if (selector is null)
        {
            return errors;
        }

        var expressions = selector.MatchExpressions ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            var expression = expressions[i];
            var at = $"{path}.matchExpressions[{i}]";
            var values = expression.Values ?? [];
            switch (expression.Operator)
            {
                case "In" or "NotIn":
                    if (values.Count == 0)
                    {
                        errors.Add($"{at}.values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
                    }

                    break;
                case "Exists" or "DoesNotExist":
                    if (values.Count > 0)
                    {
                        errors.Add($"{at}.values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    }

                    break;
                default:
                    errors.Add($"{at}.operator: Invalid value: {FieldValidation.GoQuote(expression.Operator ?? "")}: not a valid selector operator");
                    break;
            }

            var keyErrors = LabelSyntax.LabelKeyErrors(expression.Key ?? "");
            if (keyErrors.Count > 0)
            {
                errors.Add(LabelSyntax.Invalid($"{at}.key", expression.Key ?? "", keyErrors));
            }
        }

        foreach (var (key, value) in (selector.MatchLabels ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var keyErrors = LabelSyntax.LabelKeyErrors(key);
            if (keyErrors.Count > 0)
            {
                errors.Add(LabelSyntax.Invalid($"{path}.matchLabels", key, keyErrors));
            }

            var valueErrors = LabelSyntax.LabelValueErrors(value);
            if (valueErrors.Count > 0)
            {
                errors.Add(LabelSyntax.Invalid($"{path}.matchLabels", value, valueErrors));
            }
        }

        return errors;
    }

    /// <summary>True when every requirement matches; null labels are an empty set.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        if (MatchesNothing)
        {
            return false;
        }

        foreach (var requirement in Requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Canonical form: requirements sorted by key, joined by ",", e.g. <c>app=web,tier in (a,b)</c>.</summary>
    public override string ToString() => string.Join(",", Requirements);

    private static List<LabelRequirement> Sorted(List<LabelRequirement> requirements) =>
        requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
}
