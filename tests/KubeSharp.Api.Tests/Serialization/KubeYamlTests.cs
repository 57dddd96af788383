using System.Text;
using System.Text.Json.Nodes;

namespace KubeSharp.Api.Tests.Serialization;

public sealed class KubeYamlTests
{
    [Fact]
    public void A_manifest_reads_as_the_json_kubectl_would_send()
    {
        var json = KubeYaml.Parse(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web, tier: "1"}
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
                    args: ["--port", "8080"]
                    env:
                    - name: MULTI
                      value: |
                        line one
                        line two
                    resources:
                      limits: {cpu: 500m, memory: 128Mi}
            """);

        Fixtures.AssertJsonEqual(
            """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web","tier":"1"}},
             "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25","args":["--port","8080"],
               "resources":{"limits":{"cpu":"500m","memory":"128Mi"}},"env":[{"name":"MULTI","value":"line one\nline two\n"}]}]}}}}
            """,
            json);
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData("False", "false")]
    [InlineData("yes", "true")]
    [InlineData("NO", "false")]
    [InlineData("on", "true")]
    [InlineData("off", "false")]
    [InlineData("y", "true")]
    [InlineData("n", "false")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("", "null")]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("+7", "7")]
    [InlineData("1_000", "1000")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("0b101", "5")]
    [InlineData("0777", "511")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("1.5", "1.5")]
    [InlineData("1e3", "1000")]
    [InlineData(".5", "0.5")]
    [InlineData("-inf", "\"-inf\"")]
    [InlineData("2024-05-01T10:00:00Z", "\"2024-05-01T10:00:00Z\"")]
    [InlineData("500m", "\"500m\"")]
    [InlineData("1.2.3", "\"1.2.3\"")]
    [InlineData("0x", "\"0x\"")]
    [InlineData("nginx:1.25", "\"nginx:1.25\"")]
    [InlineData("'true'", "\"true\"")]
    [InlineData("\"42\"", "\"42\"")]
    [InlineData("!!str 42", "\"42\"")]
    [InlineData("!!int \"42\"", "42")]
    public void Scalars_resolve_like_sigs_k8s_io_yaml(string yaml, string expectedJson)
    {
        var json = KubeYaml.Parse("v: " + yaml);

        Fixtures.AssertJsonEqual("{\"v\":" + expectedJson + "}", json);
    }

    [Theory]
    [InlineData(".nan")]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData("1e999")]
    public void Non_finite_numbers_cannot_become_json(string yaml)
    {
        Assert.Throws<KubeYamlException>(() => KubeYaml.Parse("v: " + yaml));
    }

    [Fact]
    public void Keys_are_strings_even_when_they_resolve_otherwise()
    {
        var json = KubeYaml.Parse("1: a\ntrue: b\nyes: c\n~: d\n'x': e\n");

        Fixtures.AssertJsonEqual("""{"1":"a","true":"c","null":"d","x":"e"}""", json);
    }

    [Fact]
    public void Complex_keys_are_rejected()
    {
        Assert.Throws<KubeYamlException>(() => KubeYaml.Parse("? [a, b]\n: c\n"));
    }

    [Fact]
    public void Streams_split_on_document_markers_and_skip_empty_documents()
    {
        var documents = KubeYaml.ParseDocuments(
            """
            ---
            # only a comment
            ---
            kind: ConfigMap
            ---
            kind: Secret
            ...
            ---
            """);

        Assert.Equal(["ConfigMap", "Secret"], documents.Select(d => d.Root!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public void Duplicate_keys_are_reported_with_their_line_and_the_last_value_wins()
    {
        var documents = KubeYaml.ParseDocuments(
            """
            metadata:
              name: a
              labels:
                x: "1"
                x: "2"
              name: b
            """);

        var document = Assert.Single(documents);
        Assert.Equal("b", document.Root!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(["metadata.labels.x", "metadata.name"], document.DuplicateKeys.Select(d => d.Path));
        Assert.Equal("line 6: key \"name\" already set in map", document.DuplicateKeys[1].Message);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_expand()
    {
        var json = KubeYaml.Parse(
            """
            base: &base {a: 1, b: 2}
            copy: *base
            merged:
              <<: *base
              b: 3
            """);

        Fixtures.AssertJsonEqual("""{"base":{"a":1,"b":2},"copy":{"a":1,"b":2},"merged":{"a":1,"b":3}}""", json);
    }

    [Fact]
    public void Exponential_alias_expansion_is_rejected()
    {
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 10; i++)
        {
            yaml.Append(CultureInfo(i)).Append('\n');
        }

        Assert.Throws<KubeYamlException>(() => KubeYaml.Parse(yaml.ToString()));

        static string CultureInfo(int i)
        {
            var refs = string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10));
            return $"a{i}: &a{i} [{refs}]";
        }
    }

    [Fact]
    public void Deep_nesting_is_rejected_not_overflowing_the_stack()
    {
        var yaml = new string('[', 5000) + new string(']', 5000);

        Assert.Throws<KubeYamlException>(() => KubeYaml.Parse(yaml));
    }

    [Theory]
    [InlineData("a: b: c")]
    [InlineData("a: [1, 2")]
    [InlineData("a: *missing")]
    [InlineData("key: 'unterminated")]
    [InlineData("- a\nb: c")]
    [InlineData("v: !!int abc")]
    [InlineData("<<: scalar")]
    public void Malformed_yaml_throws_the_yaml_exception(string yaml)
    {
        Assert.Throws<KubeYamlException>(() => KubeYaml.Parse(yaml));
    }

    [Fact]
    public void Json_is_yaml()
    {
        var json = KubeYaml.Parse("""{"kind":"ConfigMap","data":{"a":"1","b":"yes"},"n":[1,2.5,null,true]}""");

        Fixtures.AssertJsonEqual("""{"kind":"ConfigMap","data":{"a":"1","b":"yes"},"n":[1,2.5,null,true]}""", json);
    }

    [Fact]
    public void Serialization_prints_block_yaml_like_kubectl()
    {
        var node = JsonNode.Parse(
            """
            {"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x","labels":{}},
             "data":{"multi":"a\nb\n","flag":"true","num":"42","empty":"","plain":"hello world"},
             "list":[{"b":1,"a":[]},2.5,null,false]}
            """);

        var yaml = KubeYaml.Serialize(node);

        Assert.Equal(
            """
            apiVersion: v1
            data:
              empty: ""
              flag: "true"
              multi: |
                a
                b
              num: "42"
              plain: hello world
            kind: ConfigMap
            list:
            - a: []
              b: 1
            - 2.5
            - null
            - false
            metadata:
              labels: {}
              name: x

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            yaml.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"s":"yes","t":"~","u":"0x10","v":"1e3","w":" lead","x":"a: b","y":"- z","z":"#c","q":"it's","e":"\t tab\u0001"}""")]
    [InlineData("""{"multi":"line1\nline2","trailing":"x \ny","leading":"\n\nz","nested":{"deep":[[1,[2,{"k":"v"}]]]}}""")]
    [InlineData("""[1,-2,3.25,true,false,null,"",{}]""")]
    [InlineData("\"just a string\"")]
    public void Serialized_yaml_reads_back_as_the_same_json(string json)
    {
        var node = JsonNode.Parse(json);

        var back = KubeYaml.Parse(KubeYaml.Serialize(node));

        Assert.True(JsonNode.DeepEquals(node, back), KubeYaml.Serialize(node));
    }

    [Fact]
    public void Documents_serialize_separated_by_markers()
    {
        var yaml = KubeYaml.SerializeDocuments([JsonNode.Parse("""{"a":1}"""), JsonNode.Parse("""{"b":2}""")]);

        Assert.Equal(2, KubeYaml.ParseDocuments(yaml).Count);
    }

    [Fact]
    public void Randomly_mutated_yaml_parses_or_throws_the_yaml_exception()
    {
        const string seed = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: &m
              name: web
              labels: {app: web, "quoted": 'single'}
            spec:
              replicas: 0x3
              template:
                metadata: *m
                spec:
                  containers:
                  - name: nginx
                    args: [a, "b", 1.5e3, ~, yes]
                    script: |
                      echo hi
                  - <<: {name: merged}
                    image: >
                      folded text
            ---
            kind: Second
            """;
        var alphabet = ":-?[]{},&*!|>'\"%@`#\n \t.0123456789abcXYZ~<";
        var random = new Random(424242);
        var parsed = 0;
        for (var i = 0; i < 4000; i++)
        {
            var text = new StringBuilder(seed);
            for (var e = random.Next(1, 5); e > 0 && text.Length > 0; e--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0:
                        text[at] = alphabet[random.Next(alphabet.Length)];
                        break;
                    case 1:
                        text.Remove(at, Math.Min(random.Next(1, 8), text.Length - at));
                        break;
                    default:
                        text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                }
            }

            try
            {
                KubeYaml.ParseDocuments(text.ToString());
                parsed++;
            }
            catch (KubeYamlException)
            {
            }
        }

        Assert.InRange(parsed, 1, 4000);
    }

    [Fact]
    public void Random_printable_text_parses_or_throws_the_yaml_exception()
    {
        var random = new Random(99);
        var alphabet = ":-?[]{},&*!|>'\"%@`#\n \t.0123456789aZ~<\\";
        for (var i = 0; i < 3000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = alphabet[random.Next(alphabet.Length)];
            }

            try
            {
                KubeYaml.ParseDocuments(new string(chars));
            }
            catch (KubeYamlException)
            {
            }
        }
    }
}
