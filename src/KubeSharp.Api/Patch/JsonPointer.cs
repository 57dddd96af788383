using System.Text;

namespace KubeSharp.Api.Patch;

/// <summary>A parsed JSON Pointer (RFC 6901): "" is the whole document, "/a/b" has tokens a and b.</summary>
public sealed class JsonPointer : IEquatable<JsonPointer>
{
    private readonly string _text;

    private JsonPointer(string text, IReadOnlyList<string> tokens)
    {
        _text = text;
        Tokens = tokens;
    }

    /// <summary>Unescaped reference tokens (~1 is "/", ~0 is "~").</summary>
    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    /// <summary>The last token; only valid when not <see cref="IsRoot"/>.</summary>
    public string Last => Tokens[^1];

    /// <exception cref="PatchException">422 when the text is not a JSON Pointer.</exception>
    public static JsonPointer Parse(string text)
    {
        if (text.Length == 0)
        {
            return new JsonPointer(text, []);
        }

        if (text[0] != '/')
        {
            throw PatchException.DoesNotApply($"invalid JSON pointer \"{text}\": must be empty or start with '/'");
        }

        var tokens = new List<string>();
        foreach (var raw in text[1..].Split('/'))
        {
            tokens.Add(Unescape(raw, text));
        }

        return new JsonPointer(text, tokens);
    }

    /// <summary>Builds the pointer text for unescaped tokens.</summary>
    public static string Format(IEnumerable<string> tokens)
    {
        var builder = new StringBuilder();
        foreach (var token in tokens)
        {
            builder.Append('/').Append(token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return builder.ToString();
    }

    /// <summary>True when <paramref name="other"/> lies strictly inside the location this pointer names.</summary>
    public bool IsProperPrefixOf(JsonPointer other)
    {
        if (other.Tokens.Count <= Tokens.Count)
        {
            return false;
        }

        for (var i = 0; i < Tokens.Count; i++)
        {
            if (Tokens[i] != other.Tokens[i])
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(JsonPointer? other) => other is not null && Tokens.SequenceEqual(other.Tokens);

    public override bool Equals(object? obj) => Equals(obj as JsonPointer);

    public override int GetHashCode() => Format(Tokens).GetHashCode(StringComparison.Ordinal);

    public override string ToString() => _text;

    private static string Unescape(string raw, string text)
    {
        if (!raw.Contains('~', StringComparison.Ordinal))
        {
            return raw;
        }

        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '~')
            {
                builder.Append(raw[i]);
                continue;
            }

            var next = i + 1 < raw.Length ? raw[i + 1] : '\0';
            builder.Append(next switch
            {
                '0' => '~',
                '1' => '/',
                _ => throw PatchException.DoesNotApply($"invalid JSON pointer \"{text}\": '~' must be followed by '0' or '1'"),
            });
            i++;
        }

        return builder.ToString();
    }
}
