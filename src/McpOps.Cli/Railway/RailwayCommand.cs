using System.CommandLine;
using McpOps.Cli.Commands;

namespace McpOps.Cli.Railway;

/// <summary>
/// `mcpops railway …`: day-2 operations on a module's Railway service (logs, variables, deployments)
/// through Railway's own MCP server, and a `deploy` that refuses and explains the GitHub flow.
/// </summary>
internal static class RailwayCommand
{
    public static Command Create(CliContext context)
    {
        var railway = new Command("railway", "Day-2 operations on a module's Railway service through Railway's MCP server (`railway mcp`, part of the Railway CLI: log in with `railway login`, link the workspace root with `railway link`). The service is the one the module's railway.service.ts declares; the environment is --environment, else \"mcpops.railway.environment\" in package.json, else production.");
        railway.Subcommands.Add(RailwayLogsCommand.Create(context));
        railway.Subcommands.Add(RailwayEnvCommand.Create(context));
        railway.Subcommands.Add(RailwayDeploymentsCommand.Create(context));
        railway.Subcommands.Add(RailwayDeployCommand.Create(context));
        return railway;
    }
}
