namespace KubeSharp.Api.Selectors;

/// <summary>
/// The label selector grammar of Kubernetes, token for token, so the error messages match:
/// requirement (',' requirement)*, requirement = ['!'] KEY [op VALUE | ('in'|'notin') '(' values ')'].
/// </summary>
internal sealed class LabelSelectorParser
{
    private static readonly Dictionary<string, Token> Keywords = new(StringComparer.Ordinal)
    {
        [")"] = Token.ClosedPar,
        [","] = Token.Comma,
        ["!"] = Token.DoesNotExist,
        ["=="] = Token.DoubleEquals,
        ["="] = Token.EqualsOp,
        [">"] = Token.GreaterThan,
        ["in"] = Token.In,
        ["<"] = Token.LessThan,
        ["!="] = Token.NotEquals,
        ["notin"] = Token.NotIn,
        ["("] = Token.OpenPar,
    };

    private readonly List<(Token Token, string Literal)> items = [];
    private int position;

    public LabelSelectorParser(string text)
    {
        var lexer = new Lexer(text);
        while (true)
        {
            var item = lexer.Next();
            items.Add(item);
            if (item.Token == Token.EndOfString)
            {
                break;
            }
        }
    }

    private enum Token
    {
        Error,
        EndOfString,
        ClosedPar,
        Comma,
        DoesNotExist,
        DoubleEquals,
        EqualsOp,
        GreaterThan,
        Identifier,
        In,
        LessThan,
        NotEquals,
        NotIn,
        OpenPar,
    }

