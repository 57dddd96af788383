using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KubeSharp.Api;

namespace KubeSharp.ApiServer.Cel;

/// <summary>
/// The function library: CEL's standard functions plus the Kubernetes extensions (strings, lists,
/// regex, quantity). Receiver-style calls receive the receiver as their first argument.
/// </summary>
internal static class CelFunctions
{
    private const int MaxCachedPatterns = 256;

    private static readonly ConcurrentDictionary<string, Regex> Patterns = new(StringComparer.Ordinal);

    /// <summary>Functions callable as <c>f(x, ...)</c>.</summary>
    public static readonly IReadOnlySet<string> GlobalFunctions = new HashSet<string>(StringComparer.Ordinal)
    {
        "size", "int", "uint", "double", "string", "bool", "bytes", "dyn", "type", "duration", "timestamp", "matches",
        "quantity", "isQuantity", "optional.of", "optional.none", "optional.ofNonZeroValue", "_?._", "_[?_]",
        "_+_", "_-_", "_*_", "_/_", "_%_", "_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_", "!_", "-_", "@in", "_[_]",
        "_&&_", "_||_", "_?_:_",
    };

    /// <summary>Functions callable as <c>x.f(...)</c>.</summary>
    public static readonly IReadOnlySet<string> ReceiverFunctions = new HashSet<string>(StringComparer.Ordinal)
    {
        "size", "contains", "startsWith", "endsWith", "matches", "lowerAscii", "upperAscii", "trim", "split", "join",
        "replace", "indexOf", "lastIndexOf", "substring", "charAt", "format", "reverse", "find", "findAll",
        "isSorted", "sum", "min", "max", "slice", "flatten", "distinct", "sort",
        "getFullYear", "getMonth", "getDayOfMonth", "getDate", "getDayOfWeek", "getDayOfYear", "getHours", "getMinutes",
        "getSeconds", "getMilliseconds",
        "hasValue", "value", "orValue", "or",
        "isInteger", "asInteger", "asApproximateFloat", "sign", "add", "sub", "isGreaterThan", "isLessThan", "compareTo",
    };

    public static object? Invoke(CelInterpreter interpreter, string function, bool receiverStyle, object? target, object?[] args)
    {
        if (receiverStyle)
        {
            var all = new object?[args.Length + 1];
            all[0] = target;
            args.CopyTo(all, 1);
            return InvokeReceiver(interpreter, function, all);
        }

        return InvokeGlobal(interpreter, function, args);
    }

