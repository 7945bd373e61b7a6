namespace McpOps.Cli.Modules;

/// <summary>Runs the mcp-module template in a workspace root.</summary>
internal interface ITemplateRunner
{
    TemplateRunResult Run(string workspaceRoot, IReadOnlyList<string> arguments);
}

internal sealed record TemplateRunResult(int ExitCode, string Output, string CommandLine);
