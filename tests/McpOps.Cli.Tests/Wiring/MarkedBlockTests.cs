using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Tests.Wiring;

public sealed class MarkedBlockTests
{
    private const string Yaml = "services: {}\n  # mcpops:begin modules\n  - stale\n  # mcpops:end modules\nafter: true\n";

    [Fact]
    public void Replaces_only_the_lines_between_the_markers_with_the_marker_indentation()
    {
        var result = MarkedBlock.Replace("f.yml", Yaml, CommentStyle.Hash, "modules", ["- a", "- b"], "hint");
        Assert.Equal("services: {}\n  # mcpops:begin modules\n  - a\n  - b\n  # mcpops:end modules\nafter: true\n", result);
    }

    [Fact]
    public void Keeps_CRLF_line_endings()
    {
        var crlf = Yaml.Replace("\n", "\r\n");
        var result = MarkedBlock.Replace("f.yml", crlf, CommentStyle.Hash, "modules", ["- a"], "hint");
        Assert.Equal("services: {}\r\n  # mcpops:begin modules\r\n  - a\r\n  # mcpops:end modules\r\nafter: true\r\n", result);
    }

    [Fact]
    public void An_empty_block_keeps_both_markers()
    {
        var result = MarkedBlock.Replace("f.yml", Yaml, CommentStyle.Hash, "modules", [], "hint");
        Assert.Equal("services: {}\n  # mcpops:begin modules\n  # mcpops:end modules\nafter: true\n", result);
    }

    [Theory]
    [InlineData("a\n// mcpops:end references\n", "has `// mcpops:end references` (line 2) but no `// mcpops:begin references`")]
    [InlineData("// mcpops:begin references\n", "has `// mcpops:begin references` (line 1) but no `// mcpops:end references`")]
    [InlineData("// mcpops:end references\n// mcpops:begin references\n", "before")]
    [InlineData("// mcpops:begin references\n// mcpops:end references\n// mcpops:begin references\n// mcpops:end references\n", "more than once")]
    [InlineData("{}\n", "has no mcpops markers for its references")]
    public void A_missing_or_broken_marker_pair_names_the_file_and_what_to_add(string content, string expected)
    {
        var error = Assert.Throws<WorkspaceException>(() =>
            MarkedBlock.Replace("tsconfig.json", content, CommentStyle.Slashes, "references", ["x"], "inside the array"));
        Assert.StartsWith("tsconfig.json: ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Contains("Put `// mcpops:begin references` and `// mcpops:end references`", error.Message);
        Assert.Contains("inside the array", error.Message);
    }
}