    private static object? InvokeGlobal(CelInterpreter interpreter, string function, object?[] a)
    {
        switch (function, a.Length)
        {
            case ("_==_", 2):
                return CelOperators.ValueEquals(a[0], a[1]);
            case ("_!=_", 2):
                return !CelOperators.ValueEquals(a[0], a[1]);
            case ("_<_", 2):
                return CelOperators.Compare(function, a[0], a[1]) is { } lt && lt < 0;
            case ("_<=_", 2):
                return CelOperators.Compare(function, a[0], a[1]) is { } le && le <= 0;
            case ("_>_", 2):
                return CelOperators.Compare(function, a[0], a[1]) is { } gt && gt > 0;
            case ("_>=_", 2):
                return CelOperators.Compare(function, a[0], a[1]) is { } ge && ge >= 0;
            case ("_+_", 2):
                {
                    var sum = CelOperators.Add(a[0], a[1]);
                    ChargeSize(interpreter, sum);
                    return sum;
                }

            case ("_-_", 2):
                return CelOperators.Subtract(a[0], a[1]);
            case ("_*_", 2):
                return CelOperators.Multiply(a[0], a[1]);
            case ("_/_", 2):
                return CelOperators.Divide(a[0], a[1]);
            case ("_%_", 2):
                return CelOperators.Modulo(a[0], a[1]);
            case ("!_", 1):
                return a[0] is bool operand ? !operand : throw CelOperators.NoOverload(function, a[0]);
            case ("-_", 1):
                return CelOperators.Negate(a[0]);
            case ("@in", 2):
                if (a[1] is IReadOnlyList<object?> haystack)
                {
                    interpreter.Charge(haystack.Count / 10);
                }

                return CelOperators.In(a[0], a[1]);
            case ("_[_]", 2):
                return CelOperators.Index(a[0], a[1]);
            case ("size", 1):
            case ("matches", 2):
                return InvokeReceiver(interpreter, function, a);
            case ("_?._", 2):
                return CelInterpreter.SelectOptional(a[0], (string)a[1]!);
            case ("_[?_]", 2):
                return CelOperators.OptionalIndex(a[0], a[1]);
            case ("optional.of", 1):
                return CelOptional.Of(a[0]);
            case ("optional.none", 0):
                return CelOptional.None;
            case ("optional.ofNonZeroValue", 1):
                return IsZeroValue(a[0]) ? CelOptional.None : CelOptional.Of(a[0]);
            case ("int", 1):
                return ToInt(a[0]);
            case ("uint", 1):
                return ToUint(a[0]);
            case ("double", 1):
                return ToDouble(a[0]);
            case ("string", 1):
                return a[0] is IReadOnlyList<object?> or CelMap or null ? throw CelOperators.NoOverload(function, a[0]) : ToCelString(a[0]);
            case ("bool", 1):
                return ToBool(a[0]);
            case ("bytes", 1):
                return a[0] switch
                {
                    CelBytes b => b,
                    string s => new CelBytes(Encoding.UTF8.GetBytes(s)),
                    _ => throw CelOperators.NoOverload(function, a[0]),
                };
            case ("dyn", 1):
                return a[0];
            case ("type", 1):
                return CelType.Of(a[0]);
            case ("duration", 1):
                return a[0] switch
                {
                    TimeSpan d => d,
                    string s => ParseDuration(s),
                    _ => throw CelOperators.NoOverload(function, a[0]),
                };
            case ("timestamp", 1):
                return a[0] switch
                {
                    DateTimeOffset t => t,
                    string s => ParseTimestamp(s),
                    long l => l is >= -62135596800 and <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(l) : throw new CelEvaluationException("timestamp overflow"),
                    _ => throw CelOperators.NoOverload(function, a[0]),
                };
            case ("quantity", 1):
                return a[0] is string qs
                    ? (Quantity.TryParse(qs, out var q) && qs.Trim() == qs ? q : throw new CelEvaluationException($"quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"))
                    : throw CelOperators.NoOverload(function, a[0]);
            case ("isQuantity", 1):
                return a[0] is string iq ? Quantity.TryParse(iq, out _) && iq.Trim() == iq : throw CelOperators.NoOverload(function, a[0]);
            default:
                throw new CelEvaluationException($"no such overload: {function} with {a.Length} argument(s)");
        }
    }

    private static void ChargeSize(CelInterpreter interpreter, object? value)
    {
        var size = value switch
        {
            string s => s.Length,
            CelBytes b => b.Value.Length,
            IReadOnlyList<object?> l => l.Count,
            _ => 0,
        };
        interpreter.Charge(size / 10);
    }

    private static object? InvokeReceiver(CelInterpreter interpreter, string function, object?[] a)
    {
        var self = a[0];
        switch (self)
        {
            case string s:
                return InvokeString(interpreter, function, s, a);
            case IReadOnlyList<object?> list:
                return InvokeList(interpreter, function, list, a);
            case CelMap map when function == "size" && a.Length == 1:
                return (long)map.Count;
            case CelBytes bytes when function == "size" && a.Length == 1:
                return (long)bytes.Value.Length;
            case DateTimeOffset t:
                return InvokeTimestamp(function, t, a);
            case TimeSpan d:
                return function switch
                {
                    "getHours" when a.Length == 1 => (long)d.TotalHours,
                    "getMinutes" when a.Length == 1 => (long)d.TotalMinutes,
                    "getSeconds" when a.Length == 1 => (long)d.TotalSeconds,
                    "getMilliseconds" when a.Length == 1 => (long)d.TotalMilliseconds,
                    _ => throw NoOverload(function, a),
                };
            case Quantity q:
                return InvokeQuantity(function, q, a);
            case CelOptional o:
                return (function, a.Length) switch
                {
                    ("hasValue", 1) => o.HasValue,
                    ("value", 1) => o.HasValue ? o.Value : throw new CelEvaluationException("optional.none() dereference"),
                    ("orValue", 2) => o.HasValue ? o.Value : a[1],
                    ("or", 2) when a[1] is CelOptional other => o.HasValue ? o : other,
                    _ => throw NoOverload(function, a),
                };
            default:
                throw NoOverload(function, a);
        }
    }

