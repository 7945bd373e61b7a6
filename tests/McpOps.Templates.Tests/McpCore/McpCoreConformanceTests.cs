using System.Text.RegularExpressions;
using McpOps.Templates.Tests.EndToEnd;
using McpOps.Templates.Tests.Infrastructure;
using Xunit.Abstractions;

namespace McpOps.Templates.Tests.McpCore;

/// <summary>
/// Runs the official MCP conformance suite (@modelcontextprotocol/conformance 0.1.16, server
/// scenarios of the active suite) against a server built on the generated workspace's mcp-core
/// that registers the scenarios' fixture tools, resources and prompts (conformance-server.mjs).
/// </summary>
[Collection(SharedTemplatePack.Name)]
public sealed partial class McpCoreConformanceTests(TemplatePack pack, ITestOutputHelper output)
{
    /// <summary>
    /// Scenarios mcp-core does not pass, each with the reason. All stem from one design choice:
    /// /mcp is stateless (any replica answers any request, nothing to share or drain).
    /// </summary>
    private static readonly Dictionary<string, string> Exceptions = new(StringComparer.Ordinal)
    {
        ["tools-call-sampling"] = "sampling/createMessage is a server-to-client request; a stateless server cannot receive the client's answer, which arrives as a separate POST (2025 era) or needs input_required rounds mcp-core does not expose yet",
        ["tools-call-elicitation"] = "elicitation/create is a server-to-client request: same reason as sampling",
        ["elicitation-sep1034-defaults"] = "elicitation: same reason as sampling",
        ["elicitation-sep1330-enums"] = "elicitation: same reason as sampling",
        ["resources-subscribe"] = "resource subscriptions need a session to deliver notifications/resources/updated later; a stateless server has none, so mcp-core does not advertise resources.subscribe",
        ["resources-unsubscribe"] = "resource subscriptions: same reason as resources-subscribe",
    };

    [Fact]
    public async Task Official_conformance_suite_passes_every_server_scenario_but_the_listed_exceptions()
    {
        ConformanceValidator.EnsureInstalled();
        var workspace = await GeneratedWorkspace.GetAsync(pack);
        ConformanceValidator.CopyIntoWorkspace(workspace.Root, "conformance-server.mjs");
        // The suite connects without a token and checks DNS-rebinding protection of a local,
        // unauthenticated server: exactly mcp-core's local-development mode.
        await using var server = await RunningServer.StartAsync(
            "node", ["conformance-server.mjs", GeneratedWorkspace.Scope],
            workspace.Root,
            new Dictionary<string, string> { ["MCP_AUTH_DISABLED"] = "true", ["LOG_LEVEL"] = "warn" });

        var run = await ProcessRunner.RunAsync(
            ConformanceValidator.Node22,
            [ConformanceValidator.ConformanceCli, "server", "--url", $"http://localhost:{server.Port}/mcp"],
            ConformanceValidator.Folder,
            timeout: TimeSpan.FromMinutes(3));

        var scenarios = SummaryLine().Matches(run.StandardOutput)
            .Select(m => (Name: m.Groups["name"].Value, Passed: int.Parse(m.Groups["passed"].Value), Failed: int.Parse(m.Groups["failed"].Value)))
            .ToList();
        Assert.True(scenarios.Count >= 25, $"the suite ran its server scenarios:\n{run.Output}");

        var failed = scenarios.Where(s => s.Failed > 0).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var passed = scenarios.Count - failed.Count;
        output.WriteLine($"conformance: {scenarios.Count} scenarios, {passed} passed, {failed.Count} failed (all listed exceptions: {failed.SetEquals(Exceptions.Keys)})");
        foreach (var (name, reason) in Exceptions)
        {
            output.WriteLine($"  exception {name}: {reason}");
        }

        var unexpected = failed.Except(Exceptions.Keys).ToList();
        Assert.True(unexpected.Count == 0, $"scenarios failed that are not listed exceptions: {string.Join(", ", unexpected)}\n{run.Output}\n{server.Output}");
        // An exception that starts passing must be removed from the list, so the list stays true.
        var nowPassing = Exceptions.Keys.Where(name => !failed.Contains(name) && scenarios.Any(s => s.Name == name)).ToList();
        Assert.True(nowPassing.Count == 0, $"listed exceptions now pass, remove them: {string.Join(", ", nowPassing)}");
        Assert.Contains(scenarios, s => s.Name == "dns-rebinding-protection" && s.Passed > 0);
        Assert.Contains(scenarios, s => s.Name == "tools-call-with-progress" && s.Passed > 0);
    }

    [GeneratedRegex(@"^[✓✗] (?<name>[a-z0-9\-]+): (?<passed>\d+) passed, (?<failed>\d+) failed", RegexOptions.Multiline)]
    private static partial Regex SummaryLine();
}
