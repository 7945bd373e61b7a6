namespace McpOps.Cli.Railway;

/// <summary>
/// The tools of Railway's local MCP server (`railway mcp`) that mcpops calls, and their argument
/// names, as declared in railwayapp/cli src/commands/mcp/handler.rs and params.rs. `service_id` and
/// `environment_id` take an ID or a name; a missing `project_id` means the project `railway link` chose.
/// </summary>
internal static class RailwayTools
{
    public const string WhoAmI = "whoami";
    public const string GetLogs = "get_logs";
    public const string ListDeployments = "list_deployments";
    public const string ListVariables = "list_variables";
    public const string SetVariables = "set_variables";

    public const string ProjectId = "project_id";
    public const string ServiceId = "service_id";
    public const string EnvironmentId = "environment_id";
}
