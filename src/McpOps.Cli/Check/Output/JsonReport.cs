using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace McpOps.Cli.Check.Output;

/// <summary>
/// `--format json`, schema version 1 (documented in the README; additive changes only, a breaking
/// one bumps `schemaVersion`). Paths are relative to the workspace root, so the output does not
/// depend on where the workspace is.
/// </summary>
internal static class JsonReport
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(CheckReport report)
    {
        var findings = new JsonArray();
        foreach (var f in report.Findings)
        {
            // As a JsonNode: JsonArray.Add<T> of a JsonObject would need reflection, which the native build has not (IL3050).
            findings.Add((JsonNode)new JsonObject
            {
                ["ruleId"] = f.Rule.Id,
                ["level"] = f.Rule.LevelText,
                ["path"] = f.Path,
                ["line"] = f.Line,
                ["module"] = f.Module,
                ["message"] = f.Message,
                ["fix"] = f.Rule.Fix,
                ["suppressed"] = f.Suppression is { } s
                    ? new JsonObject
                    {
                        ["kind"] = s.Kind == SuppressionKind.Config ? "config" : "inline",
                        ["reason"] = s.Reason,
                        ["path"] = s.Path,
                        ["line"] = s.Line,
                    }
                    : null,
            });
        }

        var rules = new JsonArray();
        foreach (var rule in Rules.All)
        {
            rules.Add((JsonNode)new JsonObject
            {
                ["id"] = rule.Id,
                ["category"] = rule.Category,
                ["level"] = rule.LevelText,
                ["description"] = rule.Description,
                ["fix"] = rule.Fix,
            });
        }

        var json = new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["tool"] = "mcpops check",
            ["module"] = report.ModuleFilter,
            ["modules"] = new JsonArray([.. report.Modules.Select(m => JsonValue.Create(m.Name))]),
            ["summary"] = new JsonObject
            {
                ["findings"] = report.Active.Count,
                ["suppressed"] = report.Suppressed.Count,
                ["clean"] = report.Clean,
            },
            ["findings"] = findings,
            ["rules"] = rules,
        };
        return json.ToJsonString(Indented) + "\n";
    }
}
