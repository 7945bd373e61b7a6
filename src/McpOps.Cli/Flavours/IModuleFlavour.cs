using McpOps.Cli.Check;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Flavours;

/// <summary>
/// Everything that differs between the languages a module can be written in. Commands and rules ask
/// the module's flavour instead of branching on a language, so a new target (the Supabase Edge
/// Function issue) is one more implementation registered in <see cref="ModuleFlavours"/>.
/// </summary>
internal interface IModuleFlavour
{
    /// <summary>The value of "flavour" in the module's mcpops.module.json, e.g. typescript.</summary>
    string Id { get; }

    /// <summary>The name `dotnet new --language` and the CLI show: TypeScript, C#.</summary>
    string DisplayName { get; }

    /// <summary>Spellings `--language` accepts (upper-case), besides <see cref="DisplayName"/>.</summary>
    IReadOnlyList<string> Aliases { get; }

    /// <summary>The files that make a module of this flavour, for messages.</summary>
    string DetectedBy { get; }

    /// <summary>
    /// Lenient detection from the files alone (nothing is parsed): the file that shows the module is of
    /// this flavour (its manifest: package.json, the server .csproj), or null.
    /// </summary>
    string? Detect(IWorkspaceFiles files, string folder);

    /// <summary>Reads the flavour's facts, strictly: every problem goes to <paramref name="problems"/>.</summary>
    FlavourFacts? Read(FileTree tree, string folder, List<string> problems);

    /// <summary>The port read from the source, for modules generated before mcpops.module.json; null when not found.</summary>
    int? SourcePort(IWorkspaceFiles files, string folder);

    /// <summary>Plans the module's own link to the workspace's shared runtime on the tree.</summary>
    void EnsureCoreWiring(FileTree tree, ModuleInfo module, Workspace workspace);

    /// <summary>What of that link is missing, one line per file ("path: what").</summary>
    IEnumerable<string> MissingCoreWiring(FileTree tree, ModuleInfo module, Workspace workspace);

    /// <summary>True when the root tsconfig.json lists the module as a project reference.</summary>
    bool InRootTsconfig { get; }

    /// <summary>The `dotnet new mcp-module` arguments that pick this flavour and carry the workspace's settings.</summary>
    IReadOnlyList<string> TemplateArguments(Workspace workspace);

    /// <summary>The version the module's manifest declares (package.json "version", the server project's &lt;Version&gt;), or null.</summary>
    string? ManifestVersion(FileTree tree, ModuleInfo module);

    /// <summary>The command a user runs after `mcpops add` to build the module.</summary>
    string NextStep(ModuleInfo module);

    /// <summary>Notes about workspace files the flavour's modules need (after sync).</summary>
    IEnumerable<string> WorkspaceNotes(FileTree tree, IReadOnlyList<ModuleInfo> modules);

    /// <summary>The flavour's Definition-of-Done rules (MODULE001, MODULE002) for one module.</summary>
    void Check(CheckContext context, ModuleLocation module);
}

/// <summary>What a flavour reads from its own files.</summary>
internal sealed record FlavourFacts(
    string Manifest,
    string PackageName,
    string Description,
    IReadOnlyList<string> SolutionProjects);
