using System.Text.Json.Nodes;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Flavours;
using McpOps.Cli.Modules;

namespace McpOps.Cli.Workspaces;

/// <summary>
/// A generated workspace read from a <see cref="FileTree"/>: the shared mcp-core package and every
/// module under modules/*/mcp (folders starting with '_' or '.' are not modules). Reading fails with
/// every problem found at once (a malformed file, a module folder that is not a DNS label).
/// </summary>
internal sealed class Workspace
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
        foreach (var location in ModuleDiscovery.Find(tree))
        {
            Collect(problems, () =>
            {
                modules.Add(ReadModule(tree, location));
                return null;
            });
        }

        if (problems.Count > 0)
        {
            throw new WorkspaceException(problems);
        }

        return new Workspace(coreName, modules);
    }

    private static ModuleInfo ReadModule(FileTree tree, ModuleLocation location)
    {
        var problems = new List<string>();
        var name = location.Name;
        if (!ModuleName.IsDnsLabel(name))
        {
            problems.Add($"modules/{name}: not a valid module folder name (a lowercase DNS label starting with a letter); `{Commands.McpOpsCli.Name} rename {name} {ModuleName.Normalise(name)}`, or rename the folder.");
        }

        ModuleMetadata? metadata = null;
        Collect(problems, () =>
        {
            metadata = ModuleMetadata.Read(tree, location.Folder);
            return null;
        });

        var facts = location.Flavour?.Read(tree, location.Folder, problems);
        if (location.Flavour is null && problems.Count == 0)
        {
            problems.Add($"{location.Folder}: no module flavour recognises it ({string.Join("; ", ModuleFlavours.All.Select(f => f.DisplayName + ": " + f.DetectedBy))}): generate modules with `mcpops add`.");
        }

        if (problems.Count > 0 || facts is null || location.Flavour is null)
        {
            throw new WorkspaceException(problems);
        }

        return new ModuleInfo(
            name,
            location.Flavour,
            facts.Manifest,
            facts.PackageName,
            facts.Description,
            metadata?.Port ?? location.Flavour.SourcePort(tree, location.Folder),
            ReadRailway(tree, location.Folder),
            tree.FileExists(location.Folder + "/deploy/compose.yaml"),
            tree.FileExists(location.Folder + "/deploy/k8s/kustomization.yaml"),
            facts.SolutionProjects,
            metadata?.Targets ?? ModuleTargets.Default,
            metadata?.Edge);
    }

    private static RailwayConfig ReadRailway(FileTree tree, string folder) =>
        tree.FileExists(folder + "/railway.service.ts") ? RailwayConfig.Ts
            : tree.FileExists(folder + "/railway.toml") ? RailwayConfig.Toml
            : RailwayConfig.None;

    /// <summary>Runs <paramref name="read"/>; a <see cref="WorkspaceException"/> adds its problems instead of stopping.</summary>
    internal static void Collect(List<string> problems, Func<object?> read)
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
}