    public List<LabelRequirement> Parse()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (token, literal) = Lookahead(values: true);
            switch (token)
            {
                case Token.Identifier or Token.DoesNotExist:
                    try
                    {
                        requirements.Add(ParseRequirement());
                    }
                    catch (SelectorException e)
                    {
                        throw new SelectorException("unable to parse requirement: " + e.Message);
                    }

                    var (next, nextLiteral) = Consume(values: true);
                    switch (next)
                    {
                        case Token.EndOfString:
                            return requirements;
                        case Token.Comma:
                            var (after, afterLiteral) = Lookahead(values: true);
                            if (after is not (Token.Identifier or Token.DoesNotExist))
                            {
                                throw new SelectorException($"found '{afterLiteral}', expected: identifier after ','");
                            }

                            break;
                        default:
                            throw new SelectorException($"found '{nextLiteral}', expected: ',' or 'end of string'");
                    }

                    break;
                case Token.EndOfString:
                    return requirements;
                default:
                    throw new SelectorException($"found '{literal}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var (key, op) = ParseKeyAndInferOperator();
        if (op is LabelOperator.Exists or LabelOperator.DoesNotExist)
        {
            return LabelRequirement.Create(key, op.Value, []);
        }

        var binary = ParseOperator();
        var values = binary is LabelOperator.In or LabelOperator.NotIn ? ParseValues() : ParseExactValue();
        return LabelRequirement.Create(key, binary, values.Order(StringComparer.Ordinal));
    }

    private (string Key, LabelOperator? Operator) ParseKeyAndInferOperator()
    {
        LabelOperator? op = null;
        var (token, literal) = Consume(values: true);
        if (token == Token.DoesNotExist)
        {
            op = LabelOperator.DoesNotExist;
            (token, literal) = Consume(values: true);
        }

        if (token != Token.Identifier)
        {
            throw new SelectorException($"found '{literal}', expected: identifier");
        }

        var keyErrors = LabelSyntax.LabelKeyErrors(literal);
        if (keyErrors.Count > 0)
        {
            throw new SelectorException(LabelSyntax.Invalid("<nil>", literal, keyErrors));
        }

        var (next, _) = Lookahead(values: true);
        if (next is Token.EndOfString or Token.Comma && op != LabelOperator.DoesNotExist)
        {
            op = LabelOperator.Exists;
        }

        return (literal, op);
    }

    private LabelOperator ParseOperator()
    {
        var (token, literal) = Consume(values: false);
        return token switch
        {
            Token.In => LabelOperator.In,
            Token.EqualsOp => LabelOperator.Equals,
            Token.DoubleEquals => LabelOperator.DoubleEquals,
            Token.GreaterThan => LabelOperator.GreaterThan,
            Token.LessThan => LabelOperator.LessThan,
            Token.NotIn => LabelOperator.NotIn,
            Token.NotEquals => LabelOperator.NotEquals,
            _ => throw new SelectorException($"found '{literal}', expected: in, notin, =, ==, !=, gt, lt"),
        };
    }

    private HashSet<string> ParseValues()
    {
        var (token, literal) = Consume(values: true);
        if (token != Token.OpenPar)
        {
            throw new SelectorException($"found '{literal}' expected: '('");
        }

        (token, literal) = Lookahead(values: true);
        switch (token)
        {
            case Token.Identifier or Token.Comma:
                var set = ParseIdentifiersList();
                if (Consume(values: true).Token != Token.ClosedPar)
                {
                    throw new SelectorException($"found '{literal}', expected: ')'");
                }

                return set;
            case Token.ClosedPar:
                Consume(values: true);
                return new HashSet<string>(StringComparer.Ordinal) { "" };
            default:
                throw new SelectorException($"found '{literal}', expected: ',', ')' or identifier");
        }
    }

    private HashSet<string> ParseIdentifiersList()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (token, literal) = Consume(values: true);
            switch (token)
            {
                case Token.Identifier:
                    set.Add(literal);
                    var (next, nextLiteral) = Lookahead(values: true);
                    switch (next)
                    {
                        case Token.Comma:
                            continue;
                        case Token.ClosedPar:
                            return set;
                        default:
                            throw new SelectorException($"found '{nextLiteral}', expected: ',' or ')'");
                    }

                case Token.Comma:
                    if (set.Count == 0)
                    {
                        set.Add("");
                    }

                    var (following, _) = Lookahead(values: true);
                    if (following == Token.ClosedPar)
                    {
                        set.Add("");
                        return set;
                    }

                    if (following == Token.Comma)
                    {
                        set.Add("");
                    }

                    break;
                default:
                    throw new SelectorException($"found '{literal}', expected: ',', or identifier");
            }
        }
    }

    private HashSet<string> ParseExactValue()
    {
        var (token, _) = Lookahead(values: true);
        if (token is Token.EndOfString or Token.Comma)
        {
            return new HashSet<string>(StringComparer.Ordinal) { "" };
        }

        (token, var literal) = Consume(values: true);
        return token == Token.Identifier
            ? new HashSet<string>(StringComparer.Ordinal) { literal }
            : throw new SelectorException($"found '{literal}', expected: identifier");
    }

    /// <summary>In value position the keywords "in" and "notin" are plain identifiers.</summary>
    private (Token Token, string Literal) Lookahead(bool values)
    {
        var (token, literal) = items[Math.Min(position, items.Count - 1)];
        return (values && token is Token.In or Token.NotIn ? Token.Identifier : token, literal);
    }

    private (Token Token, string Literal) Consume(bool values)
    {
        var item = Lookahead(values);
        position = Math.Min(position + 1, items.Count - 1);
        return item;
    }

    private sealed class Lexer(string text)
    {
        private int position;

        public (Token Token, string Literal) Next()
        {
            while (position < text.Length && IsWhitespace(text[position]))
            {
                position++;
            }

            if (position >= text.Length || text[position] == '\0')
            {
                return (Token.EndOfString, "");
            }

            return IsSpecial(text[position]) ? ScanSpecial() : ScanIdentifierOrKeyword();
        }

        private (Token, string) ScanIdentifierOrKeyword()
        {
            var start = position;
            while (position < text.Length && text[position] != '\0' && !IsSpecial(text[position]) && !IsWhitespace(text[position]))
            {
                position++;
            }

            var literal = text[start..position];
            return Keywords.TryGetValue(literal, out var keyword) ? (keyword, literal) : (Token.Identifier, literal);
        }

        /// <summary>The longest run of special characters that still forms an operator.</summary>
        private (Token, string) ScanSpecial()
        {
            var start = position;
            (Token Token, string Literal)? last = null;
            while (position < text.Length && IsSpecial(text[position]))
            {
                var candidate = text[start..(position + 1)];
                if (Keywords.TryGetValue(candidate, out var token))
                {
                    last = (token, candidate);
                    position++;
                }
                else if (last is not null)
                {
                    break;
                }
                else
                {
                    position++;
                }
            }

            return last ?? (Token.Error, $"error expected: keyword found '{text[start..position]}'");
        }

        private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

        private static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
    }
}
