using KubeSharp.Api.Selectors;
using Selector = KubeSharp.Api.Selectors.LabelQuery;
using MetaLabelSelector = KubeSharp.Api.LabelSelector;

namespace KubeSharp.Api.Tests.Selectors;

public sealed class LabelQueryTests
{
    private static Dictionary<string, string> Labels(params string[] pairs) =>
        pairs.Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

    [Theory]
    [InlineData("app=web", "app=web")]
    [InlineData("app==web", "app==web")]
    [InlineData("app!=web", "app!=web")]
    [InlineData(" tier in (b, a ,a) , app ", "app,tier in (a,b)")]
    [InlineData("tier notin (x)", "tier notin (x)")]
    [InlineData("!canary,app=web", "app=web,!canary")]
    [InlineData("z=1,a=2,m", "a=2,m,z=1")]
    [InlineData("app=", "app=")]
    [InlineData("x in (in,notin)", "x in (in,notin)")]
    [InlineData("x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()")]
    [InlineData("example.com/role=db", "example.com/role=db")]
    [InlineData("n>5,m<10", "m<10,n>5")]
    [InlineData("", "")]
    public void Parsed_selectors_print_in_canonical_form(string text, string canonical)
    {
        Assert.Equal(canonical, Selector.Parse(text).ToString());
    }

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app=db", false)]
    [InlineData("app!=db", true)]
    [InlineData("missing!=x", true)]
    [InlineData("app in (db,web)", true)]
    [InlineData("app notin (db,web)", false)]
    [InlineData("missing notin (a)", true)]
    [InlineData("missing in (a)", false)]
    [InlineData("tier", true)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("!tier", false)]
    [InlineData("app=web,tier=front", true)]
    [InlineData("app=web,tier=back", false)]
    [InlineData("n>5", true)]
    [InlineData("n<5", false)]
    [InlineData("app>1", false)]
    [InlineData("empty=", true)]
    [InlineData("", true)]
    public void Selectors_match_labels(string text, bool matches)
    {
        var labels = Labels("app=web", "tier=front", "n=7", "empty=");

        Assert.Equal(matches, Selector.Parse(text).Matches(labels));
    }

    [Fact]
    public void Objects_without_labels_match_only_negative_requirements()
    {
        Assert.True(Selector.Parse("a!=b,c notin (d),!e").Matches(null));
        Assert.False(Selector.Parse("a").Matches(null));
        Assert.True(Selector.Everything.Matches(null));
    }

