using System.Text.Json.Nodes;
using KubeSharp.Api;
using KubeSharp.ApiServer.Cel;
using static KubeSharp.ApiServer.Tests.Cel.CelTestSupport;

namespace KubeSharp.ApiServer.Tests.Cel;

public sealed class CelEvaluationTests
{
    [Theory]
    [InlineData("9223372036854775807 + 1")]
    [InlineData("-9223372036854775808 - 1")]
    [InlineData("9223372036854775807 * 2")]
    [InlineData("-(-9223372036854775808)")]
    [InlineData("-9223372036854775808 / -1")]
    public void Int_arithmetic_overflow_is_an_error(string expression) =>
        Assert.Equal("integer overflow", EvalError(expression));

    [Fact]
    public void Uint_underflow_is_an_error() => Assert.Equal("unsigned integer overflow", EvalError("1u - 2u"));

    [Fact]
    public void Division_and_modulus_by_zero_are_errors()
    {
        Assert.Equal("division by zero", EvalError("1 / 0"));
        Assert.Equal("modulus by zero", EvalError("1 % 0"));
        Assert.Equal(double.PositiveInfinity, Eval("1.0 / 0.0"));
    }

    [Fact]
    public void Integer_division_truncates_toward_zero()
    {
        Assert.Equal(-2L, Eval("-7 / 3"));
        Assert.Equal(-1L, Eval("-7 % 3"));
    }

    [Theory]
    [InlineData("1 + 1.0")]
    [InlineData("1 + 1u")]
    [InlineData("'a' + 1")]
    [InlineData("[1] + 1")]
    public void Mixed_type_arithmetic_has_no_overload(string expression) =>
        Assert.StartsWith("no such overload", EvalError(expression));

    [Theory]
    [InlineData("1 == 1.0", true)]
    [InlineData("1 == 1u", true)]
    [InlineData("1 < 1.5", true)]
    [InlineData("2u > 1", true)]
    [InlineData("-1 < 0u", true)]
    [InlineData("1 != 'a'", true)]
    [InlineData("null == null", true)]
    [InlineData("'a' == null", false)]
    [InlineData("[1, 2] == [1, 2]", true)]
    [InlineData("[1, 2] == [2, 1]", false)]
    [InlineData("{'a': 1} == {'a': 1.0}", true)]
    [InlineData("'abc' < 'abd'", true)]
    [InlineData("b'a' < b'b'", true)]
    [InlineData("false < true", true)]
    [InlineData("double('NaN') == double('NaN')", false)]
    [InlineData("double('NaN') < 1.0", false)]
    public void Equality_and_ordering_follow_cel(string expression, bool expected) =>
        Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Ordering_unlike_types_has_no_overload() => Assert.StartsWith("no such overload", EvalError("'a' < 1"));

    [Fact]
    public void Concatenation_joins_strings_bytes_and_lists()
    {
        Assert.Equal("ab", Eval("'a' + 'b'"));
        Assert.Equal(new byte[] { 1, 2 }, Assert.IsType<CelBytes>(Eval(@"b'\x01' + b'\x02'")).Value);
        Assert.Equal(4L, Eval("([1, 2] + [3, 4]).size()"));
        Assert.Equal("x1", Eval("'x' + string(1)"));
    }

    [Fact]
    public void In_tests_list_membership_and_map_keys()
    {
        Assert.Equal(true, Eval("2 in [1, 2, 3]"));
        Assert.Equal(true, Eval("2.0 in [1, 2, 3]"));
        Assert.Equal(false, Eval("'z' in ['a']"));
        Assert.Equal(true, Eval("'a' in {'a': 1}"));
        Assert.Equal(false, Eval("1 in {'a': 1}"));
    }

    [Fact]
    public void Logical_operators_absorb_errors_when_the_other_side_decides()
    {
        Assert.Equal(false, Eval("1 / 0 == 1 && false"));
        Assert.Equal(false, Eval("false && 1 / 0 == 1"));
        Assert.Equal(true, Eval("1 / 0 == 1 || true"));
        Assert.Equal(true, Eval("true || 1 / 0 == 1"));
        Assert.Equal("division by zero", EvalError("1 / 0 == 1 && true"));
        Assert.Equal("division by zero", EvalError("false || 1 / 0 == 1"));
        Assert.StartsWith("no such overload", EvalError("1 && true"));
    }

    [Fact]
    public void The_ternary_evaluates_only_the_chosen_branch()
    {
        Assert.Equal(1L, Eval("true ? 1 : 1 / 0"));
        Assert.StartsWith("no such overload", EvalError("1 ? 2 : 3"));
    }

