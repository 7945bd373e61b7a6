using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Modules;

namespace McpOps.Cli.Workspaces;

/// <summary>
/// A generated workspace read from a <see cref="FileTree"/>: the shared mcp-core package and every
/// module under modules/*/mcp (folders starting with '_' or '.' are not modules). Reading fails with
/// every problem found at once (a malformed file, a module folder that is not a DNS label).
/// </summary>
internal sealed partial class Workspace
{
    public const string RootPackageJson = "package.json";
    public const string RootTsconfig = "tsconfig.json";
    public const string McpCorePackageJson = "modules/_shared/mcp-core/package.json";
    public const string McpCoreReference = "../../_shared/mcp-core";

    /// <summary>The shared .NET runtime every C# module's server project references.</summary>
    public const string McpCoreDotnetProject = "modules/_shared/mcp-core-dotnet/src/McpOps.McpCore/McpOps.McpCore.csproj";

    private Workspace(string corePackageName, IReadOnlyList<ModuleInfo> modules)
    {
        CorePackageName = corePackageName;
        Modules = modules;
    }

    /// <summary>The mcp-core package every module depends on, e.g. @acme/mcp-core.</summary>
    public string CorePackageName { get; }

    /// <summary>The npm scope without '@' (acme), or null when mcp-core has no scope.</summary>
    public string? Scope => CorePackageName.StartsWith('@') && CorePackageName.Contains('/', StringComparison.Ordinal)
        ? CorePackageName[1..CorePackageName.IndexOf('/', StringComparison.Ordinal)]
        : null;

    /// <summary>Modules sorted by name (ordinal), so every generated list has one stable order.</summary>
    public IReadOnlyList<ModuleInfo> Modules { get; }

    public static Workspace Read(FileTree tree)
    {
        var problems = new List<string>();
        var rootPackage = tree.Read(RootPackageJson);
        if (rootPackage is null)
        {
            throw new WorkspaceException($"{RootPackageJson} not found: this is not an McpOps workspace.");
        }

        Collect(problems, () => JsonFiles.ParseObject(RootPackageJson, rootPackage));
        if (tree.Read(RootTsconfig) is { } rootTsconfig)
        {
            Collect(problems, () => JsonFiles.ParseObject(RootTsconfig, rootTsconfig, jsonc: true));
        }

        var coreName = "";
        var coreText = tree.Read(McpCorePackageJson);
        if (coreText is null)
        {
            problems.Add($"{McpCorePackageJson} not found: every module depends on mcp-core; restore it from the mcp-workspace template.");
        }
        else
        {
            Collect(problems, () =>
            {
                var core = JsonFiles.ParseObject(McpCorePackageJson, coreText);
                coreName = JsonFiles.GetString(core, "name") ?? throw new WorkspaceException($"{McpCorePackageJson}: has no \"name\"");
                return core;
            });
        }

        var modules = new List<ModuleInfo>();
        foreach (var folder in tree.ListDirectories("modules"))
        {
            if (folder.StartsWith('_') || folder.StartsWith('.') || !tree.DirectoryExists($"modules/{folder}/mcp"))
            {
                continue;
            }

            Collect(problems, () =>
            {
                modules.Add(ReadModule(tree, folder));
                return new JsonObject();
            });
        }

        if (problems.Count > 0)
        {
            throw new WorkspaceException(problems);
        }

        return new Workspace(coreName, modules);
    }

    private static ModuleInfo ReadModule(FileTree tree, string name)
    {
        var problems = new List<string>();
        if (!ModuleName.IsDnsLabel(name))
        {
            problems.Add($"modules/{name}: not a valid module folder name ({ModuleName.Rule}); rename the folder.");
        }

        var folder = $"modules/{name}/mcp";
        var packageText = tree.Read(folder + "/package.json");
        if (packageText is null && FindCSharpProjects(tree, folder, problems) is { } projects)
        {
            return ReadCSharpModule(tree, name, folder, projects, problems);
        }

        JsonObject? package = null;
        if (packageText is null)
        {
            if (problems.Count == 0)
            {
                problems.Add($"{folder}: neither package.json (TypeScript module) nor src/<Project>/<Project>.csproj (C# module) found: generate modules with `mcpops add`.");
            }
        }
        else
        {
            Collect(problems, () => package = JsonFiles.ParseObject(folder + "/package.json", packageText));
        }

        var tsconfigText = tree.Read(folder + "/tsconfig.json");
        if (packageText is not null && tsconfigText is null)
        {
            problems.Add($"{folder}/tsconfig.json not found: a module needs one (generate modules with `mcpops add`).");
        }
        else if (tsconfigText is not null)
        {
            Collect(problems, () => JsonFiles.ParseObject(folder + "/tsconfig.json", tsconfigText, jsonc: true));
        }

        if (problems.Count > 0 || package is null)
        {
            throw new WorkspaceException(problems);
        }

        return new ModuleInfo(
            name,
            JsonFiles.GetString(package, "name") ?? "",
            JsonFiles.GetString(package, "description") ?? "",
            ReadPort(tree, folder, package),
            ReadRailway(tree, folder),
            tree.FileExists(folder + "/deploy/compose.yaml"),
            tree.FileExists(folder + "/deploy/k8s/kustomization.yaml"));
    }

