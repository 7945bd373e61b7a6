using System.Collections.Concurrent;
using System.Security;
using McpOps.Cli.Workspaces;
using Scriban;
using Scriban.Runtime;

namespace McpOps.Cli.Wiring;

/// <summary>
/// The Scriban templates (embedded Wiring/Templates/*.scriban) that render the lines of each marked
/// block from the list of modules. A template sees `modules`: objects with name, camel_name,
/// description (escaped for a Markdown table cell), port, language (TypeScript or C#) and projects
/// (a C# module's project paths, XML-escaped for an attribute; empty for TypeScript), targets (container+edge),
/// function and verify_jwt (its Supabase Edge Function; empty and false without one). Blank lines are dropped from the output,
/// so templates can be laid out for reading.
/// </summary>
internal static class BlockTemplates
{
    private static readonly ConcurrentDictionary<string, Template> Parsed = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> Render(string templateName, IEnumerable<ModuleInfo> modules)
    {
        var template = Parsed.GetOrAdd(templateName, Load);
        var model = new ScriptArray();
        foreach (var module in modules)
        {
            model.Add(new ScriptObject
            {
                ["name"] = module.Name,
                ["camel_name"] = module.CamelName,
                ["description"] = MarkdownCell(module.Description),
                ["port"] = module.PortText,
                ["language"] = module.Flavour.DisplayName,
                ["projects"] = new ScriptArray(module.SolutionProjects.Select(XmlAttribute)),
                ["targets"] = ModuleTargets.Describe(module.Targets),
                ["function"] = module.Edge?.Name ?? "",
                ["verify_jwt"] = module.Edge?.EffectiveVerifyJwt == true ? "true" : "false",
            });
        }

        var globals = new ScriptObject { ["modules"] = model };
        var context = new TemplateContext { StrictVariables = true, LoopLimit = int.MaxValue };
        context.PushGlobal(globals);
        var text = template.Render(context);
        return [.. text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Where(line => line.Trim().Length > 0)];
    }

    private static Template Load(string name)
    {
        var resource = $"McpOps.Cli.Templates.{name}.scriban";
        using var stream = typeof(BlockTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded template {resource} is missing");
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), resource);
        if (template.HasErrors)
        {
            throw new InvalidOperationException($"template {resource}: {string.Join("; ", template.Messages)}");
        }

        return template;
    }

    private static string XmlAttribute(string text) => SecurityElement.Escape(text);

    private static string MarkdownCell(string text) =>
        string.Join(' ', text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Replace("|", "\\|", StringComparison.Ordinal);
}
