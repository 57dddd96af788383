using KubeSharp.ApiServer.Cel;
using static KubeSharp.ApiServer.Tests.Cel.CelTestSupport;

namespace KubeSharp.ApiServer.Tests.Cel;

public sealed class CelParserTests
{
    [Theory]
    [InlineData("1 + 2 * 3", 7L)]
    [InlineData("(1 + 2) * 3", 9L)]
    [InlineData("10 - 4 - 3", 3L)]
    [InlineData("100 / 10 / 5", 2L)]
    [InlineData("7 % 4 * 2", 6L)]
    [InlineData("-2 * 3", -6L)]
    [InlineData("- -3", 3L)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("0x1F", 31L)]
    [InlineData("true ? 1 : 2", 1L)]
    [InlineData("false ? 1 : true ? 2 : 3", 2L)]
    public void Arithmetic_follows_cel_precedence_and_associativity(string expression, long expected) =>
        Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("true || false && false", true)]
    [InlineData("!true || true", true)]
    [InlineData("!!true", true)]
    [InlineData("1 + 1 == 2 && 3 < 4", true)]
    [InlineData("1 < 2 == true", true)]
    [InlineData("2 in [1, 2] && !(3 in [1, 2])", true)]
    [InlineData("1 == 1 ? false : true", false)]
    [InlineData("true ? false : true || true", false)]
    public void Logical_and_relational_operators_bind_as_in_cel(string expression, bool expected) =>
        Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("42u", 42UL)]
    [InlineData("0xFFu", 255UL)]
    public void Unsigned_literals_have_the_u_suffix(string expression, ulong expected) =>
        Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData(".5", 0.5)]
    [InlineData("-2.5e-1", -0.25)]
    public void Double_literals_parse(string expression, double expected) =>
        Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("'abc'", "abc")]
    [InlineData("\"abc\"", "abc")]
    [InlineData(@"'a\nb'", "a\nb")]
    [InlineData(@"'\x41\u00e9\101'", "Aé" + "A")]
    [InlineData(@"'it\'s'", "it's")]
    [InlineData(@"r'a\nb'", @"a\nb")]
    [InlineData(@"R""\d+""", @"\d+")]
    [InlineData("'''multi\nline'''", "multi\nline")]
    [InlineData("\"\"\"say \"hi\" \"\"\"", "say \"hi\" ")]
    [InlineData(@"'\U0001F600'", "\U0001F600")]
    public void String_literals_support_escapes_raw_and_triple_quotes(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Bytes_literals_are_bytes()
    {
        var value = Assert.IsType<CelBytes>(Eval(@"b'a\xff'"));
        Assert.Equal(new byte[] { 0x61, 0xff }, value.Value);
        Assert.Equal(3L, Eval("size(b'abc')"));
    }

    [Fact]
    public void Null_bool_list_and_map_literals_parse()
    {
        Assert.Null(Eval("null"));
        Assert.Equal(true, Eval("true"));
        Assert.Equal(3L, Eval("[1, 2, 3,].size()"));
        Assert.Equal("b", Eval("{'a': 1, 'k': 'b',}['k']"));
        Assert.Equal(0L, Eval("{}.size()"));
    }

    [Fact]
    public void Comments_are_ignored() => Assert.Equal(3L, Eval("1 + // one\n 2"));

    [Fact]
    public void An_unclosed_list_is_a_syntax_error_in_cel_go_format()
    {
        var message = CompileError("object.x in [1, 2");
        Assert.StartsWith("ERROR: <input>:1:18: Syntax error: mismatched input '<EOF>' expecting", message);
        Assert.Contains("\n | object.x in [1, 2\n | .................^", message);
    }

    [Fact]
    public void An_unclosed_call_is_a_syntax_error() =>
        Assert.StartsWith("ERROR: <input>:1:8: Syntax error: mismatched input '<EOF>'", CompileError("[].foo("));

    [Theory]
    [InlineData("1 +")]
    [InlineData("a b")]
    [InlineData("'unterminated")]
    [InlineData("1 # 2")]
    [InlineData("x.")]
    [InlineData("(1")]
    [InlineData("{1: 2")]
    [InlineData("if")]
    [InlineData("9223372036854775808")]
    [InlineData("")]
    public void Malformed_expressions_are_syntax_errors(string expression) =>
        Assert.Matches(@"^ERROR: <input>:\d+:\d+: Syntax error: ", CompileError(expression));

    [Fact]
    public void Error_positions_count_lines_and_columns_from_one() =>
        Assert.StartsWith("ERROR: <input>:2:3: Syntax error:", CompileError("1 +\n  )"));

    [Fact]
    public void Undeclared_variables_are_reported_with_their_position()
    {
        var message = CompileError("undefined_var == 1");
        Assert.Equal("ERROR: <input>:1:1: undeclared reference to 'undefined_var' (in container '')\n | undefined_var == 1\n | ^", message);
    }

    [Fact]
    public void Unknown_functions_are_undeclared_references()
    {
        Assert.Contains("undeclared reference to 'foo' (in container '')", CompileError("foo(1)"));
        Assert.Contains("undeclared reference to 'bogus' (in container '')", CompileError("'a'.bogus()"));
    }

    [Fact]
    public void Every_issue_is_reported()
    {
        var message = CompileError("a + b");
        Assert.Contains("ERROR: <input>:1:1: undeclared reference to 'a'", message);
        Assert.Contains("ERROR: <input>:1:5: undeclared reference to 'b'", message);
    }

    [Fact]
    public void Comprehension_variables_are_in_scope_only_inside_the_macro()
    {
        Assert.Equal(true, Eval("[1, 2].all(x, x > 0)"));
        Assert.Contains("undeclared reference to 'x'", CompileError("[1, 2].all(x, x > 0) && x > 0"));
    }

    [Fact]
    public void Has_requires_a_field_selection() =>
        Assert.StartsWith("ERROR: <input>:1:5: invalid argument to has() macro", CompileError("has(object)"));

    [Fact]
    public void Very_long_operator_chains_are_rejected_before_evaluation()
    {
        Assert.Equal(101L, Eval("1" + string.Concat(Enumerable.Repeat(" + 1", 100))));
        Assert.Contains("recursion limit", CompileError("1" + string.Concat(Enumerable.Repeat(" + 1", 100_000))));
        Assert.Contains("recursion limit", CompileError("self" + string.Concat(Enumerable.Repeat(".a", 100_000))));
    }

    [Fact]
    public void Macro_variables_must_be_simple_names() =>
        Assert.Contains("argument must be a simple name", CompileError("[1].all(1, true)"));

    [Fact]
    public void Only_declared_variables_compile()
    {
        Assert.Throws<CelCompileException>(() => CelEnvironment.Compile("params.x", CelEnvironment.WebhookMatchConditionVariables));
        CelEnvironment.Compile("request.name == 'x'", CelEnvironment.WebhookMatchConditionVariables);
        CelEnvironment.Compile("self.a == oldSelf.a", CelEnvironment.CustomResourceRuleVariables);
    }

    [Fact]
    public void Deep_nesting_is_a_syntax_error_not_a_crash() =>
        Assert.Contains("Syntax error", CompileError(new string('(', 1000) + "1" + new string(')', 1000)));
}
