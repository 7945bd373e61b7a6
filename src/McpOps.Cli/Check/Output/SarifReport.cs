using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpOps.Cli.Check.Output;

/// <summary>
/// `--format sarif`: one SARIF 2.1.0 run whose driver lists every rule, and one result per finding
/// with a workspace-relative artifact URI and start line, which is what GitHub code scanning needs to
/// show it inline (upload with github/codeql-action/upload-sarif). Suppressed findings keep their
/// result, with `suppressions` (external for the config file, inSource for a comment) and the
/// reason as justification; code scanning shows them as dismissed.
/// </summary>
internal static class SarifReport
{
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(CheckReport report)
    {
        var ruleIndex = Rules.All.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var rules = new JsonArray();
        foreach (var rule in Rules.All)
        {
            rules.Add((JsonNode)new JsonObject
            {
                ["id"] = rule.Id,
                ["shortDescription"] = new JsonObject { ["text"] = rule.Description },
                ["fullDescription"] = new JsonObject { ["text"] = rule.Description },
                ["help"] = new JsonObject { ["text"] = "Fix: " + rule.Fix, ["markdown"] = "**Fix:** " + rule.Fix },
                ["defaultConfiguration"] = new JsonObject { ["level"] = rule.LevelText },
                ["properties"] = new JsonObject { ["tags"] = new JsonArray("mcpops", rule.Category) },
            });
        }

        var results = new JsonArray();
        foreach (var f in report.Findings)
        {
            var result = new JsonObject
            {
                ["ruleId"] = f.Rule.Id,
                ["ruleIndex"] = ruleIndex[f.Rule.Id],
                ["level"] = f.Rule.LevelText,
                ["message"] = new JsonObject { ["text"] = f.Message },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = Uri(f.Path) },
                        ["region"] = new JsonObject { ["startLine"] = f.Line },
                    },
                }),
            };
            if (f.Suppression is { } s)
            {
                result["suppressions"] = new JsonArray(new JsonObject
                {
                    ["kind"] = s.Kind == SuppressionKind.Config ? "external" : "inSource",
                    ["justification"] = s.Reason,
                    ["location"] = new JsonObject
                    {
                        ["physicalLocation"] = new JsonObject
                        {
                            ["artifactLocation"] = new JsonObject { ["uri"] = Uri(s.Path) },
                            ["region"] = new JsonObject { ["startLine"] = s.Line },
                        },
                    },
                });
            }

            results.Add((JsonNode)result);
        }

        var sarif = new JsonObject
        {
            ["$schema"] = Schema,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "mcpops check",
                        ["semanticVersion"] = Version(),
                        ["rules"] = rules,
                    },
                },
                ["columnKind"] = "utf16CodeUnits",
                ["results"] = results,
            }),
        };
        return sarif.ToJsonString(Indented) + "\n";
    }

    /// <summary>A relative URI reference: each path segment percent-encoded, '/' kept.</summary>
    private static string Uri(string path) => string.Join('/', path.Split('/').Select(System.Uri.EscapeDataString));

    private static string Version()
    {
        var version = typeof(SarifReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
