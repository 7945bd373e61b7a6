using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using McpOps.Cli.Commands;

namespace McpOps.Cli.Railway;

/// <summary>`mcpops railway logs &lt;module&gt;`: the latest deployment's logs through Railway's get_logs tool.</summary>
internal static class RailwayLogsCommand
{
    public static Command Create(CliContext context)
    {
        var target = new RailwayTargetOptions();
        var lines = new Option<int>("--lines", "-n") { Description = "How many log lines.", DefaultValueFactory = _ => 100 };
        var type = new Option<string>("--type") { Description = "Which logs: deploy (the running server), build, or http (requests).", DefaultValueFactory = _ => "deploy" };
        type.AcceptOnlyFromAmong("deploy", "build", "http");
        var since = new Option<string?>("--since") { Description = "Only lines after this time: relative (30m, 2h, 1d) or ISO 8601." };
        var level = new Option<string?>("--level") { Description = "Only lines of this level (deploy and build logs)." };
        level.AcceptOnlyFromAmong("error", "warn", "info");
        var search = new Option<string?>("--search") { Description = "Only lines containing this text." };
        var deployment = new Option<string?>("--deployment") { Description = "A deployment ID (see `mcpops railway deployments`). Default: the latest." };
        var command = new Command("logs", "Print a module's Railway logs (Railway's get_logs tool): the latest deployment's server logs by default.");
        target.AddTo(command);
        command.Options.Add(lines);
        command.Options.Add(type);
        command.Options.Add(since);
        command.Options.Add(level);
        command.Options.Add(search);
        command.Options.Add(deployment);
        command.SetAction(parse => RailwayOperation.Run(
            context,
            parse,
            target,
            async (operation, cancellationToken) =>
            {
                var arguments = new Dictionary<string, JsonNode?>
                {
                    ["log_type"] = parse.GetValue(type),
                    ["lines"] = parse.GetValue(lines),
                };
                AddIfSet(arguments, "since", parse.GetValue(since));
                AddIfSet(arguments, "level", parse.GetValue(level));
                AddIfSet(arguments, "search", parse.GetValue(search));
                AddIfSet(arguments, "deployment_id", parse.GetValue(deployment));
                context.Output.WriteLine(await operation.CallAsync(RailwayTools.GetLogs, arguments, cancellationToken).ConfigureAwait(false));
            },
            validate: () =>
            {
                if (parse.GetValue(lines) is < 1 or > 5000)
                {
                    throw new RailwayException($"--lines {parse.GetValue(lines).ToString(CultureInfo.InvariantCulture)}: give a number from 1 to 5000.");
                }
            }));
        return command;
    }

    private static void AddIfSet(Dictionary<string, JsonNode?> arguments, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            arguments[name] = value;
        }
    }
}
