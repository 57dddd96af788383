using KubeSharp.ApiServer.Http;

namespace KubeSharp.ApiServer.Tests.Http;

public sealed class WarningHeaderTests
{
    [Fact]
    public void Quotes_in_a_warning_are_backslash_escaped_as_client_go_unescapes_them()
    {
        Assert.Equal("299 - \"unknown field \\\"spec.foo\\\"\"", ResponseWriter.WarningHeaderValue("unknown field \"spec.foo\""));
    }

    [Fact]
    public void Control_and_non_ascii_characters_never_reach_the_header()
    {
        Assert.Equal("299 - \"a?b?c \\\\ d\"", ResponseWriter.WarningHeaderValue("a\nb\u00e9c \\ d"));
    }
}
