using McpOps.Cli.Commands;
using McpOps.Cli.Modules;

namespace McpOps.Cli.Tests.Infrastructure;

/// <summary>The outcome of one in-process `mcpops` run.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}

/// <summary>Runs the CLI in-process (fast): same parser, same commands, captured output, a chosen folder and environment.</summary>
public static class CliRun
{
    public static CliResult In(string workingDirectory, params string[] args) => In(workingDirectory, new Dictionary<string, string>(), args);

    public static CliResult In(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(workingDirectory, output, error, name => environment.GetValueOrDefault(name));
        var exit = McpOpsCli.Run(args, context);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Environment that makes `mcpops add` use the test run's private template hive.</summary>
    public static Dictionary<string, string> WithHive(string hive) => new() { [DotnetNewRunner.HiveVariable] = hive };
}
