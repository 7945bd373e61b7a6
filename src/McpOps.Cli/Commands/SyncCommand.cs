using System.CommandLine;
using McpOps.Cli.Output;
using McpOps.Cli.Wiring;

namespace McpOps.Cli.Commands;

/// <summary>`mcpops sync [--check] [--dry-run]`.</summary>
internal static class SyncCommand
{
    public static Command Create(CliContext context)
    {
        var check = new Option<bool>("--check") { Description = "Write nothing; print the drift as a unified diff and exit 1 if any file differs from what sync would write (for CI)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the changes sync would make as a unified diff, and write nothing." };
        var command = new Command("sync", "Reconcile the wiring of every module (modules/*/mcp): its mcp-core dependency and reference (C#: the ProjectReference to mcp-core-dotnet), the root tsconfig.json references, the <workspace>.slnx projects of C# modules, .railway/railway.ts, the compose includes and Kubernetes overlays (when infra/ has them) and the README modules table. Only the lines between mcpops:begin/end markers are rewritten; running it twice changes nothing. A module made with another npm scope moves to the workspace's. Refuses (exit 2, nothing written) to drop a line inside markers that sync did not write, naming it, and to write a JSON, YAML or XML file that would no longer parse.")
        {
            check,
            dryRun,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetValue(check), parseResult.GetValue(dryRun)));
        return command;
    }

    public static int Run(CliContext context, bool check, bool dryRun)
    {
        var session = WorkspaceSession.Open(context);
        var plan = SyncPlanner.Plan(session.Tree);
        foreach (var note in plan.Notes)
        {
            context.Error.WriteLine($"note: {note}");
        }

        var modules = plan.Workspace.Modules.Count;
        if (check || dryRun)
        {
            context.Output.Write(UnifiedDiff.Render(session.Tree));
            if (!session.Tree.HasChanges)
            {
                context.Error.WriteLine($"{McpOpsCli.Name}: in sync ({modules} modules).");
                return ExitCodes.Ok;
            }

            if (check)
            {
                context.Error.WriteLine($"{McpOpsCli.Name}: {session.Tree.Changes.Count} file(s) out of sync; run `{McpOpsCli.Name} sync` and commit the result.");
                return ExitCodes.Drift;
            }

            context.Error.WriteLine($"{McpOpsCli.Name}: dry run, nothing written.");
            return ExitCodes.Ok;
        }

        foreach (var path in session.Commit())
        {
            context.Output.WriteLine($"updated {path}");
        }

        context.Output.WriteLine($"{McpOpsCli.Name}: {modules} modules wired.");
        return ExitCodes.Ok;
    }
}
