using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Check.Docker;

/// <summary>
/// DOCKER008. A module's image builds with the workspace root as context
/// (`docker build -f modules/&lt;name&gt;/mcp/Dockerfile .`). BuildKit then reads
/// `modules/&lt;name&gt;/mcp/Dockerfile.dockerignore` when it exists, else the root `.dockerignore`;
/// the classic builder and Railway always read the root one. So each module's governing file is
/// checked, and the root file once (it governs the Railway build of every module).
/// The module folder's own .dockerignore only applies to builds with that folder as context.
/// </summary>
internal sealed class DockerIgnoreRules : ICheckAnalyzer
{
    public const string RootFile = ".dockerignore";

    public void Run(CheckContext context)
    {
        var checkedFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in context.Modules.Where(m => context.Files.Exists(m.Dockerfile)))
        {
            var governing = Governing(context.Files, module);
            if (governing == RootFile && !context.Files.Exists(RootFile))
            {
                context.Add(Rules.DockerIgnoreCoverage, module.Dockerfile, 1,
                    $"no .dockerignore governs this build (neither {module.Dockerfile}.dockerignore nor the workspace root's .dockerignore): secrets and .git go into the build context.");
                continue;
            }

            if (checkedFiles.Add(governing))
            {
                Check(context, governing, module, governing == RootFile ? context.ModuleFilter : module.Name);
            }
        }

        if (context.ModuleFilter is null && context.Files.Exists(RootFile) && checkedFiles.Add(RootFile))
        {
            Check(context, RootFile, null, null);
        }
    }

    /// <summary>The file BuildKit reads for a build of the module's Dockerfile with the workspace root as context.</summary>
    public static string Governing(CheckFiles files, ModuleLocation module) =>
        files.Exists(module.Dockerfile + ".dockerignore") ? module.Dockerfile + ".dockerignore" : RootFile;

    private static void Check(CheckContext context, string path, ModuleLocation? module, string? attributeTo)
    {
        var ignore = new DockerIgnore(context.Files.Read(path)!);
        var folder = module?.Folder ?? "modules/example/mcp";
        var probes = new (string Label, string[] Paths)[]
        {
            (".env*", [".env", ".env.local", $"{folder}/.env", $"{folder}/.env.production"]),
            (".git", [".git/config", ".git/HEAD"]),
            ("gha-creds-*.json", ["gha-creds-0123456789abcdef.json", $"{folder}/gha-creds-0123456789abcdef.json"]),
        };
        var missing = probes
            .Select(p => (p.Label, Leaks: p.Paths.Where(x => !ignore.Excludes(x)).ToList()))
            .Where(p => p.Leaks.Count > 0)
            .ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var which = module is null
            ? "the root .dockerignore (read by Railway and the classic builder)"
            : $"{path} (governs {module.Dockerfile})";
        var detail = string.Join("; ", missing.Select(m => $"{m.Label} ({string.Join(", ", m.Leaks)} would be sent)"));
        context.Add(Rules.DockerIgnoreCoverage, path, 1, $"{which} does not exclude {detail}.", attributeTo);
    }
}
