using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Check.Modules;

/// <summary>MODULE001-MODULE003: /health through mcp-core, the mcp-core dependency, the README's operations sections.</summary>
internal sealed partial class ModuleRules : ICheckAnalyzer
{
    public const string CoreDotnetProject = "modules/_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj";

    private static readonly (string Section, Regex Heading)[] ReadmeSections =
    [
        ("Deploy", DeployHeading()),
        ("Post-deploy test", PostDeployHeading()),
        ("Rollback", RollbackHeading()),
    ];

    public void Run(CheckContext context)
    {
        var core = context.Json(Workspace.McpCorePackageJson);
        var coreName = core is null ? null : JsonFiles.GetString(core, "name");
        var importsCore = coreName is null ? null : new Regex($@"from\s+['""]{Regex.Escape(coreName)}(/[^'""]*)?['""]|import\(\s*['""]{Regex.Escape(coreName)}");
        foreach (var module in context.Modules)
        {
            switch (module.Language)
            {
                case ModuleLanguage.TypeScript:
                    CheckTypeScript(context, module, coreName, importsCore);
                    break;
                case ModuleLanguage.CSharp:
                    CheckCSharp(context, module);
                    break;
                default:
                    context.Add(Rules.ModuleCoreDependency, module.Manifest, 1, $"{module.Folder} has neither package.json (TypeScript) nor src/*/*.csproj (C#): it cannot depend on mcp-core.");
                    break;
            }

            CheckReadme(context, module);
        }
    }

    private static void CheckTypeScript(CheckContext context, CheckModule module, string? coreName, Regex? importsCore)
    {
        if (coreName is null || importsCore is null)
        {
            return; // mcp-core's package.json is missing or malformed: reported on its own.
        }

        var package = context.Json(module.Manifest);
        if (package is null)
        {
            return;
        }

        var lines = context.Lines(module.Manifest)!;
        if (package["dependencies"] is not JsonObject dependencies || !dependencies.ContainsKey(coreName))
        {
            var line = lines.Find("\"dependencies\"");
            context.Add(Rules.ModuleCoreDependency, module.Manifest, line, $"\"{coreName}\" is not in dependencies: the module does not use the workspace's mcp-core.");
        }

        // The entry point (what the bundle starts from) must start the server through mcp-core,
        // which serves /health, or serve /health itself.
        var entry = module.Folder + "/src/index.ts";
        var text = context.Files.Read(entry);
        if (text is null)
        {
            context.Add(Rules.ModuleHealth, module.Manifest, 1, $"{entry} is missing: the server's entry point starts it through {coreName}.");
        }
        else if (!importsCore.IsMatch(text) && !HealthRoute().IsMatch(text))
        {
            context.Add(Rules.ModuleHealth, entry, 1, $"the entry point neither imports {coreName} (which serves /health) nor defines a /health route.");
        }
    }

    private static void CheckCSharp(CheckContext context, CheckModule module)
    {
        var project = module.ProjectFile!;
        var text = context.Files.Read(project)!;
        XDocument xml;
        try
        {
            xml = XDocument.Parse(text, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            context.ReportUnreadable($"{project}:{ex.LineNumber}:{ex.LinePosition}: invalid XML: {ex.Message}");
            return;
        }

        var projectFolder = project[..project.LastIndexOf('/')];
        var references = xml.Descendants().Where(e => e.Name.LocalName == "ProjectReference").ToList();
        var coreReference = references.FirstOrDefault(r => Resolve(projectFolder, (string?)r.Attribute("Include") ?? "") == CoreDotnetProject);
        if (coreReference is null)
        {
            context.Add(Rules.ModuleCoreDependency, project, 1, $"no ProjectReference resolves to {CoreDotnetProject}: the module does not use the workspace's mcp-core-dotnet.");
        }
        else if (!context.Files.Exists(CoreDotnetProject))
        {
            context.Add(Rules.ModuleCoreDependency, project, ((IXmlLineInfo)coreReference).LineNumber, $"the ProjectReference points at {CoreDotnetProject}, which is not in the workspace.");
        }

        var entry = projectFolder + "/Program.cs";
        var source = context.Files.Read(entry);
        if (source is null)
        {
            context.Add(Rules.ModuleHealth, project, 1, $"{entry} is missing: the server's entry point starts it through McpOps.McpCore.");
        }
        else if (!source.Contains("McpOps.McpCore", StringComparison.Ordinal) && !HealthRoute().IsMatch(source))
        {
            context.Add(Rules.ModuleHealth, entry, 1, "the entry point neither uses McpOps.McpCore (which serves /health) nor defines a /health route.");
        }
    }

    private static void CheckReadme(CheckContext context, CheckModule module)
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
            var line = lines.Line(i);
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (!fenced && line.StartsWith('#'))
            {
                headings.Add(line.TrimStart('#').Trim());
            }
        }

        var missing = ReadmeSections.Where(s => !headings.Any(s.Heading.IsMatch)).Select(s => s.Section).ToList();
        if (missing.Count > 0)
        {
            context.Add(Rules.ModuleReadme, path, 1, $"no {string.Join(", ", missing.Select(m => $"\"{m}\""))} section.");
        }
    }

    /// <summary>Resolves a project-relative path (either slash) against the folder of the project, to a workspace path.</summary>
    private static string Resolve(string folder, string include)
    {
        var parts = new List<string>(folder.Split('/'));
        foreach (var part in include.Replace('\\', '/').Split('/'))
        {
            if (part == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (part.Length > 0 && part != ".")
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    [GeneratedRegex(@"['""`]/health['""`]")]
    private static partial Regex HealthRoute();

    [GeneratedRegex(@"^deploy", RegexOptions.IgnoreCase)]
    private static partial Regex DeployHeading();

    [GeneratedRegex(@"post[- ]?deploy(ment)?\s+(test|check|verification)", RegexOptions.IgnoreCase)]
    private static partial Regex PostDeployHeading();

    [GeneratedRegex(@"^roll\s?back", RegexOptions.IgnoreCase)]
    private static partial Regex RollbackHeading();
}
