using System.Diagnostics;

namespace McpOps.Contract.Tests.Runtimes;

/// <summary>
/// The Supabase Edge entry of mcp-core (serveEdge) under Deno, served from one esbuild bundle exactly as a
/// module's `build:edge` writes it, behind the host's stand-in for Supabase's API gateway: clients call
/// /functions/v1/contract-host/..., the gateway strips /functions/v1. The Deno builds come from npm
/// (tests/validators/deno: 2.1.x, which the hosted Edge Runtime is compatible with, and the latest 2.x).
/// </summary>
public sealed class DenoEdgeRuntime(string name, string denoPackage) : RuntimeAdapter
{
    private static readonly SemaphoreSlim BundleLock = new(1, 1);
    private static bool _bundled;

    public override string Name => name;

    public override string PublicPathPrefix => "/functions/v1/contract-host";

    public override string ServedPathPrefix => "/contract-host";

    public override bool ServesProtectedResourceMetadata => false;

    internal static string Bundle => Path.Combine(TypeScriptRuntime.HostFolder, "dist", "edge", "index.js");

    public string Deno => Path.Combine(RepositoryLayout.Root, "tests", "validators", "deno", "node_modules", denoPackage, "deno");

    public override async Task EnsureBuiltAsync()
    {
        if (!File.Exists(Deno))
        {
            throw new InvalidOperationException($"{Deno} is missing: run `npm ci --prefix tests/validators/deno` in {RepositoryLayout.Root} (bash tests/run does).");
        }

        await TypeScriptRuntime.BuildAsync();
        await BundleLock.WaitAsync();
        try
        {
            if (_bundled)
            {
                return;
            }

            var esbuild = Path.Combine(RepositoryLayout.Root, "node_modules", "esbuild", "bin", "esbuild");
            var entry = Path.Combine(TypeScriptRuntime.HostFolder, "dist", "tests", "contract", "hosts", "typescript", "edge-host.js");
            await NodeBuildStep.RunAsync($"esbuild {entry}", [esbuild, entry, .. BuildEdgeFlags(), $"--outfile={Bundle}"]);

            _bundled = true;
        }
        finally
        {
            BundleLock.Release();
        }
    }

    /// <summary>
    /// The esbuild flags of the module template's `build:edge` script (one source: the contract runs the bundle a
    /// module deploys), without its entry and output file.
    /// </summary>
    private static IEnumerable<string> BuildEdgeFlags()
    {
        var package = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "modules", "_template", "mcp", "package.json")))!;
        var script = (string)package["scripts"]!["build:edge"]!;
        var esbuild = script[(script.IndexOf("esbuild ", StringComparison.Ordinal) + "esbuild ".Length)..];
        return esbuild.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(flag => flag.StartsWith("--", StringComparison.Ordinal) && !flag.StartsWith("--outfile=", StringComparison.Ordinal));
    }

    public override ProcessStartInfo CreateStartInfo() =>
        new(Deno, ["run", "--no-prompt", "--allow-net", "--allow-env", "--allow-read", Bundle]) { WorkingDirectory = TypeScriptRuntime.HostFolder };
}
