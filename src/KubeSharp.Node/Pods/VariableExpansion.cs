using System.Text;

namespace KubeSharp.Node.Pods;

/// <summary>
/// Kubernetes' $(VAR) references in command, args and env values: $(NAME) becomes the variable's value
/// when it is defined and stays as written otherwise; $$ escapes a dollar ($$(NAME) yields the literal $(NAME)).
/// </summary>
internal static class VariableExpansion
{
    public static string Expand(string input, Func<string, string?> lookup)
    {
        if (!input.Contains('$', StringComparison.Ordinal))
        {
            return input;
        }

        var output = new StringBuilder(input.Length);
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (c != '$' || i + 1 >= input.Length)
            {
                output.Append(c);
                continue;
            }

            var next = input[i + 1];
            if (next == '$')
            {
                output.Append('$');
                i++;
            }
            else if (next == '(')
            {
                var close = input.IndexOf(')', i + 2);
                if (close < 0)
                {
                    // An unterminated reference is kept literally.
                    output.Append(input, i, input.Length - i);
                    break;
                }

                var name = input[(i + 2)..close];
                output.Append(name.Length > 0 && lookup(name) is { } value ? value : input[i..(close + 1)]);
                i = close;
            }
            else
            {
                output.Append(c);
            }
        }

        return output.ToString();
    }
}
