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
            context.Response.Headers.Append("Warning", $"299 - {JsonSerializer.Serialize(w)}");
        }
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
