namespace McpOps.Cli.Upgrade;

/// <summary>
/// Renders a template at a given pack version, with given arguments, into memory: workspace-relative
/// path to content. `upgrade` renders every instance twice (the recorded version: base; the target: ours).
/// </summary>
internal interface ITemplateRenderer
{
    IReadOnlyDictionary<string, string> Render(string version, string template, IReadOnlyList<string> arguments);
}
