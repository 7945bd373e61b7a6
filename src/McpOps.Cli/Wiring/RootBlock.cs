using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Wiring;

/// <summary>One marked block of a root file: which modules it lists and the template that renders them.</summary>
internal sealed record RootBlock(string Name, string TemplateName, Func<ModuleInfo, bool> Includes, string Hint);

/// <summary>A root file that aggregates modules in one or more marked blocks.</summary>
internal sealed record RootFile(string Path, string Label, CommentStyle Style, IReadOnlyList<RootBlock> Blocks);
