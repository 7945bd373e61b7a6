namespace McpOps.Cli.Check;

/// <summary>A group of rules over one kind of file; reports findings into the context.</summary>
internal interface ICheckAnalyzer
{
    /// <summary>
    /// True when the analyzer parses YAML (<see cref="CheckContext.Yaml"/>). YamlDotNet interns every
    /// mapping key with <c>string.IsInterned</c>, which takes the runtime's one intern-table lock: two
    /// threads parsing YAML measured slower together than one after the other, so
    /// <see cref="CheckRunner"/> runs these analyzers one after another on one thread.
    /// </summary>
    bool ParsesYaml => false;

    void Run(CheckContext context);
}
