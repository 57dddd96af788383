using static KubeSharp.ApiServer.Tests.Cel.CelTestSupport;

namespace KubeSharp.ApiServer.Tests.Cel;

public sealed class CelFunctionTests
{
    [Theory]
    [InlineData("'hello'.contains('ell')", true)]
    [InlineData("'hello'.startsWith('he')", true)]
    [InlineData("'hello'.endsWith('lo')", true)]
    [InlineData("'hello'.endsWith('he')", false)]
    [InlineData("'abc123'.matches('[0-9]+')", true)]
    [InlineData("'abc'.matches('^[0-9]+$')", false)]
    [InlineData("matches('abc', 'b')", true)]
    [InlineData("'registry.example.com/app'.matches('^registry\\\\.example\\\\.com/')", true)]
    [InlineData("'a\\n'.matches('a$')", false)]
    [InlineData("'a\\nb'.matches('(?m)a$')", true)]
    [InlineData("'abc'.matches('(?P<mid>b)')", true)]
    [InlineData("'a$'.matches('[$]')", true)]
    public void String_predicates(string expression, bool expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("'Hello World'.lowerAscii()", "hello world")]
    [InlineData("'Hello World'.upperAscii()", "HELLO WORLD")]
    [InlineData("'  pad \\t'.trim()", "pad")]
    [InlineData("'a,b,c'.split(',').join('-')", "a-b-c")]
    [InlineData("['a', 'b'].join()", "ab")]
    [InlineData("'a,b,c'.split(',', 2)[1]", "b,c")]
    [InlineData("'aaa'.replace('a', 'b')", "bbb")]
    [InlineData("'aaa'.replace('a', 'b', 2)", "bba")]
    [InlineData("'hello'.substring(1)", "ello")]
    [InlineData("'hello'.substring(1, 3)", "el")]
    [InlineData("'héllo'.charAt(1)", "é")]
    [InlineData("'abc'.charAt(3)", "")]
    [InlineData("'abc'.reverse()", "cba")]
    [InlineData("'%s has %d items, %.2f%%'.format(['cart', 3, 12.345])", "cart has 3 items, 12.35%")]
    [InlineData("'%x'.format([255])", "ff")]
    [InlineData("'abc123def'.find('[0-9]+')", "123")]
    public void String_extensions(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("'hello'.indexOf('l')", 2L)]
    [InlineData("'hello'.indexOf('l', 3)", 3L)]
    [InlineData("'hello'.indexOf('z')", -1L)]
    [InlineData("'hello'.lastIndexOf('l')", 3L)]
    [InlineData("'hello'.lastIndexOf('l', 2)", 2L)]
    [InlineData("'héllo'.indexOf('l')", 2L)]
    public void String_index_functions_count_code_points(string expression, long expected) =>
        Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("'abc'.substring(2, 1)")]
    [InlineData("'abc'.substring(4)")]
    [InlineData("'abc'.charAt(-1)")]
    [InlineData("'abc'.indexOf('a', 9)")]
    [InlineData("'a'.matches('(')")]
    [InlineData("[1, 'a'].join()")]
    public void String_function_misuse_is_an_error(string expression) =>
        Assert.Throws<KubeSharp.ApiServer.Cel.CelEvaluationException>(() => Eval(expression));

    [Fact]
    public void Split_handles_limits_and_empty_separators()
    {
        Assert.Equal(new List<object?>(), Eval("'a,b'.split(',', 0)"));
        Assert.Equal(new List<object?> { "a", "b", "c" }, Eval("'abc'.split('')"));
        Assert.Equal(new List<object?> { "a", "", "b" }, Eval("'a,,b'.split(',')"));
    }

    [Theory]
    [InlineData("[1, 2, 3].isSorted()", true)]
    [InlineData("[3, 1].isSorted()", false)]
    [InlineData("['a', 'b'].isSorted()", true)]
    [InlineData("[].isSorted()", true)]
    public void List_is_sorted(string expression, bool expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void List_extensions()
    {
        Assert.Equal(6L, Eval("[1, 2, 3].sum()"));
        Assert.Equal(1.5, Eval("[1.0, 0.5].sum()"));
        Assert.Equal(0L, Eval("[].sum()"));
        Assert.Equal(1L, Eval("[3, 1, 2].min()"));
        Assert.Equal(3L, Eval("[3, 1, 2].max()"));
        Assert.Equal("b", Eval("['a', 'b'].max()"));
        Assert.Equal(1L, Eval("[1, 2, 1].indexOf(2)"));
        Assert.Equal(2L, Eval("[1, 2, 1].lastIndexOf(1)"));
        Assert.Equal(-1L, Eval("[1].indexOf(5)"));
        Assert.Equal(new List<object?> { 2L, 3L }, Eval("[1, 2, 3, 4].slice(1, 3)"));
        Assert.Equal(new List<object?> { 1L, 2L, 3L }, Eval("[[1], [2, 3]].flatten()"));
        Assert.Equal(new List<object?> { 1L, 2L }, Eval("[1, 2, 1].distinct()"));
        Assert.Equal(new List<object?> { 1L, 2L, 3L }, Eval("[3, 1, 2].sort()"));
        Assert.Contains("empty list", EvalError("[].min()"));
    }
}
