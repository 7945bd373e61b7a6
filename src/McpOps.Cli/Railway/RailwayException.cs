namespace McpOps.Cli.Railway;

/// <summary>
/// Railway could not do what was asked: the CLI is missing, not logged in, the project is not linked,
/// the service or environment does not exist. The message names the fix; the command exits 2.
/// </summary>
internal sealed class RailwayException : Exception
{
    public RailwayException(string message)
        : base(message)
    {
    }

    public RailwayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RailwayException()
        : this("Railway refused the request")
    {
    }
}
