namespace McpOps.Templates.Tests.Infrastructure;

public sealed record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;

    /// <summary>Throws with the whole transcript so a failing step explains itself in the test log.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"`{CommandLine}` exited {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}");
        }

        return this;
    }
}
