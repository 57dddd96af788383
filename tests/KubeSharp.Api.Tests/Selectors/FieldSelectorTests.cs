using KubeSharp.Api.Selectors;

namespace KubeSharp.Api.Tests.Selectors;

public sealed class FieldSelectorTests
{
    private static readonly Dictionary<string, string> Pod = new()
    {
        ["metadata.name"] = "web-1",
        ["metadata.namespace"] = "default",
        ["spec.nodeName"] = "node-a",
        ["status.phase"] = "Running",
        ["odd"] = "a,b=c\\d",
    };

    private static string? Field(string name) => Pod.GetValueOrDefault(name);

    [Theory]
    [InlineData("metadata.name=web-1", true)]
    [InlineData("metadata.name==web-1", true)]
    [InlineData("metadata.name!=web-1", false)]
    [InlineData("status.phase!=Succeeded,spec.nodeName=node-a", true)]
    [InlineData("status.phase!=Succeeded,spec.nodeName=node-b", false)]
    [InlineData("spec.nodeName=", false)]
    [InlineData("missing=", true)]
    [InlineData("missing!=", false)]
    [InlineData(@"odd=a\,b\=c\\d", true)]
    [InlineData("", true)]
    [InlineData(",,", true)]
    public void Selectors_match_field_values(string text, bool matches)
    {
        Assert.Equal(matches, FieldSelector.Parse(text).Matches(Field));
    }

    [Fact]
    public void Requirements_are_sorted_and_print_escaped()
    {
        var selector = FieldSelector.Parse(@"spec.nodeName=n1,odd=a\,b,metadata.name==x");

        Assert.Equal(["metadata.name", "odd", "spec.nodeName"], selector.Requirements.Select(r => r.Field));
        Assert.Equal("a,b", selector.Requirements[1].Value);
        Assert.Equal(@"metadata.name=x,odd=a\,b,spec.nodeName=n1", selector.ToString());
        Assert.Equal("x", selector.RequiresExactMatch("metadata.name"));
        Assert.Null(selector.RequiresExactMatch("status.phase"));
    }

    [Theory]
    [InlineData("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'")]
    [InlineData("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'")]
    [InlineData(@"a=b\x", @"invalid field selector: invalid escape sequence: \x")]
    [InlineData(@"a=b\", @"invalid field selector: invalid escape sequence: \")]
    [InlineData("a=b=c", "invalid field selector: unescaped character in value: 61")]
    public void Malformed_selectors_use_kubernetes_messages(string text, string message)
    {
        var e = Assert.Throws<SelectorException>(() => FieldSelector.Parse(text));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void The_first_operator_position_splits_a_term()
    {
        var requirement = Assert.Single(FieldSelector.Parse("a!=b").Requirements);
        Assert.Equal(new FieldRequirement("a", false, "b"), requirement);
        Assert.Equal(new FieldRequirement("a", true, "!b"), Assert.Single(FieldSelector.Parse(@"a=!b").Requirements));
    }

    [Fact]
    public void Escaping_round_trips()
    {
        const string raw = @"x\,y=z\\";
        Assert.Equal(raw, FieldSelector.UnescapeValue(FieldSelector.EscapeValue(raw)));
    }
}
