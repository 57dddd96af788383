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

public sealed class KubeProtobufTests
{
    private static readonly KubeProtobuf Protobuf = new([typeof(KubernetesObject).Assembly, typeof(Sample).Assembly]);

    [Fact]
    public void Kubectl_create_configmap_decodes_to_the_json_kubectl_would_send()
    {
        var json = Protobuf.Decode(Fixtures.Protobuf("configmap-create"));

        Fixtures.AssertJsonEqual(
            """
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},
             "data":{"a":"b","app.properties":"line1\nline2 ünïcode\n"},
             "binaryData":{"blob.bin":"AAEC//4gYmluYXJ5"}}
            """,
            json);
        var typed = KubeJson.Deserialize<ConfigMap>(Encoding.UTF8.GetBytes(json.ToJsonString()))!;
        Assert.Equal([0, 1, 2, 0xff, 0xfe, (byte)' ', (byte)'b', (byte)'i', (byte)'n', (byte)'a', (byte)'r', (byte)'y'], typed.BinaryData!["blob.bin"]);
    }

    [Fact]
    public void Kubectl_create_secret_decodes_map_of_bytes_as_base64()
    {
        var json = Protobuf.Decode(Fixtures.Protobuf("secret-generic-create"));

        Fixtures.AssertJsonEqual(
            """
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},
             "data":{"blob.bin":"AAEC//4gYmluYXJ5","pass":"cEBzcyB3MHJk","user":"YWRtaW4="}}
            """,
            json);
    }

    [Fact]
    public void Kubectl_create_deployment_decodes_nested_messages_and_drops_go_zero_values()
    {
        var json = Protobuf.Decode(Fixtures.Protobuf("deployment-create"));

        Fixtures.AssertJsonEqual(
            """
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","labels":{"app":"web"}},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},
                                 "spec":{"containers":[{"name":"nginx","image":"nginx","resources":{}}]}},
                     "strategy":{}},
             "status":{}}
            """,
            json);
    }

    [Fact]
    public void Kubectl_create_quota_decodes_quantity_maps()
    {
        var json = Protobuf.Decode(Fixtures.Protobuf("resourcequota-create"));

        Fixtures.AssertJsonEqual(
            """
            {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},
             "spec":{"hard":{"cpu":"1500m","memory":"2Gi","pods":"10","requests.storage":"1Ti"}},"status":{}}
            """,
            json);
    }

    [Fact]
    public void Kubectl_create_service_decodes_int_and_string_target_ports()
    {
        var json = Protobuf.Decode(Fixtures.Protobuf("service-clusterip-create"));

        Fixtures.AssertJsonEqual(
            """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"svc","labels":{"app":"svc"}},
             "spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080},
                              {"name":"443-https","protocol":"TCP","port":443,"targetPort":"https"}],
                     "selector":{"app":"svc"},"type":"ClusterIP"},"status":{"loadBalancer":{}}}
            """,
            json);
    }

