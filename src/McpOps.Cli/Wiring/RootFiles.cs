using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Wiring;

/// <summary>
/// The wiring contract: every root file that lists modules, its markers and what goes between them.
/// The infra templates (devops-compose, devops-k8s) and mcp-workspace are written against exactly this.
/// </summary>
internal static class RootFiles
{
    public const string Tsconfig = "tsconfig.json";
    public const string Railway = ".railway/railway.ts";
    public const string Readme = "README.md";
    public const string VsCodeMcp = ".vscode/mcp.json";
    public const string ComposeFolder = "infra/compose";
    public const string Compose = "infra/compose/docker-compose.yml";
    public const string KubernetesEnvironments = "infra/k8s/environments";
    public const string SupabaseConfig = "supabase/config.toml";

    public const string SolutionExtension = ".slnx";

    private static readonly RootFile TsconfigFile = new(Tsconfig, "TypeScript project references", CommentStyle.Slashes,
    [
        new("references", "tsconfig-references", m => m.Flavour.InRootTsconfig, "inside the \"references\": [ ... ] array"),
    ]);

    private static readonly RootFile RailwayFile = new(Railway, "Railway services", CommentStyle.Slashes,
    [
        new("imports", "railway-imports", m => m.Railway == RailwayConfig.Ts, "below the `import ... from \"railway/iac\"` line"),
        new("services", "railway-services", m => m.Railway == RailwayConfig.Ts, "inside the `resources: [ ... ]` array of project(...)"),
    ]);

    private static readonly RootFile ReadmeFile = new(Readme, "modules table", CommentStyle.Html,
    [
        new("modules", "readme-modules", _ => true, "where the modules table belongs (e.g. under \"## Modules\")"),
    ]);

    /// <summary>VS Code's MCP servers (JSONC): each module's local server; Claude Code's .mcp.json is strict JSON, see <see cref="McpJsonWiring"/>.</summary>
    private static readonly RootFile VsCodeMcpFile = new(VsCodeMcp, "MCP servers for agents", CommentStyle.Slashes,
    [
        new("servers", "vscode-mcp-servers", _ => true, "first inside the \"servers\": { ... } object"),
    ]);

    private static readonly RootFile ComposeFile = new(Compose, "compose includes", CommentStyle.Hash,
    [
        new("modules", "compose-include", m => m.HasComposeFragment, "at the top level of the file (column 0), where `include:` belongs"),
    ]);

    /// <summary>Supabase's project config: one [functions.&lt;name&gt;] table per module with the Edge target.</summary>
    private static readonly RootFile SupabaseConfigFile = new(SupabaseConfig, "Supabase Edge Functions", CommentStyle.Hash,
    [
        new("functions", "supabase-functions", m => m.IsEdge, "at the top level of the file, after the last key of any other table (e.g. at the end of the file)"),
    ]);

    /// <summary>
    /// The workspace solution (&lt;workspace&gt;.slnx at the root) lists the projects of every C# module, one
    /// solution folder per module. With several .slnx files at the root, those with the markers are kept.
    /// </summary>
    public static RootFile Solution(string path) => new(path, "C# module projects", CommentStyle.Html,
    [
        new("modules", "slnx-modules", m => m.SolutionProjects.Count > 0, "inside <Solution>, after the mcp-core-dotnet folder"),
    ]);

    /// <summary>
    /// The root files present in <paramref name="tree"/>, and a note for each kind that is skipped
    /// (for the solution only when <paramref name="workspace"/> has C# modules that it would list).
    /// </summary>
    public static (IReadOnlyList<RootFile> Files, IReadOnlyList<string> Notes) Present(FileTree tree, Workspace? workspace = null)
    {
        var files = new List<RootFile>();
        var notes = new List<string>();
        if (!tree.FileExists(Tsconfig))
        {
            throw new WorkspaceException($"{Tsconfig} not found at the workspace root: it lists the modules' TypeScript projects; restore it from the mcp-workspace template.");
        }

        files.Add(TsconfigFile);
        AddIfPresent(tree, RailwayFile, files, notes, $"{Railway} not found: Railway services not wired.");
        AddIfPresent(tree, ReadmeFile, files, notes, $"{Readme} not found: modules table not written.");
        AddIfPresent(tree, VsCodeMcpFile, files, notes, $"{VsCodeMcp} not found: module servers not listed for VS Code agents.");
        AddSolutions(tree, workspace, files, notes);
        if (tree.FileExists(SupabaseConfig))
        {
            files.Add(SupabaseConfigFile);
        }
        else if (workspace?.Modules.Any(m => m.IsEdge) == true)
        {
            notes.Add($"{SupabaseConfig} not found: Edge Functions are not listed for the Supabase CLI (mcp-workspace writes it with the `# mcpops:begin functions` markers).");
        }

        if (!tree.DirectoryExists(ComposeFolder))
        {
            notes.Add($"{ComposeFolder}/ not found: compose includes skipped (`dotnet new devops-compose` adds it).");
        }
        else
        {
            AddIfPresent(tree, ComposeFile, files, notes, $"{Compose} not found: compose includes skipped.");
        }

        var environments = tree.ListDirectories(KubernetesEnvironments)
            .Select(env => $"{KubernetesEnvironments}/{env}/kustomization.yaml")
            .Where(tree.FileExists)
            .ToList();
        if (environments.Count == 0)
        {
            notes.Add($"{KubernetesEnvironments}/*/kustomization.yaml not found: Kubernetes overlays skipped (`dotnet new devops-k8s` adds them).");
        }

        files.AddRange(environments.Select(path => new RootFile(path, "Kubernetes module overlays", CommentStyle.Hash,
        [
            new("modules", "kustomization-resources", m => m.HasKubernetesOverlay, "inside the `resources:` list"),
        ])));

        return (files, notes);
    }

    private static void AddSolutions(FileTree tree, Workspace? workspace, List<RootFile> files, List<string> notes)
    {
        var solutions = tree.ListFiles("").Where(f => f.EndsWith(SolutionExtension, StringComparison.OrdinalIgnoreCase)).ToList();
        var csharp = workspace?.Modules.Any(m => m.SolutionProjects.Count > 0) ?? false;
        if (solutions.Count == 1)
        {
            files.Add(Solution(solutions[0]));
            return;
        }

        if (solutions.Count == 0)
        {
            if (csharp)
            {
                notes.Add($"no <workspace>{SolutionExtension} at the workspace root: C# modules are not listed in a solution (mcp-workspace writes one with the mcpops markers).");
            }

            return;
        }

        var marker = CommentStyle.Html.Begin("modules");
        var marked = solutions.Where(s => tree.Read(s)!.Split('\n').Any(line => line.Trim() == marker)).ToList();
        if (marked.Count == 0 && csharp)
        {
            notes.Add($"{string.Join(", ", solutions)}: none has the `{marker}` markers: C# modules are not listed in a solution.");
        }

        files.AddRange(marked.Select(Solution));
    }

    private static void AddIfPresent(FileTree tree, RootFile file, List<RootFile> files, List<string> notes, string note)
    {
        if (tree.FileExists(file.Path))
        {
            files.Add(file);
        }
        else
        {
            notes.Add(note);
        }
    }
}
