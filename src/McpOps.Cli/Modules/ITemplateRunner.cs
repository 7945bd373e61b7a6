namespace McpOps.Cli.Modules;

/// <summary>Runs the mcp-module template; its output folder (also its working folder) is the first argument of Run.</summary>
internal interface ITemplateRunner
{
    TemplateRunResult Run(string outputFolder, IReadOnlyList<string> arguments);
}

internal sealed record TemplateRunResult(int ExitCode, string Output, string CommandLine);