    [Fact]
    public void Indexing_reads_lists_and_maps_with_errors_when_absent()
    {
        Assert.Equal(20L, Eval("[10, 20][1]"));
        Assert.Equal(20L, Eval("[10, 20][1u]"));
        Assert.Equal("index out of bounds: 2", EvalError("[10, 20][2]"));
        Assert.Equal("no such key: b", EvalError("{'a': 1}['b']"));
        Assert.Equal(1L, Eval("{1: 1}[1.0]"));
    }

    [Fact]
    public void Map_literals_reject_repeated_keys() => Assert.Contains("repeated key", EvalError("{'a': 1, 'a': 2}"));

    [Theory]
    [InlineData("int('42')", 42L)]
    [InlineData("int(3.9)", 3L)]
    [InlineData("int(-3.9)", -3L)]
    [InlineData("int(5u)", 5L)]
    [InlineData("int(timestamp('1970-01-01T00:01:00Z'))", 60L)]
    public void Int_conversions(string expression, long expected) => Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("int('x')")]
    [InlineData("int(1e19)")]
    [InlineData("uint(-1)")]
    [InlineData("int(18446744073709551615u)")]
    [InlineData("bool('maybe')")]
    [InlineData("double('abc')")]
    public void Invalid_conversions_are_errors(string expression) => Assert.Throws<CelEvaluationException>(() => Eval(expression));

    [Theory]
    [InlineData("string(1)", "1")]
    [InlineData("string(-5)", "-5")]
    [InlineData("string(7u)", "7")]
    [InlineData("string(1.5)", "1.5")]
    [InlineData("string(100.0)", "100")]
    [InlineData("string(1e21)", "1e+21")]
    [InlineData("string(1e6)", "1e+06")]
    [InlineData("string(123456.0)", "123456")]
    [InlineData("string(0.00001)", "1e-05")]
    [InlineData("string(true)", "true")]
    [InlineData("string(b'hi')", "hi")]
    [InlineData("string('s')", "s")]
    [InlineData("string(duration('1m30s'))", "90s")]
    [InlineData("string(duration('1.5s'))", "1.5s")]
    [InlineData("string(timestamp('2024-02-03T04:05:06Z'))", "2024-02-03T04:05:06Z")]
    [InlineData("string(timestamp('2024-02-03T04:05:06.25+01:00'))", "2024-02-03T03:05:06.25Z")]
    public void String_conversions(string expression, string expected) => Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Other_conversions()
    {
        Assert.Equal(2.0, Eval("double(2)"));
        Assert.Equal(2.5, Eval("double('2.5')"));
        Assert.Equal(3UL, Eval("uint(3)"));
        Assert.Equal(true, Eval("bool('true')"));
        Assert.Equal(false, Eval("bool('0')"));
        Assert.Equal(new byte[] { 0x68, 0x69 }, Assert.IsType<CelBytes>(Eval("bytes('hi')")).Value);
        Assert.Equal(1L, Eval("dyn(1)"));
    }

    [Theory]
    [InlineData("type(1) == int")]
    [InlineData("type(1u) == uint")]
    [InlineData("type(1.0) == double")]
    [InlineData("type('') == string")]
    [InlineData("type(b'') == bytes")]
    [InlineData("type(true) == bool")]
    [InlineData("type(null) == null_type")]
    [InlineData("type([]) == list")]
    [InlineData("type({}) == map")]
    [InlineData("type(int) == type")]
    [InlineData("type(1) != string")]
    public void Type_returns_comparable_type_values(string expression) => Assert.Equal(true, Eval(expression));

    [Theory]
    [InlineData("size('héllo')", 5L)]
    [InlineData("'héllo'.size()", 5L)]
    [InlineData("size([1, 2])", 2L)]
    [InlineData("{'a': 1}.size()", 1L)]
    [InlineData("size(b'ab')", 2L)]
    public void Size_counts_code_points_elements_and_entries(string expression, long expected) =>
        Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Has_tests_field_presence_without_failing()
    {
        const string json = """{"metadata":{"name":"a","labels":{"env":"prod"}}}""";
        Assert.Equal(true, Eval("has(object.metadata.labels)", "object", json));
        Assert.Equal(false, Eval("has(object.metadata.annotations)", "object", json));
        Assert.Equal(true, Eval("has(object.metadata.labels.env)", "object", json));
        Assert.Equal("no such key: spec", Assert.Throws<CelEvaluationException>(() => Eval("has(object.spec.x)", "object", json)).Message);
    }

    [Fact]
    public void Selecting_a_missing_field_is_an_error() =>
        Assert.Equal("no such key: spec", Assert.Throws<CelEvaluationException>(() => Eval("object.spec.replicas", "object", "{}")).Message);

    [Fact]
    public void Macros_iterate_lists()
    {
        Assert.Equal(true, Eval("[1, 2, 3].all(x, x > 0)"));
        Assert.Equal(false, Eval("[1, 2, 3].all(x, x > 1)"));
        Assert.Equal(true, Eval("[1, 2, 3].exists(x, x == 2)"));
        Assert.Equal(false, Eval("[].exists(x, x == 2)"));
        Assert.Equal(true, Eval("[1, 2, 3].exists_one(x, x > 2)"));
        Assert.Equal(false, Eval("[1, 2, 3].exists_one(x, x > 1)"));
        Assert.Equal(new List<object?> { 2L, 4L, 6L }, Eval("[1, 2, 3].map(x, x * 2)"));
        Assert.Equal(new List<object?> { 20L, 30L }, Eval("[1, 2, 3].map(x, x > 1, x * 10)"));
        Assert.Equal(new List<object?> { 1L, 3L }, Eval("[1, 2, 3].filter(x, x % 2 == 1)"));
    }

    [Fact]
    public void Macros_over_maps_iterate_keys()
    {
        Assert.Equal(true, Eval("{'a': 1, 'b': 2}.all(k, k.size() == 1)"));
        Assert.Equal(new List<object?> { "b" }, Eval("{'a': 1, 'b': 2}.filter(k, k == 'b')"));
    }

    [Fact]
    public void All_and_exists_absorb_errors_when_another_element_decides()
    {
        Assert.Equal(false, Eval("[0, 1].all(x, 1 / x > 5)"));
        Assert.Equal(true, Eval("[0, 1].exists(x, 1 / x == 1)"));
        Assert.Equal("division by zero", EvalError("[0, 1].all(x, 1 / x == 1)"));
    }

    [Fact]
    public void Nested_macros_shadow_variables() =>
        Assert.Equal(true, Eval("[[1, 2], [3]].all(x, x.all(x, x > 0))"));

    [Fact]
    public void Cost_limit_stops_runaway_evaluation()
    {
        var program = CelEnvironment.Compile(
            "[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, [1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, [1,2,3,4,5,6,7,8,9,10].all(e, [1,2,3,4,5,6,7,8,9,10].all(f, true))))))",
            []);
        var error = Assert.Throws<CelEvaluationException>(() => program.Evaluate(new Dictionary<string, object?>()));
        Assert.Equal("operation cancelled: actual cost limit exceeded", error.Message);
    }

    [Fact]
    public void Cost_limit_counts_the_size_of_built_strings()
    {
        var activation = new Dictionary<string, object?> { ["self"] = new string('x', 1_000_000) };
        var program = CelEnvironment.Compile("(self + self + self + self).size() > 0", ["self"]);
        Assert.True(program.EvaluateBool(activation, costLimit: 10_000_000));
        Assert.Throws<CelEvaluationException>(() => program.Evaluate(activation, costLimit: 100_000));
    }

    [Fact]
    public void Cost_limit_counts_membership_scans_of_large_lists()
    {
        var list = new JsonArray([.. Enumerable.Range(0, 20_000).Select(i => JsonValue.Create(i))]);
        var program = CelEnvironment.Compile("self.all(x, x in self)", ["self"]);
        var error = Assert.Throws<CelEvaluationException>(() => program.Evaluate(new Dictionary<string, object?> { ["self"] = list }));
        Assert.Equal("operation cancelled: actual cost limit exceeded", error.Message);
    }

    [Theory]
    [InlineData("timestamp('9999-12-31T23:59:59Z') + duration('48h')")]
    [InlineData("duration('9999999999999999999999999h')")]
    [InlineData("quantity('79228162514264337593543950335').add(quantity('79228162514264337593543950335'))")]
    public void Library_overflows_are_evaluation_errors(string expression) =>
        Assert.Throws<CelEvaluationException>(() => Eval(expression));

    [Fact]
    public void Evaluation_reports_missing_bindings() =>
        Assert.Equal("no such attribute(s): object", EvalError("object == null"));

    [Fact]
    public void Clr_values_are_accepted_in_activations()
    {
        var activation = new Dictionary<string, object?>
        {
            ["request"] = new Dictionary<string, object?> { ["name"] = "n", ["count"] = 3, ["tags"] = new[] { "a", "b" } },
        };
        Assert.Equal(true, Eval("request.name == 'n' && request.count == 3 && 'b' in request.tags", activation));
    }

    [Fact]
    public void Json_numbers_are_int_unless_written_as_fractions()
    {
        var activation = new Dictionary<string, object?>
        {
            ["self"] = new JsonObject { ["i"] = 3, ["u"] = 4u, ["s"] = (short)5, ["d"] = 1.5, ["big"] = ulong.MaxValue },
            ["oldSelf"] = JsonNode.Parse("""{"i": 3, "d": 3.0, "e": 1e2}"""),
        };
        Assert.Equal(true, Eval("type(self.i) == int && type(self.u) == int && type(self.s) == int && type(self.d) == double", activation));
        Assert.Equal(true, Eval("type(self.big) == uint", activation));
        Assert.Equal(true, Eval("type(oldSelf.i) == int && type(oldSelf.d) == double && type(oldSelf.e) == double", activation));
        Assert.Equal(true, Eval("self.i + 1 == 4 && oldSelf.d == 3", activation));
    }

    [Theory]
    [InlineData("object.?spec.?replicas.orValue(1) == 3", true)]
    [InlineData("object.?spec.?paused.orValue(false)", false)]
    [InlineData("object.?status.?ready.hasValue()", false)]
    [InlineData("object.?status.ready.hasValue()", false)]
    [InlineData("object.?spec.replicas.value() == 3", true)]
    [InlineData("object.spec.containers[?5].hasValue()", false)]
    [InlineData("object.spec.containers[?0].orValue('') == 'a'", true)]
    [InlineData("object.metadata.labels[?'env'].orValue('none') == 'prod'", true)]
    [InlineData("optional.of(1).value() == 1", true)]
    [InlineData("optional.none().or(optional.of(2)).value() == 2", true)]
    [InlineData("optional.ofNonZeroValue('').hasValue()", false)]
    [InlineData("optional.none() == optional.none()", true)]
    public void Optional_selection_and_indexing_tolerate_absent_fields(string expression, bool expected) =>
        Assert.Equal(expected, Eval(expression, "object", """{"metadata": {"labels": {"env": "prod"}}, "spec": {"replicas": 3, "containers": ["a"]}}"""));

    [Fact]
    public void Dereferencing_an_empty_optional_is_an_error() =>
        Assert.Equal("optional.none() dereference", EvalError("optional.none().value()"));

    [Fact]
    public void Lazy_maps_compute_each_value_once()
    {
        var calls = 0;
        var variables = new CelLazyMap([new("foo", () => { calls++; return JsonNode.Parse("[1]"); })]);
        var activation = new Dictionary<string, object?> { ["variables"] = variables };
        Assert.Equal(true, Eval("variables.foo.size() > 0 && variables.foo[0] == 1", activation));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Results_convert_to_json() =>
        Assert.Equal("""{"a":[1,"x",true,null]}""", CelValueConversion.ToJson(Eval("{'a': [1, 'x', true, null]}"))!.ToJsonString());

    [Fact]
    public void Bool_and_string_helpers_check_the_result_type()
    {
        var empty = new Dictionary<string, object?>();
        Assert.True(CelEnvironment.Compile("1 < 2", []).EvaluateBool(empty));
        Assert.Throws<CelEvaluationException>(() => CelEnvironment.Compile("1", []).EvaluateBool(empty));
        Assert.Equal("x", CelEnvironment.Compile("'x'", []).EvaluateString(empty));
    }

    [Fact]
    public void Durations_and_timestamps_compare_and_combine()
    {
        Assert.Equal(true, Eval("duration('1h') > duration('59m')"));
        Assert.Equal(true, Eval("duration('1h30m') == duration('90m')"));
        Assert.Equal(true, Eval("timestamp('2024-01-01T00:00:00Z') + duration('24h') == timestamp('2024-01-02T00:00:00Z')"));
        Assert.Equal(true, Eval("timestamp('2024-01-02T00:00:00Z') - timestamp('2024-01-01T00:00:00Z') == duration('86400s')"));
        Assert.Equal(true, Eval("timestamp('2024-01-01T00:00:00Z') < timestamp('2024-01-01T00:00:01Z')"));
        Assert.Equal(2024L, Eval("timestamp('2024-03-05T10:20:30Z').getFullYear()"));
        Assert.Equal(2L, Eval("timestamp('2024-03-05T10:20:30Z').getMonth()"));
        Assert.Equal(11L, Eval("timestamp('2024-03-05T10:20:30Z').getHours('+01:00')"));
        Assert.Equal(90L, Eval("duration('1h30m').getMinutes()"));
        Assert.Throws<CelEvaluationException>(() => Eval("duration('5 parsecs')"));
    }

    [Fact]
    public void Quantities_parse_compare_and_convert()
    {
        Assert.Equal(true, Eval("quantity('1Gi').isGreaterThan(quantity('1G'))"));
        Assert.Equal(true, Eval("quantity('1') == quantity('1000m')"));
        Assert.Equal(true, Eval("isQuantity('500m')"));
        Assert.Equal(false, Eval("isQuantity('five')"));
        Assert.Equal(2048L, Eval("quantity('2Ki').asInteger()"));
        Assert.Equal(false, Eval("quantity('500m').isInteger()"));
        Assert.Equal(0.5, Eval("quantity('500m').asApproximateFloat()"));
        Assert.Equal(-1L, Eval("quantity('1').compareTo(quantity('2'))"));
        Assert.Equal(new Quantity(3), Eval("quantity('1').add(2)"));
        Assert.Throws<CelEvaluationException>(() => Eval("quantity('five')"));
    }
}
