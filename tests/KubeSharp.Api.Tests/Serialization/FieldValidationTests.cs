using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KubeSharp.Api.Core.V1;
using KubeSharp.Api.Tests.TestKinds;
using Container = KubeSharp.Api.Tests.TestKinds.Container;
using Service = KubeSharp.Api.Tests.TestKinds.Service;
using ServicePort = KubeSharp.Api.Tests.TestKinds.ServicePort;
using Volume = KubeSharp.Api.Tests.TestKinds.Volume;

namespace KubeSharp.Api.Tests.Serialization;

public sealed class FieldValidationTests
{
    private static IReadOnlyList<string> Messages(string json, Type type) =>
        FieldValidation.Validate(Encoding.UTF8.GetBytes(json), type).Select(p => p.Message).ToList();

    [Fact]
    public void A_valid_object_has_no_problems()
    {
        var json = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"},
              "managedFields":[{"manager":"kubectl","fieldsV1":{"f:spec":{"anything":{}}}}]},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"strategy":{"rollingUpdate":{"maxSurge":"25%","maxUnavailable":0}},
               "template":{"spec":{"containers":[{"name":"c","resources":{"limits":{"cpu":"1"}},"livenessProbe":{"httpGet":{"port":8080},"periodSeconds":3}}],
                 "volumes":[{"name":"v","emptyDir":{"sizeLimit":"1Gi"}}]}}}}
            """;

        Assert.Empty(Messages(json, typeof(TestKinds.Deployment)));
    }

    [Fact]
    public void Unknown_fields_are_reported_with_kubernetes_paths()
    {
        var json = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","nmae":"x"},
             "spec":{"foo":1,"template":{"spec":{"containers":[{"name":"a"},{"name":"b","limits":{"cpu":"1"},"imagee":"x"}],
               "volumes":[{"name":"v","emptyDir":{},"hostPathh":{}}]}}},
             "extra":{"nested":{"ignored":true}}}
            """;

        Assert.Equal(
            [
                "unknown field \"metadata.nmae\"",
                "unknown field \"spec.foo\"",
                "unknown field \"spec.template.spec.containers[1].limits\"",
                "unknown field \"spec.template.spec.containers[1].imagee\"",
                "unknown field \"spec.template.spec.volumes[0].hostPathh\"",
                "unknown field \"extra\"",
            ],
            Messages(json, typeof(TestKinds.Deployment)));
    }

    [Fact]
    public void Field_names_match_case_sensitively()
    {
        Assert.Equal(["unknown field \"Metadata\"", "unknown field \"spec.Replicas\""], Messages("""{"Metadata":{},"spec":{"Replicas":1}}""", typeof(TestKinds.Deployment)));
    }

    [Fact]
    public void Json_property_name_overrides_are_the_known_names()
    {
        Assert.Equal(["unknown field \"spec.clusterIp\""], Messages("""{"spec":{"clusterIP":"None","clusterIPs":["None"],"clusterIp":"x"}}""", typeof(Service)));
    }

    [Fact]
    public void Duplicate_fields_and_map_keys_are_reported()
    {
        var json = """
            {"metadata":{"name":"a","name":"b","labels":{"x":"1","x":"2"}},
             "data":{"k":"v"},"data":{"k":"v2"},"spec":{"a":1,"a":2}}
            """;

        Assert.Equal(
            [
                "duplicate field \"metadata.name\"",
                "duplicate field \"metadata.labels.x\"",
                "duplicate field \"data\"",
                "unknown field \"spec\"",
            ],
            Messages(json, typeof(ConfigMap)));
    }

    [Fact]
    public void Raw_json_fields_accept_anything_even_duplicates()
    {
        var json = """{"raw":{"a":1,"a":2,"whatever":[{"x":1}]},"extra":{"g":["a"]},"capacity":{"cpu":{"weird":1}}}""";

        Assert.Empty(Messages(json, typeof(Sample)));
    }

    [Fact]
    public void Values_of_the_wrong_json_type_are_not_field_problems()
    {
        Assert.Empty(Messages("""{"metadata":"oops","data":[1,2],"immutable":{"x":1}}""", typeof(ConfigMap)));
    }

    [Fact]
    public void Problems_are_deduplicated_and_capped()
    {
        var items = string.Join(",", Enumerable.Range(0, 300).Select(i => $"{{\"name\":\"c{i}\",\"bogus{i}\":1}}"));
        var json = "{\"spec\":{\"template\":{\"spec\":{\"containers\":[" + items + "]}}},\"x\":1,\"x\":2}";

        var problems = FieldValidation.Validate(Encoding.UTF8.GetBytes(json), typeof(TestKinds.Deployment));

        Assert.Equal(FieldValidation.MaxProblems, problems.Count);
        Assert.Equal("unknown field \"spec.template.spec.containers[0].bogus0\"", problems[0].Message);
        Assert.Single(Messages("""{"x":1,"x":2}""", typeof(ConfigMap)));
    }

    [Fact]
    public void Strict_decoding_error_joins_the_messages_like_kubernetes()
    {
        var problems = FieldValidation.Validate(Encoding.UTF8.GetBytes("""{"spec":{"foo":1},"metadata":{"name":"a","name":"b"}}"""), typeof(TestKinds.Deployment));

        Assert.Equal("strict decoding error: unknown field \"spec.foo\", duplicate field \"metadata.name\"", FieldValidation.StrictDecodingError(problems));
    }

    [Fact]
    public void Paths_are_quoted_like_go()
    {
        Assert.Equal(["unknown field \"we\\\"ird\\n\""], Messages("{\"we\\\"ird\\n\":1}", typeof(ConfigMap)));
    }

    [Fact]
    public void Parsed_nodes_report_unknown_fields()
    {
        var node = KubeYaml.Parse("metadata:\n  name: x\n  bogus: 1\ndata:\n  k: v\nbinaryData:\n  b: AQI=\nother: 1\n");

        Assert.Equal(["unknown field \"metadata.bogus\"", "unknown field \"other\""], FieldValidation.Validate(node, typeof(ConfigMap)).Select(p => p.Message));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"a\":}")]
    [InlineData("{} {}")]
    public void Malformed_json_throws_json_exception(string json)
    {
        Assert.ThrowsAny<JsonException>(() => FieldValidation.Validate(Encoding.UTF8.GetBytes(json), typeof(ConfigMap)));
    }

    [Fact]
    public void A_decoded_protobuf_fixture_has_no_unknown_fields()
    {
        var protobuf = new KubeProtobuf([typeof(Sample).Assembly, typeof(ConfigMap).Assembly]);
        foreach (var name in Fixtures.ProtobufNames)
        {
            JsonObject json = protobuf.Decode(Fixtures.Protobuf(name));
            var type = protobuf.FindKind(json["apiVersion"]!.GetValue<string>(), json["kind"]!.GetValue<string>())!;

            Assert.Empty(FieldValidation.Validate(Encoding.UTF8.GetBytes(json.ToJsonString()), type));
        }
    }
}
