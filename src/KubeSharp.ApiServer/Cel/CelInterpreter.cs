using System.Runtime.CompilerServices;

namespace KubeSharp.ApiServer.Cel;

/// <summary>
/// Tree-walking evaluator. Every node visited and every comprehension iteration costs one step, and
/// producing strings, bytes or lists costs a tenth of their length; past the limit evaluation stops.
/// </summary>
internal sealed class CelInterpreter(IReadOnlyDictionary<string, object?> activation, long costLimit)
{
    private long cost;

    private sealed record Scope(string Name, object? Value, Scope? Parent);

    public long Cost => cost;

    public object? Evaluate(CelExpr expr) => Eval(expr, null);

    /// <summary>Charges evaluation steps; throws once the limit is exceeded.</summary>
    public void Charge(long steps)
    {
        cost += steps;
        if (cost > costLimit)
        {
            throw new CelEvaluationException("operation cancelled: actual cost limit exceeded");
        }
    }

    private object? Eval(CelExpr expr, Scope? scope)
    {
        Charge(1);
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expr)
        {
            case CelConstExpr c:
                return c.Value;
            case CelIdentExpr id:
                return Resolve(id.Name, scope);
            case CelSelectExpr select:
                return Select(Eval(select.Operand, scope), select.Field, select.TestOnly);
            case CelListExpr list:
                {
                    var items = new List<object?>(list.Elements.Count);
                    foreach (var e in list.Elements)
                    {
                        items.Add(Eval(e, scope));
                    }

                    return items;
                }

            case CelMapExpr map:
                {
                    var result = new CelDictionaryMap();
                    foreach (var (k, v) in map.Entries)
                    {
                        var key = Eval(k, scope);
                        if (key is not (string or long or ulong or bool))
                        {
                            throw new CelEvaluationException($"unsupported key type: {CelType.Of(key)}");
                        }

                        if (!result.TryAdd(key, Eval(v, scope)))
                        {
                            throw new CelEvaluationException($"Failed with repeated key: {CelFunctions.ToCelString(key)}");
                        }
                    }

                    return result;
                }

            case CelComprehensionExpr comprehension:
                return EvalComprehension(comprehension, scope);
            case CelCallExpr call:
                return EvalCall(call, scope);
            default:
                throw new CelEvaluationException($"unsupported expression {expr.GetType().Name}");
        }
    }

    private object? Resolve(string name, Scope? scope)
    {
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.Name == name)
            {
                return s.Value;
            }
        }

        if (activation.TryGetValue(name, out var value))
        {
            return value;
        }

        if (CelType.ByIdentifier.TryGetValue(name, out var type))
        {
            return type;
        }

        throw new CelEvaluationException($"no such attribute(s): {name}");
    }

    private static object? Select(object? operand, string field, bool testOnly)
    {
        if (operand is CelOptional optional)
        {
            // Selection on an optional stays optional: none propagates, a value is selected into optionally.
            return optional.HasValue ? SelectOptional(optional.Value, field) : CelOptional.None;
        }


        if (operand is CelMap map)
        {
            if (testOnly)
            {
                return map.ContainsKey(field);
            }

            return map.TryGetValue(field, out var value) ? value : throw new CelEvaluationException($"no such key: {field}");
        }

        throw new CelEvaluationException(operand is null
            ? $"no such key: {field}"
            : $"type '{CelType.Of(operand)}' does not support field selection");
    }

    /// <summary><c>operand.?field</c>: the field's value as an optional, none when absent.</summary>
    public static CelOptional SelectOptional(object? operand, string field) => operand switch
    {
        CelOptional { HasValue: false } => CelOptional.None,
        CelOptional o => SelectOptional(o.Value, field),
        CelMap map => map.TryGetValue(field, out var value) ? CelOptional.Of(value) : CelOptional.None,
        _ => throw new CelEvaluationException($"type '{CelType.Of(operand)}' does not support field selection"),
    };

    private object? EvalComprehension(CelComprehensionExpr c, Scope? scope)
    {
        var range = Eval(c.Range, scope);
        IEnumerable<object?> items = range switch
        {
            IReadOnlyList<object?> list => list,
            CelMap map => map.Keys.Cast<object?>(),
            _ => throw new CelEvaluationException($"expression of type '{CelType.Of(range)}' cannot be range of a comprehension (must be list, map, or dynamic)"),
        };
        switch (c.Kind)
        {
            case CelMacroKind.All:
            case CelMacroKind.Exists:
                {
                    var lookFor = c.Kind == CelMacroKind.Exists;
                    CelEvaluationException? error = null;
                    foreach (var item in items)
                    {
                        Charge(1);
                        try
                        {
                            if (AsBool(Eval(c.Step, new Scope(c.Variable, item, scope)), c.Kind == CelMacroKind.All ? "all" : "exists") == lookFor)
                            {
                                return lookFor;
                            }
                        }
                        catch (CelEvaluationException e) when (!IsCostError(e))
                        {
                            error ??= e;
                        }
                    }

                    return error is null ? !lookFor : throw error;
                }

            case CelMacroKind.ExistsOne:
                {
                    var count = 0;
                    foreach (var item in items)
                    {
                        Charge(1);
                        if (AsBool(Eval(c.Step, new Scope(c.Variable, item, scope)), "exists_one"))
                        {
                            count++;
                        }
                    }

                    return count == 1;
                }

            case CelMacroKind.Filter:
                {
                    var result = new List<object?>();
                    foreach (var item in items)
                    {
                        Charge(1);
                        if (AsBool(Eval(c.Step, new Scope(c.Variable, item, scope)), "filter"))
                        {
                            result.Add(item);
                        }
                    }

                    return result;
                }

            default:
                {
                    var result = new List<object?>();
                    foreach (var item in items)
                    {
                        Charge(1);
                        var inner = new Scope(c.Variable, item, scope);
                        if (c.Filter is null || AsBool(Eval(c.Filter, inner), "map"))
                        {
                            result.Add(Eval(c.Step, inner));
                        }
                    }

                    return result;
                }
        }
    }

    private static bool IsCostError(CelEvaluationException e) => e.Message.StartsWith("operation cancelled", StringComparison.Ordinal);

    private static bool AsBool(object? value, string function) =>
        value is bool b ? b : throw CelOperators.NoOverload(function, value);

    private object? EvalCall(CelCallExpr call, Scope? scope)
    {
        switch (call.Function)
        {
            case "_&&_":
            case "_||_":
                return EvalLogical(call, scope);
            case "_?_:_":
                {
                    var condition = Eval(call.Args[0], scope);
                    return condition is bool b
                        ? Eval(b ? call.Args[1] : call.Args[2], scope)
                        : throw CelOperators.NoOverload("_?_:_", condition);
                }

            default:
                break;
        }

        var target = call.Target is null ? null : Eval(call.Target, scope);
        var args = new object?[call.Args.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Eval(call.Args[i], scope);
        }

        return CelFunctions.Invoke(this, call.Function, call.Target is not null, target, args);
    }

    private object? EvalLogical(CelCallExpr call, Scope? scope)
    {
        // CEL's logical operators are commutative over errors: a decisive operand wins over an error on the other side.
        var decisive = call.Function == "_||_";
        CelEvaluationException? error = null;
        var left = TryEval(call.Args[0], scope, ref error);
        if (left is bool lb && lb == decisive)
        {
            return decisive;
        }

        var right = TryEval(call.Args[1], scope, ref error);
        if (right is bool rb && rb == decisive)
        {
            return decisive;
        }

        if (error is not null)
        {
            throw error;
        }

        return left is bool && right is bool ? !decisive : throw CelOperators.NoOverload(call.Function, left, right);
    }

    private object? TryEval(CelExpr expr, Scope? scope, ref CelEvaluationException? error)
    {
        try
        {
            var value = Eval(expr, scope);
            if (value is not bool)
            {
                error ??= CelOperators.NoOverload("logical operator", value);
            }

            return value;
        }
        catch (CelEvaluationException e) when (!IsCostError(e))
        {
            error ??= e;
            return e;
        }
    }
}
