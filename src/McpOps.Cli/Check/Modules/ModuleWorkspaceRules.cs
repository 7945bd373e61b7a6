using System.Globalization;
using System.Text.RegularExpressions;
using McpOps.Cli.Modules;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Check.Modules;

/// <summary>
/// MODULE004-MODULE008: rules about a module's place in the workspace rather than its own content:
/// its files name its own folder (a module renamed by hand still builds another module's paths),
/// no two modules listen on one port, its name follows the one module-name rule, it is not nested,
/// and its deploy files set the port its mcpops.module.json names.
/// </summary>
internal sealed partial class ModuleWorkspaceRules : ICheckAnalyzer
{
    public void Run(CheckContext context)
    {
        CheckPorts(context);
        CheckNested(context);
        foreach (var module in context.Modules)
        {
            CheckName(context, module);
            CheckOwnFolder(context, module);
            CheckPortAgreement(context, module);
        }
    }

    /// <summary>
    /// Where a module's deploy files set its port: the image's PORT and EXPOSE, the compose service's and the
    /// Kubernetes overlay's PORT, the Helm values' port and the Railway service's PORT. A port changed in one
    /// of them (or in mcpops.module.json) and not the others starts a server that its probes and routes miss.
    /// </summary>
    private static readonly (string File, Func<Regex> Setting)[] PortSettings =
    [
        ("Dockerfile", PortAssignment),
        ("Dockerfile", ExposedPort),
        ("deploy/compose.yaml", PortEnvironmentEntry),
        ("deploy/k8s/kustomization.yaml", PortAssignment),
        ("deploy/helm-values.yaml", HelmPort),
        ("railway.service.ts", PortEnvironmentEntry),
    ];

    private static void CheckPortAgreement(CheckContext context, ModuleLocation module)
    {
        int? declared;
        try
        {
            declared = context.Metadata(module)?.Port;
        }
        catch (WorkspaceException)
        {
            return; // Reported by CheckPorts.
        }

        if (declared?.ToString(CultureInfo.InvariantCulture) is not { } port)
        {
            return;
        }

        foreach (var (file, setting) in PortSettings)
        {
            var path = $"{module.Folder}/{file}";
            if (context.Files.Read(path) is not { } text)
            {
                continue;
            }

            // Lines are indexed only for a finding: this runs over five files of every module.
            foreach (Match match in setting().Matches(text))
            {
                var value = match.Groups["port"].Value;
                if (value != port)
                {
                    context.Add(Rules.ModulePortAgreement, path, context.Lines(path)!.LineOf(match.Index),
                        $"sets port {value}, but {module.MetadataPath} says {port}: a module listens on one port, set alike in mcpops.module.json and every deploy file.");
                }
            }
        }
    }

