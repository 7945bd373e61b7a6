using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Commands;

/// <summary>`mcpops list [--format text|json]` (`--json` for short): every module with its package, port, Railway config and wiring state.</summary>
internal static class ListCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext context)
    {
        // --format as `check` spells it; --json is kept as its short form.
        var format = new Option<string>("--format", "-f") { Description = "text (a table) or json: an array of name, language, package, description, port, targets, function, railway, path, wired, missing.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var json = new Option<bool>("--json") { Description = "The same as --format json." };
        var command = new Command("list", "List the modules with their language (TypeScript or C#), package name (a C# module: its server project), port, targets (container, edge: a Supabase Edge Function), Railway config (ts, toml or none) and whether each is fully wired; `missing` names what sync would add.")
        {
            format,
            json,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetResult(format) is { Implicit: false } && result.GetValue(format) != "json")
            {
                result.AddError($"--json and --format {result.GetValue(format)} ask for different outputs; give one of them.");
            }
        });
        command.SetAction(parseResult => Run(context, parseResult.GetValue(json) || parseResult.GetValue(format) == "json"));
        return command;
    }

    public static int Run(CliContext context, bool json)
    {
        var session = WorkspaceSession.Open(context);
        var workspace = Workspace.Read(session.Tree);
        var missing = WiringStatus.Missing(session.Tree, workspace);
        if (json)
        {
            var array = new JsonArray();
            foreach (var m in workspace.Modules)
            {
                array.Add((JsonNode)new JsonObject
                {
                    ["name"] = m.Name,
                    ["language"] = m.Flavour.DisplayName,
                    ["package"] = m.PackageName,
                    ["description"] = m.Description,
                    ["port"] = m.Port,
                    ["targets"] = new JsonArray([.. m.Targets.Select(t => JsonValue.Create(ModuleTargets.Id(t)))]),
                    ["function"] = m.Edge?.Name,
                    ["railway"] = m.Railway.ToString().ToLowerInvariant(),
                    ["path"] = m.Folder,
                    ["wired"] = missing[m.Name].Count == 0,
                    ["missing"] = new JsonArray([.. missing[m.Name].Select(x => JsonValue.Create(x))]),
                });
            }

            context.Output.WriteLine(array.ToJsonString(Indented));
            return ExitCodes.Ok;
        }

        string[] header = ["module", "language", "package", "port", "targets", "railway", "wired"];
        var rows = workspace.Modules.Select(m => new[]
        {
            m.Name,
            m.Flavour.DisplayName,
            m.PackageName,
            m.Port is null ? "?" : m.PortText,
            ModuleTargets.Describe(m.Targets),
            m.Railway.ToString().ToLowerInvariant(),
            missing[m.Name].Count == 0 ? "yes" : "no: " + string.Join("; ", missing[m.Name]),
        }).ToList();
        if (rows.Count == 0)
        {
            context.Output.WriteLine($"no modules yet: `{McpOpsCli.Name} add <name>` creates one.");
            return ExitCodes.Ok;
        }

        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            context.Output.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }

        return ExitCodes.Ok;
    }
}
