using KubeSharp.Api;

namespace KubeSharp.ApiServer.Cel;

/// <summary>An error raised while evaluating a CEL expression (no such key, overflow, no matching overload, ...).</summary>
internal sealed class CelEvaluationException(string message) : Exception(message)
{
}

/// <summary>CEL's equality, ordering and arithmetic.</summary>
internal static class CelOperators
{
    public static CelEvaluationException NoOverload(string function, params object?[] args) =>
        new($"no such overload: {function}({string.Join(", ", args.Select(a => CelType.Of(a).Name))})");

    /// <summary>CEL equality: numbers compare by value across int, uint and double; other types never equal.</summary>
    public static bool ValueEquals(object? a, object? b)
    {
        switch (a, b)
        {
            case (null, null):
                return true;
            case (null, _):
            case (_, null):
                return false;
            case (long or ulong or double, long or ulong or double):
                return CompareNumbers(a, b) == 0;
            case (IReadOnlyList<object?> x, IReadOnlyList<object?> y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!ValueEquals(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (CelMap x, CelMap y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (var key in x.Keys)
                {
                    if (!y.TryGetValue(key, out var yv) || !x.TryGetValue(key, out var xv) || !ValueEquals(xv, yv))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return a.GetType() == b.GetType() && a.Equals(b);
        }
    }

    /// <summary>Orders two numbers of any CEL numeric type; null when a NaN makes them unordered.</summary>
    public static int? CompareNumbers(object a, object b)
    {
        switch (a, b)
        {
            case (long x, long y):
                return x.CompareTo(y);
            case (ulong x, ulong y):
                return x.CompareTo(y);
            case (long x, ulong y):
                return x < 0 ? -1 : ((ulong)x).CompareTo(y);
            case (ulong x, long y):
                return y < 0 ? 1 : x.CompareTo((ulong)y);
            default:
                {
                    if (a is double da && double.IsNaN(da))
                    {
                        return null;
                    }

                    if (b is double db && double.IsNaN(db))
                    {
                        return null;
                    }

                    var x = ToDouble(a);
                    var y = ToDouble(b);
                    var c = x.CompareTo(y);
                    if (c != 0)
                    {
                        return c;
                    }

                    // Equal as doubles; compare exactly when one side is an integer the double cannot represent.
                    if (a is long la && b is double)
                    {
                        return y >= 9.2233720368547758e18 ? -1 : la.CompareTo((long)y);
                    }

                    if (b is long lb && a is double)
                    {
                        return x >= 9.2233720368547758e18 ? 1 : ((long)x).CompareTo(lb);
                    }

                    if (a is ulong ua && b is double)
                    {
                        return y >= 1.8446744073709552e19 ? -1 : ua.CompareTo((ulong)y);
                    }

                    if (b is ulong ub && a is double)
                    {
                        return x >= 1.8446744073709552e19 ? 1 : ((ulong)x).CompareTo(ub);
                    }

                    return 0;
                }
        }
    }

    private static double ToDouble(object n) => n switch
    {
        long l => l,
        ulong u => u,
        double d => d,
        _ => throw new InvalidOperationException("not a number"),
    };

    /// <summary>Orders two values for &lt; &lt;= &gt; &gt;=; null when unordered (NaN).</summary>
    public static int? Compare(string function, object? a, object? b) => (a, b) switch
    {
        (long or ulong or double, long or ulong or double) => CompareNumbers(a!, b!),
        (string x, string y) => Math.Sign(string.CompareOrdinal(x, y)),
        (bool x, bool y) => x.CompareTo(y),
        (CelBytes x, CelBytes y) => Math.Sign(x.CompareTo(y)),
        (TimeSpan x, TimeSpan y) => x.CompareTo(y),
        (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
        (Quantity x, Quantity y) => x.CompareTo(y),
        _ => throw NoOverload(function, a, b),
    };

    public static object Add(object? a, object? b)
    {
        try
        {
            return (a, b) switch
            {
                (long x, long y) => (object)checked(x + y),
                (ulong x, ulong y) => (object)checked(x + y),
                (double x, double y) => (object)(x + y),
                (string x, string y) => x + y,
                (CelBytes x, CelBytes y) => new CelBytes([.. x.Value, .. y.Value]),
                (IReadOnlyList<object?> x, IReadOnlyList<object?> y) => (IReadOnlyList<object?>)[.. x, .. y],
                (TimeSpan x, TimeSpan y) => x + y,
                (DateTimeOffset x, TimeSpan y) => CheckTimestamp(x.Add(y)),
                (TimeSpan x, DateTimeOffset y) => CheckTimestamp(y.Add(x)),
                _ => throw NoOverload("_+_", a, b),
            };
        }
        catch (OverflowException)
        {
            throw new CelEvaluationException(a is ulong ? "unsigned integer overflow" : "integer overflow");
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new CelEvaluationException("timestamp overflow");
        }
    }

    public static object Subtract(object? a, object? b)
    {
        try
        {
            return (a, b) switch
            {
                (long x, long y) => (object)checked(x - y),
                (ulong x, ulong y) => (object)checked(x - y),
                (double x, double y) => (object)(x - y),
                (TimeSpan x, TimeSpan y) => x - y,
                (DateTimeOffset x, TimeSpan y) => CheckTimestamp(x - y),
                (DateTimeOffset x, DateTimeOffset y) => x - y,
                _ => throw NoOverload("_-_", a, b),
            };
        }
        catch (OverflowException)
        {
            throw new CelEvaluationException(a is ulong ? "unsigned integer overflow" : "integer overflow");
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new CelEvaluationException("timestamp overflow");
        }
    }

    private static DateTimeOffset CheckTimestamp(DateTimeOffset t) =>
        t.Year is < 1 or > 9999 ? throw new CelEvaluationException("timestamp overflow") : t;

    public static object Multiply(object? a, object? b)
    {
        try
        {
            return (a, b) switch
            {
                (long x, long y) => (object)checked(x * y),
                (ulong x, ulong y) => (object)checked(x * y),
                (double x, double y) => (object)(x * y),
                _ => throw NoOverload("_*_", a, b),
            };
        }
        catch (OverflowException)
        {
            throw new CelEvaluationException(a is ulong ? "unsigned integer overflow" : "integer overflow");
        }
    }

    public static object Divide(object? a, object? b) => (a, b) switch
    {
        (long, 0L) or (ulong, 0UL) => throw new CelEvaluationException("division by zero"),
        (long x, long y) => x == long.MinValue && y == -1 ? throw new CelEvaluationException("integer overflow") : (object)(x / y),
        (ulong x, ulong y) => (object)(x / y),
        (double x, double y) => (object)(x / y),
        _ => throw NoOverload("_/_", a, b),
    };

    public static object Modulo(object? a, object? b) => (a, b) switch
    {
        (long, 0L) or (ulong, 0UL) => throw new CelEvaluationException("modulus by zero"),
        (long x, long y) => x == long.MinValue && y == -1 ? throw new CelEvaluationException("integer overflow") : (object)(x % y),
        (ulong x, ulong y) => (object)(x % y),
        _ => throw NoOverload("_%_", a, b),
    };

    public static object Negate(object? a) => a switch
    {
        long x => x == long.MinValue ? throw new CelEvaluationException("integer overflow") : (object)(-x),
        double x => (object)(-x),
        TimeSpan x => (object)(-x),
        _ => throw NoOverload("-_", a),
    };

    public static bool In(object? element, object? container) => container switch
    {
        IReadOnlyList<object?> list => list.Any(item => ValueEquals(item, element)),
        CelMap map => map.ContainsKey(element),
        _ => throw NoOverload("@in", element, container),
    };

    /// <summary><c>container[?index]</c>: the element as an optional, none when the index or key is absent.</summary>
    public static CelOptional OptionalIndex(object? container, object? index)
    {
        switch (container)
        {
            case CelOptional { HasValue: false }:
                return CelOptional.None;
            case CelOptional o:
                return OptionalIndex(o.Value, index);
            case IReadOnlyList<object?> list:
                return index is long i && i >= 0 && i < list.Count ? CelOptional.Of(list[(int)i]) : CelOptional.None;
            case CelMap map:
                return map.TryGetValue(index, out var value) ? CelOptional.Of(value) : CelOptional.None;
            default:
                throw NoOverload("_[?_]", container, index);
        }
    }

    public static object? Index(object? container, object? index)
    {
        switch (container)
        {
            case CelOptional { HasValue: false }:
                return CelOptional.None;
            case CelOptional o:
                return CelOptional.Of(Index(o.Value, index));
            case IReadOnlyList<object?> list:
                {
                    long i = index switch
                    {
                        long l => l,
                        ulong u => u > long.MaxValue ? long.MaxValue : (long)u,
                        double d when Math.Floor(d) == d && d >= long.MinValue && d < long.MaxValue => (long)d,
                        _ => throw NoOverload("_[_]", container, index),
                    };
                    if (i < 0 || i >= list.Count)
                    {
                        throw new CelEvaluationException($"index out of bounds: {i}");
                    }

                    return list[(int)i];
                }

            case CelMap map:
                if (index is not (string or long or ulong or bool or double))
                {
                    throw NoOverload("_[_]", container, index);
                }

                return map.TryGetValue(index, out var value) ? value : throw new CelEvaluationException($"no such key: {CelFunctions.ToCelString(index)}");
            default:
                throw NoOverload("_[_]", container, index);
        }
    }
}
