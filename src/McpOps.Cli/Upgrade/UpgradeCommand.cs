using System.CommandLine;
using System.Reflection;
using McpOps.Cli.Commands;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Output;
using McpOps.Cli.Wiring;

namespace McpOps.Cli.Upgrade;

/// <summary>
/// `mcpops upgrade [--to VERSION] [--from PACKAGES] [--dry-run]`, one transaction: render every recorded
/// template instance at its version and at the target, merge three ways into the tree, let sync rewrite
/// its marked blocks, commit once. Conflicts are committed with markers (as `git merge` does) and exit 3.
/// </summary>
internal static class UpgradeCommand
{
    public static Command Create(CliContext context)
    {
        var to = new Option<string?>("--to") { Description = "The McpOps.Templates version to upgrade to. Default: this mcpops's version (the two packages share one version).", HelpName = "VERSION" };
        var from = new Option<string?>("--from") { Description = "A folder of McpOps.Templates.<version>.nupkg files, or one .nupkg, to render with. Versions not found there are taken from the NuGet global packages folder.", HelpName = "FOLDER|NUPKG" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the changes as a unified diff and what would happen to each file; write nothing. Exits 3 if the merge would conflict." };
        var command = new Command("upgrade", $"Upgrade the template output of the workspace (every instance in {TemplateRecord.Path}: the workspace, its runtimes in modules/_shared, each module) to a newer McpOps.Templates: files you did not edit take the new content, edited files keep your edits and take the non-conflicting upstream changes (a line-based three-way merge), new template files are added, and nothing you edited is lost. Overlapping changes are written with <<<<<<< workspace / ||||||| McpOps old / ======= / >>>>>>> McpOps new markers and exit 3. One transaction: on an error nothing is changed (exit 2).")
        {
            to,
            from,
            dryRun,
        };
        command.SetAction(parseResult =>
        {
            using var packs = new PackRenderer(context.Environment, parseResult.GetValue(from) is { } folder ? Path.GetFullPath(folder, context.WorkingDirectory) : null);
            return Run(context, new ProbeRenderer(packs, packs.FindPackage), parseResult.GetValue(to), parseResult.GetValue(dryRun));
        });
        return command;
    }

    public static int Run(CliContext context, ITemplateRenderer renderer, string? to, bool dryRun)
    {
        var session = WorkspaceSession.Open(context);
        var target = to ?? CurrentVersion;
        var plan = UpgradePlanner.Plan(session.Tree, renderer, target);
        foreach (var note in plan.Notes)
        {
            context.Error.WriteLine($"note: {note}");
        }

        if (plan.Conflicts == 0)
        {
            // The marked blocks belong to sync: it rewrites them on the merged tree, in the same transaction.
            SyncPlanner.Plan(session.Tree);
        }

        if (dryRun)
        {
            context.Output.Write(UnifiedDiff.Render(session.Tree));
            Report(context, plan);
            context.Error.WriteLine($"{McpOpsCli.Name}: dry run, nothing written.");
            return plan.Conflicts > 0 ? ExitCodes.Conflicts : ExitCodes.Ok;
        }

        if (!session.Tree.HasChanges)
        {
            context.Output.WriteLine($"{McpOpsCli.Name}: already at McpOps.Templates {target}; nothing to upgrade.");
            return ExitCodes.Ok;
        }

        TreeCommitter.Commit(session.Tree, session.Disk, context.BeforeWrite);
        Report(context, plan);
        if (plan.Conflicts > 0)
        {
            context.Error.WriteLine($"{McpOpsCli.Name}: {plan.Conflicts} file(s) have conflicts: resolve the marked regions, then run `{McpOpsCli.Name} sync` and `{McpOpsCli.Name} check`, and commit.");
            return ExitCodes.Conflicts;
        }

        context.Output.WriteLine($"{McpOpsCli.Name}: upgraded to McpOps.Templates {target}.");
        return ExitCodes.Ok;
    }

    /// <summary>This mcpops's version without the commit suffix (0.1.0+abc: 0.1.0).</summary>
    public static string CurrentVersion
    {
        get
        {
            var version = typeof(UpgradeCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }

    private static void Report(CliContext context, UpgradePlan plan)
    {
        foreach (var outcome in plan.Outcomes)
        {
            context.Output.WriteLine(outcome.Describe());
        }
    }
}
