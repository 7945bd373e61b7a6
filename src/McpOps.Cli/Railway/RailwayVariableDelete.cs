using System.Diagnostics;

namespace McpOps.Cli.Railway;

/// <summary>
/// Deletes one variable with the Railway CLI, `railway variable delete KEY --service S --environment E
/// --json`: Railway's MCP server has no tool that removes a variable (set_variables only upserts).
/// Only the variable's name is on the command line, never a value.
/// </summary>
internal static class RailwayVariableDelete
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task RunAsync(string executable, string workspaceRoot, RailwayTarget target, string key, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workspaceRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "variable", "delete", key, "--service", target.Service, "--environment", target.Environment, "--json" })
        {
            start.ArgumentList.Add(argument);
        }

        if (target.ProjectId is not null)
        {
            start.ArgumentList.Add("--project");
            start.ArgumentList.Add(target.ProjectId);
        }

        using var process = Process.Start(start) ?? throw new RailwayException($"could not start {executable}.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            process.Kill(entireProcessTree: true);
            throw new RailwayException($"`railway variable delete` did not finish within {Timeout.TotalMinutes:0} min: check `railway status`, then try again.", ex);
        }

        var said = ((await error.ConfigureAwait(false)) + "\n" + (await output.ConfigureAwait(false))).Trim();
        if (process.ExitCode == 0)
        {
            return;
        }

        if (said.Contains($"Variable '{key}' not found", StringComparison.OrdinalIgnoreCase))
        {
            throw new RailwayException($"{target} has no variable {key}: nothing to unset (`mcpops railway env {target.Module} list` shows the names it has).");
        }

        throw RailwayErrors.Explain("railway variable delete", target, said.Length > 0 ? said : $"exit code {process.ExitCode}", inner: null);
    }
}
