using McpOps.Cli.FileSystem;
using McpOps.Cli.Flavours;

namespace McpOps.Cli.Workspaces;

/// <summary>
/// The one discovery of modules every command uses: each modules/&lt;name&gt;/mcp folder that holds
/// something besides build output (<see cref="BuildOutput"/>; folders starting with '_' or '.' are not
/// modules), sorted by name (ordinal), with the flavour its mcpops.module.json names, else the first
/// flavour that recognises its files.
/// Nothing is parsed here, so a module whose files are broken is still found (and reported by whoever reads it).
/// </summary>
internal static class ModuleDiscovery
{
    public static IReadOnlyList<ModuleLocation> Find(IWorkspaceFiles files)
    {
        var modules = new List<ModuleLocation>();
        foreach (var name in files.ListDirectories("modules").Order(StringComparer.Ordinal))
        {
            var folder = $"modules/{name}/mcp";
            if (name.StartsWith('_') || name.StartsWith('.') || (files.ListFiles(folder).Count == 0 && files.ListDirectories(folder).All(BuildOutput.Folders.Contains)))
            {
                continue;
            }

            var declared = ModuleMetadata.DeclaredFlavour(files, folder);
            IModuleFlavour? flavour = null;
            string? manifest = null;
            foreach (var candidate in declared is null ? ModuleFlavours.All : [declared])
            {
                manifest = candidate.Detect(files, folder);
                if (manifest is not null)
                {
                    flavour = candidate;
                    break;
                }
            }

            modules.Add(new ModuleLocation(name, flavour, manifest ?? folder + "/Dockerfile"));
        }

        return modules;
    }
}