    /// <summary>
    /// A module under another folder than modules/ (`dotnet new mcp-module` run inside modules/ writes
    /// modules/modules/&lt;name&gt;/mcp/): nothing wires or builds it, so it is named once, by its first file.
    /// </summary>
    private static void CheckNested(CheckContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in context.Files.Paths)
        {
            var match = NestedModule().Match(path);
            if (!match.Success || !seen.Add(match.Groups["folder"].Value) || !context.InScope(path))
            {
                continue;
            }

            var folder = match.Groups["folder"].Value;
            var name = match.Groups["name"].Value;
            context.Add(Rules.ModuleNested, path, 1,
                $"{folder}/ is a module outside modules/ (was `dotnet new mcp-module` run from {match.Groups["outer"].Value.TrimEnd('/')}/ instead of the workspace root?): nothing wires, builds or deploys it. Move it: `git mv {folder} modules/{name}/mcp && {Commands.McpOpsCli.Name} sync`.");
        }
    }

    private static void CheckName(CheckContext context, ModuleLocation module)
    {
        if (ModuleName.Validate(module.Name) is { } problem)
        {
            context.Add(Rules.ModuleNameRule, module.Manifest, 1, $"module folder {problem.Replace("use '", "rename it to '", StringComparison.Ordinal)}");
        }
    }

    /// <summary>Every module's port from the one place it is read (mcpops.module.json, else the flavour's source).</summary>
    private static void CheckPorts(CheckContext context)
    {
        var byPort = new Dictionary<int, List<ModuleLocation>>();
        foreach (var module in context.AllModules)
        {
            if (Port(context, module) is { } port)
            {
                if (!byPort.TryGetValue(port, out var list))
                {
                    byPort[port] = list = [];
                }

                list.Add(module);
            }
        }

        foreach (var (port, modules) in byPort.Where(p => p.Value.Count > 1))
        {
            // The first module (by name) keeps the port; each later one is told to move.
            foreach (var module in modules.Skip(1).Where(m => context.Modules.Contains(m)))
            {
                var others = string.Join(", ", modules.TakeWhile(m => m != module).Select(m => m.Name));
                var path = context.Files.Exists(module.MetadataPath) ? module.MetadataPath : module.Manifest;
                var line = context.Lines(path)?.Find("\"port\"") ?? 1;
                context.Add(Rules.ModulePortClash, path, line, $"port {port.ToString(CultureInfo.InvariantCulture)} is already the port of {others}: their compose services would publish the same host port; give this module a free one.");
            }
        }
    }

    private static int? Port(CheckContext context, ModuleLocation module)
    {
        try
        {
            return context.Metadata(module)?.Port ?? module.Flavour?.SourcePort(context.Files, module.Folder);
        }
        catch (WorkspaceException ex)
        {
            foreach (var problem in ex.Problems)
            {
                context.ReportUnreadable(problem);
            }

            return null;
        }
    }

    private static void CheckOwnFolder(CheckContext context, ModuleLocation module)
    {
        if (context.Files.Exists(module.MetadataPath))
        {
            try
            {
                if (context.Metadata(module)?.Name is { } declared && declared != module.Name)
                {
                    context.Add(Rules.ModuleOwnFolder, module.MetadataPath, context.Lines(module.MetadataPath)!.Find("\"name\""),
                        $"\"name\" is '{declared}' but the module is in modules/{module.Name}/: {HandRenameFix(declared, module.Name, context)}");
                }
            }
            catch (WorkspaceException)
            {
                // Reported by CheckPorts.
            }
        }

        foreach (var path in context.Files.Under(module.Folder).Where(IsWiringFile))
        {
            // One pass over the whole text (a reference never spans lines) instead of a copy of every
            // line: this ran over every wiring file of every module.
            var text = context.Files.Read(path);
            if (text is null || !text.Contains("modules/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in ModuleFolderReference().Matches(text))
            {
                var other = match.Groups["name"].Value;
                if (other != module.Name && !other.StartsWith('_'))
                {
                    context.Add(Rules.ModuleOwnFolder, path, context.Lines(path)!.LineOf(match.Index),
                        $"points at modules/{other}/ but this module is modules/{module.Name}/: {HandRenameFix(other, module.Name, context)}");
                }
            }
        }
    }

    /// <summary>What to do about a module that names <paramref name="other"/>: undo a hand rename and let mcpops do it, or fix the path.</summary>
    private static string HandRenameFix(string other, string name, CheckContext context) =>
        context.AllModules.Any(m => m.Name == other)
            ? $"it should name its own folder, modules/{name}/."
            : $"renamed by hand from '{other}'? Move it back (`git mv modules/{name} modules/{other}`) and run `{Commands.McpOpsCli.Name} rename {other} {name}`, which rewrites every reference.";

    /// <summary>The files that name the module's folder for builds and deploys (not its README, which may mention others).</summary>
    private static bool IsWiringFile(string path)
    {
        var file = path[(path.LastIndexOf('/') + 1)..];
        return file.StartsWith("Dockerfile", StringComparison.Ordinal)
            || file.EndsWith("dockerignore", StringComparison.Ordinal)
            || file is "railway.service.ts" or "railway.toml" or "railway.json" or ModuleMetadata.FileName or "package.json" or "tsconfig.json"
            || file.EndsWith(".csproj", StringComparison.Ordinal)
            || path.Contains("/mcp/deploy/", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(?<folder>(?<outer>(?:[^/]+/)+)modules/(?<name>[^/]+)/mcp)/(?:package\.json|mcpops\.module\.json|Dockerfile)$")]
    private static partial Regex NestedModule();

    [GeneratedRegex(@"\bmodules/(?<name>[A-Za-z0-9_][A-Za-z0-9._-]*)/")]
    private static partial Regex ModuleFolderReference();

    /// <summary>PORT=8080 (an ENV line of the Dockerfile, a configMapGenerator literal of the overlay).</summary>
    [GeneratedRegex(@"\bPORT=(?<port>[0-9]+)\b")]
    private static partial Regex PortAssignment();

    [GeneratedRegex(@"^[ \t]*EXPOSE[ \t]+(?<port>[0-9]+)\b", RegexOptions.Multiline)]
    private static partial Regex ExposedPort();

    /// <summary>PORT: "8080" (a compose environment entry, a Railway service variable).</summary>
    [GeneratedRegex(@"\bPORT:\s*""?(?<port>[0-9]+)""?")]
    private static partial Regex PortEnvironmentEntry();

    [GeneratedRegex(@"^port:\s*(?<port>[0-9]+)\b", RegexOptions.Multiline)]
    private static partial Regex HelmPort();
}
