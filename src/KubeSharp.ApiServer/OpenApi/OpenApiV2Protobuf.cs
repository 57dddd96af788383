using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeSharp.ApiServer.OpenApi;

/// <summary>
/// Encodes the Swagger 2.0 JSON document as gnostic's <c>openapi.v2.Document</c> protobuf, the body of
/// /openapi/v2 for <c>Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf</c>.
/// Covers the subset of Swagger this server emits (schemas, paths, query/path/body parameters,
/// responses, bearer security). Field numbers are those of gnostic's OpenAPIv2.proto; vendor
/// extensions are <c>NamedAny</c> whose <c>Any.yaml</c> holds the value as JSON (valid YAML), which
/// is how kube-openapi reads them.
/// </summary>
internal static class OpenApiV2Protobuf
{
    public static byte[] Encode(byte[] json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        var writer = new ProtoWriter();
        writer.String(1, Str(document["swagger"]));
        writer.Message(2, document["info"], (w, info) =>
        {
            w.String(1, Str(info["title"]));
            w.String(2, Str(info["version"]));
        });
        writer.Message(8, document["paths"], (w, paths) =>
        {
            foreach (var (path, item) in paths.AsObject())
            {
                w.Message(2, item, (nw, value) =>
                {
                    nw.String(1, path);
                    nw.Message(2, value, PathItem);
                });
            }
        });
        writer.Message(9, document["definitions"], (w, definitions) => NamedSchemas(w, 1, definitions));
        foreach (var requirement in Array(document["security"]))
        {
            writer.Message(12, requirement, (w, r) =>
            {
                foreach (var (name, scopes) in r.AsObject())
                {
                    w.Message(1, scopes, (nw, s) =>
                    {
                        nw.String(1, name);
                        nw.MessageAlways(2, sw => Strings(sw, 1, s));
                    });
                }
            });
        }

        writer.Message(13, document["securityDefinitions"], (w, definitions) =>
        {
            foreach (var (name, definition) in definitions.AsObject())
            {
                w.Message(1, definition, (nw, d) =>
                {
                    nw.String(1, name);
                    nw.Message(2, d, (iw, security) => iw.Message(2, security, (aw, a) =>
                    {
                        aw.String(1, Str(a["type"]));
                        aw.String(2, Str(a["name"]));
                        aw.String(3, Str(a["in"]));
                        aw.String(4, Str(a["description"]));
                    }));
                });
            }
        });
        return writer.ToArray();
    }

    private static void PathItem(ProtoWriter w, JsonNode item)
    {
        w.Message(2, item["get"], Operation);
        w.Message(3, item["put"], Operation);
        w.Message(4, item["post"], Operation);
        w.Message(5, item["delete"], Operation);
        w.Message(8, item["patch"], Operation);
        foreach (var parameter in Array(item["parameters"]))
        {
            w.Message(9, parameter, ParametersItem);
        }

        VendorExtensions(w, 10, item);
    }

    private static void Operation(ProtoWriter w, JsonNode operation)
    {
        Strings(w, 1, operation["tags"]);
        w.String(3, Str(operation["description"]));
        w.String(5, Str(operation["operationId"]));
        Strings(w, 6, operation["produces"]);
        Strings(w, 7, operation["consumes"]);
        foreach (var parameter in Array(operation["parameters"]))
        {
            w.Message(8, parameter, ParametersItem);
        }

        w.Message(9, operation["responses"], (rw, responses) =>
        {
            foreach (var (code, response) in responses.AsObject())
            {
                rw.Message(1, response, (nw, r) =>
                {
                    nw.String(1, code);
                    nw.Message(2, r, (vw, value) => vw.Message(1, value, (resw, res) =>
                    {
                        resw.String(1, Str(res["description"]));
                        resw.Message(2, res["schema"], (sw, s) => sw.Message(1, s, Schema));
                    }));
                });
            }
        });
        Strings(w, 10, operation["schemes"]);
        VendorExtensions(w, 13, operation);
    }

    private static void ParametersItem(ProtoWriter w, JsonNode parameter) => w.Message(1, parameter, (pw, p) =>
    {
        switch (Str(p["in"]))
        {
            case "body":
                pw.Message(1, p, (bw, b) =>
                {
                    bw.String(1, Str(b["description"]));
                    bw.String(2, Str(b["name"]));
                    bw.String(3, "body");
                    bw.Bool(4, Bool(b["required"]));
                    bw.Message(5, b["schema"], Schema);
                });
                break;
            case "path":
                pw.Message(2, p, (nw, n) => nw.Message(4, n, (sw, s) =>
                {
                    sw.Bool(1, Bool(s["required"]));
                    sw.String(2, "path");
                    sw.String(3, Str(s["description"]));
                    sw.String(4, Str(s["name"]));
                    sw.String(5, Str(s["type"]));
                    sw.Bool(19, Bool(s["uniqueItems"]));
                }));
                break;
            default:
                pw.Message(2, p, (nw, n) => nw.Message(3, n, (sw, s) =>
                {
                    sw.Bool(1, Bool(s["required"]));
                    sw.String(2, "query");
                    sw.String(3, Str(s["description"]));
                    sw.String(4, Str(s["name"]));
                    sw.String(6, Str(s["type"]));
                    sw.Bool(20, Bool(s["uniqueItems"]));
                }));
                break;
        }
    });

