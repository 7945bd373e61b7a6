namespace McpOps.Cli.Railway;

/// <summary>
/// Turns what Railway says when it refuses (its MCP server's error messages, or the CLI's) into a
/// sentence that names the fix. Railway's wording (handler.rs): "Not authenticated. Run 'railway login'
/// first", "No project_id provided and no linked project", "Service 'x' not found. Available services:",
/// "Failed to resolve environment: … Available environments:".
/// </summary>
internal static class RailwayErrors
{
    public static RailwayException Explain(string what, RailwayTarget? target, string message, Exception? inner)
    {
        var said = message.Trim();
        string explanation;
        if (Contains(said, "not authenticated") || Contains(said, "unauthorized") || Contains(said, "railway login") || Contains(said, "not logged in"))
        {
            explanation = "not logged in to Railway: run `railway login` (in CI, set RAILWAY_API_TOKEN from a secret) and try again.";
        }
        else if (Contains(said, "no linked project"))
        {
            explanation = "this workspace is not linked to a Railway project: run `railway link` in the workspace root, or pass --project <id> (or set \"mcpops\": { \"railway\": { \"projectId\" } } in package.json).";
        }
        else if (target is not null && Contains(said, "service '") && Contains(said, "not found"))
        {
            explanation = $"the Railway project has no service '{target.Service}' (module {target.Module}): create it from .railway/railway.ts with `railway config apply`, or fix the name in modules/{target.Module}/mcp/railway.service.ts.";
        }
        else if (target is not null && Contains(said, "resolve environment"))
        {
            explanation = $"the Railway project has no environment '{target.Environment}': pass --environment <name> (or set \"mcpops\": {{ \"railway\": {{ \"environment\" }} }} in package.json).";
        }
        else
        {
            explanation = $"Railway's `{what}` failed.";
        }

        var full = $"{explanation} Railway said: {said}";
        return inner is null ? new RailwayException(full) : new RailwayException(full, inner);
    }

    private static bool Contains(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
