using System.Globalization;
using System.Text;

namespace KubeSharp.ApiServer.Cel;

internal enum CelTokenKind
{
    Eof,
    Identifier,
    Int,
    Uint,
    Double,
    String,
    Bytes,
    Punctuation,
}

internal readonly record struct CelToken(CelTokenKind Kind, string Text, int Offset, object? Value)
{
    public string Display => Kind == CelTokenKind.Eof ? "<EOF>" : Text;

    public bool Is(string punctuation) => Kind == CelTokenKind.Punctuation && Text == punctuation;
}

/// <summary>
/// A parse error at a source offset; the compiler renders it in cel-go's ERROR format. Grammar errors
/// carry the "Syntax error:" prefix; macro misuse (e.g. has() of a non-field) does not.
/// </summary>
internal sealed class CelSyntaxException(int offset, string message, bool isSyntaxError = true) : Exception(message)
{
    public int Offset { get; } = offset;

    public bool IsSyntaxError { get; } = isSyntaxError;
}

/// <summary>Splits CEL source into tokens following the lexical rules of the CEL language definition.</summary>
internal static class CelLexer
{
    private static readonly string[] Punctuations =
    [
        "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}",
    ];

    public static List<CelToken> Tokenize(string source)
    {
        var tokens = new List<CelToken>();
        var i = 0;
        while (true)
        {
            i = SkipWhitespaceAndComments(source, i);
            if (i >= source.Length)
            {
                tokens.Add(new CelToken(CelTokenKind.Eof, "", source.Length, null));
                return tokens;
            }

            var c = source[i];
            var start = i;
            if (IsIdentifierStart(c))
            {
                var end = i;
                while (end < source.Length && IsIdentifierPart(source[end]))
                {
                    end++;
                }

                var word = source[i..end];
                var prefixLength = word.Length <= 2 && end < source.Length && (source[end] == '"' || source[end] == '\'') ? StringPrefix(word) : -1;
                if (prefixLength >= 0)
                {
                    var raw = word.Contains('r', StringComparison.OrdinalIgnoreCase);
                    var bytes = word.Contains('b', StringComparison.OrdinalIgnoreCase);
                    i = ReadQuoted(source, end, raw, bytes, start, tokens);
                    continue;
                }

                tokens.Add(new CelToken(CelTokenKind.Identifier, word, start, null));
                i = end;
                continue;
            }

            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < source.Length && char.IsAsciiDigit(source[i + 1])))
            {
                i = ReadNumber(source, i, tokens);
                continue;
            }

            if (c == '"' || c == '\'')
            {
                i = ReadQuoted(source, i, raw: false, bytes: false, start, tokens);
                continue;
            }

