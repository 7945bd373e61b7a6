using McpOps.Cli.Modules;

namespace McpOps.Cli.Commands;

/// <summary>
/// Everything a command touches outside its arguments, so tests can run the whole CLI in-process:
/// the folder it runs in, where it writes, its environment, how it runs `dotnet new` and where it reads
/// standard input (secret values for `railway env set`).
/// </summary>
internal sealed class CliContext(
    string workingDirectory,
    TextWriter output,
    TextWriter error,
    Func<string, string?> environment,
    ITemplateRunner? templateRunner = null,
    TextReader? input = null,
    Action<string>? beforeWrite = null)
{
    public string WorkingDirectory { get; } = workingDirectory;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public Func<string, string?> Environment { get; } = environment;

    /// <summary>Standard input; <see cref="Console.In"/> unless a test gives its own.</summary>
    public TextReader Input { get; } = input ?? Console.In;

    public ITemplateRunner TemplateRunner { get; } = templateRunner ?? new DotnetNewRunner(environment);

    /// <summary>Called before each file a commit writes; tests throw from it to prove a failed write leaves the workspace as it was.</summary>
    public Action<string>? BeforeWrite { get; } = beforeWrite;

    public static CliContext FromProcess() =>
        new(Directory.GetCurrentDirectory(), Console.Out, Console.Error, System.Environment.GetEnvironmentVariable);
}
