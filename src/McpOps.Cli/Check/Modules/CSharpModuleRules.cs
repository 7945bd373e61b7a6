using System.Xml;
using System.Xml.Linq;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Check.Modules;

/// <summary>MODULE001 and MODULE002 for a C# module: its server project references mcp-core-dotnet and Program.cs starts through it.</summary>
internal static class CSharpModuleRules
{
    public static void Run(CheckContext context, ModuleLocation module)
    {
        var project = module.Manifest;
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
        var coreReference = references.FirstOrDefault(r => Resolve(projectFolder, (string?)r.Attribute("Include") ?? "") == Workspace.McpCoreDotnetProject);
        if (coreReference is null)
        {
            context.Add(Rules.ModuleCoreDependency, project, 1, $"no ProjectReference resolves to {Workspace.McpCoreDotnetProject}: the module does not use the workspace's mcp-core-dotnet.");
        }
        else if (!context.Files.Exists(Workspace.McpCoreDotnetProject))
        {
            context.Add(Rules.ModuleCoreDependency, project, ((IXmlLineInfo)coreReference).LineNumber, $"the ProjectReference points at {Workspace.McpCoreDotnetProject}, which is not in the workspace.");
        }

        var entry = projectFolder + "/Program.cs";
        var source = context.Files.Read(entry);
        if (source is null)
        {
            context.Add(Rules.ModuleHealth, project, 1, $"{entry} is missing: the server's entry point starts it through McpOps.McpCore.");
        }
        else if (!source.Contains("McpOps.McpCore", StringComparison.Ordinal) && !ModuleRules.HealthRoute().IsMatch(source))
        {
            context.Add(Rules.ModuleHealth, entry, 1, "the entry point neither uses McpOps.McpCore (which serves /health) nor defines a /health route.");
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
}
