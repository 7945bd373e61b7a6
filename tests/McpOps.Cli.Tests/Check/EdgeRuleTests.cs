using McpOps.Cli.Check;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Check;

/// <summary>EDGE004 reads the built bundle from disk (dist/ is never among the checked files): a bundle over 20 MB is a finding, one under is not.</summary>
public sealed class EdgeRuleTests : IDisposable
{
    private readonly TempDirectory temp = new("mcpops-edge-check");

    [Fact]
    public void A_bundle_over_20_MB_is_reported_and_one_under_is_not()
    {
        var source = MemoryWorkspace.Create();
        source["supabase/config.toml"] = MemoryWorkspace.SupabaseConfig.Replace("# mcpops:begin functions\n", "# mcpops:begin functions\n[functions.alerts]\nenabled = true\nverify_jwt = false\nentrypoint = \"../modules/alerts/mcp/dist/edge/index.js\"\n", StringComparison.Ordinal);
        MemoryWorkspace.AddEdgeModule(source, "alerts");
        var root = temp.Combine("ws");
        foreach (var path in source.ListFilesRecursive(""))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
            File.WriteAllText(Path.Combine(root, path), source.ReadText(path));
        }

        var bundle = Path.Combine(root, "modules/alerts/mcp/dist/edge/index.js");
        Directory.CreateDirectory(Path.GetDirectoryName(bundle)!);
        using (var stream = File.Create(bundle))
        {
            stream.SetLength((20L * 1024 * 1024) + 1);
        }

        var over = CheckRunner.Run(CheckFiles.FromDisk(root)).Active.Where(f => f.Rule.Id.StartsWith("EDGE", StringComparison.Ordinal)).ToList();
        var finding = Assert.Single(over);
        Assert.Equal(("EDGE004", "modules/alerts/mcp/dist/edge/index.js", "alerts"), (finding.Rule.Id, finding.Path, finding.Module));
        Assert.Contains("20,971,521 bytes", finding.Message);

        using (var stream = File.OpenWrite(bundle))
        {
            stream.SetLength(20L * 1024 * 1024);
        }

        Assert.DoesNotContain(CheckRunner.Run(CheckFiles.FromDisk(root)).Active, f => f.Rule.Id.StartsWith("EDGE", StringComparison.Ordinal));
    }

    public void Dispose() => temp.Dispose();
}