    [Fact]
    public void Kubectl_create_pdb_decodes_percent_int_or_string()
    {
        var json = Protobuf.Decode(Fixtures.Protobuf("pdb-create"));

        Assert.Equal("50%", json["spec"]!["minAvailable"]!.GetValue<string>());
        Assert.Equal("web", json["spec"]!["selector"]!["matchLabels"]!["app"]!.GetValue<string>());
        Assert.Equal("policy/v1", json["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Kubectl_create_cronjob_decodes_deeply_nested_templates()
    {
        var json = Protobuf.Decode(Fixtures.Protobuf("cronjob-create"));

        Assert.Equal("*/5 * * * *", json["spec"]!["schedule"]!.GetValue<string>());
        var container = json["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("busybox", container["image"]!.GetValue<string>());
        Fixtures.AssertJsonEqual("""["echo","hi"]""", container["command"]);
    }

    [Fact]
    public void Envelope_exposes_type_meta_and_raw_message()
    {
        var envelope = KubeProtobuf.ReadEnvelope(Fixtures.Protobuf("deployment-create"));

        Assert.Equal("apps/v1", envelope.ApiVersion);
        Assert.Equal("Deployment", envelope.Kind);
        Assert.Equal("", envelope.ContentEncoding);
        Assert.Equal("", envelope.ContentType);
        Assert.NotEmpty(envelope.Raw);
    }

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Decoding_what_was_encoded_from_a_fixture_gives_the_same_json(string name)
    {
        var decoded = Protobuf.Decode(Fixtures.Protobuf(name));
        var type = Protobuf.FindKind(decoded["apiVersion"]!.GetValue<string>(), decoded["kind"]!.GetValue<string>())!;

        var reencoded = KubeProtobuf.Encode(decoded, type);

        Assert.True(KubeProtobuf.HasMagic(reencoded));
        Assert.True(JsonNode.DeepEquals(decoded, Protobuf.Decode(reencoded)));
    }

    public static TheoryData<string> FixtureNames() => new(Fixtures.ProtobufNames);

    [Fact]
    public void Find_kind_resolves_registered_entities_and_delete_options()
    {
        Assert.Equal(typeof(ConfigMap), KubeProtobuf.Default.FindKind("v1", "ConfigMap"));
        Assert.NotNull(Protobuf.FindKind("apps/v1", "Deployment"));
        Assert.Null(Protobuf.FindKind("apps/v2", "Deployment"));
        Assert.Equal(typeof(global::KubeSharp.Api.Apps.V1.Deployment), KubeProtobuf.Default.FindKind("apps/v1", "Deployment"));
        Assert.Equal(typeof(DeleteOptions), Protobuf.FindKind("meta.k8s.io/v1", "DeleteOptions"));
    }

    [Fact]
    public void Typed_objects_round_trip_through_protobuf()
    {
        var sample = new Sample
        {
            Metadata = new ObjectMeta
            {
                Name = "s1",
                Namespace = "ns",
                Labels = new() { ["a"] = "b" },
                CreationTimestamp = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero),
                OwnerReferences = [new OwnerReference { ApiVersion = "v1", Kind = "Pod", Name = "p", Uid = "u1", Controller = true }],
                Finalizers = ["f1", "f2"],
            },
            EventTime = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1234560),
            FirstTimestamp = new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero),
            Ratio = 0.25,
            Numbers = [1, -2, 300],
            BigNumbers = [long.MaxValue, long.MinValue],
            Extra = new() { ["groups"] = ["g1", "g2"], ["empty"] = [] },
            Raw = JsonDocument.Parse("""{"x":[1,true,null,"s"]}""").RootElement,
            Blob = [1, 2, 3],
            Conditions = [new DeploymentCondition { Type = "Available", Status = "True", LastTransitionTime = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero) }],
            Weights = [1.5, -0.5],
            Capacity = new() { ["cpu"] = Quantity.Parse("500m"), ["memory"] = Quantity.Parse("1Gi") },
            Flag = true,
            Count = 0,
            NotOnTheWire = "dropped",
        };

        var json = Protobuf.Decode(KubeProtobuf.Encode(sample));

        Fixtures.AssertJsonEqual(
            """
            {"apiVersion":"test.kubesharp.io/v1","kind":"Sample",
             "metadata":{"name":"s1","namespace":"ns","creationTimestamp":"2024-05-01T10:00:00Z","labels":{"a":"b"},
                         "ownerReferences":[{"apiVersion":"v1","kind":"Pod","name":"p","uid":"u1","controller":true}],
                         "finalizers":["f1","f2"]},
             "eventTime":"2024-05-01T10:00:00.123456Z","firstTimestamp":"1969-12-31T23:59:59Z",
             "ratio":0.25,"numbers":[1,-2,300],"bigNumbers":[9223372036854775807,-9223372036854775808],
             "extra":{"empty":[],"groups":["g1","g2"]},"raw":{"x":[1,true,null,"s"]},"blob":"AQID",
             "conditions":[{"type":"Available","status":"True","lastTransitionTime":"2024-01-02T03:04:05Z"}],
             "weights":[1.5,-0.5],"capacity":{"cpu":"500m","memory":"1Gi"},"flag":true,"count":0}
            """,
            json);
    }

    [Fact]
    public void Zero_scalars_are_dropped_unless_the_go_field_is_a_pointer()
    {
        var raw = Message(w =>
        {
            w.WriteTag(13, WireType.Varint);
            w.WriteVarint(0);
            w.WriteTag(14, WireType.Varint);
            w.WriteVarint(0);
            w.WriteTag(15, WireType.Varint);
            w.WriteVarint(0);
            w.WriteString(16, "");
        });

        var json = Protobuf.DecodeMessage(raw, typeof(Sample));

        Fixtures.AssertJsonEqual("""{"count":0}""", json);
    }

    [Fact]
    public void Well_known_pointer_fields_keep_zero_replicas()
    {
        var spec = Message(w =>
        {
            w.WriteTag(1, WireType.Varint);
            w.WriteVarint(0);
            w.WriteTag(7, WireType.Varint);
            w.WriteVarint(0);
        });

        var json = Protobuf.DecodeMessage(spec, typeof(DeploymentSpec));

        Fixtures.AssertJsonEqual("""{"replicas":0}""", json);
    }

