using System.Collections.Frozen;

namespace McpOps.Cli.Workspaces;

/// <summary>
/// The folders that builds and package managers write inside a module, never its sources: `check` does not
/// read them, `rename` does not move them, and a module folder that holds nothing else is not a module (what
/// git leaves behind, being ignored, when a branch switch or a move takes the module's files away).
/// </summary>
internal static class BuildOutput
{
    public static readonly FrozenSet<string> Folders = FrozenSet.Create(StringComparer.Ordinal, "node_modules", "dist", "bin", "obj");

    /// <summary>True when a folder of <paramref name="path"/> (a '/'-separated path to a file) is build output.</summary>
    public static bool Contains(string path) => path.Split('/').SkipLast(1).Any(Folders.Contains);
}
