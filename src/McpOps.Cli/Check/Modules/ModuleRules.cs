using System.Text.RegularExpressions;
using McpOps.Cli.Flavours;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Check.Modules;

/// <summary>MODULE001-MODULE003: /health through mcp-core, the mcp-core dependency, the README's operations sections.</summary>
internal sealed partial class ModuleRules : ICheckAnalyzer
{
    private static readonly (string Section, Regex Heading)[] ReadmeSections =
    [
        ("Deploy", DeployHeading()),
        ("Post-deploy test", PostDeployHeading()),
        ("Rollback", RollbackHeading()),
    ];

    public void Run(CheckContext context)
    {
        foreach (var module in context.Modules)
        {
            if (module.Flavour is { } flavour)
            {
                flavour.Check(context, module);
            }
            else
            {
                context.Add(Rules.ModuleCoreDependency, module.Manifest, 1, $"{module.Folder} is no known module flavour ({string.Join("; ", ModuleFlavours.All.Select(f => $"{f.DisplayName}: {f.DetectedBy}"))}): it cannot depend on mcp-core.");
            }

            CheckReadme(context, module);
        }
    }

    private static void CheckReadme(CheckContext context, ModuleLocation module)
    {
        var path = module.Folder + "/README.md";
        var lines = context.Lines(path);
        if (lines is null)
        {
            context.Add(Rules.ModuleReadme, module.Manifest, 1, $"{path} is missing: document Deploy, Post-deploy test and Rollback.");
            return;
        }

        var headings = new List<string>();
        var fenced = false;
        for (var i = 1; i <= lines.Count; i++)
        {
            var line = lines.LineSpan(i); // a copy only of the headings
            var indented = line.TrimStart();
            if (indented.StartsWith("```", StringComparison.Ordinal) || indented.StartsWith("~~~", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (!fenced && line.StartsWith('#'))
            {
                headings.Add(line.TrimStart('#').Trim().ToString());
            }
        }

        var missing = ReadmeSections.Where(s => !headings.Any(s.Heading.IsMatch)).Select(s => s.Section).ToList();
        if (missing.Count > 0)
        {
            context.Add(Rules.ModuleReadme, path, 1, $"no {string.Join(", ", missing.Select(m => $"\"{m}\""))} section.");
        }
    }

    [GeneratedRegex(@"['""`]/health['""`]")]
    internal static partial Regex HealthRoute();

    [GeneratedRegex(@"^deploy", RegexOptions.IgnoreCase)]
    private static partial Regex DeployHeading();

    [GeneratedRegex(@"post[- ]?deploy(ment)?\s+(test|check|verification)", RegexOptions.IgnoreCase)]
    private static partial Regex PostDeployHeading();

    [GeneratedRegex(@"^roll\s?back", RegexOptions.IgnoreCase)]
    private static partial Regex RollbackHeading();
}
