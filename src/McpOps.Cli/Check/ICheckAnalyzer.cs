namespace McpOps.Cli.Check;

/// <summary>A group of rules over one kind of file; reports findings into the context.</summary>
internal interface ICheckAnalyzer
{
    /// <summary>
    /// True when the analyzer parses YAML (<see cref="CheckContext.Yaml"/>). Two threads parsing YAML with
    /// YamlDotNet measured slower together than one after the other (18.1, which interns every mapping key
    /// under the runtime's one intern-table lock, and 16.3, which does not: docs/benchmarks.md), so
    /// <see cref="CheckRunner"/> runs these analyzers one after another on one thread.
    /// </summary>
    bool ParsesYaml => false;

    void Run(CheckContext context);
}