    [Fact]
    public void Inline_base_classes_nest_in_protobuf_and_flatten_in_json()
    {
        var container = JsonNode.Parse(
            """
            {"name":"c","livenessProbe":{"httpGet":{"path":"/healthz","port":"http","scheme":"HTTP"},"periodSeconds":5},
             "resources":{"limits":{"cpu":"1"},"requests":{"memory":"64Mi"}}}
            """)!.AsObject();
        var volume = JsonNode.Parse("""{"name":"v","emptyDir":{"sizeLimit":"1Gi"}}""")!.AsObject();

        var containerBytes = KubeProtobuf.EncodeMessage(container, typeof(Container));
        var volumeBytes = KubeProtobuf.EncodeMessage(volume, typeof(Volume));

        Assert.True(JsonNode.DeepEquals(container, Protobuf.DecodeMessage(containerBytes, typeof(Container))));
        Assert.True(JsonNode.DeepEquals(volume, Protobuf.DecodeMessage(volumeBytes, typeof(Volume))));
        // Volume{name=1 "v", volumeSource=2 {emptyDir=2 {sizeLimit=2 {string=1 "1Gi"}}}}
        Assert.Equal(Convert.FromHexString("0A0176" + "1209" + "1207" + "1205" + "0A03314769"), volumeBytes);
    }

    [Fact]
    public void Repeated_numbers_are_accepted_packed_and_unpacked()
    {
        var raw = Message(w =>
        {
            var packed = new ProtoWriter();
            packed.WriteVarint(1);
            packed.WriteVarint(unchecked((ulong)-5L));
            w.WriteBytes(5, packed.WrittenSpan);
            w.WriteTag(5, WireType.Varint);
            w.WriteVarint(7);
        });

        var json = Protobuf.DecodeMessage(raw, typeof(Sample));

        Fixtures.AssertJsonEqual("""{"numbers":[1,-5,7]}""", json);
    }

    [Fact]
    public void Unknown_field_numbers_of_every_wire_type_are_skipped()
    {
        var raw = Message(w =>
        {
            w.WriteTag(100, WireType.Varint);
            w.WriteVarint(12345);
            w.WriteTag(101, WireType.Fixed64);
            w.WriteFixed64(1);
            w.WriteString(102, "ignored");
            w.WriteTag(103, WireType.Fixed32);
            w.WriteFixed32(1);
            w.WriteString(16, "kept");
        });

        var json = Protobuf.DecodeMessage(raw, typeof(Sample));

        Fixtures.AssertJsonEqual("""{"note":"kept"}""", json);
    }

    [Fact]
    public void A_repeated_singular_message_merges_and_a_repeated_scalar_takes_the_last_value()
    {
        var first = new ProtoWriter();
        first.WriteString(1, "n1");
        var second = new ProtoWriter();
        second.WriteString(3, "ns");
        var raw = Message(w =>
        {
            w.WriteBytes(1, first.WrittenSpan);
            w.WriteBytes(1, second.WrittenSpan);
            w.WriteString(16, "a");
            w.WriteString(16, "b");
        });

        var json = Protobuf.DecodeMessage(raw, typeof(Sample));

        Fixtures.AssertJsonEqual("""{"metadata":{"name":"n1","namespace":"ns"},"note":"b"}""", json);
    }

    [Fact]
    public void Empty_time_message_is_the_go_zero_time_and_is_omitted()
    {
        var raw = Message(w => w.WriteBytes(3, []));

        Assert.Empty(Protobuf.DecodeMessage(raw, typeof(Sample)));
    }

    [Fact]
    public void Raw_extension_holding_a_protobuf_object_is_decoded_as_that_object()
    {
        var inner = KubeProtobuf.Encode(new ConfigMap { Metadata = new ObjectMeta { Name = "cm" }, Data = new() { ["k"] = "v" } });
        var rawExtension = new ProtoWriter();
        rawExtension.WriteBytes(1, inner);
        var raw = Message(w => w.WriteBytes(8, rawExtension.WrittenSpan));

        var json = Protobuf.DecodeMessage(raw, typeof(Sample));

        Fixtures.AssertJsonEqual("""{"raw":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"k":"v"}}}""", json);
    }

    [Fact]
    public void Map_entries_without_a_value_hold_the_zero_value()
    {
        var entry = new ProtoWriter();
        entry.WriteString(1, "empty");
        var raw = Message(w => w.WriteBytes(12, entry.WrittenSpan));

        var json = Protobuf.DecodeMessage(raw, typeof(Sample));

        Fixtures.AssertJsonEqual("""{"capacity":{"empty":"0"}}""", json);
    }