    [Theory]
    [InlineData("app=web=x", "found '=', expected: ',' or 'end of string'")]
    [InlineData("app in web", "unable to parse requirement: found 'web' expected: '('")]
    [InlineData("app in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'")]
    [InlineData("app in (a", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("app,", "found '', expected: identifier after ','")]
    [InlineData(",app", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("app ~ web", "unable to parse requirement: found '~', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("app web", "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [InlineData("!", "unable to parse requirement: found '', expected: identifier")]
    [InlineData("app (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a>b", "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer")]
    public void Syntax_errors_use_kubernetes_messages(string text, string message)
    {
        var e = Assert.Throws<SelectorException>(() => Selector.Parse(text));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Invalid_keys_and_values_are_reported_like_kubernetes()
    {
        var key = Assert.Throws<SelectorException>(() => Selector.Parse("a@b=c"));
        Assert.Equal(
            "unable to parse requirement: <nil>: Invalid value: \"a@b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            key.Message);
        var value = Assert.Throws<SelectorException>(() => Selector.Parse("app=-bad"));
        Assert.StartsWith("unable to parse requirement: values[0][app]: Invalid value: \"-bad\": a valid label must be an empty string", value.Message, StringComparison.Ordinal);
        var prefix = Assert.Throws<SelectorException>(() => Selector.Parse("Example.com/x"));
        Assert.Contains("prefix part a lowercase RFC 1123 subdomain", prefix.Message, StringComparison.Ordinal);
        Assert.Throws<SelectorException>(() => Selector.Parse(new string('a', 64)));
        Assert.Throws<SelectorException>(() => Selector.Parse("a/b/c"));
        Assert.Throws<SelectorException>(() => Selector.Parse("app=" + new string('v', 64)));
    }

    [Fact]
    public void Try_parse_reports_the_error_instead_of_throwing()
    {
        Assert.False(Selector.TryParse("a in", out _, out var error));
        Assert.NotNull(error);
        Assert.True(Selector.TryParse("a in (b)", out var selector, out _));
        Assert.Equal("a in (b)", selector.ToString());
    }

    [Fact]
    public void Label_selector_objects_convert_with_match_labels_as_equality()
    {
        var selector = Selector.FromObject(new MetaLabelSelector
        {
            MatchLabels = new() { ["tier"] = "front", ["app"] = "web" },
            MatchExpressions =
            [
                new LabelSelectorRequirement { Key = "env", Operator = "In", Values = ["prod", "dev"] },
                new LabelSelectorRequirement { Key = "canary", Operator = "DoesNotExist" },
            ],
        });

        Assert.Equal("app=web,!canary,env in (dev,prod),tier=front", selector.ToString());
        Assert.True(selector.Matches(Labels("app=web", "tier=front", "env=dev")));
        Assert.False(selector.Matches(Labels("app=web", "tier=front", "env=dev", "canary=1")));
    }

    [Fact]
    public void Null_selector_object_matches_nothing_and_empty_matches_everything()
    {
        Assert.False(Selector.FromObject(null).Matches(Labels("a=b")));
        Assert.True(Selector.FromObject(new MetaLabelSelector()).Matches(Labels("a=b")));
        Assert.True(Selector.FromObject(new MetaLabelSelector { MatchLabels = [] }).IsEverything);
    }

    [Fact]
    public void Selector_objects_with_bad_operators_or_values_are_rejected()
    {
        var op = Assert.Throws<SelectorException>(() => Selector.FromObject(new MetaLabelSelector
        {
            MatchExpressions = [new LabelSelectorRequirement { Key = "a", Operator = "in", Values = ["x"] }],
        }));
        Assert.Equal("\"in\" is not a valid label selector operator", op.Message);
        var empty = Assert.Throws<SelectorException>(() => Selector.FromObject(new MetaLabelSelector
        {
            MatchExpressions = [new LabelSelectorRequirement { Key = "a", Operator = "In", Values = [] }],
        }));
        Assert.Equal("values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty", empty.Message);
    }

    [Fact]
    public void Validation_of_selector_objects_names_the_field_paths()
    {
        var errors = Selector.Validate(
            new MetaLabelSelector
            {
                MatchLabels = new() { ["ok"] = "bad value" },
                MatchExpressions =
                [
                    new LabelSelectorRequirement { Key = "a", Operator = "In" },
                    new LabelSelectorRequirement { Key = "b", Operator = "Exists", Values = ["x"] },
                    new LabelSelectorRequirement { Key = "c", Operator = "Gt", Values = ["1"] },
                ],
            },
            "spec.selector");

        Assert.Equal(4, errors.Count);
        Assert.Equal("spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'", errors[0]);
        Assert.Equal("spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", errors[1]);
        Assert.StartsWith("spec.selector.matchExpressions[2].operator: Invalid value: \"Gt\"", errors[2], StringComparison.Ordinal);
        Assert.StartsWith("spec.selector.matchLabels: Invalid value: \"bad value\"", errors[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Random_text_parses_or_throws_the_selector_exception()
    {
        var random = new Random(5);
        const string alphabet = "ab=!(),<> in notin\t/.-_9";
        for (var i = 0; i < 5000; i++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = alphabet[random.Next(alphabet.Length)];
            }

            try
            {
                var selector = Selector.Parse(new string(chars));
                Assert.Equal(selector.ToString(), Selector.Parse(selector.ToString()).ToString());
            }
            catch (SelectorException)
            {
            }
        }
    }
}
