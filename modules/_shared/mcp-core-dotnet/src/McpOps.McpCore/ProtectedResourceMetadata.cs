using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace McpOps.McpCore;

/// <summary>
/// RFC 9728 metadata for a server protected by a static bearer token: the resource and how to present the
/// token, and no <c>authorization_servers</c>, so OAuth clients (the MCP Inspector) learn there is no OAuth
/// flow to start and report the 401 instead of trying one.
/// </summary>
internal static class ProtectedResourceMetadata
{
    public const string Path = "/.well-known/oauth-protected-resource";

    /// <summary>scheme://host as the client reached us: behind Cloud Run or an ingress the scheme is the proxy's.</summary>
    public static string PublicOrigin(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim().ToLowerInvariant();
        var scheme = forwarded is "https" or "http" ? forwarded : "http";
        var host = request.Headers.Host.ToString();
        return $"{scheme}://{(host.Length == 0 ? "localhost" : host)}";
    }

    public static Task WriteAsync(HttpContext context, McpServerSettings settings, string serverName)
    {
        var body = new ResourceMetadataBody($"{PublicOrigin(context.Request)}{settings.BasePath}/mcp", ["header"], serverName);
        return JsonRpcResponses.WriteJsonAsync(context, StatusCodes.Status200OK, body, McpCoreJsonContext.Default.ResourceMetadataBody);
    }
}

internal sealed record ResourceMetadataBody(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("bearer_methods_supported")] IReadOnlyList<string> BearerMethodsSupported,
    [property: JsonPropertyName("resource_name")] string ResourceName);
