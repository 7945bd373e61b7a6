namespace McpOps.Cli.Wiring;

/// <summary>How a file type writes the mcpops markers: `// mcpops:begin x`, `# mcpops:begin x`, `&lt;!-- mcpops:begin x --&gt;`.</summary>
internal sealed record CommentStyle(string Prefix, string Suffix)
{
    public static readonly CommentStyle Slashes = new("// ", "");
    public static readonly CommentStyle Hash = new("# ", "");
    public static readonly CommentStyle Html = new("<!-- ", " -->");

    public string Begin(string block) => $"{Prefix}mcpops:begin {block}{Suffix}";

    public string End(string block) => $"{Prefix}mcpops:end {block}{Suffix}";
}
