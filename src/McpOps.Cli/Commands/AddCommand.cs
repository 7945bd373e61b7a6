using System.CommandLine;
using System.Globalization;
using McpOps.Cli.Flavours;
using McpOps.Cli.Modules;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Commands;

/// <summary>`mcpops add &lt;name&gt;`: validate, `dotnet new mcp-module`, then sync.</summary>
internal static class AddCommand
{
    public const string TemplatePackage = "McpOps.Templates";

    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = $"The module name: a lowercase DNS label starting with a letter, at most {ModuleName.MaxLength} characters (e.g. billing, crm-sync)." };
        var port = new Option<int?>("--port", "-p") { Description = "The port the server listens on (PORT). Default: the template's, 8080." };
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

        var command = new Command("add", "Create modules/<name>/mcp with the mcp-module template (`dotnet new mcp-module`, non-interactive) and wire it in with `sync`. Checks the name and the workspace first: on any problem nothing is created.")
        {
            name,
            port,
            description,
            railway,
            language,
        };
        command.SetAction(parseResult => Run(
            context,
            parseResult.GetValue(name)!,
            parseResult.GetValue(port),
            parseResult.GetValue(description),
            parseResult.GetValue(railway),
            parseResult.GetValue(language) is { } lang ? ModuleFlavours.Parse(lang) : null));
        return command;
    }

    public static int Run(CliContext context, string name, int? port, string? description, string? railwayConfig, IModuleFlavour? flavour = null)
    {
        if (ModuleName.Validate(name) is { } problem)
        {
            throw new WorkspaceException($"invalid module name: {problem}");
        }

        var session = WorkspaceSession.Open(context);
        // Plan a sync first: a malformed file or a missing marker must stop us before anything is created.
        var plan = SyncPlanner.Plan(session.Tree);
        if (session.Tree.DirectoryExists($"modules/{name}") || session.Tree.FileExists($"modules/{name}"))
        {
            throw new WorkspaceException($"modules/{name} already exists. Choose another name, or `{McpOpsCli.Name} remove {name} --yes` first.");
        }

        var expected = flavour ?? ModuleFlavours.Default;
        var arguments = new List<string> { "mcp-module", "--name", name };
        arguments.AddRange(expected.TemplateArguments(plan.Workspace));
        if (port is { } p)
        {
            arguments.Add("--port=" + p.ToString(CultureInfo.InvariantCulture));
        }

        if (description is not null)
        {
            arguments.Add("--description=" + description);
        }

        if (railwayConfig is not null)
        {
            arguments.Add("--railway-config=" + railwayConfig);
        }

        var result = context.TemplateRunner.Run(session.Disk.Root, arguments);
        if (result.ExitCode != 0)
        {
            if (TemplateMissing(result))
            {
                throw new WorkspaceException(
                    $"the mcp-module template is not installed. Install it with:\n    dotnet new install {TemplatePackage}\nthen run `{McpOpsCli.Name} add {name}` again.");
            }

            throw new WorkspaceException($"`{result.CommandLine}` exited {result.ExitCode}:\n{result.Output.TrimEnd()}");
        }

        var created = $"modules/{name}/mcp";
        var wired = WorkspaceSession.At(session.Disk.Root);
        var module = Workspace.Read(wired.Tree).Modules.FirstOrDefault(m => m.Name == name);
        if (module is null || module.Flavour != expected)
        {
            var found = module is null ? "no module" : $"a {module.Flavour.DisplayName} module";
            throw new WorkspaceException($"`{result.CommandLine}` succeeded but wrote {found} in {created}/, not a {expected.DisplayName} one (is the installed McpOps.Templates older than this mcpops?):\n{result.Output.TrimEnd()}");
        }

        context.Output.WriteLine($"created {created}/ ({result.CommandLine})");
        // The notes about infra folders are sync's business; the ones that leave this module half-wired are not.
        SyncPlanner.Plan(wired.Tree);
        foreach (var note in module.Flavour.WorkspaceNotes(wired.Tree, [module]))
        {
            context.Error.WriteLine($"note: {note}");
        }

        foreach (var path in wired.Commit())
        {
            context.Output.WriteLine($"updated {path}");
        }

        context.Output.WriteLine("next: " + module.Flavour.NextStep(module));
        return ExitCodes.Ok;
    }

    /// <summary>dotnet new exits 103 and says so when no installed template has the short name.</summary>
    private static bool TemplateMissing(TemplateRunResult result) =>
        result.ExitCode == 103
        || result.Output.Contains("No templates or subcommands found matching", StringComparison.OrdinalIgnoreCase)
        || result.Output.Contains("No templates found matching", StringComparison.OrdinalIgnoreCase);
}
