using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpOps.Cli.Commands;

namespace McpOps.Cli.Railway;

/// <summary>
/// `mcpops railway env &lt;module&gt; [list | set KEY | unset KEY]`: a service's variables. `list` prints
/// names only, never values; `set` reads the value from stdin or --from-file, never from argv.
/// </summary>
internal static partial class RailwayEnvCommand
{
    public static Command Create(CliContext context)
    {
        var target = new RailwayTargetOptions();
        var action = new Argument<string>("action") { Description = "list (the default): variable names, never values; set KEY: value from stdin or --from-file; unset KEY.", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "list" };
        action.AcceptOnlyFromAmong("list", "set", "unset");
        var key = new Argument<string?>("key") { Description = "The variable name (set, unset).", Arity = ArgumentArity.ZeroOrOne };
        var fromFile = new Option<string?>("--from-file") { Description = "set: read the value from this file instead of stdin (one trailing line break is dropped)." };
        var skipDeploys = new Option<bool>("--skip-deploys") { Description = "set: do not redeploy the service (the value applies at the next deploy)." };
        var command = new Command("env", "List, set or unset a module's Railway variables (Railway's list_variables and set_variables tools; unset runs `railway variable delete`, which the MCP server lacks). Values never come from the command line and are never printed.");
        target.AddTo(command);
        command.Arguments.Add(action);
        command.Arguments.Add(key);
        command.Options.Add(fromFile);
        command.Options.Add(skipDeploys);
        command.SetAction(parse =>
        {
            var verb = parse.GetValue(action) ?? "list";
            var name = parse.GetValue(key);
            string? value = null;
            return RailwayOperation.Run(
                context,
                parse,
                target,
                (operation, cancellationToken) => verb switch
                {
                    "set" => SetAsync(operation, name!, value!, parse.GetValue(skipDeploys), cancellationToken),
                    "unset" => UnsetAsync(operation, name!, cancellationToken),
                    _ => ListAsync(operation, cancellationToken),
                },
                validate: () =>
                {
                    ValidateKey(verb, name, parse.GetValue(fromFile));
                    if (verb == "set")
                    {
                        // Read before Railway starts: a missing value fails fast and nothing is sent.
                        value = SecretValue.Read(name!, parse.GetValue(fromFile), context.Input, context.Error);
                    }
                });
        });
        return command;
    }

    private static void ValidateKey(string verb, string? key, string? fromFile)
    {
        if (verb == "list")
        {
            if (key is not null)
            {
                throw new RailwayException($"`env list` takes no variable name (got '{key}'): `env <module> set {key}` sets it, `env <module> unset {key}` removes it.");
            }

            return;
        }

        if (fromFile is not null && verb != "set")
        {
            throw new RailwayException("--from-file goes with `set` only.");
        }

        if (key is null)
        {
            throw new RailwayException($"`env <module> {verb}` needs a variable name, e.g. `env billing {verb} MCP_AUTH_TOKEN`.");
        }

        if (key.Contains('=', StringComparison.Ordinal))
        {
            throw new RailwayException($"'{key[..key.IndexOf('=', StringComparison.Ordinal)]}=…': values never go on the command line (shell history and process listings keep them). Pipe the value in: `printf %s \"$VALUE\" | mcpops railway env <module> set {key[..key.IndexOf('=', StringComparison.Ordinal)]}`, or pass --from-file <path>.");
        }

        if (!VariableName().IsMatch(key))
        {
            throw new RailwayException($"'{key}' is not a variable name: letters, digits and '_', not starting with a digit (e.g. MCP_AUTH_TOKEN).");
        }
    }

    private static async Task ListAsync(RailwayOperation operation, CancellationToken cancellationToken)
    {
        var text = await operation.CallAsync(RailwayTools.ListVariables, [], cancellationToken).ConfigureAwait(false);
        var names = text.Split('\n')
            .Select(line => line.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? line[..at].Trim() : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var name in names)
        {
            operation.Context.Output.WriteLine(name);
        }

        operation.Context.Error.WriteLine(names.Count == 0
            ? $"{operation.Target.Module}: no variables."
            : $"{operation.Target.Module}: {names.Count} variable(s); values are not shown (open the service's Variables in the Railway dashboard to see one).");
    }

    private static async Task SetAsync(RailwayOperation operation, string key, string value, bool skipDeploys, CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, JsonNode?> { ["variables"] = new JsonObject { [key] = value } };
        if (skipDeploys)
        {
            arguments["skip_deploys"] = true;
        }

        await operation.CallAsync(RailwayTools.SetVariables, arguments, cancellationToken).ConfigureAwait(false);
        var module = operation.Target.Module;
        operation.Context.Output.WriteLine($"{module}: set {key} on {operation.Target}{(skipDeploys ? " (no redeploy: it applies at the next deploy)" : "; Railway redeploys the service")}.");
        operation.Context.Error.WriteLine($"{module}: Railway's set_variables tool cannot seal a variable. If {key} is a secret, seal it now: Railway dashboard -> service {operation.Target.Service} -> Variables -> {key} -> Seal (a sealed value is never shown again).");
    }

    private static async Task UnsetAsync(RailwayOperation operation, string key, CancellationToken cancellationToken)
    {
        await RailwayVariableDelete.RunAsync(operation.Executable, operation.WorkspaceRoot, operation.Target, key, cancellationToken).ConfigureAwait(false);
        operation.Context.Output.WriteLine($"{operation.Target.Module}: unset {key} on {operation.Target}.");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
