using System.Text.Json;
using McpOps.Templates.Tests.EndToEnd;
using McpOps.Templates.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpOps.Templates.Tests.McpCore;

/// <summary>
/// Bounded soak on loopback: 10,000 tools/call from 50 concurrent SDK clients (half on protocol
/// 2026-07-28, half on 2025-11-25) against a generated module; zero failures, RSS growth bounded.
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed class McpCoreSoakTests(TemplatePack pack, ITestOutputHelper output)
{
    private const string Token = "soak-token-not-a-secret";
    private const int Calls = 10_000;
    private const int Clients = 50;

    /// <summary>A leak of even 10 KiB per call would add ~100 MiB here; steady-state heap growth stays well below.</summary>
    private const long MaxRssGrowthKiB = 160 * 1024;

    /// <summary>Growth over the second half of the calls: a leak keeps growing, a warmed-up heap does not.</summary>
    private const long MaxSecondHalfGrowthKiB = 64 * 1024;

    [Fact]
    public async Task Ten_thousand_tool_calls_from_fifty_clients_all_succeed_with_bounded_memory()
    {
        ConformanceValidator.EnsureInstalled();
        var workspace = await GeneratedWorkspace.GetAsync(pack);
        await using var server = await RunningServer.StartAsync(
            "node", ["dist/server.mjs"],
            workspace.ModuleFolder("billing"),
            new Dictionary<string, string> { ["MCP_AUTH_TOKEN"] = Token, ["LOG_LEVEL"] = "warn" });

        var run = await ProcessRunner.RunAsync(
            "node",
            [ConformanceValidator.Script("soak.mjs"), server.BaseUrl.ToString(), Token, server.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), Calls.ToString(System.Globalization.CultureInfo.InvariantCulture), Clients.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ConformanceValidator.Folder,
            timeout: TimeSpan.FromMinutes(4));
        run.EnsureSuccess();

        using var report = JsonDocument.Parse(run.StandardOutput.Trim().Split('\n')[^1]);
        var r = report.RootElement;
        output.WriteLine($"soak: {r}");
        Assert.Equal(Calls, r.GetProperty("calls").GetInt32());
        Assert.True(r.GetProperty("failures").GetInt32() == 0, $"failures: {r.GetProperty("errors")}\n{server.Output}");
        var growth = r.GetProperty("rssEndKiB").GetInt64() - r.GetProperty("rssStartKiB").GetInt64();
        output.WriteLine($"RSS growth: {growth / 1024} MiB (start {r.GetProperty("rssStartKiB").GetInt64() / 1024} MiB, max {r.GetProperty("rssMaxKiB").GetInt64() / 1024} MiB)");
        Assert.True(growth < MaxRssGrowthKiB, $"RSS grew {growth} KiB over {Calls} calls");
        var secondHalf = r.GetProperty("rssEndKiB").GetInt64() - r.GetProperty("rssMidKiB").GetInt64();
        output.WriteLine($"RSS growth over the second {Calls / 2} calls: {secondHalf / 1024} MiB");
        Assert.True(secondHalf < MaxSecondHalfGrowthKiB, $"RSS still grew {secondHalf} KiB over the second half: a leak?");
        Assert.DoesNotContain("\"severity\":\"ERROR\"", server.Output, StringComparison.Ordinal);
    }
}
