using System.CommandLine;
using McpOps.Cli.Commands;

namespace McpOps.Cli.Railway;

/// <summary>
/// `mcpops railway deploy`: refuses. Railway builds every service from GitHub main once CI has passed
/// ("Wait for CI"); a deploy from a laptop (`railway up`) skips review, CI, the image scan and the
/// immutable tag, and the next push to main silently replaces it.
/// </summary>
internal static class RailwayDeployCommand
{
    public static Command Create(CliContext context)
    {
        var module = new Argument<string?>("module") { Description = "The module you meant to deploy.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("deploy", "Refuses, and explains the GitHub flow: Railway deploys only from GitHub main after CI passes, never from a laptop.")
        {
            module,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(module) ?? "<module>";
            context.Error.WriteLine($"""
                {McpOpsCli.Name}: error: `railway deploy` is refused: Railway deploys this workspace only from GitHub main, after CI passes ("Wait for CI"); a deploy from here (`railway up`) would skip review, CI, the image scan and the immutable tag, and the next push to main would replace it.
                To deploy {name}:
                  1. open a pull request with the change and let CI pass (`mcpops check` is the Definition of Done);
                  2. merge it to main: Railway builds and deploys the commit once the workflows on main succeed;
                  3. follow it: `{McpOpsCli.Name} railway deployments {name}`, then `{McpOpsCli.Name} railway logs {name}`.
                To roll back, revert the commit on main (or redeploy the previous deployment from the Railway dashboard, then revert).
                """);
            return ExitCodes.InputError;
        });
        return command;
    }
}
