using System.Text;

namespace KubeSharp.ApiServer.Cel;

/// <summary>
/// A CEL compilation failure. The message is cel-go's issue text, e.g.
/// <c>ERROR: &lt;input&gt;:1:1: undeclared reference to 'foo' (in container '')</c> followed by the
/// source line and a caret; Kubernetes reports it prefixed with "compilation failed: ".
/// </summary>
internal sealed class CelCompileException(string message) : Exception(message)
{
}

/// <summary>Compiles CEL expressions against a set of declared variable names.</summary>
internal static class CelEnvironment
{
    /// <summary>Variables of admission webhook matchConditions.</summary>
    public static readonly IReadOnlyCollection<string> WebhookMatchConditionVariables = ["object", "oldObject", "request", "authorizer"];

    /// <summary>Variables of ValidatingAdmissionPolicy expressions.</summary>
    public static readonly IReadOnlyCollection<string> AdmissionPolicyVariables =
        ["object", "oldObject", "request", "params", "namespaceObject", "authorizer", "variables"];

    /// <summary>Variables of CRD x-kubernetes-validations rules.</summary>
    public static readonly IReadOnlyCollection<string> CustomResourceRuleVariables = ["self", "oldSelf"];

    /// <summary>Parses and checks an expression; throws <see cref="CelCompileException"/> with every issue found.</summary>
    public static CelProgram Compile(string expression, IReadOnlyCollection<string> variables)
    {
        CelExpr ast;
        try
        {
            ast = CelParser.Parse(expression);
        }
        catch (CelSyntaxException e)
        {
            throw new CelCompileException(Render(expression, [(e.Offset, (e.IsSyntaxError ? "Syntax error: " : "") + e.Message)]));
        }

        var issues = new List<(int Offset, string Message)>();
        Check(ast, new HashSet<string>(variables, StringComparer.Ordinal), null, issues);
        if (issues.Count > 0)
        {
            throw new CelCompileException(Render(expression, issues));
        }

        return new CelProgram(expression, ast);
    }

    private sealed record Scope(string Name, Scope? Parent)
    {
        public bool Contains(string name) => Name == name || (Parent?.Contains(name) ?? false);
    }

    private static void Check(CelExpr expr, HashSet<string> variables, Scope? scope, List<(int, string)> issues)
    {
        switch (expr)
        {
            case CelIdentExpr id:
                if (!(scope?.Contains(id.Name) ?? false) && !variables.Contains(id.Name) && !CelType.ByIdentifier.ContainsKey(id.Name))
                {
                    issues.Add((id.Offset, $"undeclared reference to '{id.Name}' (in container '')"));
                }

                break;
            case CelSelectExpr select:
                Check(select.Operand, variables, scope, issues);
                break;
            case CelListExpr list:
                foreach (var e in list.Elements)
                {
                    Check(e, variables, scope, issues);
                }

                break;
            case CelMapExpr map:
                foreach (var (k, v) in map.Entries)
                {
                    Check(k, variables, scope, issues);
                    Check(v, variables, scope, issues);
                }

                break;
            case CelComprehensionExpr c:
                Check(c.Range, variables, scope, issues);
                var inner = new Scope(c.Variable, scope);
                Check(c.Step, variables, inner, issues);
                if (c.Filter is not null)
                {
                    Check(c.Filter, variables, inner, issues);
                }

                break;
            case CelCallExpr call:
                if (call.Target is not null)
                {
                    Check(call.Target, variables, scope, issues);
                }

                foreach (var a in call.Args)
                {
                    Check(a, variables, scope, issues);
                }

                var known = call.Target is null ? CelFunctions.GlobalFunctions : CelFunctions.ReceiverFunctions;
                if (!known.Contains(call.Function))
                {
                    issues.Add((call.Offset, $"undeclared reference to '{call.Function}' (in container '')"));
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Renders issues as cel-go does: ERROR line with 1-based line:column, then the source line and a caret.</summary>
    private static string Render(string source, IEnumerable<(int Offset, string Message)> issues)
    {
        var lines = source.Split('\n');
        var builder = new StringBuilder();
        foreach (var (offset, message) in issues.OrderBy(i => i.Offset))
        {
            var line = 0;
            var lineStart = 0;
            for (var i = 0; i < Math.Min(offset, source.Length); i++)
            {
                if (source[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            var column = offset - lineStart;
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            builder.Append($"ERROR: <input>:{line + 1}:{column + 1}: {message}");
            builder.Append("\n | ").Append(lines[line].TrimEnd('\r'));
            builder.Append("\n | ").Append(new string('.', column)).Append('^');
        }

        return builder.ToString();
    }
}

/// <summary>A compiled expression; safe to evaluate concurrently.</summary>
internal sealed class CelProgram
{
    /// <summary>Default step budget of one evaluation, so that a hostile expression cannot hang the server.</summary>
    public const long DefaultCostLimit = 1_000_000;

    internal CelProgram(string expression, CelExpr ast)
    {
        Expression = expression;
        Ast = ast;
    }

    public string Expression { get; }

    internal CelExpr Ast { get; }

    /// <summary>
    /// Evaluates with the given variable bindings (JsonNode, CEL values or common CLR values; a
    /// <see cref="CelLazyMap"/> for lazily computed bindings). Returns a CEL value (see <see cref="CelType.Of"/>).
    /// </summary>
    public object? Evaluate(IReadOnlyDictionary<string, object?> activation, long costLimit = DefaultCostLimit)
    {
        var converted = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in activation)
        {
            converted[name] = CelValueConversion.FromClr(value);
        }

        try
        {
            return new CelInterpreter(converted, costLimit).Evaluate(Ast);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new CelEvaluationException("expression nesting too deep");
        }
        catch (Exception e) when (e is OverflowException or ArgumentException or InvalidCastException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            // Library edge cases (decimal or TimeSpan overflow, ...) surface as evaluation errors, never as server faults.
            throw new CelEvaluationException(e is OverflowException ? "overflow" : e.Message);
        }
    }

    /// <summary>Evaluates an expression that must yield a bool (validations, matchConditions).</summary>
    public bool EvaluateBool(IReadOnlyDictionary<string, object?> activation, long costLimit = DefaultCostLimit) =>
        Evaluate(activation, costLimit) is bool b
            ? b
            : throw new CelEvaluationException($"expression '{Expression}' resulted in a non-bool value");

    /// <summary>Evaluates an expression that must yield a string (messageExpression).</summary>
    public string EvaluateString(IReadOnlyDictionary<string, object?> activation, long costLimit = DefaultCostLimit) =>
        Evaluate(activation, costLimit) is string s
            ? s
            : throw new CelEvaluationException($"expression '{Expression}' resulted in a non-string value");
}