    private static void Schema(ProtoWriter w, JsonNode schema)
    {
        w.String(1, Str(schema["$ref"]));
        w.String(2, Str(schema["format"]));
        w.String(4, Str(schema["description"]));
        Strings(w, 19, schema["required"]);
        foreach (var value in Array(schema["enum"]))
        {
            w.MessageAlways(20, aw => aw.String(2, Yaml(value)));
        }

        w.Message(21, schema["additionalProperties"], (aw, a) =>
        {
            if (a.GetValueKind() == JsonValueKind.Object)
            {
                aw.MessageAlways(1, sw => Schema(sw, a));
            }
            else
            {
                aw.BoolAlways(2, a.GetValue<bool>());
            }
        });
        if (schema["type"] is { } type)
        {
            w.MessageAlways(22, tw => tw.String(1, Str(type)));
        }

        w.Message(23, schema["items"], (iw, items) => iw.Message(1, items, Schema));
        foreach (var part in Array(schema["allOf"]))
        {
            w.Message(24, part, Schema);
        }

        w.Message(25, schema["properties"], (pw, properties) => NamedSchemas(pw, 1, properties));
        VendorExtensions(w, 31, schema);
    }

    private static void NamedSchemas(ProtoWriter w, int field, JsonNode schemas)
    {
        foreach (var (name, schema) in schemas.AsObject())
        {
            w.Message(field, schema, (nw, s) =>
            {
                nw.String(1, name);
                nw.MessageAlways(2, sw => Schema(sw, s));
            });
        }
    }

    private static void VendorExtensions(ProtoWriter w, int field, JsonNode node)
    {
        foreach (var (name, value) in node.AsObject())
        {
            if (name.StartsWith("x-", StringComparison.Ordinal) && value is not null)
            {
                w.MessageAlways(field, nw =>
                {
                    nw.String(1, name);
                    nw.MessageAlways(2, aw => aw.String(2, Yaml(value)));
                });
            }
        }
    }

    private static void Strings(ProtoWriter w, int field, JsonNode? array)
    {
        foreach (var item in Array(array))
        {
            w.StringAlways(field, Str(item));
        }
    }

    private static IEnumerable<JsonNode> Array(JsonNode? node) => node is JsonArray array ? array.OfType<JsonNode>() : [];

    private static string Str(JsonNode? node) => node?.GetValue<string>() ?? "";

    private static bool Bool(JsonNode? node) => node?.GetValue<bool>() ?? false;

    private static string Yaml(JsonNode value) => value.ToJsonString() + "\n";

    /// <summary>A minimal proto3 writer: nested messages are built in their own buffer, then length-prefixed.</summary>
    private sealed class ProtoWriter
    {
        private readonly MemoryStream _buffer = new();

        public byte[] ToArray() => _buffer.ToArray();

        public void String(int field, string value)
        {
            if (value.Length > 0)
            {
                StringAlways(field, value);
            }
        }

        public void StringAlways(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Bool(int field, bool value)
        {
            if (value)
            {
                BoolAlways(field, value);
            }
        }

        public void BoolAlways(int field, bool value)
        {
            Varint((ulong)(field << 3));
            Varint(value ? 1UL : 0UL);
        }

        /// <summary>Writes a nested message built from <paramref name="node"/>; nothing when the node is absent.</summary>
        public void Message(int field, JsonNode? node, Action<ProtoWriter, JsonNode> build)
        {
            if (node is not null)
            {
                MessageAlways(field, w => build(w, node));
            }
        }

        public void MessageAlways(int field, Action<ProtoWriter> build)
        {
            var nested = new ProtoWriter();
            build(nested);
            Bytes(field, nested.ToArray());
        }

        private void Bytes(int field, byte[] bytes)
        {
            Varint((ulong)((field << 3) | 2));
            Varint((ulong)bytes.Length);
            _buffer.Write(bytes);
        }

        private void Varint(ulong value)
        {
            while (value >= 0x80)
            {
                _buffer.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _buffer.WriteByte((byte)value);
        }
    }
}
