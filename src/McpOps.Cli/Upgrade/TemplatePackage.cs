using System.IO.Compression;
using System.Text.Json.Nodes;

namespace McpOps.Cli.Upgrade;

/// <summary>One template of a package: its template.json, its dotnetcli.host.json (or null) and its source files (path to text).</summary>
internal sealed record PackagedTemplate(JsonObject Config, JsonObject? Host, IReadOnlyDictionary<string, string> Content);

/// <summary>
/// Reads templates straight out of a McpOps.Templates .nupkg (a zip: content/&lt;folder&gt;/.template.config/template.json
/// beside the template's files), so <see cref="ProbeRenderer"/> can read each template's own symbols and forms.
/// </summary>
internal static class TemplatePackage
{
    private const string ConfigFolder = ".template.config/";

    /// <summary>
    /// The template `dotnet new &lt;shortName&gt;` runs: the one whose tags.language is <paramref name="language"/>,
    /// or without a language the single one of highest precedence (as dotnet new picks). Null when that is ambiguous.
    /// </summary>
    public static PackagedTemplate? Find(string package, string shortName, string? language)
    {
        using var zip = ZipFile.OpenRead(package);
        var candidates = new List<(string Folder, JsonObject Config)>();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith("/" + ConfigFolder + "template.json", StringComparison.Ordinal)))
        {
            if (Parse(entry) is { } config && ShortNames(config).Contains(shortName, StringComparer.Ordinal))
            {
                candidates.Add((entry.FullName[..^(ConfigFolder + "template.json").Length], config));
            }
        }

        var chosen = language is not null
            ? candidates.Where(c => string.Equals((string?)c.Config["tags"]?["language"], language, StringComparison.OrdinalIgnoreCase)).ToList()
            : candidates.GroupBy(c => Precedence(c.Config)).OrderByDescending(g => g.Key).FirstOrDefault()?.ToList() ?? [];
        if (chosen.Count != 1)
        {
            return null;
        }

        var (folder, template) = chosen[0];
        var host = zip.GetEntry(folder + ConfigFolder + "dotnetcli.host.json") is { } hostEntry ? Parse(hostEntry) : null;
        var content = zip.Entries
            .Where(e => e.FullName.StartsWith(folder, StringComparison.Ordinal) && !e.FullName.StartsWith(folder + ConfigFolder, StringComparison.Ordinal) && !e.FullName.EndsWith('/'))
            .ToDictionary(e => e.FullName[folder.Length..], ReadText, StringComparer.Ordinal);
        return new PackagedTemplate(template, host, content);
    }

    private static IEnumerable<string> ShortNames(JsonObject config) => config["shortName"] switch
    {
        JsonArray names => names.Select(n => (string?)n ?? ""),
        JsonValue name => [(string?)name ?? ""],
        _ => [],
    };

    private static int Precedence(JsonObject config) =>
        config["precedence"] is JsonValue value && int.TryParse(value.ToString(), out var precedence) ? precedence : 0;

    private static JsonObject? Parse(ZipArchiveEntry entry)
    {
        try
        {
            return JsonNode.Parse(ReadText(entry), documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string ReadText(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
