using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using McpOps.Cli.Commands;

namespace McpOps.Cli.Railway;

/// <summary>`mcpops railway deployments &lt;module&gt;`: recent deployments through Railway's list_deployments tool.</summary>
internal static class RailwayDeploymentsCommand
{
    public static Command Create(CliContext context)
    {
        var target = new RailwayTargetOptions();
        var limit = new Option<int>("--limit") { Description = "How many deployments, newest first.", DefaultValueFactory = _ => 10 };
        var command = new Command("deployments", "List a module's recent Railway deployments (Railway's list_deployments tool): ID | status | created | commit, newest first.");
        target.AddTo(command);
        command.Options.Add(limit);
        command.SetAction(parse => RailwayOperation.Run(
            context,
            parse,
            target,
            async (operation, cancellationToken) =>
                context.Output.WriteLine(await operation.CallAsync(RailwayTools.ListDeployments, new() { ["limit"] = parse.GetValue(limit) }, cancellationToken).ConfigureAwait(false)),
            validate: () =>
            {
                if (parse.GetValue(limit) is < 1 or > 100)
                {
                    throw new RailwayException($"--limit {parse.GetValue(limit).ToString(CultureInfo.InvariantCulture)}: give a number from 1 to 100.");
                }
            }));
        return command;
    }
}
