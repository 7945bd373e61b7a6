namespace McpOps.Cli.Check;

/// <summary>A group of rules over one kind of file; reports findings into the context.</summary>
internal interface ICheckAnalyzer
{
    void Run(CheckContext context);
}
