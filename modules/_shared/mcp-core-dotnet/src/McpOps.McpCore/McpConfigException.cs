namespace McpOps.McpCore;

/// <summary>Thrown for any invalid or missing setting; the message names each variable and is meant for operators.</summary>
public sealed class McpConfigException : Exception
{
    public McpConfigException(IReadOnlyList<string> problems)
        : base("Invalid MCP server configuration:\n  - " + string.Join("\n  - ", problems ?? []))
    {
        Problems = problems ?? [];
    }

    public McpConfigException()
        : this([])
    {
    }

    public McpConfigException(string message)
        : this([message])
    {
    }

    public McpConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; }
}
