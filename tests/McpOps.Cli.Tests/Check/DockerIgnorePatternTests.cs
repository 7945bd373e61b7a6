using McpOps.Cli.Check.Docker;

namespace McpOps.Cli.Tests.Check;

/// <summary>
/// A pattern answers by string comparison or by a simple-name match where it can, and by its regular
/// expression otherwise: every way must give the expression's answer, for every kind of pattern and path.
/// </summary>
public sealed class DockerIgnorePatternTests
{
    private static readonly string[] Patterns =
    [
        ".env", "**/.env", "**/.env.*", "*.log", "**/*.pem", "**/id_rsa*", "**/gha-creds-*.json", "?.txt", "**/a?c",
        "*", "**/*", "**", "*/secrets", "modules/*/mcp", "modules/billing/mcp", "**/secrets", "**/node_modules",
        "a*b*c", "**/*.tar.gz", "[ab].txt", "**/[!x]y", "\\*.md", "**/x**y", "docs/**/*.md", ".git",
    ];

    private static readonly string[] Paths =
    [
        ".env", ".env.local", "a/.env", "a/b/.env.production", "x.log", "a/x.log", "key.pem", "deep/er/key.pem", ".pem",
        "id_rsa", "a/id_rsa.pub", "gha-creds-0123.json", "m/gha-creds-.json", "a.txt", "ab.txt", "b.txt", "abc", "a/abc",
        "a/axc", "a/ac", "", "a", "a/", "secrets", "x/secrets", "x/y/secrets", "modules/billing/mcp", "modules/x/mcp/Dockerfile",
        "node_modules", "a/node_modules", "aXbYc", "a/b/c", "abc.tar.gz", "z/abc.tar.gz", "y", "xy", "q/zy", "*.md", "x.md",
        "docs/a.md", "docs/a/b.md", "xy/z", "x/zzy", ".git", ".git/config", "line\nbreak.log", "a/line\n.env",
    ];

    [Fact]
    public void Every_pattern_answers_as_its_regular_expression_does()
    {
        var disagreements = (
            from pattern in Patterns
            from path in Paths
            let expected = DockerIgnorePattern.ToRegex(pattern).IsMatch(path)
            where new DockerIgnorePattern(pattern).IsMatch(path) != expected
            select $"{pattern} vs \"{path.Replace("\n", "\\n", StringComparison.Ordinal)}\": expression says {expected}").ToList();

        Assert.Empty(disagreements);
        // The probes above do reach both answers for the simple names.
        Assert.True(new DockerIgnorePattern("**/*.pem").IsMatch("deep/er/key.pem"));
        Assert.False(new DockerIgnorePattern("*.log").IsMatch("a/x.log"));
    }
}
