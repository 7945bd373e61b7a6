using System.Globalization;
using System.Text.RegularExpressions;
using McpOps.Cli.Check;
using McpOps.Cli.Check.Modules;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Flavours;

/// <summary>
/// A C# module: no package.json, a server project src/&lt;Name&gt;.Mcp/&lt;Name&gt;.Mcp.csproj with a
/// ProjectReference to mcp-core-dotnet, tests under test/; its projects are listed in the workspace .slnx.
/// </summary>
internal sealed partial class CSharpFlavour : IModuleFlavour
{
    public string Id => "csharp";

    public string DisplayName => "C#";

    public IReadOnlyList<string> Aliases { get; } = ["CSHARP", "CS"];

    public bool InRootTsconfig => false;

    public string DetectedBy => "src/<Project>/<Project>.csproj and no package.json";

    public string? Detect(IWorkspaceFiles files, string folder)
    {
        if (files.FileExists(folder + "/package.json"))
        {
            return null;
        }

        var projects = ProjectsIn(files, folder + "/src");
        return projects.FirstOrDefault(p => p.EndsWith(".Mcp.csproj", StringComparison.Ordinal)) ?? projects.FirstOrDefault();
    }

    public FlavourFacts? Read(FileTree tree, string folder, List<string> problems)
    {
        var sources = ProjectsIn(tree, folder + "/src");
        if (sources.Count == 0)
        {
            return null;
        }

        var servers = sources.Count == 1 ? sources : [.. sources.Where(p => p.EndsWith(".Mcp.csproj", StringComparison.Ordinal))];
        if (servers.Count != 1)
        {
            problems.Add($"{folder}/src: {sources.Count} projects ({string.Join(", ", sources.Select(Path.GetFileName))}) and {(servers.Count == 0 ? "none" : "more than one")} named <Name>.Mcp.csproj: mcpops cannot tell which is the server; name the server project <Name>.Mcp.");
            return null;
        }

        var server = servers[0];
        var description = "";
        Workspace.Collect(problems, () => description = XmlFiles.Description(XmlFiles.Parse(server, tree.Read(server)!)));
        return new FlavourFacts(server, Path.GetFileNameWithoutExtension(server), description, [.. sources, .. ProjectsIn(tree, folder + "/test")]);
    }

    /// <summary>`DefaultPort = N` in the server project's ModuleServer.cs or Program.cs.</summary>
    public int? SourcePort(IWorkspaceFiles files, string folder)
    {
        if (Detect(files, folder) is not { } server)
        {
            return null;
        }

        var serverFolder = server[..server.LastIndexOf('/')];
        foreach (var file in new[] { "ModuleServer.cs", "Program.cs" })
        {
            var match = files.Read($"{serverFolder}/{file}") is { } source ? DefaultPortPattern().Match(source) : null;
            if (match is { Success: true })
            {
                return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    public void EnsureCoreWiring(FileTree tree, ModuleInfo module, Workspace workspace) =>
        tree.Write(module.Manifest, CSharpCoreWiring.EnsureReference(module.Manifest, tree.Read(module.Manifest)!));

    public IEnumerable<string> MissingCoreWiring(FileTree tree, ModuleInfo module, Workspace workspace) =>
        CSharpCoreWiring.HasReference(module.Manifest, tree.Read(module.Manifest)!)
            ? []
            : [$"{module.Manifest}: ProjectReference {CSharpCoreWiring.ReferencePath(module.Manifest)}"];

    public IReadOnlyList<string> TemplateArguments(Workspace workspace) => ["--language", DisplayName];

    public string? ManifestVersion(FileTree tree, ModuleInfo module) =>
        XmlFiles.Parse(module.Manifest, tree.Read(module.Manifest)!).Descendants()
            .FirstOrDefault(element => element.Name.LocalName == "Version")?.Value.Trim() is { Length: > 0 } version ? version : null;

    public string NextStep(ModuleInfo module) => $"dotnet build {module.Manifest}   (restores and builds the module with mcp-core-dotnet)";

    public IEnumerable<string> WorkspaceNotes(FileTree tree, IReadOnlyList<ModuleInfo> modules)
    {
        if (modules.Count > 0 && !tree.FileExists(Workspace.McpCoreDotnetProject))
        {
            yield return $"{Workspace.McpCoreDotnetProject} not found: the C# modules ({string.Join(", ", modules.Select(m => m.Name))}) reference it and will not build; restore modules/_shared/mcp-core-dotnet from the mcp-workspace template.";
        }
    }

    public void Check(CheckContext context, ModuleLocation module) => CSharpModuleRules.Run(context, module);

    /// <summary>
    /// The project files one level down: &lt;dir&gt;/&lt;dir&gt;.csproj (the .NET convention, found without
    /// listing bin/ and obj/), else whatever *.csproj sits directly in &lt;dir&gt;; sorted.
    /// </summary>
    private static List<string> ProjectsIn(IWorkspaceFiles files, string parent)
    {
        var projects = new List<string>();
        foreach (var dir in files.ListDirectories(parent))
        {
            var conventional = $"{parent}/{dir}/{dir}.csproj";
            if (files.FileExists(conventional))
            {
                projects.Add(conventional);
                continue;
            }

            projects.AddRange(files.ListFiles($"{parent}/{dir}")
                .Where(file => file.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                .Select(file => $"{parent}/{dir}/{file}"));
        }

        projects.Sort(StringComparer.Ordinal);
        return projects;
    }

    [GeneratedRegex(@"\bDefaultPort\s*=\s*(\d{1,5})\b")]
    private static partial Regex DefaultPortPattern();
}