    private static bool IsZeroValue(object? value) => value switch
    {
        null => true,
        bool b => !b,
        long l => l == 0,
        ulong u => u == 0,
        double d => d == 0,
        string s => s.Length == 0,
        CelBytes b => b.Value.Length == 0,
        IReadOnlyList<object?> l => l.Count == 0,
        CelMap m => m.Count == 0,
        TimeSpan d => d == TimeSpan.Zero,
        _ => false,
    };

    private static CelEvaluationException NoOverload(string function, object?[] a) => CelOperators.NoOverload(function, a);

    private static object? InvokeString(CelInterpreter interpreter, string function, string s, object?[] a)
    {
        interpreter.Charge(s.Length / 10);
        switch (function, a.Length)
        {
            case ("size", 1):
                return (long)CountRunes(s);
            case ("contains", 2) when a[1] is string x:
                return s.Contains(x, StringComparison.Ordinal);
            case ("startsWith", 2) when a[1] is string x:
                return s.StartsWith(x, StringComparison.Ordinal);
            case ("endsWith", 2) when a[1] is string x:
                return s.EndsWith(x, StringComparison.Ordinal);
            case ("matches", 2) when a[1] is string pattern:
                return Pattern(pattern).IsMatch(s);
            case ("find", 2) when a[1] is string pattern:
                {
                    var m = Pattern(pattern).Match(s);
                    return m.Success ? m.Value : "";
                }

            case ("findAll", 2 or 3) when a[1] is string pattern:
                {
                    var limit = a.Length == 3 ? AsLong(a[2], function) : -1;
                    var result = new List<object?>();
                    foreach (Match m in Pattern(pattern).Matches(s))
                    {
                        if (limit >= 0 && result.Count >= limit)
                        {
                            break;
                        }

                        result.Add(m.Value);
                    }

                    return result;
                }

            case ("lowerAscii", 1):
                return string.Create(s.Length, s, (span, src) =>
                {
                    for (var i = 0; i < src.Length; i++)
                    {
                        span[i] = char.IsAsciiLetterUpper(src[i]) ? (char)(src[i] + 32) : src[i];
                    }
                });
            case ("upperAscii", 1):
                return string.Create(s.Length, s, (span, src) =>
                {
                    for (var i = 0; i < src.Length; i++)
                    {
                        span[i] = char.IsAsciiLetterLower(src[i]) ? (char)(src[i] - 32) : src[i];
                    }
                });
            case ("trim", 1):
                return s.Trim();
            case ("reverse", 1):
                {
                    var runes = Runes(s);
                    Array.Reverse(runes);
                    return JoinRunes(runes, 0, runes.Length);
                }

            case ("split", 2 or 3) when a[1] is string separator:
                {
                    var limit = a.Length == 3 ? AsLong(a[2], function) : -1;
                    var parts = Split(s, separator, limit);
                    interpreter.Charge(parts.Count / 10);
                    return parts;
                }

            case ("replace", 3 or 4) when a[1] is string old && a[2] is string replacement:
                {
                    var limit = a.Length == 4 ? AsLong(a[3], function) : -1;
                    var result = Replace(s, old, replacement, limit);
                    interpreter.Charge(result.Length / 10);
                    return result;
                }

            case ("indexOf", 2 or 3) when a[1] is string sub:
                {
                    var runes = Runes(s);
                    var offset = a.Length == 3 ? AsLong(a[2], function) : 0;
                    if (offset < 0 || offset > runes.Length)
                    {
                        throw new CelEvaluationException($"index out of range: {offset}");
                    }

                    var subRunes = Runes(sub);
                    for (var i = (int)offset; i + subRunes.Length <= runes.Length; i++)
                    {
                        if (runes.AsSpan(i, subRunes.Length).SequenceEqual(subRunes))
                        {
                            return (long)i;
                        }
                    }

                    return -1L;
                }

            case ("lastIndexOf", 2 or 3) when a[1] is string sub:
                {
                    var runes = Runes(s);
                    var subRunes = Runes(sub);
                    var offset = a.Length == 3 ? AsLong(a[2], function) : runes.Length;
                    if (offset < 0 || offset > runes.Length)
                    {
                        throw new CelEvaluationException($"index out of range: {offset}");
                    }

                    for (var i = (int)Math.Min(offset, runes.Length - subRunes.Length); i >= 0; i--)
                    {
                        if (runes.AsSpan(i, subRunes.Length).SequenceEqual(subRunes))
                        {
                            return (long)i;
                        }
                    }

                    return -1L;
                }

            case ("substring", 2 or 3):
                {
                    var runes = Runes(s);
                    var start = AsLong(a[1], function);
                    var end = a.Length == 3 ? AsLong(a[2], function) : runes.Length;
                    if (start < 0 || start > runes.Length)
                    {
                        throw new CelEvaluationException($"index out of range: {start}");
                    }

                    if (end < 0 || end > runes.Length)
                    {
                        throw new CelEvaluationException($"index out of range: {end}");
                    }

                    if (start > end)
                    {
                        throw new CelEvaluationException($"invalid substring range. start: {start}, end: {end}");
                    }

                    return JoinRunes(runes, (int)start, (int)(end - start));
                }

            case ("charAt", 2):
                {
                    var runes = Runes(s);
                    var index = AsLong(a[1], function);
                    if (index < 0 || index > runes.Length)
                    {
                        throw new CelEvaluationException($"index out of range: {index}");
                    }

                    return index == runes.Length ? "" : runes[index].ToString();
                }

            case ("format", 2) when a[1] is IReadOnlyList<object?> formatArgs:
                {
                    var result = Format(s, formatArgs);
                    interpreter.Charge(result.Length / 10);
                    return result;
                }

            default:
                throw NoOverload(function, a);
        }
    }

