namespace KubeSharp.ApiServer.Cel;

/// <summary>
/// Recursive-descent parser for the CEL grammar. Precedence, lowest first: ternary <c>?:</c>, <c>||</c>,
/// <c>&amp;&amp;</c>, relations (<c>== != &lt; &lt;= &gt; &gt;= in</c>), additive, multiplicative, unary,
/// member access. Macros (has, all, exists, exists_one, map, filter) are expanded while parsing.
/// </summary>
internal sealed class CelParser
{
    private const int MaxDepth = 250;

    private static readonly HashSet<string> ReservedWords =
    [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package",
        "namespace", "return", "var", "void", "while",
    ];

    private static readonly string[] ExpressionStart =
    [
        "'['", "'{'", "'('", "'.'", "'-'", "'!'", "'true'", "'false'", "'null'", "NUM_FLOAT", "NUM_INT", "NUM_UINT", "STRING", "BYTES", "IDENTIFIER",
    ];

    private readonly List<CelToken> tokens;
    private int position;
    private int depth;

    private CelParser(List<CelToken> tokens) => this.tokens = tokens;

    public static CelExpr Parse(string source)
    {
        var parser = new CelParser(CelLexer.Tokenize(source));
        var expr = parser.ParseExpression();
        var next = parser.Peek;
        if (next.Kind != CelTokenKind.Eof)
        {
            throw new CelSyntaxException(next.Offset, $"extraneous input '{next.Display}' expecting <EOF>");
        }

        return expr;
    }

    private CelToken Peek => tokens[position];

    private CelToken Advance() => tokens[position++];

    private bool Accept(string punctuation)
    {
        if (Peek.Is(punctuation))
        {
            position++;
            return true;
        }

        return false;
    }

    private CelToken Expect(string punctuation, params string[] alternatives)
    {
        if (Peek.Is(punctuation))
        {
            return Advance();
        }

        var expected = alternatives.Length == 0 ? $"'{punctuation}'" : "{" + string.Join(", ", new[] { $"'{punctuation}'" }.Concat(alternatives.Select(a => $"'{a}'"))) + "}";
        throw Mismatched(expected);
    }

    private CelSyntaxException Mismatched(string expected) =>
        new(Peek.Offset, $"mismatched input '{Peek.Display}' expecting {expected}");

    private void Enter()
    {
        if (++depth > MaxDepth)
        {
            throw new CelSyntaxException(Peek.Offset, $"expression recursion limit exceeded: {MaxDepth}");
        }
    }

    private CelExpr ParseExpression()
    {
        Enter();
        var condition = ParseOr();
        if (Peek.Is("?"))
        {
            var offset = Advance().Offset;
            var whenTrue = ParseOr();
            Expect(":");
            var whenFalse = ParseExpression();
            condition = new CelCallExpr(offset, null, "_?_:_", [condition, whenTrue, whenFalse]);
        }

        depth--;
        return condition;
    }

    private CelExpr ParseOr()
    {
        var left = ParseAnd();
        var nested = 0;
        while (Peek.Is("||"))
        {
            Enter();
            nested++;
            var offset = Advance().Offset;
            left = new CelCallExpr(offset, null, "_||_", [left, ParseAnd()]);
        }

        depth -= nested;
        return left;
    }

    private CelExpr ParseAnd()
    {
        var left = ParseRelation();
        var nested = 0;
        while (Peek.Is("&&"))
        {
            Enter();
            nested++;
            var offset = Advance().Offset;
            left = new CelCallExpr(offset, null, "_&&_", [left, ParseRelation()]);
        }

        depth -= nested;
        return left;
    }

    private CelExpr ParseRelation()
    {
        var left = ParseAdditive();
        var nested = 0;
        while (true)
        {
            var t = Peek;
            string? function = t.Kind switch
            {
                CelTokenKind.Punctuation => t.Text switch
                {
                    "==" => "_==_",
                    "!=" => "_!=_",
                    "<" => "_<_",
                    "<=" => "_<=_",
                    ">" => "_>_",
                    ">=" => "_>=_",
                    _ => null,
                },
                CelTokenKind.Identifier when t.Text == "in" => "@in",
                _ => null,
            };
            if (function is null)
            {
                depth -= nested;
                return left;
            }

            Enter();
            nested++;
            Advance();
            left = new CelCallExpr(t.Offset, null, function, [left, ParseAdditive()]);
        }
    }

