using System.CommandLine;
using McpOps.Cli.Check;
using McpOps.Cli.Check.Output;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Commands;

/// <summary>`mcpops check [--format text|json|sarif] [--module NAME]`: the Definition of Done as rules.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format", "-f") { Description = "text (a table; colour on a terminal unless NO_COLOR is set), json (documented, stable) or sarif (SARIF 2.1.0 for GitHub code scanning).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var module = new Option<string?>("--module", "-m") { Description = "Check only this module (modules/<name>/mcp): its rules and the files under modules/<name>/." };
        var command = new Command("check", "Check the workspace against the Definition of Done: Dockerfiles, modules, Railway, Cloud Run, CI workflows, Kubernetes/Helm, Compose and committed secrets. Each finding has a rule ID, file and line, and a fix; suppress one only with a reason (mcpops.check.json or `# mcpops-check-disable-next-line RULE: reason`). Exit codes: 0 clean, 1 findings, 2 usage or unreadable input.")
        {
            format,
            module,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetValue(format)!, parseResult.GetValue(module)));
        return command;
    }

    public static int Run(CliContext context, string format, string? module)
    {
        var root = WorkspaceLocator.Find(context.WorkingDirectory);
        var report = CheckRunner.Run(CheckFiles.FromDisk(root), module);
        switch (format)
        {
            case "json":
                context.Output.Write(JsonReport.Render(report));
                break;
            case "sarif":
                context.Output.Write(SarifReport.Render(report));
                break;
            default:
                TextReport.Write(context.Output, report, UseColour(context));
                break;
        }

        return report.Clean ? ExitCodes.Ok : ExitCodes.Findings;
    }

    /// <summary>Colour only for a person at a terminal: stdout is the console, not redirected, and NO_COLOR (no-color.org) is unset.</summary>
    private static bool UseColour(CliContext context) =>
        ReferenceEquals(context.Output, Console.Out)
        && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(context.Environment("NO_COLOR"));
}