    private static object? InvokeList(CelInterpreter interpreter, string function, IReadOnlyList<object?> list, object?[] a)
    {
        interpreter.Charge(list.Count / 10);
        switch (function, a.Length)
        {
            case ("size", 1):
                return (long)list.Count;
            case ("join", 1 or 2):
                {
                    var separator = a.Length == 2 ? a[1] as string ?? throw NoOverload(function, a) : "";
                    var parts = list.Select(item => item as string ?? throw new CelEvaluationException($"join: list element is not a string: {CelType.Of(item)}"));
                    var result = string.Join(separator, parts);
                    interpreter.Charge(result.Length / 10);
                    return result;
                }

            case ("isSorted", 1):
                for (var i = 1; i < list.Count; i++)
                {
                    if (CelOperators.Compare("isSorted", list[i - 1], list[i]) > 0)
                    {
                        return false;
                    }
                }

                return true;
            case ("sum", 1):
                {
                    object? total = null;
                    foreach (var item in list)
                    {
                        total = total is null ? item : CelOperators.Add(total, item);
                    }

                    return total ?? 0L;
                }

            case ("min", 1):
            case ("max", 1):
                {
                    if (list.Count == 0)
                    {
                        throw new CelEvaluationException($"{function} called on empty list");
                    }

                    var best = list[0];
                    for (var i = 1; i < list.Count; i++)
                    {
                        var c = CelOperators.Compare(function, list[i], best);
                        if (function == "min" ? c < 0 : c > 0)
                        {
                            best = list[i];
                        }
                    }

                    return best;
                }

            case ("indexOf", 2):
                for (var i = 0; i < list.Count; i++)
                {
                    if (CelOperators.ValueEquals(list[i], a[1]))
                    {
                        return (long)i;
                    }
                }

                return -1L;
            case ("lastIndexOf", 2):
                for (var i = list.Count - 1; i >= 0; i--)
                {
                    if (CelOperators.ValueEquals(list[i], a[1]))
                    {
                        return (long)i;
                    }
                }

                return -1L;
            case ("slice", 3):
                {
                    var start = AsLong(a[1], function);
                    var end = AsLong(a[2], function);
                    if (start < 0 || end < 0 || start > end || end > list.Count)
                    {
                        throw new CelEvaluationException($"cannot slice({start}, {end}), list size is {list.Count}");
                    }

                    return list.Skip((int)start).Take((int)(end - start)).ToList();
                }

            case ("flatten", 1):
                return list.SelectMany(item => item is IReadOnlyList<object?> inner ? inner : [item]).ToList();
            case ("reverse", 1):
                return list.Reverse().ToList();
            case ("distinct", 1):
                {
                    interpreter.Charge((long)list.Count * list.Count / 10);
                    var result = new List<object?>();
                    foreach (var item in list)
                    {
                        if (!result.Any(r => CelOperators.ValueEquals(r, item)))
                        {
                            result.Add(item);
                        }
                    }

                    return result;
                }

            case ("sort", 1):
                {
                    var result = list.ToList();
                    result.Sort((x, y) => CelOperators.Compare("sort", x, y) ?? 0);
                    return result;
                }

            default:
                throw NoOverload(function, a);
        }
    }

