using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpOps.Cli.Check;
using McpOps.Cli.Check.Modules;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Flavours;

/// <summary>
/// A TypeScript module: modules/&lt;name&gt;/mcp/package.json (an npm workspace, @scope/&lt;name&gt;-mcp) and a
/// tsconfig.json; it depends on @scope/mcp-core and references it as a TypeScript project.
/// </summary>
internal sealed partial class TypeScriptFlavour : IModuleFlavour
{
    public string Id => "typescript";

    public string DisplayName => "TypeScript";

    public IReadOnlyList<string> Aliases { get; } = ["TS"];

    public bool InRootTsconfig => true;

    public string DetectedBy => "package.json and tsconfig.json";

    public string? Detect(IWorkspaceFiles files, string folder) =>
        files.FileExists(folder + "/package.json") ? folder + "/package.json" : null;

    public FlavourFacts? Read(FileTree tree, string folder, List<string> problems)
    {
        var packagePath = folder + "/package.json";
        var packageText = tree.Read(packagePath);
        if (packageText is null)
        {
            return null;
        }

        JsonObject? package = null;
        Workspace.Collect(problems, () => package = JsonFiles.ParseObject(packagePath, packageText));
        var tsconfigText = tree.Read(folder + "/tsconfig.json");
        if (tsconfigText is null)
        {
            problems.Add($"{folder}/tsconfig.json not found: a module needs one (generate modules with `mcpops add`).");
        }
        else
        {
            Workspace.Collect(problems, () => JsonFiles.ParseObject(folder + "/tsconfig.json", tsconfigText, jsonc: true));
        }

        if (package is null)
        {
            return null;
        }

        return new FlavourFacts(
            packagePath,
            JsonFiles.GetString(package, "name") ?? "",
            JsonFiles.GetString(package, "description") ?? "",
            []);
    }

    public void EnsureCoreWiring(FileTree tree, ModuleInfo module, Workspace workspace)
    {
        AdoptWorkspaceScope(tree, module, workspace);
        var tsconfig = module.Folder + "/tsconfig.json";
        tree.Write(module.Manifest, ModuleCoreWiring.EnsureDependency(module.Manifest, tree.Read(module.Manifest)!, workspace.CorePackageName));
        tree.Write(tsconfig, ModuleCoreWiring.EnsureReference(tsconfig, tree.Read(tsconfig)!));
    }

    public IEnumerable<string> MissingCoreWiring(FileTree tree, ModuleInfo module, Workspace workspace)
    {
        if (ForeignScope(module, workspace) is { } foreign)
        {
            yield return $"{module.Manifest}: scope @{foreign} (the workspace's is @{workspace.Scope})";
        }

        if (!ModuleCoreWiring.HasDependency(JsonFiles.ParseObject(module.Manifest, tree.Read(module.Manifest)!), workspace.CorePackageName))
        {
            yield return $"{module.Manifest}: dependency {workspace.CorePackageName}";
        }

        var tsconfig = module.Folder + "/tsconfig.json";
        if (!ModuleCoreWiring.HasReference(JsonFiles.ParseObject(tsconfig, tree.Read(tsconfig)!, jsonc: true)))
        {
            yield return $"{tsconfig}: reference {Workspace.McpCoreReference}";
        }
    }

    public IReadOnlyList<string> TemplateArguments(Workspace workspace)
    {
        var scope = workspace.Scope
            ?? throw new WorkspaceException($"{Workspace.McpCorePackageJson}: package \"{workspace.CorePackageName}\" has no npm scope; modules are named @scope/<name>-mcp.");
        // No --language: dotnet new picks the TypeScript flavour (the C# one has lower precedence).
        return [$"--scope={scope}"];
    }

    public string? ManifestVersion(FileTree tree, ModuleInfo module) =>
        JsonFiles.GetString(JsonFiles.ParseObject(module.Manifest, tree.Read(module.Manifest)!), "version") is { Length: > 0 } version ? version : null;

    public string NextStep(ModuleInfo module) => "npm install   (links the new workspace package and updates package-lock.json)";

    public IEnumerable<string> WorkspaceNotes(FileTree tree, IReadOnlyList<ModuleInfo> modules) => [];

    public void Check(CheckContext context, ModuleLocation module) => TypeScriptModuleRules.Run(context, module);

    /// <summary>The npm scope of the module's package when it is not the workspace's (a module made by `dotnet new mcp-module` without --scope), else null.</summary>
    private static string? ForeignScope(ModuleInfo module, Workspace workspace)
    {
        if (workspace.Scope is not { } scope || !module.PackageName.StartsWith('@') || !module.PackageName.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var own = module.PackageName[1..module.PackageName.IndexOf('/', StringComparison.Ordinal)];
        return own == scope ? null : own;
    }

    /// <summary>
    /// Moves a module made with another scope to the workspace's: `@app/mcp-core` (dependency, imports)
    /// and `@app/&lt;name&gt;-mcp` (its package name, README commands) become `@acme/...` in every file of the
    /// module. Nothing else mentions the scope, so nothing else is touched.
    /// </summary>
    private static void AdoptWorkspaceScope(FileTree tree, ModuleInfo module, Workspace workspace)
    {
        if (ForeignScope(module, workspace) is not { } foreign)
        {
            return;
        }

        var replacements = new[]
        {
            ($"@{foreign}/mcp-core", $"@{workspace.Scope}/mcp-core"),
            ($"@{foreign}/{module.Name}-mcp", $"@{workspace.Scope}/{module.Name}-mcp"),
        };
        foreach (var file in tree.ListFilesRecursive(module.Folder).Where(f => !BuildOutput.Contains(f)))
        {
            var text = tree.Read(file)!;
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                continue;
            }

            var updated = replacements.Aggregate(text, (current, r) => current.Replace(r.Item1, r.Item2, StringComparison.Ordinal));
            if (updated != text)
            {
                tree.Write(file, updated);
            }
        }
    }

    /// <summary>Modules generated before mcpops.module.json: `"mcpops": { "port": N }` in package.json, else `defaultPort: N` in src/server.ts.</summary>
    public int? SourcePort(IWorkspaceFiles files, string folder)
    {
        JsonObject? package = null;
        try
        {
            package = files.Read(folder + "/package.json") is { } text ? JsonFiles.ParseObject(folder + "/package.json", text) : null;
        }
        catch (WorkspaceException)
        {
            // Reported by whoever reads package.json for real.
        }

        if (package?["mcpops"] is JsonObject settings && settings["port"] is JsonValue value && value.TryGetValue<int>(out var port))
        {
            return port;
        }

        var server = files.Read(folder + "/src/server.ts");
        var match = server is null ? null : DefaultPortPattern().Match(server);
        return match is { Success: true } ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"\bdefaultPort\s*:\s*(\d{1,5})\b")]
    private static partial Regex DefaultPortPattern();
}
