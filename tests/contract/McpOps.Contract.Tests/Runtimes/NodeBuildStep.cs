using System.Diagnostics;

namespace McpOps.Contract.Tests.Runtimes;

/// <summary>Runs one build tool (tsc, esbuild) on Node from the repository root and fails with its output.</summary>
internal static class NodeBuildStep
{
    public static async Task RunAsync(string what, params string[] arguments)
    {
        using var build = Process.Start(new ProcessStartInfo(TypeScriptRuntime.Node, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryLayout.Root,
        })!;
        // Both streams at once: a tool that fills one pipe while the other is read would hang.
        var stdout = build.StandardOutput.ReadToEndAsync();
        var stderr = build.StandardError.ReadToEndAsync();
        await build.WaitForExitAsync();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed:\n{await stdout}{await stderr}");
        }
    }
}
