using System.CommandLine;

namespace McpOps.Cli.Railway;

/// <summary>The module argument and the --environment / --project options every Railway subcommand takes.</summary>
internal sealed class RailwayTargetOptions
{
    public Argument<string> Module { get; } = new("module") { Description = "The module (folder under modules/)." };

    public Option<string?> Environment { get; } = new("--environment", "-e") { Description = "The Railway environment (name or ID). Default: \"mcpops.railway.environment\" in package.json, else production." };

    public Option<string?> Project { get; } = new("--project") { Description = "The Railway project ID. Default: \"mcpops.railway.projectId\" in package.json, else the project `railway link` chose for the workspace root." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Module);
        command.Options.Add(Environment);
        command.Options.Add(Project);
    }
}
