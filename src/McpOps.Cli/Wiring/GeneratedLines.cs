using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using McpOps.Cli.Flavours;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Wiring;

/// <summary>
/// Tells a line sync wrote (for any module, present or gone) from a hand edit inside a marked block.
/// Each block template is rendered once for a probe module; every probe value in those lines becomes a
/// wildcard, so `import fooService from "../modules/foo/mcp/railway.service.ts";` is recognised for any
/// foo. A line in a block that matches no shape is a hand edit, which sync refuses to drop.
/// </summary>
internal static class GeneratedLines
{
    private const string ProbeName = "mcpopsprobe";
    private const string ProbeDescription = "MCPOPSPROBEDESCRIPTION";
    private const string ProbeProject = "modules/mcpopsprobe/mcp/src/McpOpsProbeProject/McpOpsProbeProject.csproj";
    private const int ProbePort = 65432;

    private static readonly ConcurrentDictionary<string, Regex[]> Shapes = new(StringComparer.Ordinal);

    public static bool IsGenerated(string templateName, string line)
    {
        var shapes = Shapes.GetOrAdd(templateName, Build);
        var trimmed = line.Trim();
        return trimmed.Length == 0 || shapes.Any(shape => shape.IsMatch(trimmed));
    }

    private static Regex[] Build(string templateName)
    {
        var probe = new ModuleInfo(ProbeName, ModuleFlavours.TypeScript, $"modules/{ProbeName}/mcp/package.json", "@probe/mcpopsprobe-mcp", ProbeDescription,
            ProbePort, RailwayConfig.Ts, HasComposeFragment: true, HasKubernetesOverlay: true, [ProbeProject],
            [ModuleTarget.Container, ModuleTarget.Edge], new EdgeFunction(ProbeName, VerifyJwt: false));
        // verify_jwt is a boolean, not a probe string: render both values so either is a generated line.
        var verifying = probe with { Edge = new EdgeFunction(ProbeName, VerifyJwt: true) };
        var lines = BlockTemplates.Render(templateName, [probe]).Concat(BlockTemplates.Render(templateName, [verifying])).Concat(BlockTemplates.Render(templateName, []));
        return [.. lines.Distinct(StringComparer.Ordinal).Select(line =>
        {
            var pattern = Regex.Escape(line.Trim());
            foreach (var value in new[] { Regex.Escape(ProbeProject), Regex.Escape(ProbeDescription), Regex.Escape(probe.CamelName), ProbePort.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                pattern = pattern.Replace(value, "(.*?)", StringComparison.Ordinal);
            }

            return new Regex("^" + pattern + "$", RegexOptions.CultureInvariant);
        })];
    }
}
