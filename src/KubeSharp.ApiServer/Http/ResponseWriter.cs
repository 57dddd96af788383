using System.Buffers;
using System.Text;
using System.Text.Json;
using KubeSharp.Api;
using Microsoft.AspNetCore.Http;

namespace KubeSharp.ApiServer.Http;

/// <summary>Writes API responses: objects, raw JSON, Status errors and warning headers.</summary>
public static class ResponseWriter
{
    public static async Task WriteJsonAsync(HttpContext context, int statusCode, byte[] json)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = MediaTypes.Json;
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteObjectAsync<T>(HttpContext context, int statusCode, T value) =>
        WriteJsonAsync(context, statusCode, KubeJson.SerializeToUtf8Bytes(value));

    public static Task WriteStatusAsync(HttpContext context, ApiException error)
    {
        if (error.Code == 429 && error.Details?.RetryAfterSeconds is int retry)
        {
            context.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteObjectAsync(context, error.Code, error.ToStatus());
    }

    public static Task WriteSuccessAsync(HttpContext context, StatusDetails? details = null) =>
        WriteObjectAsync(context, 200, new Status { StatusValue = "Success", Details = details });

    /// <summary>Adds "Warning: 299 - "text"" headers as the API server does for field validation and deprecations.</summary>
    public static void AddWarnings(HttpContext context, IEnumerable<string> warnings)
    {
        foreach (var w in warnings)
        {
            context.Response.Headers.Append("Warning", WarningHeaderValue(w));
        }
    }

    /// <summary>
    /// RFC 7234 warning value "299 - "text"": the text as an HTTP quoted-string (quote and backslash escaped with a
    /// backslash, which client-go unescapes), control and non-ASCII characters (not allowed in headers) as '?'.
    /// </summary>
    internal static string WarningHeaderValue(string text)
    {
        var value = new StringBuilder("299 - \"", text.Length + 10);
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                value.Append('\\');
                value.Append(c);
            }
            else
            {
                value.Append(c is < ' ' or > '~' ? '?' : c);
            }
        }

        return value.Append('"').ToString();
    }

    /// <summary>
    /// Streams JSON to the response as it is written (large lists): <c>flush</c> sends what is
    /// pending once it passes 64 KiB, so memory stays bounded whatever the size of the body.
    /// </summary>
    public static async Task StreamAsync(HttpContext context, int statusCode, Func<Utf8JsonWriter, Func<Task>, Task> write)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = MediaTypes.Json;
        var pipe = context.Response.BodyWriter;
        var writer = new Utf8JsonWriter(pipe, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        await using (writer.ConfigureAwait(false))
        {
            async Task Flush()
            {
                if (writer.BytesPending > 64 * 1024)
                {
                    writer.Flush();
                    await pipe.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }

            await write(writer, Flush).ConfigureAwait(false);
            writer.Flush();
        }

        await pipe.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams a list of stored objects: the list's envelope, then each item's JSON bytes copied as
    /// they are (no re-encoding), comma-separated, flushing every 256 KiB. The output is what a
    /// compact Utf8JsonWriter would write for the same envelope and raw items.
    /// </summary>
    public static async Task StreamListAsync(HttpContext context, string kind, string apiVersion, string resourceVersion, string? continueToken, long? remainingItemCount, IReadOnlyList<Storage.StoredObject> items)
    {
        const int FlushEvery = 256 * 1024;
        context.Response.StatusCode = 200;
        context.Response.ContentType = MediaTypes.Json;
        var body = context.Response.BodyWriter;
        using (var w = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("kind", kind);
            w.WriteString("apiVersion", apiVersion);
            w.WriteStartObject("metadata");
            w.WriteString("resourceVersion", resourceVersion);
            if (continueToken is not null)
            {
                w.WriteString("continue", continueToken);
                w.WriteNumber("remainingItemCount", remainingItemCount ?? 0);
            }

            w.WriteEndObject();
            w.WritePropertyName("items");
            w.Flush();
        }

        body.Write("["u8);
        long pending = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                body.Write(","u8);
            }

            var json = items[i].Json;
            body.Write(json.AsSpan());
            pending += json.Length;
            if (pending >= FlushEvery)
            {
                pending = 0;
                await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }

        body.Write("]}"u8);
        await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes JSON with a Utf8JsonWriter straight into a buffer and sends it.</summary>
    public static async Task WriteWithAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = MediaTypes.Json;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
