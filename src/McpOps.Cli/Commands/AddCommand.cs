using System.CommandLine;
using System.Globalization;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Flavours;
using McpOps.Cli.Modules;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Commands;

/// <summary>
/// `mcpops add &lt;name&gt;`, one transaction: validate, run `dotnet new mcp-module` into a staging folder,
/// load its output into the workspace tree, plan the wiring on that tree, and commit once.
/// </summary>
internal static class AddCommand
{
    public const string TemplatePackage = "McpOps.Templates";

    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = $"The module name: {ModuleName.Rule} (e.g. billing, crm-sync); exactly what `dotnet new mcp-module -n` writes for it. A name that breaks the rule is refused with the one to use (HTTPServer: http-server)." };
        var port = new Option<int?>("--port", "-p") { Description = "The port the server listens on (PORT). Default: the lowest port from 8080 up that no other module of the workspace uses." };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && value is < 1 or > 65535)
            {
                result.AddError($"--port must be between 1 and 65535 (got {value}).");
            }
        });
        var description = new Option<string?>("--description", "-d") { Description = "One sentence about the module (package.json, README, image labels)." };
        var railway = new Option<string?>("--railway-config", "-r") { Description = "ts: a railway.service.ts for .railway/railway.ts (default); toml: a legacy railway.toml (deprecated by Railway)." };
        railway.AcceptOnlyFromAmong("ts", "toml");
        var language = new Option<string?>("--language", "-lang") { Description = "TypeScript (default) or C#: the flavour of the mcp-module template (`dotnet new mcp-module --language`). A C# module gets src/<Name>.Mcp/ on mcp-core-dotnet and is listed in <workspace>.slnx.", HelpName = "TypeScript|C#" };
        language.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && ModuleFlavours.Parse(value) is null)
            {
                result.AddError($"--language must be {ModuleFlavours.Names} (got '{value}').");
            }
        });

        var edge = new Option<bool>("--edge") { Description = "Also serve the module as a Supabase Edge Function (TypeScript only): src/edge.ts, `npm run build:edge`, \"targets\": [\"container\", \"edge\"], and its [functions.<name>] table in supabase/config.toml." };
        var edgeOnly = new Option<bool>("--edge-only") { Description = "Only a Supabase Edge Function (implies --edge): no Dockerfile, compose, Kubernetes or Railway files." };
        var command = new Command("add", "Create modules/<name>/mcp with the mcp-module template (`dotnet new mcp-module`, non-interactive, into a staging folder) and wire it in as `sync` does, in one transaction: the name, the workspace, the template output and the wiring are all checked before the one commit, and on any problem nothing is changed.")
        {
            name,
            port,
            description,
            railway,
            language,
            edge,
            edgeOnly,
        };
        command.Validators.Add(result =>
        {
            var wantsEdge = result.GetValue(edge) || result.GetValue(edgeOnly);
            if (wantsEdge && result.GetValue(language) is { } lang && ModuleFlavours.Parse(lang) is { } chosen && chosen != ModuleFlavours.TypeScript)
            {
                result.AddError($"--edge and --edge-only need a TypeScript module (Supabase Edge Functions run under Deno); drop --language {lang}.");
            }
        });
        command.SetAction(parseResult => Run(
            context,
            parseResult.GetValue(name)!,
            parseResult.GetValue(port),
            parseResult.GetValue(description),
            parseResult.GetValue(railway),
            parseResult.GetValue(language) is { } lang ? ModuleFlavours.Parse(lang) : null,
            parseResult.GetValue(edgeOnly) ? EdgeChoice.EdgeOnly : parseResult.GetValue(edge) ? EdgeChoice.Edge : EdgeChoice.None));
        return command;
    }

    public static int Run(CliContext context, string name, int? port, string? description, string? railwayConfig, IModuleFlavour? flavour = null, EdgeChoice edge = EdgeChoice.None)
    {
        if (ModuleName.Validate(name, n => WorkspaceLocator.HasModuleFolder(context.WorkingDirectory, n)) is { } problem)
        {
            throw new WorkspaceException($"invalid module name: {problem}");
        }

        if (new ModuleNames(name).LimitProblems() is { Count: > 0 } limits)
        {
            throw new WorkspaceException($"invalid module name '{name}': {string.Join("; ", limits)}.");
        }

        var session = WorkspaceSession.Open(context);
        var tree = session.Tree;
        var workspace = Workspace.Read(tree);
        List<string> arguments;
        int chosenPort;
        try
        {
            (arguments, chosenPort) = TemplateArguments(tree, workspace, name, port, description, railwayConfig, flavour, edge);
        }
        catch (WorkspaceException)
        {
            // A malformed file or a missing marker is named first, as when the plan ran before these checks.
            SyncPlanner.Plan(tree);
            throw;
        }

        var expected = flavour ?? ModuleFlavours.Default;
        var folder = new ModuleNames(name).Folder;
        using (var staging = StagingFolder.Create())
        {
            var result = RunTemplateWhilePlanning(context, tree, staging, arguments);
            if (result.ExitCode != 0)
            {
                if (TemplateMissing(result))
                {
                    throw new WorkspaceException(
                        $"the mcp-module template is not installed. Install it with:\n    dotnet new install {TemplatePackage}\nthen run `{McpOpsCli.Name} add {name}` again.");
                }

                throw new WorkspaceException($"`{result.CommandLine}` exited {result.ExitCode}:\n{result.Output.TrimEnd()}");
            }

            staging.LoadInto(tree, folder, result.CommandLine);
            Upgrade.TemplateRecord.Record(tree, Upgrade.TemplateRecord.Of(arguments, Upgrade.TemplateRecord.ReadFolder(staging.Path), Upgrade.UpgradeCommand.CurrentVersion));
            var plan = SyncPlanner.Plan(tree);
            var module = plan.Workspace.Modules.FirstOrDefault(m => m.Name == name);
            if (module is not null && edge != EdgeChoice.None && !module.IsEdge)
            {
                throw new WorkspaceException($"`{result.CommandLine}` succeeded but the module has no Edge target in its {Workspaces.ModuleMetadata.FileName} (is the installed McpOps.Templates older than this mcpops? `dotnet new update`).");
            }

            if (module is null || module.Flavour != expected)
            {
                var found = module is null ? "no module" : $"a {module.Flavour.DisplayName} module";
                throw new WorkspaceException($"`{result.CommandLine}` succeeded but wrote {found} in {folder}/, not a {expected.DisplayName} one (is the installed McpOps.Templates older than this mcpops?):\n{result.Output.TrimEnd()}");
            }

            // The notes about infra folders are sync's business; the ones that leave this module's flavour half-wired are not.
            foreach (var note in plan.Notes.Where(n => n.Contains($"{module.Flavour.DisplayName} modules", StringComparison.Ordinal)))
            {
                context.Error.WriteLine($"note: {note}");
            }

            var written = TreeCommitter.Commit(tree, session.Disk, context.BeforeWrite);
            context.Output.WriteLine($"created {folder}/ (port {chosenPort}; {result.CommandLine.Replace($" --output {staging.Path}", "", StringComparison.Ordinal)}, staged, then committed with its wiring)");
            foreach (var path in written.Where(p => !p.StartsWith(folder + "/", StringComparison.Ordinal)))
            {
                context.Output.WriteLine($"updated {path}");
            }

            context.Output.WriteLine("next: " + module.Flavour.NextStep(module));
        }

        return ExitCodes.Ok;
    }

    /// <summary>The `dotnet new` arguments and the port, after the checks that need no plan: the folder is free, the port is.</summary>
    private static (List<string> Arguments, int Port) TemplateArguments(FileTree tree, Workspace workspace, string name, int? port, string? description, string? railwayConfig, IModuleFlavour? flavour, EdgeChoice edge)
    {
        if (tree.DirectoryExists($"modules/{name}") || tree.FileExists($"modules/{name}"))
        {
            throw new WorkspaceException($"modules/{name} already exists. Choose another name, or `{McpOpsCli.Name} remove {name} --yes` first.");
        }

        var chosenPort = ModulePorts.Choose(workspace, port);
        var arguments = new List<string> { "mcp-module", "--name", name };
        arguments.AddRange((flavour ?? ModuleFlavours.Default).TemplateArguments(workspace));
        arguments.Add("--port=" + chosenPort.ToString(CultureInfo.InvariantCulture));
        if (description is not null)
        {
            arguments.Add("--description=" + description);
        }

        if (railwayConfig is not null)
        {
            arguments.Add("--railway-config=" + railwayConfig);
        }

        arguments.AddRange(EdgeArguments(edge));
        return (arguments, chosenPort);
    }

    /// <summary>
    /// Runs the template into the staging folder while the workspace's own wiring is planned on this thread:
    /// `dotnet new` is most of the command's time, and the plan (which stops us on a malformed file or a
    /// missing marker) no longer waits for it or it for the plan. The plan's error wins, as when it ran first;
    /// the template is then left to finish, because the staging folder is deleted after it.
    /// </summary>
    private static TemplateRunResult RunTemplateWhilePlanning(CliContext context, FileTree tree, StagingFolder staging, IReadOnlyList<string> arguments)
    {
        var template = Task.Run(() => context.TemplateRunner.Run(staging.Path, arguments));
        try
        {
            SyncPlanner.Plan(tree);
        }
        catch
        {
            ((IAsyncResult)template).AsyncWaitHandle.WaitOne();
            throw;
        }

        return template.GetAwaiter().GetResult();
    }

    /// <summary>The mcp-module template options for the Edge target (the template's --edge and --edge-only).</summary>
    public static IReadOnlyList<string> EdgeArguments(EdgeChoice edge) => edge switch
    {
        EdgeChoice.Edge => ["--edge"],
        EdgeChoice.EdgeOnly => ["--edge-only"],
        _ => [],
    };

    /// <summary>dotnet new exits 103 and says so when no installed template has the short name.</summary>
    private static bool TemplateMissing(TemplateRunResult result) =>
        result.ExitCode == 103
        || result.Output.Contains("No templates or subcommands found matching", StringComparison.OrdinalIgnoreCase)
        || result.Output.Contains("No templates found matching", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What `mcpops add` asks of the template about the Supabase Edge target.</summary>
internal enum EdgeChoice
{
    None,
    Edge,
    EdgeOnly,
}