    public static TheoryData<string, string> MalformedBodies() => new()
    {
        { "", "magic" },
        { "6B387301", "magic" },
        { "6B387300" + "0A", "end" },
        { "6B387300" + "0A05" + "0A02", "end" },
        { "6B387300" + "28", "end" },
        { "6B387300" + "0F00", "wire type" },
        { "6B387300" + "0000", "field number" },
        { "6B387300" + "28FFFFFFFFFFFFFFFFFF7F", "64 bits" },
        { "6B387300" + "0A0C0A0276311206536563726574" + "1A04677A6970", "content encoding" },
        { "6B387300" + "0A0C0A0276311206556E6B6E6F77", "no kind" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void Malformed_bodies_throw_the_protobuf_exception(string hex, string messagePart)
    {
        var e = Assert.Throws<KubeProtobufException>(() => Protobuf.Decode(Convert.FromHexString(hex)));
        Assert.Contains(messagePart, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Wrong_wire_type_for_a_known_field_throws()
    {
        var raw = Message(w =>
        {
            w.WriteTag(16, WireType.Varint);
            w.WriteVarint(1);
        });

        Assert.Throws<KubeProtobufException>(() => Protobuf.DecodeMessage(raw, typeof(Sample)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void Int_or_string_with_an_impossible_type_throws(long type)
    {
        var value = new ProtoWriter();
        value.WriteTag(1, WireType.Varint);
        value.WriteVarint(unchecked((ulong)type));
        var raw = Message(w => w.WriteBytes(4, value.WrittenSpan));

        Assert.Throws<KubeProtobufException>(() => Protobuf.DecodeMessage(raw, typeof(ServicePort)));
    }

    [Fact]
    public void Raw_json_that_is_not_json_throws()
    {
        var rawExtension = new ProtoWriter();
        rawExtension.WriteBytes(1, "{not json"u8);
        var raw = Message(w => w.WriteBytes(8, rawExtension.WrittenSpan));

        Assert.Throws<KubeProtobufException>(() => Protobuf.DecodeMessage(raw, typeof(Sample)));
    }

    [Fact]
    public void Time_out_of_range_throws()
    {
        var time = new ProtoWriter();
        time.WriteTag(1, WireType.Varint);
        time.WriteVarint(long.MaxValue);
        var raw = Message(w => w.WriteBytes(3, time.WrittenSpan));

        Assert.Throws<KubeProtobufException>(() => Protobuf.DecodeMessage(raw, typeof(Sample)));
    }

    [Fact]
    public void Non_finite_doubles_throw()
    {
        var raw = Message(w =>
        {
            w.WriteTag(4, WireType.Fixed64);
            w.WriteFixed64(unchecked((ulong)BitConverter.DoubleToInt64Bits(double.NaN)));
        });

        Assert.Throws<KubeProtobufException>(() => Protobuf.DecodeMessage(raw, typeof(Sample)));
    }

    [Fact]
    public void Deeply_nested_raw_extensions_are_rejected_not_overflowing_the_stack()
    {
        var body = KubeProtobuf.Encode(new Sample { Note = "leaf" });
        for (var i = 0; i < 200; i++)
        {
            var rawExtension = new ProtoWriter();
            rawExtension.WriteBytes(1, body);
            var message = new ProtoWriter();
            message.WriteBytes(8, rawExtension.WrittenSpan);
            body = KubeProtobuf.EncodeEnvelope("test.kubesharp.io/v1", "Sample", message.WrittenSpan);
        }

        Assert.Throws<KubeProtobufException>(() => Protobuf.Decode(body));
    }

    [Fact]
    public void Encoding_json_of_the_wrong_shape_throws()
    {
        var json = JsonNode.Parse("""{"numbers":"not a list"}""")!.AsObject();

        Assert.Throws<KubeProtobufException>(() => KubeProtobuf.EncodeMessage(json, typeof(Sample)));
    }

    [Fact]
    public void Randomly_mutated_bodies_decode_or_throw_the_protobuf_exception()
    {
        var random = new Random(20240501);
        var seeds = Fixtures.ProtobufNames.Select(Fixtures.Protobuf).ToArray();
        var decoded = 0;
        for (var i = 0; i < 6000; i++)
        {
            var body = Mutate(seeds[random.Next(seeds.Length)], random);
            try
            {
                Protobuf.Decode(body);
                decoded++;
            }
            catch (KubeProtobufException)
            {
            }
        }

        // Some mutations only touch string bytes; those must still decode.
        Assert.InRange(decoded, 1, 6000);
    }

    [Fact]
    public void Random_bytes_after_the_magic_decode_or_throw_the_protobuf_exception()
    {
        var random = new Random(7);
        foreach (var type in new[] { typeof(Sample), typeof(TestKinds.Deployment), typeof(ConfigMap), typeof(Service) })
        {
            for (var i = 0; i < 2000; i++)
            {
                var raw = new byte[random.Next(0, 64)];
                random.NextBytes(raw);
                try
                {
                    Protobuf.DecodeMessage(raw, type);
                }
                catch (KubeProtobufException)
                {
                }
            }
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }

            if (bytes.Count == 0)
            {
                break;
            }
        }

        return [.. bytes];
    }

    private static byte[] Message(Action<ProtoWriter> write)
    {
        var writer = new ProtoWriter();
        write(writer);
        return writer.ToArray();
    }
}