    private static long InvokeTimestamp(string function, DateTimeOffset t, object?[] a)
    {
        if (a.Length == 2)
        {
            t = ToZone(t, a[1] as string ?? throw NoOverload(function, a));
        }
        else if (a.Length != 1)
        {
            throw NoOverload(function, a);
        }

        return function switch
        {
            "getFullYear" => t.Year,
            "getMonth" => t.Month - 1,
            "getDayOfMonth" => t.Day - 1,
            "getDate" => t.Day,
            "getDayOfWeek" => (long)t.DayOfWeek,
            "getDayOfYear" => t.DayOfYear - 1,
            "getHours" => t.Hour,
            "getMinutes" => t.Minute,
            "getSeconds" => t.Second,
            "getMilliseconds" => t.Millisecond,
            _ => throw NoOverload(function, a),
        };
    }

    private static DateTimeOffset ToZone(DateTimeOffset t, string zone)
    {
        if (zone.Length > 0 && (zone[0] is '+' or '-' || char.IsAsciiDigit(zone[0])))
        {
            var sign = zone[0] == '-' ? -1 : 1;
            var text = zone.TrimStart('+', '-');
            if (TimeSpan.TryParseExact(text, ["h\\:mm", "hh\\:mm"], CultureInfo.InvariantCulture, out var offset))
            {
                return t.ToOffset(offset * sign);
            }
        }

        try
        {
            return TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById(zone));
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new CelEvaluationException($"unknown time zone: {zone}");
        }
    }

    private static object? InvokeQuantity(string function, Quantity q, object?[] a)
    {
        Quantity Other(object? o) => o switch
        {
            Quantity other => other,
            long l => new Quantity(l),
            _ => throw NoOverload(function, a),
        };

        switch (function, a.Length)
        {
            case ("isInteger", 1):
                return q.Value == decimal.Truncate(q.Value) && q.Value >= long.MinValue && q.Value <= long.MaxValue;
            case ("asInteger", 1):
                return q.Value == decimal.Truncate(q.Value) && q.Value >= long.MinValue && q.Value <= long.MaxValue
                    ? (long)q.Value
                    : throw new CelEvaluationException("cannot convert value to integer");
            case ("asApproximateFloat", 1):
                return (double)q.Value;
            case ("sign", 1):
                return (long)Math.Sign(q.Value);
            case ("add", 2):
                return q + Other(a[1]);
            case ("sub", 2):
                return q - Other(a[1]);
            case ("isGreaterThan", 2):
                return q.CompareTo(Other(a[1])) > 0;
            case ("isLessThan", 2):
                return q.CompareTo(Other(a[1])) < 0;
            case ("compareTo", 2):
                return (long)Math.Sign(q.CompareTo(Other(a[1])));
            default:
                throw NoOverload(function, a);
        }
    }

    private static long AsLong(object? value, string function) => value switch
    {
        long l => l,
        _ => throw CelOperators.NoOverload(function, value),
    };

    private static Regex Pattern(string pattern)
    {
        if (Patterns.TryGetValue(pattern, out var regex))
        {
            return regex;
        }

        try
        {
            // RE2 semantics: linear-time matching without backtracking; matches() is a partial (unanchored) match.
            regex = new Regex(TranslateRe2(pattern), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new CelEvaluationException($"invalid regular expression '{pattern}': {e.Message}");
        }

        if (Patterns.Count >= MaxCachedPatterns)
        {
            Patterns.Clear();
        }

        Patterns[pattern] = regex;
        return regex;
    }

    /// <summary>
    /// Adapts RE2 syntax to .NET: <c>(?P&lt;name&gt;</c> groups become <c>(?&lt;name&gt;</c>, and outside
    /// multi-line mode <c>$</c> means end of text (\z), not also "before a final newline".
    /// </summary>
    internal static string TranslateRe2(string pattern)
    {
        var multiline = pattern.StartsWith("(?", StringComparison.Ordinal) && pattern.IndexOf(')', StringComparison.Ordinal) is var close && close > 0 && pattern[2..close].Contains('m', StringComparison.Ordinal);
        var builder = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                builder.Append(c).Append(pattern[++i]);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                builder.Append(c);
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                builder.Append(c);
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    builder.Append(pattern[++i]);
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    builder.Append(pattern[++i]);
                }

                continue;
            }

            if (c == '(' && string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                builder.Append("(?<");
                i += 3;
                continue;
            }

            builder.Append(c == '$' && !multiline ? "\\z" : c.ToString());
        }

        return builder.ToString();
    }

    private static int CountRunes(string s)
    {
        var count = 0;
        foreach (var _ in s.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static Rune[] Runes(string s) => [.. s.EnumerateRunes()];

    private static string JoinRunes(Rune[] runes, int start, int length)
    {
        var builder = new StringBuilder();
        for (var i = start; i < start + length; i++)
        {
            builder.Append(runes[i].ToString());
        }

        return builder.ToString();
    }

    private static List<object?> Split(string s, string separator, long limit)
    {
        if (limit == 0)
        {
            return [];
        }

        if (separator.Length == 0)
        {
            var runes = Runes(s).Select(r => (object?)r.ToString()).ToList();
            if (limit > 0 && runes.Count > limit)
            {
                var head = runes.Take((int)limit - 1).ToList();
                head.Add(string.Concat(runes.Skip((int)limit - 1)));
                return head;
            }

            return runes;
        }

        var parts = limit > 0
            ? s.Split(separator, (int)Math.Min(limit, int.MaxValue), StringSplitOptions.None)
            : s.Split(separator, StringSplitOptions.None);
        return [.. parts];
    }

    private static string Replace(string s, string old, string replacement, long limit)
    {
        if (limit < 0)
        {
            return old.Length == 0 ? ReplaceEmpty(s, replacement, int.MaxValue) : s.Replace(old, replacement, StringComparison.Ordinal);
        }

        if (old.Length == 0)
        {
            return ReplaceEmpty(s, replacement, limit);
        }

        var builder = new StringBuilder();
        var position = 0;
        for (var n = 0; n < limit; n++)
        {
            var found = s.IndexOf(old, position, StringComparison.Ordinal);
            if (found < 0)
            {
                break;
            }

            builder.Append(s, position, found - position).Append(replacement);
            position = found + old.Length;
        }

        return builder.Append(s, position, s.Length - position).ToString();
    }

    private static string ReplaceEmpty(string s, string replacement, long limit)
    {
        // As Go's strings.Replace: an empty old string matches before every rune and at the end.
        var builder = new StringBuilder();
        var n = 0L;
        foreach (var rune in s.EnumerateRunes())
        {
            if (n++ < limit)
            {
                builder.Append(replacement);
            }

            builder.Append(rune.ToString());
        }

        if (n < limit)
        {
            builder.Append(replacement);
        }

        return builder.ToString();
    }

    private static long ToInt(object? value)
    {
        switch (value)
        {
            case long l:
                return l;
            case ulong u:
                return u <= long.MaxValue ? (long)u : throw new CelEvaluationException("integer overflow");
            case double d:
                if (double.IsNaN(d) || d <= -9.2233720368547758e18 || d >= 9.2233720368547758e18)
                {
                    throw new CelEvaluationException("integer overflow");
                }

                return (long)d;
            case string s:
                return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new CelEvaluationException($"cannot convert string '{s}' to int");
            case DateTimeOffset t:
                return t.ToUnixTimeSeconds();
            case TimeSpan d:
                return d.Ticks * 100;
            case bool:
            default:
                throw CelOperators.NoOverload("int", value);
        }
    }

    private static ulong ToUint(object? value)
    {
        switch (value)
        {
            case ulong u:
                return u;
            case long l:
                return l >= 0 ? (ulong)l : throw new CelEvaluationException("unsigned integer overflow");
            case double d:
                if (double.IsNaN(d) || d < 0 || d >= 1.8446744073709552e19)
                {
                    throw new CelEvaluationException("unsigned integer overflow");
                }

                return (ulong)d;
            case string s:
                return ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw new CelEvaluationException($"cannot convert string '{s}' to uint");
            default:
                throw CelOperators.NoOverload("uint", value);
        }
    }

    private static double ToDouble(object? value) => value switch
    {
        double d => d,
        long l => l,
        ulong u => u,
        string s => s switch
        {
            "NaN" => double.NaN,
            "Inf" or "+Inf" or "Infinity" or "+Infinity" => double.PositiveInfinity,
            "-Inf" or "-Infinity" => double.NegativeInfinity,
            _ => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw new CelEvaluationException($"cannot convert string '{s}' to double"),
        },
        _ => throw CelOperators.NoOverload("double", value),
    };

    private static bool ToBool(object? value) => value switch
    {
        bool b => b,
        string s => s switch
        {
            "true" or "TRUE" or "True" or "t" or "1" => true,
            "false" or "FALSE" or "False" or "f" or "0" => false,
            _ => throw new CelEvaluationException($"type conversion error from 'string' to 'bool': '{s}'"),
        },
        _ => throw CelOperators.NoOverload("bool", value),
    };

    /// <summary>The string form CEL's string() gives a value; lists and maps render as in cel-go's format().</summary>
    public static string ToCelString(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double d => FormatDouble(d),
        string s => s,
        CelBytes b => Encoding.UTF8.GetString(b.Value),
        TimeSpan d => FormatDuration(d),
        DateTimeOffset t => FormatTimestamp(t),
        Quantity q => q.ToString(),
        CelType t => t.Name,
        CelOptional o => o.HasValue ? $"optional.of({ToCelString(o.Value)})" : "optional.none()",
        IReadOnlyList<object?> list => "[" + string.Join(", ", list.Select(ToCelString)) + "]",
        CelMap map => "{" + string.Join(", ", map.Keys.Select(k => ToCelString(k) + ": " + (map.TryGetValue(k, out var v) ? ToCelString(v) : ""))) + "}",
        _ => value.ToString() ?? "",
    };

    /// <summary>Formats as Go's %g (cel-go's string(double)): shortest digits, exponent form below 1e-4 and from 1e6.</summary>
    public static string FormatDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "+Inf" : "-Inf";
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0" : "0";
        }

        var r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        string digits;
        int exponent;
        var ePos = r.IndexOf('E', StringComparison.Ordinal);
        var mantissa = ePos >= 0 ? r[..ePos] : r;
        var extraExponent = ePos >= 0 ? int.Parse(r[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var all = intPart + fracPart;
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        digits = all.TrimStart('0').TrimEnd('0');
        exponent = intPart.Length - leadingZeros - 1 + extraExponent;
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6)
        {
            var m = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            var expText = Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
            return $"{sign}{m}e{(exponent < 0 ? "-" : "+")}{expText}";
        }

        if (exponent < 0)
        {
            return sign + "0." + new string('0', -exponent - 1) + digits;
        }

        if (digits.Length <= exponent + 1)
        {
            return sign + digits + new string('0', exponent + 1 - digits.Length);
        }

        return sign + digits[..(exponent + 1)] + "." + digits[(exponent + 1)..];
    }

    private static string FormatDuration(TimeSpan d)
    {
        var seconds = d.Ticks / (decimal)TimeSpan.TicksPerSecond;
        return seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
    }

    private static string FormatTimestamp(DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        var fraction = utc.Ticks % TimeSpan.TicksPerSecond;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (fraction != 0)
        {
            text += "." + fraction.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        return text + "Z";
    }

    /// <summary>Parses Go duration syntax: an optionally signed sequence of decimal numbers with units ns, us, µs, ms, s, m, h.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var s = text;
        var i = 0;
        var negative = false;
        if (i < s.Length && (s[i] == '-' || s[i] == '+'))
        {
            negative = s[i] == '-';
            i++;
        }

        if (s[i..] == "0")
        {
            return TimeSpan.Zero;
        }

        if (i >= s.Length)
        {
            throw new CelEvaluationException($"invalid duration: {text}");
        }

        decimal totalNanoseconds = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i || !decimal.TryParse(s[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                throw new CelEvaluationException($"invalid duration: {text}");
            }

            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            decimal scale = s[unitStart..i] switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                _ => throw new CelEvaluationException($"invalid duration: {text}"),
            };
            totalNanoseconds += number * scale;
        }

        var ticks = totalNanoseconds / 100;
        if (ticks > TimeSpan.MaxValue.Ticks)
        {
            throw new CelEvaluationException($"invalid duration: {text}");
        }

        var span = TimeSpan.FromTicks((long)ticks);
        return negative ? -span : span;
    }

    private static DateTimeOffset ParseTimestamp(string text)
    {
        if (text.Length < 20 || text[10] is not ('T' or 't') ||
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            throw new CelEvaluationException($"timestamp parsing error: {text}");
        }

        return t.ToUniversalTime();
    }

    private static string Format(string format, IReadOnlyList<object?> args)
    {
        var builder = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                builder.Append(c);
                continue;
            }

            if (++i >= format.Length)
            {
                throw new CelEvaluationException("unexpected end of format string");
            }

            if (format[i] == '%')
            {
                builder.Append('%');
                continue;
            }

            int? precision = null;
            if (format[i] == '.')
            {
                var start = ++i;
                while (i < format.Length && char.IsAsciiDigit(format[i]))
                {
                    i++;
                }

                precision = int.Parse(format[start..i], CultureInfo.InvariantCulture);
                if (i >= format.Length)
                {
                    throw new CelEvaluationException("unexpected end of format string");
                }
            }

            if (next >= args.Count)
            {
                throw new CelEvaluationException($"index {next} out of range");
            }

            var arg = args[next++];
            builder.Append(format[i] switch
            {
                's' => ToCelString(arg),
                'd' => arg is long or ulong ? ToCelString(arg) : throw new CelEvaluationException($"error during formatting: decimal clause can only be used on integers, was given {CelType.Of(arg)}"),
                'f' => ToDouble(arg).ToString("F" + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
                'e' => ToDouble(arg).ToString((precision ?? 6) == 0 ? "0e+00" : "0." + new string('0', precision ?? 6) + "e+00", CultureInfo.InvariantCulture),
                'x' => FormatRadix(arg, "x"),
                'X' => FormatRadix(arg, "X"),
                'o' => arg is long or ulong ? Convert.ToString(Convert.ToInt64(arg, CultureInfo.InvariantCulture), 8) : throw new CelEvaluationException("error during formatting: octal clause can only be used on integers"),
                'b' => arg switch
                {
                    long l => l < 0 ? "-" + Convert.ToString(-l, 2) : Convert.ToString(l, 2),
                    ulong u => Convert.ToString((long)u, 2),
                    bool b => b ? "true" : "false",
                    _ => throw new CelEvaluationException("error during formatting: only integers and bools can be formatted as binary"),
                },
                _ => throw new CelEvaluationException($"could not parse formatting clause: unrecognized formatting clause \"{format[i]}\""),
            });
        }

        return builder.ToString();
    }

    private static string FormatRadix(object? arg, string casing) => arg switch
    {
        long l => l < 0 ? "-" + (-l).ToString(casing, CultureInfo.InvariantCulture) : l.ToString(casing, CultureInfo.InvariantCulture),
        ulong u => u.ToString(casing, CultureInfo.InvariantCulture),
        string s => Convert.ToHexString(Encoding.UTF8.GetBytes(s)) is var h && casing == "x" ? h.ToLowerInvariant() : Convert.ToHexString(Encoding.UTF8.GetBytes(s)),
        CelBytes b => casing == "x" ? Convert.ToHexString(b.Value).ToLowerInvariant() : Convert.ToHexString(b.Value),
        _ => throw new CelEvaluationException("error during formatting: only integers, byte buffers, and strings can be formatted as hex"),
    };
}
