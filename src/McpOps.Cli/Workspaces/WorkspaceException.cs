namespace McpOps.Cli.Workspaces;

/// <summary>
/// Bad input: a workspace file that cannot be read as it must be, a missing marker, a bad module name.
/// Reported as is, with exit code 2, and nothing is written.
/// </summary>
internal sealed class WorkspaceException : Exception
{
    public WorkspaceException(string message)
        : this([message])
    {
    }

    public WorkspaceException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems)) => Problems = problems;

    public WorkspaceException()
        : this("invalid workspace")
    {
    }

    public WorkspaceException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    public IReadOnlyList<string> Problems { get; } = [];
}
