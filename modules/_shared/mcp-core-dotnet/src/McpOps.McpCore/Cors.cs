using Microsoft.AspNetCore.Http;

namespace McpOps.McpCore;

/// <summary>
/// CORS for browser-based MCP clients, as the TypeScript runtime does it. It runs after the Origin check, so
/// only an allowed origin (MCP_ALLOWED_ORIGINS or the server's own host) gets here; it is echoed, never `*`.
/// </summary>
internal static class Cors
{
    private const string AllowHeaders = "Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Mcp-Method, Mcp-Name, Last-Event-ID, X-Request-Id";
    private const string ExposeHeaders = "Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, X-Request-Id";
    private const string AllowMethods = "GET, POST, DELETE, OPTIONS";

    public static void Preflight(HttpContext context)
    {
        var response = context.Response;
        var origin = context.Request.Headers.Origin.ToString();
        response.StatusCode = StatusCodes.Status204NoContent;
        response.Headers.Allow = AllowMethods;
        if (origin.Length > 0)
        {
            response.Headers.AccessControlAllowOrigin = origin;
            response.Headers.AccessControlAllowMethods = AllowMethods;
            response.Headers.AccessControlAllowHeaders = AllowHeaders;
            response.Headers.AccessControlExposeHeaders = ExposeHeaders;
            response.Headers.AccessControlMaxAge = "600";
            response.Headers.Vary = "Origin";
        }

        response.ContentLength = 0;
    }

    public static void Decorate(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return;
        }

        context.Response.Headers.AccessControlAllowOrigin = origin;
        context.Response.Headers.AccessControlExposeHeaders = ExposeHeaders;
        context.Response.Headers.Vary = "Origin";
    }
}
