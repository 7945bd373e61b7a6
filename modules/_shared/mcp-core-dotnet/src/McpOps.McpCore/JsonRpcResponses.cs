using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace McpOps.McpCore;

/// <summary>
/// Errors on MCP endpoints carry a JSON-RPC error body (as the SDKs' stateless examples do) so MCP
/// clients can show the message; other paths get <c>{"error": ...}</c>.
/// </summary>
internal static class JsonRpcResponses
{
    public static Task WriteErrorAsync(HttpContext context, int status, string message, int code = -32000, JsonElement? id = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonRpcErrorBody(new JsonRpcError(code, message), Id: id), McpCoreJsonContext.Default.JsonRpcErrorBody);
        return WriteAsync(context, status, body);
    }

    public static Task WriteJsonAsync<T>(HttpContext context, int status, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        WriteAsync(context, status, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    private static Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            context.Abort();
            return Task.CompletedTask;
        }

        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        response.Headers.CacheControl = "no-store";
        return response.Body.WriteAsync(body).AsTask();
    }
}

internal sealed record JsonRpcError(int Code, string Message);

// Id is null on transport-level errors (the request was not, or could not be, read), else the request's id.
internal sealed record JsonRpcErrorBody(JsonRpcError Error, string Jsonrpc = "2.0", JsonElement? Id = null);

internal sealed record HealthBody(string Status, string Name, string Version);

internal sealed record PlainError(string Error);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonRpcErrorBody))]
[System.Text.Json.Serialization.JsonSerializable(typeof(HealthBody))]
[System.Text.Json.Serialization.JsonSerializable(typeof(PlainError))]
[System.Text.Json.Serialization.JsonSerializable(typeof(ResourceMetadataBody))]
internal sealed partial class McpCoreJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
