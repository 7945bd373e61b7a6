using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Check.Modules;

/// <summary>MODULE001 and MODULE002 for a TypeScript module: it depends on @scope/mcp-core and its entry point starts through it.</summary>
internal static class TypeScriptModuleRules
{
    // Asked once per module with the same mcp-core name: build its pattern once, not 500 times.
    private static readonly ConcurrentDictionary<string, Regex> ImportsCore = new(StringComparer.Ordinal);

    public static void Run(CheckContext context, ModuleLocation module)
    {
        var core = context.Json(Workspace.McpCorePackageJson);
        var coreName = core is null ? null : JsonFiles.GetString(core, "name");
        var importsCore = coreName is null ? null : ImportsCore.GetOrAdd(coreName, ImportPattern);
        Check(context, module, coreName, importsCore);
    }

    private static Regex ImportPattern(string coreName) =>
        new($@"from\s+['""]{Regex.Escape(coreName)}(/[^'""]*)?['""]|import\(\s*['""]{Regex.Escape(coreName)}");

    private static void Check(CheckContext context, ModuleLocation module, string? coreName, Regex? importsCore)
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
        else if (!importsCore.IsMatch(text) && !ModuleRules.HealthRoute().IsMatch(text))
        {
            context.Add(Rules.ModuleHealth, entry, 1, $"the entry point neither imports {coreName} (which serves /health) nor defines a /health route.");
        }
    }
}