    private CelExpr ParseAdditive()
    {
        var left = ParseMultiplicative();
        var nested = 0;
        while (Peek.Is("+") || Peek.Is("-"))
        {
            Enter();
            nested++;
            var t = Advance();
            left = new CelCallExpr(t.Offset, null, t.Text == "+" ? "_+_" : "_-_", [left, ParseMultiplicative()]);
        }

        depth -= nested;
        return left;
    }

    private CelExpr ParseMultiplicative()
    {
        var left = ParseUnary();
        var nested = 0;
        while (Peek.Is("*") || Peek.Is("/") || Peek.Is("%"))
        {
            Enter();
            nested++;
            var t = Advance();
            var function = t.Text switch
            {
                "*" => "_*_",
                "/" => "_/_",
                _ => "_%_",
            };
            left = new CelCallExpr(t.Offset, null, function, [left, ParseUnary()]);
        }

        depth -= nested;
        return left;
    }

    private CelExpr ParseUnary()
    {
        Enter();
        CelExpr result;
        if (Peek.Is("!"))
        {
            var offset = Advance().Offset;
            result = new CelCallExpr(offset, null, "!_", [ParseUnary()]);
        }
        else if (Peek.Is("-"))
        {
            var offset = Advance().Offset;
            var next = Peek;
            if (next.Kind is CelTokenKind.Int or CelTokenKind.Double)
            {
                // A minus directly before a numeric literal is part of the literal, so -9223372036854775808 is valid.
                Advance();
                object value = next.Value switch
                {
                    ulong u when u == (ulong)long.MaxValue + 1 => (object)long.MinValue,
                    ulong u => -(long)u,
                    long l => -l,
                    double d => -d,
                    _ => throw new CelSyntaxException(next.Offset, "invalid numeric literal"),
                };
                result = ParseMemberSuffixes(new CelConstExpr(offset, value));
            }
            else
            {
                result = new CelCallExpr(offset, null, "-_", [ParseUnary()]);
            }
        }
        else
        {
            result = ParseMember();
        }

        depth--;
        return result;
    }

    private CelExpr ParseMember() => ParseMemberSuffixes(ParsePrimary());

    private CelExpr ParseMemberSuffixes(CelExpr operand)
    {
        var nested = 0;
        while (true)
        {
            if (Peek.Is(".") || Peek.Is("["))
            {
                Enter();
                nested++;
            }

            if (Peek.Is("."))
            {
                var dot = Advance();
                var optional = Accept("?");
                var name = Peek;
                if (name.Kind != CelTokenKind.Identifier || name.Text is "true" or "false" or "null" or "in")
                {
                    throw Mismatched("IDENTIFIER");
                }

                CheckNotReserved(name);
                Advance();
                if (optional)
                {
                    operand = new CelCallExpr(dot.Offset, null, "_?._", [operand, new CelConstExpr(name.Offset, name.Text)]);
                }
                else if (Peek.Is("("))
                {
                    var open = Advance();
                    var args = ParseArguments();
                    operand = operand is CelIdentExpr { Name: "optional" } && name.Text is "of" or "none" or "ofNonZeroValue"
                        ? new CelCallExpr(open.Offset, null, "optional." + name.Text, args)
                        : ExpandReceiverCall(open.Offset, operand, name.Text, args);
                }
                else
                {
                    operand = new CelSelectExpr(dot.Offset, operand, name.Text, false);
                }
            }
            else if (Peek.Is("["))
            {
                var open = Advance();
                var optional = Accept("?");
                var index = ParseExpression();
                Expect("]");
                operand = new CelCallExpr(open.Offset, null, optional ? "_[?_]" : "_[_]", [operand, index]);
            }
            else
            {
                depth -= nested;
                return operand;
            }
        }
    }

    private List<CelExpr> ParseArguments()
    {
        var args = new List<CelExpr>();
        if (Accept(")"))
        {
            return args;
        }

        if (!StartsExpression(Peek))
        {
            throw Mismatched("{')', " + string.Join(", ", ExpressionStart) + "}");
        }

        while (true)
        {
            args.Add(ParseExpression());
            if (Accept(")"))
            {
                return args;
            }

            Expect(",", ")");
        }
    }

    private static bool StartsExpression(CelToken t) => t.Kind switch
    {
        CelTokenKind.Eof => false,
        CelTokenKind.Punctuation => t.Text is "[" or "{" or "(" or "." or "-" or "!",
        _ => true,
    };

    private static void CheckNotReserved(CelToken t)
    {
        if (ReservedWords.Contains(t.Text))
        {
            throw new CelSyntaxException(t.Offset, $"reserved identifier: {t.Text}");
        }
    }

