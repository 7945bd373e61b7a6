using System.Text.Json.Nodes;
using McpOps.Cli.Check.Yaml;

namespace McpOps.Cli.Check.Suppressions;

/// <summary>
/// mcpops.check.json at the workspace root:
/// <c>{ "suppress": [ { "rule": "RAILWAY002", "path": "modules/legacy/mcp/railway.toml", "reason": "..." } ] }</c>.
/// `path` is a glob (optional: every file). A missing reason or an unknown rule is a finding; a
/// malformed file or an unknown property is unreadable input (exit 2), so a typo never silently
/// suppresses nothing.
/// </summary>
internal static class SuppressionConfig
{
    public const string FileName = "mcpops.check.json";

    private static readonly HashSet<string> EntryKeys = new(StringComparer.Ordinal) { "rule", "path", "reason" };

    public static IReadOnlyList<SuppressionEntry> Read(CheckContext context)
    {
        var text = context.Files.Read(FileName);
        if (text is null)
        {
            return [];
        }

        var json = context.Json(FileName);
        if (json is null)
        {
            return [];
        }

        var lines = EntryLines(text);
        var problems = new List<string>();
        foreach (var key in json.Select(p => p.Key).Where(k => k is not ("suppress" or "$schema")))
        {
            problems.Add($"{FileName}: unknown property \"{key}\" (expected \"suppress\").");
        }

        var entries = new List<SuppressionEntry>();
        if (json["suppress"] is { } suppress && suppress is not JsonArray)
        {
            problems.Add($"{FileName}: \"suppress\" must be an array of {{ \"rule\", \"path\", \"reason\" }} objects.");
        }

        var index = 0;
        foreach (var item in json["suppress"] as JsonArray ?? [])
        {
            var line = index < lines.Count ? lines[index] : 1;
            index++;
            if (item is not JsonObject entry)
            {
                problems.Add($"{FileName}:{line}: each suppression must be an object with \"rule\", \"path\" and \"reason\".");
                continue;
            }

            foreach (var key in entry.Select(p => p.Key).Where(k => !EntryKeys.Contains(k)))
            {
                problems.Add($"{FileName}:{line}: unknown property \"{key}\" (expected \"rule\", \"path\", \"reason\").");
            }

            string? Get(string name)
            {
                if (entry[name] is null)
                {
                    return null;
                }

                if (entry[name] is JsonValue value && value.TryGetValue<string>(out var s))
                {
                    return s;
                }

                problems.Add($"{FileName}:{line}: \"{name}\" must be a string.");
                return null;
            }

            var rule = Get("rule") ?? "";
            var path = Get("path");
            var reason = Get("reason") ?? "";
            entries.Add(new SuppressionEntry(SuppressionKind.Config, [rule.Trim()], FileName, line, reason, string.IsNullOrWhiteSpace(path) ? null : path.Trim(), null));
        }

        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                context.ReportUnreadable(problem);
            }

            return [];
        }

        return entries;
    }

    /// <summary>Start lines of the entries of "suppress" (JSON is YAML, and YamlDotNet keeps positions).</summary>
    private static List<int> EntryLines(string text)
    {
        try
        {
            var documents = YamlFiles.Load(FileName, text);
            return documents.Count == 0 ? [] : [.. documents[0].RootNode.Get("suppress").Items().Select(n => n.Line())];
        }
        catch (UnreadableFileException)
        {
            return [];
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return [];
        }
    }
}
