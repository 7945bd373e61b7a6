namespace McpOps.Cli.Workspaces;

/// <summary>How a module is configured for Railway.</summary>
internal enum RailwayConfig
{
    /// <summary>Neither railway.service.ts nor railway.toml.</summary>
    None,

    /// <summary>modules/&lt;name&gt;/mcp/railway.service.ts, imported by .railway/railway.ts.</summary>
    Ts,

    /// <summary>A legacy railway.toml (deprecated Config as Code): not wired into .railway/railway.ts.</summary>
    Toml,
}