            var matched = false;
            foreach (var p in Punctuations)
            {
                if (string.CompareOrdinal(source, i, p, 0, p.Length) == 0)
                {
                    tokens.Add(new CelToken(CelTokenKind.Punctuation, p, i, null));
                    i += p.Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                throw new CelSyntaxException(i, $"token recognition error at: '{source[i]}'");
            }
        }
    }

    private static int StringPrefix(string word) => word.ToLowerInvariant() switch
    {
        "r" or "b" or "rb" or "br" => word.Length,
        _ => -1,
    };

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static int SkipWhitespaceAndComments(string s, int i)
    {
        while (i < s.Length)
        {
            var c = s[i];
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                i++;
            }
            else if (c == '/' && i + 1 < s.Length && s[i + 1] == '/')
            {
                while (i < s.Length && s[i] != '\n')
                {
                    i++;
                }
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static int ReadNumber(string s, int i, List<CelToken> tokens)
    {
        var start = i;
        if (s[i] == '0' && i + 1 < s.Length && (s[i + 1] == 'x' || s[i + 1] == 'X'))
        {
            var end = i + 2;
            while (end < s.Length && char.IsAsciiHexDigit(s[end]))
            {
                end++;
            }

            if (end == i + 2)
            {
                throw new CelSyntaxException(start, $"token recognition error at: '{s[start..end]}'");
            }

            var digits = s[(i + 2)..end];
            if (end < s.Length && (s[end] == 'u' || s[end] == 'U'))
            {
                if (!ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var u))
                {
                    throw new CelSyntaxException(start, $"invalid uint literal");
                }

                tokens.Add(new CelToken(CelTokenKind.Uint, s[start..(end + 1)], start, u));
                return end + 1;
            }

            if (!ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) || h > long.MaxValue)
            {
                throw new CelSyntaxException(start, $"invalid int literal");
            }

            tokens.Add(new CelToken(CelTokenKind.Int, s[start..end], start, (long)h));
            return end;
        }

        var p = i;
        while (p < s.Length && char.IsAsciiDigit(s[p]))
        {
            p++;
        }

        var isDouble = false;
        if (p + 1 < s.Length && s[p] == '.' && char.IsAsciiDigit(s[p + 1]))
        {
            isDouble = true;
            p++;
            while (p < s.Length && char.IsAsciiDigit(s[p]))
            {
                p++;
            }
        }

        if (p < s.Length && (s[p] == 'e' || s[p] == 'E'))
        {
            var q = p + 1;
            if (q < s.Length && (s[q] == '+' || s[q] == '-'))
            {
                q++;
            }

            if (q < s.Length && char.IsAsciiDigit(s[q]))
            {
                isDouble = true;
                p = q;
                while (p < s.Length && char.IsAsciiDigit(s[p]))
                {
                    p++;
                }
            }
        }

        var text = s[start..p];
        if (isDouble)
        {
            tokens.Add(new CelToken(CelTokenKind.Double, text, start, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)));
            return p;
        }

        if (p < s.Length && (s[p] == 'u' || s[p] == 'U'))
        {
            if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u))
            {
                throw new CelSyntaxException(start, "invalid uint literal");
            }

            tokens.Add(new CelToken(CelTokenKind.Uint, s[start..(p + 1)], start, u));
            return p + 1;
        }

        // The magnitude 2^63 is only valid as the operand of a unary minus; the parser folds it.
        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v > (ulong)long.MaxValue + 1)
        {
            throw new CelSyntaxException(start, "invalid int literal");
        }

        tokens.Add(new CelToken(CelTokenKind.Int, text, start, v));
        return p;
    }

    private static int ReadQuoted(string s, int quoteStart, bool raw, bool bytes, int tokenStart, List<CelToken> tokens)
    {
        var q = s[quoteStart];
        var triple = quoteStart + 2 < s.Length && s[quoteStart + 1] == q && s[quoteStart + 2] == q;
        var delimiter = triple ? new string(q, 3) : q.ToString();
        var i = quoteStart + delimiter.Length;
        var buffer = new List<byte>();
        var text = new StringBuilder();
        while (true)
        {
            if (i >= s.Length || (!triple && (s[i] == '\n' || s[i] == '\r')))
            {
                throw new CelSyntaxException(tokenStart, $"token recognition error at: '{s[tokenStart..Math.Min(i, s.Length)]}'");
            }

            if (string.CompareOrdinal(s, i, delimiter, 0, delimiter.Length) == 0)
            {
                i += delimiter.Length;
                break;
            }

            if (s[i] == '\\' && !raw)
            {
                i = ReadEscape(s, i, bytes, buffer, text, tokenStart);
                continue;
            }

            if (s[i] == '\\' && raw && i + 1 < s.Length && s[i + 1] == q)
            {
                // A raw string still cannot end at an escaped quote; both characters are kept.
                Append(buffer, text, bytes, "\\" + q);
                i += 2;
                continue;
            }

            var len = char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
            Append(buffer, text, bytes, s.Substring(i, len));
            i += len;
        }

        var source = s[tokenStart..i];
        if (bytes)
        {
            tokens.Add(new CelToken(CelTokenKind.Bytes, source, tokenStart, new CelBytes([.. buffer])));
        }
        else
        {
            tokens.Add(new CelToken(CelTokenKind.String, source, tokenStart, text.ToString()));
        }

        return i;
    }

    private static void Append(List<byte> buffer, StringBuilder text, bool bytes, string chunk)
    {
        if (bytes)
        {
            buffer.AddRange(Encoding.UTF8.GetBytes(chunk));
        }
        else
        {
            text.Append(chunk);
        }
    }

    private static int ReadEscape(string s, int i, bool bytes, List<byte> buffer, StringBuilder text, int tokenStart)
    {
        if (i + 1 >= s.Length)
        {
            throw new CelSyntaxException(tokenStart, $"token recognition error at: '{s[tokenStart..]}'");
        }

        var c = s[i + 1];
        string? simple = c switch
        {
            'a' => "\a",
            'b' => "\b",
            'f' => "\f",
            'n' => "\n",
            'r' => "\r",
            't' => "\t",
            'v' => "\v",
            '\\' => "\\",
            '\'' => "'",
            '"' => "\"",
            '`' => "`",
            '?' => "?",
            _ => null,
        };
        if (simple is not null)
        {
            Append(buffer, text, bytes, simple);
            return i + 2;
        }

        int digits;
        int radix;
        switch (c)
        {
            case 'x' or 'X':
                digits = 2;
                radix = 16;
                i += 2;
                break;
            case 'u':
                digits = 4;
                radix = 16;
                i += 2;
                break;
            case 'U':
                digits = 8;
                radix = 16;
                i += 2;
                break;
            case >= '0' and <= '3':
                digits = 3;
                radix = 8;
                i += 1;
                break;
            default:
                throw new CelSyntaxException(i, $"token recognition error at: '\\{c}'");
        }

        if (i + digits > s.Length)
        {
            throw new CelSyntaxException(tokenStart, "invalid escape sequence");
        }

        var code = 0L;
        for (var k = 0; k < digits; k++)
        {
            var d = radix == 16 ? (char.IsAsciiHexDigit(s[i + k]) ? Convert.ToInt32(s[i + k].ToString(), 16) : -1) : (s[i + k] is >= '0' and <= '7' ? s[i + k] - '0' : -1);
            if (d < 0)
            {
                throw new CelSyntaxException(tokenStart, "invalid escape sequence");
            }

            code = (code * radix) + d;
        }

        var isByteEscape = radix == 8 || c is 'x' or 'X';
        if (bytes && isByteEscape)
        {
            buffer.Add((byte)code);
        }
        else
        {
            if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            {
                throw new CelSyntaxException(tokenStart, "invalid unicode code point");
            }

            Append(buffer, text, bytes, char.ConvertFromUtf32((int)code));
        }

        return i + digits;
    }
}
