using System.CommandLine;
using McpOps.Cli.Commands;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Railway;

/// <summary>
/// Runs one Railway subcommand: finds the workspace, resolves the module to its Railway target, finds
/// the Railway CLI, runs the operation, and turns a <see cref="RailwayException"/> into exit code 2.
/// Nothing in the workspace is written.
/// </summary>
internal sealed class RailwayOperation
{
    private RailwayOperation(CliContext context, string workspaceRoot, RailwayTarget target, string executable)
    {
        Context = context;
        WorkspaceRoot = workspaceRoot;
        Target = target;
        Executable = executable;
    }

    public CliContext Context { get; }

    public string WorkspaceRoot { get; }

    public RailwayTarget Target { get; }

    public string Executable { get; }

    public static int Run(CliContext context, ParseResult parse, RailwayTargetOptions options, Func<RailwayOperation, CancellationToken, Task> operation, Action? validate = null)
    {
        try
        {
            validate?.Invoke();
            var session = WorkspaceSession.Open(context);
            var target = RailwayServiceResolver.Resolve(
                session.Tree,
                Workspace.Read(session.Tree),
                parse.GetValue(options.Module)!,
                parse.GetValue(options.Environment),
                parse.GetValue(options.Project));
            var executable = RailwayExecutable.Find(context.Environment);
            context.Error.WriteLine($"{target.Module}: Railway {target}{(target.ProjectId is null ? "" : $", project {target.ProjectId}")}");
            operation(new RailwayOperation(context, session.Disk.Root, target, executable), CancellationToken.None).GetAwaiter().GetResult();
            return ExitCodes.Ok;
        }
        catch (RailwayException ex)
        {
            context.Error.WriteLine($"{McpOpsCli.Name}: error: {ex.Message}");
            return ExitCodes.InputError;
        }
    }

    public async Task<string> CallAsync(string tool, Dictionary<string, System.Text.Json.Nodes.JsonNode?> arguments, CancellationToken cancellationToken)
    {
        var client = await RailwayMcpClient.StartAsync(Executable, WorkspaceRoot, cancellationToken).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            return await client.CallAsync(tool, Target, arguments, cancellationToken).ConfigureAwait(false);
        }
    }
}
