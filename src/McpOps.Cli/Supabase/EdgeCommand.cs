using System.CommandLine;
using System.Globalization;
using McpOps.Cli.Commands;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Flavours;
using McpOps.Cli.Modules;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Supabase;

/// <summary>
/// `mcpops edge enable &lt;module&gt;`: adds the Supabase Edge target to an existing TypeScript module, in
/// one transaction. The mcp-module template is rendered twice for the module (plain and with --edge)
/// into staging folders; what --edge adds is merged in (<see cref="EdgeTargetMerge"/>), sync plans the
/// [functions.&lt;name&gt;] table of supabase/config.toml, and everything is committed once.
/// </summary>
internal static class EdgeCommand
{
    public static Command Create(CliContext context)
    {
        var module = new Argument<string>("module") { Description = "The module (folder name under modules/) to serve as a Supabase Edge Function too." };
        var enable = new Command("enable", "Add the Supabase Edge target to an existing TypeScript module: src/edge.ts, the build:edge script, \"targets\" and \"edge\" in mcpops.module.json, and its [functions.<name>] table in supabase/config.toml. The template is rendered into staging folders and only the Edge files are taken; files you edited are left alone and named.")
        {
            module,
        };
        enable.SetAction(parseResult => Enable(context, parseResult.GetValue(module)!));
        return new Command("edge", "The Supabase Edge Function target of a module (deploy it with `mcpops supabase deploy`).")
        {
            enable,
        };
    }

    public static int Enable(CliContext context, string name)
    {
        var session = WorkspaceSession.Open(context);
        var tree = session.Tree;
        var workspace = SyncPlanner.Plan(tree).Workspace;
        var module = workspace.Modules.FirstOrDefault(m => m.Name == name)
            ?? throw new WorkspaceException($"no module '{name}' (modules: {(workspace.Modules.Count == 0 ? "none" : string.Join(", ", workspace.Modules.Select(m => m.Name)))}).");
        if (module.Flavour != ModuleFlavours.TypeScript)
        {
            throw new WorkspaceException($"{module.Folder} is a {module.Flavour.DisplayName} module: Supabase Edge Functions run TypeScript under Deno, so only TypeScript modules can have the Edge target.");
        }

        if (module.IsEdge)
        {
            throw new WorkspaceException($"{module.Folder} already has the Edge target (function '{module.Edge!.Name}'): deploy it with `{McpOpsCli.Name} supabase deploy {name}`.");
        }

        var arguments = new List<string> { "mcp-module", "--name", name };
        arguments.AddRange(module.Flavour.TemplateArguments(workspace));
        if (module.Port is { } port)
        {
            arguments.Add("--port=" + port.ToString(CultureInfo.InvariantCulture));
        }

        if (module.Description.Length > 0)
        {
            arguments.Add("--description=" + module.Description);
        }

        if (module.Railway == RailwayConfig.Toml)
        {
            arguments.Add("--railway-config=toml");
        }

        var plain = Render(context, module.Folder, arguments);
        var edgeArguments = AddCommand.EdgeArguments(EdgeChoice.Edge);
        var edge = Render(context, module.Folder, [.. arguments, .. edgeArguments]);
        EdgeTargetTrace.EnsureSameVersion(tree, module.Folder, edge);
        var notes = EdgeTargetMerge.Apply(tree, module.Folder, plain, edge, edge.ListFilesRecursive(module.Folder));
        EdgeTargetTrace.Apply(tree, module.Folder, plain, edge, edgeArguments);
        var plan = SyncPlanner.Plan(tree);
        if (plan.Workspace.Modules.FirstOrDefault(m => m.Name == name) is not { IsEdge: true })
        {
            throw new WorkspaceException($"`dotnet new mcp-module --edge` wrote no Edge target into {module.Folder}/{ModuleMetadata.FileName} (is the installed McpOps.Templates older than this mcpops? `dotnet new update`).");
        }

        var written = TreeCommitter.Commit(tree, session.Disk, context.BeforeWrite);
        foreach (var path in written)
        {
            context.Output.WriteLine($"updated {path}");
        }

        foreach (var note in notes.Concat(plan.Notes.Where(n => n.Contains(RootFiles.SupabaseConfig, StringComparison.Ordinal))))
        {
            context.Error.WriteLine($"note: {note}");
        }

        context.Output.WriteLine($"next: npm install && npm run build:edge -w {module.Folder}, then `{McpOpsCli.Name} supabase deploy {name} --dry-run`");
        return ExitCodes.Ok;
    }

    private static FileTree Render(CliContext context, string folder, IReadOnlyList<string> arguments)
    {
        using var staging = StagingFolder.Create();
        var result = context.TemplateRunner.Run(staging.Path, arguments);
        if (result.ExitCode != 0)
        {
            throw new WorkspaceException($"`{result.CommandLine}` exited {result.ExitCode}:\n{result.Output.TrimEnd()}");
        }

        var tree = new FileTree(new InMemoryFileSource());
        staging.LoadInto(tree, folder, result.CommandLine);
        return tree;
    }
}
