using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpOps.Cli.Check.Yaml;
using McpOps.Cli.Workspaces;
using YamlDotNet.RepresentationModel;

namespace McpOps.Cli.Check;

/// <summary>
/// What every analyzer gets: the files, the modules in scope, and the list findings go to. A file
/// that cannot be parsed is recorded in <see cref="Unreadable"/> (the run then exits 2) and the
/// analyzer moves on, so one run reports every malformed file.
/// </summary>
internal sealed class CheckContext
{
    private readonly List<Finding> _findings = [];
    private readonly List<string> _unreadable = [];
    private readonly ConcurrentDictionary<string, TextLines> _lines;
    private readonly ConcurrentDictionary<string, (ModuleMetadata? Metadata, ExceptionDispatchInfo? Error)> _metadata;
    private readonly Lazy<(IReadOnlyList<ModuleLocation> All, IReadOnlyList<ModuleLocation> InScope)> _modules;
    private bool _yamlAllowed = true;

    /// <remarks>
    /// Modules are discovered on first use, so the analyzers that start by parsing YAML do not wait for the
    /// discovery (it reads every module's mcpops.module.json) and it runs on the other core meanwhile.
    /// </remarks>
    public CheckContext(CheckFiles files, string? moduleFilter)
    {
        Files = files;
        ModuleFilter = moduleFilter;
        _modules = new(() =>
        {
            var all = ModuleDiscovery.Find(files);
            return (all, moduleFilter is null ? all : [.. all.Where(m => m.Name == moduleFilter)]);
        });
        _lines = new(StringComparer.Ordinal);
        _metadata = new(StringComparer.Ordinal);
    }

    private CheckContext(CheckContext shared)
    {
        Files = shared.Files;
        ModuleFilter = shared.ModuleFilter;
        _modules = shared._modules;
        _lines = shared._lines;
        _metadata = shared._metadata;
    }

    public CheckFiles Files { get; }

    /// <summary>`--module NAME`: only that module's rules and the files under modules/NAME/ are checked.</summary>
    public string? ModuleFilter { get; }

    /// <summary>Every module of the workspace; a discovery error is thrown to every caller.</summary>
    public IReadOnlyList<ModuleLocation> AllModules => _modules.Value.All;

    public IReadOnlyList<ModuleLocation> Modules => _modules.Value.InScope;

    public IReadOnlyList<Finding> Findings => _findings;

    public IReadOnlyList<string> Unreadable => _unreadable;

    /// <summary>The module a workspace path belongs to (modules/&lt;name&gt;/...), or null.</summary>
    public static string? ModuleOf(string path)
    {
        if (!path.StartsWith("modules/", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path["modules/".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? rest : rest[..slash];
        return name.StartsWith('_') || name.StartsWith('.') ? null : name;
    }

    /// <summary>
    /// The module's mcpops.module.json (null when it has none), read once for every analyzer that asks; a
    /// malformed file throws the same <see cref="WorkspaceException"/> to each of them.
    /// </summary>
    public ModuleMetadata? Metadata(ModuleLocation module)
    {
        var (metadata, error) = _metadata.GetOrAdd(module.Folder, folder =>
        {
            try
            {
                return (ModuleMetadata.Read(Files, folder), null);
            }
            catch (WorkspaceException ex)
            {
                return (null, ExceptionDispatchInfo.Capture(ex));
            }
        });
        error?.Throw();
        return metadata;
    }

    /// <summary>
    /// Whether the module runs in a container: "container" among the "targets" of its mcpops.module.json (no
    /// metadata, or no "targets", means it does). An Edge-only module has no Dockerfile or Railway service to
    /// check. Unreadable metadata counts as a container module; ModuleWorkspaceRules reports the file.
    /// </summary>
    public bool ShipsContainer(ModuleLocation module)
    {
        try
        {
            return Metadata(module)?.Targets.Contains(ModuleTarget.Container) ?? true;
        }
        catch (WorkspaceException)
        {
            return true;
        }
    }

    public bool InScope(string path) => ModuleFilter is null || ModuleOf(path) == ModuleFilter;

    public void Add(CheckRule rule, string path, int line, string message, string? module = null) =>
        _findings.Add(new Finding(rule, path, Math.Max(1, line), message, module ?? ModuleOf(path)));

    /// <summary>
    /// A context for one analyzer running beside others: the same files, modules and caches (safe to share),
    /// its own findings and unreadable files, which <see cref="Absorb"/> takes back in analyzer order so the
    /// report is the one a sequential run gives.
    /// </summary>
    /// <remarks>
    /// A view made for an analyzer that does not declare <see cref="ICheckAnalyzer.ParsesYaml"/> refuses to parse
    /// YAML, so an analyzer cannot start parsing YAML on a parallel lane unnoticed (the tests run every analyzer).
    /// </remarks>
    public CheckContext ForAnalyzer(ICheckAnalyzer analyzer) => new(this) { _yamlAllowed = analyzer.ParsesYaml };

    public void Absorb(CheckContext view)
    {
        _findings.AddRange(view._findings);
        _unreadable.AddRange(view._unreadable);
    }

    public TextLines? Lines(string path)
    {
        if (_lines.TryGetValue(path, out var lines))
        {
            return lines;
        }

        var text = Files.Read(path);
        return text is null ? null : _lines.GetOrAdd(path, _ => new TextLines(text));
    }

    /// <summary>The YAML documents of <paramref name="path"/>, or null when it is missing or malformed (recorded).</summary>
    public IReadOnlyList<YamlDocument>? Yaml(string path)
    {
        if (!_yamlAllowed)
        {
            throw new InvalidOperationException($"an analyzer that parses YAML ({path}) must declare {nameof(ICheckAnalyzer.ParsesYaml)}.");
        }

        var text = Files.Read(path);
        if (text is null)
        {
            return null;
        }

        try
        {
            return YamlFiles.Load(path, text);
        }
        catch (UnreadableFileException ex)
        {
            _unreadable.Add(ex.Message);
            return null;
        }
    }

    /// <summary>A JSON object file, or null when it is missing or malformed (recorded).</summary>
    public JsonObject? Json(string path)
    {
        var text = Files.Read(path);
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonFiles.ParseObject(path, text);
        }
        catch (WorkspaceException ex)
        {
            _unreadable.AddRange(ex.Problems);
            return null;
        }
        catch (JsonException ex)
        {
            _unreadable.Add(JsonFiles.Describe(path, ex));
            return null;
        }
    }

    public void ReportUnreadable(string problem) => _unreadable.Add(problem);
}