    /// <summary>
    /// A C# module: the description is the server project's `&lt;Description&gt;` (the template writes the
    /// module's one sentence there), the port is `DefaultPort = N` in the server's ModuleServer.cs.
    /// </summary>
    private static ModuleInfo ReadCSharpModule(FileTree tree, string name, string folder, CSharpProjects projects, List<string> problems)
    {
        var description = "";
        Collect(problems, () =>
        {
            description = XmlFiles.Description(XmlFiles.Parse(projects.ServerProject, tree.Read(projects.ServerProject)!));
            return null;
        });

        if (problems.Count > 0)
        {
            throw new WorkspaceException(problems);
        }

        int? port = null;
        foreach (var file in new[] { "ModuleServer.cs", "Program.cs" })
        {
            var match = tree.Read($"{projects.ServerFolder}/{file}") is { } source ? DefaultPortCSharpPattern().Match(source) : null;
            if (match is { Success: true })
            {
                port = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                break;
            }
        }

        return new ModuleInfo(
            name,
            projects.ServerName,
            description,
            port,
            ReadRailway(tree, folder),
            tree.FileExists(folder + "/deploy/compose.yaml"),
            tree.FileExists(folder + "/deploy/k8s/kustomization.yaml"),
            ModuleLanguage.CSharp,
            projects);
    }

    /// <summary>
    /// The projects of a C# module: src/*/*.csproj and test/*/*.csproj. Null when there is no project
    /// under src/ (not a C# module). The server is the only src project, or the one named *.Mcp.csproj.
    /// </summary>
    private static CSharpProjects? FindCSharpProjects(FileTree tree, string folder, List<string> problems)
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

        return new CSharpProjects(servers[0], sources, ProjectsIn(tree, folder + "/test"));
    }

    /// <summary>
    /// The project files one level down: &lt;dir&gt;/&lt;dir&gt;.csproj (the .NET convention, found without
    /// listing bin/ and obj/), else whatever *.csproj sits directly in &lt;dir&gt;.
    /// </summary>
    private static List<string> ProjectsIn(FileTree tree, string parent)
    {
        var projects = new List<string>();
        foreach (var dir in tree.ListDirectories(parent))
        {
            var conventional = $"{parent}/{dir}/{dir}.csproj";
            if (tree.FileExists(conventional))
            {
                projects.Add(conventional);
                continue;
            }

            projects.AddRange(tree.ListFiles($"{parent}/{dir}")
                .Where(file => file.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                .Select(file => $"{parent}/{dir}/{file}"));
        }

        projects.Sort(StringComparer.Ordinal);
        return projects;
    }

    private static RailwayConfig ReadRailway(FileTree tree, string folder) =>
        tree.FileExists(folder + "/railway.service.ts") ? RailwayConfig.Ts
            : tree.FileExists(folder + "/railway.toml") ? RailwayConfig.Toml
            : RailwayConfig.None;

    /// <summary>`"mcpops": { "port": N }` in package.json when present, else `defaultPort: N` in src/server.ts.</summary>
    private static int? ReadPort(FileTree tree, string folder, JsonObject package)
    {
        if (package["mcpops"] is JsonObject settings && settings["port"] is JsonValue value && value.TryGetValue<int>(out var port))
        {
            return port;
        }

        var server = tree.Read(folder + "/src/server.ts");
        var match = server is null ? null : DefaultPortPattern().Match(server);
        return match is { Success: true } ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    private static void Collect(List<string> problems, Func<JsonObject?> read)
    {
        try
        {
            read();
        }
        catch (WorkspaceException ex)
        {
            problems.AddRange(ex.Problems);
        }
    }

    [GeneratedRegex(@"\bdefaultPort\s*:\s*(\d{1,5})\b")]
    private static partial Regex DefaultPortPattern();

    [GeneratedRegex(@"\bDefaultPort\s*=\s*(\d{1,5})\b")]
    private static partial Regex DefaultPortCSharpPattern();
}
