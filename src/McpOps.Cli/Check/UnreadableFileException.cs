namespace McpOps.Cli.Check;

/// <summary>A file check must read but cannot parse; the message starts with its path (and line). Exit code 2.</summary>
internal sealed class UnreadableFileException : Exception
{
    public UnreadableFileException(string message)
        : base(message)
    {
    }

    public UnreadableFileException()
    {
    }

    public UnreadableFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
