namespace McpOps.Cli.Supabase;

/// <summary>
/// A deploy could not be done: token or project ref missing, the bundle missing or stale, the Supabase
/// MCP server failed to start, or its tool refused. The message names the fix; the command exits 2.
/// </summary>
internal sealed class SupabaseException : Exception
{
    public SupabaseException(string message)
        : base(message)
    {
    }

    public SupabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SupabaseException()
        : this("the Supabase MCP server refused the request")
    {
    }
}
