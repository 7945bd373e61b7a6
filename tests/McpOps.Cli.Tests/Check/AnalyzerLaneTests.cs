using McpOps.Cli.Check;

namespace McpOps.Cli.Tests.Check;

/// <summary>
/// The analyzers that parse YAML run on one lane (CheckRunner), so one that parses YAML without
/// saying so would run beside them unnoticed: its view of the context refuses, and a declared one may.
/// </summary>
public sealed class AnalyzerLaneTests
{
    private const string Compose = "compose.yaml";

    [Fact]
    public void Only_an_analyzer_that_declares_it_may_parse_yaml()
    {
        var context = new CheckContext(CheckFiles.FromMemory(new Dictionary<string, string> { [Compose] = "services: {}\n" }), null);

        var refused = Assert.Throws<InvalidOperationException>(() => context.ForAnalyzer(new Analyzer(parsesYaml: false)).Yaml(Compose));
        Assert.Contains(nameof(ICheckAnalyzer.ParsesYaml), refused.Message, StringComparison.Ordinal);
        Assert.Single(context.ForAnalyzer(new Analyzer(parsesYaml: true)).Yaml(Compose)!);
    }

    private sealed class Analyzer(bool parsesYaml) : ICheckAnalyzer
    {
        public bool ParsesYaml => parsesYaml;

        public void Run(CheckContext context)
        {
        }
    }
}
