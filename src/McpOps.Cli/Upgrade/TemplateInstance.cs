namespace McpOps.Cli.Upgrade;

/// <summary>
/// One run of a template that wrote into the workspace: which template, the pack version that ran,
/// the options it was given (as `dotnet new` arguments after the short name), the folder it wrote
/// into (relative to the workspace root; "" is the root) and each file it wrote with the SHA-256 of
/// its content, so `upgrade` can render it again exactly and tell the team's edits from the template's.
/// </summary>
internal sealed record TemplateInstance(
    string Template,
    string Version,
    IReadOnlyList<string> Arguments,
    string Output,
    IReadOnlyDictionary<string, string> Files)
{
    /// <summary>"mcp-module --name billing --port=8080": the instance as a person reads it.</summary>
    public string Describe() => string.Join(' ', new[] { Template }.Concat(Arguments));
}
