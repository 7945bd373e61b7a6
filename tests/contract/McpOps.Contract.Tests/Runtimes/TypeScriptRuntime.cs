using System.Diagnostics;

namespace McpOps.Contract.Tests.Runtimes;

/// <summary>
/// modules/_shared/mcp-core on Node.js, built through the repository's root npm workspace
/// (tests/contract/hosts/typescript references mcp-core, so one `tsc -b` builds both).
/// MCP_CONTRACT_NODE picks the node binary (default: node on PATH).
/// </summary>
public sealed class TypeScriptRuntime : RuntimeAdapter
{
    private static readonly SemaphoreSlim BuildLock = new(1, 1);
    private static bool _built;

    internal static string HostFolder => Path.Combine(RepositoryLayout.Root, "tests", "contract", "hosts", "typescript");

    private static string Entry => Path.Combine(HostFolder, "dist", "tests", "contract", "hosts", "typescript", "host.js");

    public static string Node => Environment.GetEnvironmentVariable("MCP_CONTRACT_NODE") is { Length: > 0 } node ? node : "node";

    public override string Name => "typescript";

    public override Task EnsureBuiltAsync() => BuildAsync();

    /// <summary>Compiles the TypeScript hosts (the Node one and the Deno Edge one) once per test run.</summary>
    internal static async Task BuildAsync()
    {
        await BuildLock.WaitAsync();
        try
        {
            if (_built)
            {
                return;
            }

            var tsc = Path.Combine(RepositoryLayout.Root, "node_modules", "typescript", "bin", "tsc");
            if (!File.Exists(tsc))
            {
                throw new InvalidOperationException($"{tsc} is missing: run `npm ci` in {RepositoryLayout.Root} (bash tests/run does).");
            }

            await NodeBuildStep.RunAsync($"tsc -b {HostFolder}", tsc, "-b", HostFolder);

            _built = true;
        }
        finally
        {
            BuildLock.Release();
        }
    }

    public override ProcessStartInfo CreateStartInfo() => new(Node, ["--enable-source-maps", Entry]) { WorkingDirectory = HostFolder };
}
