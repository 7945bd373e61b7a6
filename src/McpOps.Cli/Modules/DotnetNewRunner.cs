using System.Diagnostics;

namespace McpOps.Cli.Modules;

/// <summary>
/// Runs `dotnet new &lt;arguments&gt; --no-update-check` with stdin closed, so a template can never wait
/// for input. MCPOPS_TEMPLATE_HIVE=&lt;absolute folder&gt; adds `--debug:custom-hive &lt;folder&gt;` (tests
/// install the pack into a private hive); MCPOPS_DOTNET overrides the dotnet executable.
/// </summary>
internal sealed class DotnetNewRunner(Func<string, string?> environment) : ITemplateRunner
{
    public const string HiveVariable = "MCPOPS_TEMPLATE_HIVE";
    public const string DotnetVariable = "MCPOPS_DOTNET";

    public TemplateRunResult Run(string outputFolder, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(environment(DotnetVariable) is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            WorkingDirectory = outputFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("new");
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.ArgumentList.Add("--output");
        startInfo.ArgumentList.Add(outputFolder);
        startInfo.ArgumentList.Add("--no-update-check");
        if (environment(HiveVariable) is { Length: > 0 } hive)
        {
            startInfo.ArgumentList.Add("--debug:custom-hive");
            startInfo.ArgumentList.Add(hive);
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        var commandLine = "dotnet " + string.Join(' ', startInfo.ArgumentList.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new TemplateRunResult(process.ExitCode, stdout.Result + stderr.Result, commandLine);
    }
}
