using System.CommandLine;
using McpOps.Cli.Modules;
using McpOps.Cli.Output;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Commands;

/// <summary>`mcpops remove &lt;name&gt; --yes`: unwire the module everywhere, then delete its folder.</summary>
internal static class RemoveCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The module to remove (a folder under modules/)." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Really do it. Without --yes the plan is printed, nothing is changed and the exit code is 2." };
        var command = new Command("remove", "Unwire a module from every root file, then delete modules/<name>/mcp (and modules/<name> when nothing else is in it); a C# module also leaves <workspace>.slnx. Afterwards `sync --check` passes; for a TypeScript module run `npm install` to update package-lock.json.")
        {
            name,
            yes,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetValue(name)!, parseResult.GetValue(yes)));
        return command;
    }

    public static int Run(CliContext context, string name, bool yes)
    {
        var session = WorkspaceSession.Open(context);
        var tree = session.Tree;
        var folder = $"modules/{name}/mcp";
        if (!ModuleName.IsDnsLabel(name) || !tree.DirectoryExists(folder))
        {
            var modules = tree.ListDirectories("modules").Where(m => !m.StartsWith('_') && !m.StartsWith('.') && tree.DirectoryExists($"modules/{m}/mcp"));
            throw new WorkspaceException($"no module named '{name}' (no {folder}/). Modules: {string.Join(", ", modules.DefaultIfEmpty("none"))}.");
        }

        var onlyModule = tree.Source.ListFilesRecursive($"modules/{name}").All(f => f.StartsWith(folder + "/", StringComparison.Ordinal))
            && tree.ListDirectories($"modules/{name}").SequenceEqual(["mcp"]);
        // Told from the files alone: a module whose files no longer parse can still be removed.
        var removed = ModuleDiscovery.Find(tree).FirstOrDefault(m => m.Name == name);
        tree.DeleteDirectory(onlyModule ? $"modules/{name}" : folder);
        Upgrade.TemplateRecord.Forget(tree, onlyModule ? $"modules/{name}" : folder);
        var plan = SyncPlanner.Plan(tree);
        foreach (var note in plan.Notes)
        {
            context.Error.WriteLine($"note: {note}");
        }

        if (!yes)
        {
            context.Output.Write(UnifiedDiff.Render(tree));
            context.Error.WriteLine($"{McpOpsCli.Name}: nothing changed. Run `{McpOpsCli.Name} remove {name} --yes` to do the above.");
            return ExitCodes.InputError;
        }

        foreach (var path in session.Commit())
        {
            context.Output.WriteLine(path.EndsWith('/') ? $"deleted {path}" : $"updated {path}");
        }

        if (removed?.Flavour?.InRootTsconfig == true)
        {
            context.Output.WriteLine("next: npm install   (drops the module from package-lock.json and node_modules)");
        }

        return ExitCodes.Ok;
    }
}