    private CelExpr ParsePrimary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case CelTokenKind.Int:
                Advance();
                return t.Value switch
                {
                    long l => new CelConstExpr(t.Offset, l),
                    ulong u when u <= long.MaxValue => new CelConstExpr(t.Offset, (long)u),
                    _ => throw new CelSyntaxException(t.Offset, "invalid int literal"),
                };
            case CelTokenKind.Uint:
            case CelTokenKind.Double:
            case CelTokenKind.String:
            case CelTokenKind.Bytes:
                Advance();
                return new CelConstExpr(t.Offset, t.Value);
            case CelTokenKind.Identifier:
                return ParseIdentifierPrimary();
            case CelTokenKind.Punctuation when t.Text == ".":
                Advance();
                if (Peek.Kind != CelTokenKind.Identifier)
                {
                    throw Mismatched("IDENTIFIER");
                }

                return ParseIdentifierPrimary();
            case CelTokenKind.Punctuation when t.Text == "(":
                {
                    Advance();
                    var inner = ParseExpression();
                    Expect(")");
                    return inner;
                }

            case CelTokenKind.Punctuation when t.Text == "[":
                {
                    Advance();
                    var elements = new List<CelExpr>();
                    while (!Peek.Is("]"))
                    {
                        if (!StartsExpression(Peek))
                        {
                            throw Mismatched("{']', " + string.Join(", ", ExpressionStart) + "}");
                        }

                        elements.Add(ParseExpression());
                        if (!Accept(","))
                        {
                            Expect("]", ",");
                            return new CelListExpr(t.Offset, elements);
                        }
                    }

                    Advance();
                    return new CelListExpr(t.Offset, elements);
                }

            case CelTokenKind.Punctuation when t.Text == "{":
                {
                    Advance();
                    var entries = new List<KeyValuePair<CelExpr, CelExpr>>();
                    while (!Peek.Is("}"))
                    {
                        if (!StartsExpression(Peek))
                        {
                            throw Mismatched("{'}', " + string.Join(", ", ExpressionStart) + "}");
                        }

                        var key = ParseExpression();
                        Expect(":");
                        var value = ParseExpression();
                        entries.Add(new(key, value));
                        if (!Accept(","))
                        {
                            Expect("}", ",");
                            return new CelMapExpr(t.Offset, entries);
                        }
                    }

                    Advance();
                    return new CelMapExpr(t.Offset, entries);
                }

            default:
                throw Mismatched("{" + string.Join(", ", ExpressionStart) + "}");
        }
    }

    private CelExpr ParseIdentifierPrimary()
    {
        var t = Advance();
        switch (t.Text)
        {
            case "true":
                return new CelConstExpr(t.Offset, true);
            case "false":
                return new CelConstExpr(t.Offset, false);
            case "null":
                return new CelConstExpr(t.Offset, null);
            case "in":
                throw new CelSyntaxException(t.Offset, $"mismatched input 'in' expecting {{{string.Join(", ", ExpressionStart)}}}");
            default:
                break;
        }

        CheckNotReserved(t);
        if (Peek.Is("("))
        {
            var open = Advance();
            var args = ParseArguments();
            if (t.Text == "has" && args.Count == 1)
            {
                if (args[0] is not CelSelectExpr select)
                {
                    throw new CelSyntaxException(args[0].Offset, "invalid argument to has() macro", isSyntaxError: false);
                }

                return select with { TestOnly = true };
            }

            return new CelCallExpr(open.Offset, null, t.Text, args);
        }

        if (Peek.Is("{"))
        {
            throw new CelSyntaxException(Peek.Offset, "message construction is not supported");
        }

        return new CelIdentExpr(t.Offset, t.Text);
    }

    private static CelExpr ExpandReceiverCall(int offset, CelExpr target, string function, List<CelExpr> args)
    {
        CelMacroKind? kind = (function, args.Count) switch
        {
            ("all", 2) => CelMacroKind.All,
            ("exists", 2) => CelMacroKind.Exists,
            ("exists_one", 2) => CelMacroKind.ExistsOne,
            ("map", 2 or 3) => CelMacroKind.Map,
            ("filter", 2) => CelMacroKind.Filter,
            _ => null,
        };
        if (kind is null)
        {
            return new CelCallExpr(offset, target, function, args);
        }

        if (args[0] is not CelIdentExpr variable)
        {
            throw new CelSyntaxException(args[0].Offset, "argument must be a simple name", isSyntaxError: false);
        }

        return kind == CelMacroKind.Map && args.Count == 3
            ? new CelComprehensionExpr(offset, CelMacroKind.Map, target, variable.Name, args[2], args[1])
            : new CelComprehensionExpr(offset, kind.Value, target, variable.Name, args[1], null);
    }
}
