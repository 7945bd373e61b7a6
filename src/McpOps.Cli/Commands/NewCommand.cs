using System.CommandLine;
using System.Text.RegularExpressions;
using McpOps.Cli.Modules;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Commands;

/// <summary>
/// `mcpops new &lt;workspace&gt; [--scope @acme]`: the front door. Runs the mcp-workspace template into a
/// staging folder and moves the result into ./&lt;workspace&gt;/ only when it succeeded. `@acme` works as
/// typed: mcpops parses without response files, and passes it on as `--scope=@acme`, which
/// `dotnet new` does not read as a response file either.
/// </summary>
internal static partial class NewCommand
{
    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("workspace") { Description = "The workspace folder to create (in the current folder) and its name." };
        var scope = new Option<string?>("--scope", "-s") { Description = "The npm scope of every package of the workspace, e.g. @acme or acme. Default: the template's (@app)." };
        var command = new Command("new", "Create a workspace: `dotnet new mcp-workspace` into a staging folder, then moved to ./<workspace>/ (nothing is left behind on failure). Then `cd <workspace> && mcpops add <module>`.")
        {
            name,
            scope,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetValue(name)!, parseResult.GetValue(scope)));
        return command;
    }

    public static int Run(CliContext context, string name, string? scope)
    {
        if (name.Length == 0 || name.IndexOfAny(['/', '\\']) >= 0 || name is "." or ".." || name.Any(char.IsWhiteSpace))
        {
            throw new WorkspaceException($"'{name}' is not a folder name: give the workspace a single folder name without spaces, e.g. acme or acme-platform.");
        }

        if (scope is not null && !ScopePattern().IsMatch(scope))
        {
            throw new WorkspaceException($"--scope '{scope}' is not an npm scope: lowercase letters, digits, '-', '.', '_' or '~', optionally after '@' (e.g. @acme).");
        }

        var target = Path.Combine(context.WorkingDirectory, name);
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new WorkspaceException($"{target} already exists. Choose another name, or remove it first.");
        }

        var arguments = new List<string> { "mcp-workspace", "--name", name };
        if (scope is not null)
        {
            arguments.Add("--scope=" + scope);
        }

        using var staging = StagingFolder.Create();
        var result = context.TemplateRunner.Run(staging.Path, arguments);
        if (result.ExitCode != 0)
        {
            throw new WorkspaceException($"`{result.CommandLine}` exited {result.ExitCode}:\n{result.Output.TrimEnd()}");
        }

        if (!File.Exists(Path.Combine(staging.Path, Workspace.RootPackageJson)))
        {
            throw new WorkspaceException($"`{result.CommandLine}` wrote no {Workspace.RootPackageJson} (is McpOps.Templates installed? `dotnet new install McpOps.Templates`):\n{result.Output.TrimEnd()}");
        }

        // The record of this template run goes in with the workspace, so `mcpops upgrade` can render it again.
        var record = Path.Combine(staging.Path, Upgrade.TemplateRecord.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(record)!);
        File.WriteAllText(record, Upgrade.TemplateRecord.Render([Upgrade.TemplateRecord.Of(arguments, Upgrade.TemplateRecord.ReadFolder(staging.Path), Upgrade.UpgradeCommand.CurrentVersion)]));
        staging.MoveTo(target);
        context.Output.WriteLine($"created {name}/ ({result.CommandLine.Replace($" --output {staging.Path}", "", StringComparison.Ordinal)}, staged, then moved)");
        context.Output.WriteLine($"next: cd {name} && {McpOpsCli.Name} add <module>");
        return ExitCodes.Ok;
    }

    [GeneratedRegex("^@?[a-z0-9][a-z0-9._~-]*$")]
    private static partial Regex ScopePattern();
}
