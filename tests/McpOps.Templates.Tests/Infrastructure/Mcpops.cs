namespace McpOps.Templates.Tests.Infrastructure;

/// <summary>Runs the real `mcpops` generator (built beside the tests by the project reference) as a process.</summary>
public static class Mcpops
{
    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "mcpops.dll"), .. arguments], workingDirectory, timeout: TimeSpan.FromMinutes(2));
}
