using System.CommandLine;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Modules;
using McpOps.Cli.Output;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Commands;

/// <summary>`mcpops rename &lt;old&gt; &lt;new&gt; [--dry-run]`: move a module and rewrite every reference to it, in one commit.</summary>
internal static class RenameCommand
{
    public static Command Create(CliContext context)
    {
        var oldName = new Argument<string>("old") { Description = "The module to rename (a folder under modules/)." };
        var newName = new Argument<string>("new") { Description = $"Its new name: {ModuleName.Rule}." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the changes as a unified diff and write nothing." };
        var command = new Command("rename", "Move modules/<old> to modules/<new> and rewrite every reference in one transaction: the module's files (Dockerfile COPY lines, dockerignore allow-lists, railway.service.ts, compose fragment, Kubernetes overlay, Helm values, package or project names, mcpops.module.json), package-lock.json paths, .github/google-cloud.json, and every marked block sync keeps (root tsconfig, .railway/railway.ts, compose includes, Kubernetes environments, solution, README table). Build output (node_modules, dist, bin, obj) is not moved: rebuild afterwards.")
        {
            oldName,
            newName,
            dryRun,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetValue(oldName)!, parseResult.GetValue(newName)!, parseResult.GetValue(dryRun)));
        return command;
    }

    public static int Run(CliContext context, string oldName, string newName, bool dryRun)
    {
        if (ModuleName.Validate(newName, n => WorkspaceLocator.HasModuleFolder(context.WorkingDirectory, n)) is { } problem)
        {
            throw new WorkspaceException($"invalid module name: {problem}");
        }

        if (new ModuleNames(newName).LimitProblems() is { Count: > 0 } limits)
        {
            throw new WorkspaceException($"invalid module name '{newName}': {string.Join("; ", limits)}.");
        }

        var session = WorkspaceSession.Open(context);
        var tree = session.Tree;
        var modules = ModuleDiscovery.Find(tree);
        if (modules.All(m => m.Name != oldName))
        {
            throw new WorkspaceException($"no module named '{oldName}' (no modules/{oldName}/mcp/). Modules: {string.Join(", ", modules.Select(m => m.Name).DefaultIfEmpty("none"))}.");
        }

        if (oldName == newName)
        {
            throw new WorkspaceException($"'{oldName}' is already the module's name.");
        }

        if (tree.DirectoryExists($"modules/{newName}") || tree.FileExists($"modules/{newName}"))
        {
            throw new WorkspaceException($"modules/{newName} already exists. Choose another name.");
        }

        // Reading the workspace first: a malformed file stops the rename before anything is planned.
        var scope = Workspace.Read(tree).Scope;
        var plan = ModuleRename.Plan(tree, oldName, newName, scope);
        foreach (var note in plan.Notes.Where(n => !n.Contains(" not found", StringComparison.Ordinal)))
        {
            context.Error.WriteLine($"note: {note}");
        }

        if (dryRun)
        {
            context.Output.Write(UnifiedDiff.Render(tree));
            context.Error.WriteLine($"{McpOpsCli.Name}: dry run, nothing written.");
            return ExitCodes.Ok;
        }

        var written = TreeCommitter.Commit(tree, session.Disk, context.BeforeWrite);
        context.Output.WriteLine($"renamed modules/{oldName}/ to modules/{newName}/ ({written.Count(p => p.StartsWith($"modules/{newName}/", StringComparison.Ordinal))} files)");
        foreach (var path in written.Where(p => !p.StartsWith($"modules/{newName}/", StringComparison.Ordinal) && !p.EndsWith('/')))
        {
            context.Output.WriteLine($"updated {path}");
        }

        var module = plan.Workspace.Modules.First(m => m.Name == newName);
        context.Output.WriteLine("next: " + module.Flavour.NextStep(module));
        return ExitCodes.Ok;
    }
}
