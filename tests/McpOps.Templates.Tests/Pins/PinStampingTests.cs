using System.IO.Compression;
using System.Text.Json.Nodes;
using McpOps.Cli.Pins;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Pins;

/// <summary>
/// The pack writes the versions from eng/pins.json, not the literal copies in the template sources: the
/// repository's sources packed with a manifest in which a pin of every kind moved (an image tag reached
/// through a Dockerfile ARG, a compose image, an action SHA and tag, a workflow tool, an action's version
/// input, an npm range in a version-stamped package.json, engines.node, a NuGet version, the global.json
/// SDK) hold the moved values, and every pinned version in every packed file is the manifest's.
/// The mcp-module templates get the pack version in their mcpops.module.json "template" section.
/// </summary>
public sealed class PinStampingTests : IDisposable
{
    private const string Version = "0.0.7";
    private readonly TempDirectory _temp = new("mcpops-pin-stamping");

    public static readonly (string Section, string Name, string Field, string Value)[] Moves =
    [
        ("images", "node", "tag", "26.13.0-trixie-slim"),
        ("images", "postgres", "tag", "17.6-alpine"),
        ("actions", "actions/checkout", "sha", new string('1', 40)),
        ("actions", "actions/checkout", "tag", "v7.0.2"),
        ("tools", "TRIVY_VERSION", "version", "v0.71.0"),
        ("tools", "azure/setup-helm version", "version", "v3.19.0"),
        ("tools", "engines.node", "version", ">=24"),
        ("tools", "global.json sdk", "version", "10.0.200"),
        ("npm", "pino", "version", "^10.5.0"),
        ("nuget", "xunit", "version", "2.9.4"),
    ];

    [Fact]
    public async Task Every_pinned_version_of_the_packed_templates_comes_from_the_manifest()
    {
        var sources = PackSources.CopyTo(_temp.Combine("src"));
        sources.Patch("eng/pins.json", Move, "moving pins");
        var manifest = PinsManifest.Parse(File.ReadAllText(Path.Combine(sources.Root, "eng", "pins.json")));

        var package = await sources.PackAsync(_temp.Combine("out"), Version);

        var found = new List<FoundPin>();
        using (var zip = ZipFile.OpenRead(package))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("content/", StringComparison.Ordinal) && PinScanner.Scans(e.FullName)))
            {
                using var reader = new StreamReader(entry.Open());
                found.AddRange(PinScanner.Scan(entry.FullName, reader.ReadToEnd()));
            }

            foreach (var flavour in new[] { "mcp-module", "mcp-module-csharp" })
            {
                using var reader = new StreamReader(zip.GetEntry($"content/{flavour}/modules/mcp-module-name/mcp/mcpops.module.json")!.Open());
                Assert.Contains($"\"version\": \"{Version}\"", reader.ReadToEnd(), StringComparison.Ordinal);
            }
        }

        var stale = found
            .Where(f => manifest.Find(f.Kind, f.Name) is { } pin && (pin.Version != f.Version || (pin.Sha is not null && pin.Sha != f.Sha)))
            .Select(f => $"{f.Path}:{f.Line}: {f.Kind} {f.Name} {f.Version} {f.Sha}")
            .ToList();
        Assert.True(stale.Count == 0, "packed versions that are not the manifest's:\n" + string.Join('\n', stale));
        foreach (var (section, name, field, value) in Moves)
        {
            Assert.True(
                found.Any(f => f.Name == name && (field == "sha" ? f.Sha == value : f.Version == value)),
                $"the moved pin {section} {name} {field} = {value} is in no packed file");
        }
    }

    private static string Move(string json)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var (section, name, field, value) in Moves)
        {
            var entry = root[section]!.AsArray().Single(e => (string?)e!["name"] == name)!;
            entry[field] = value;
        }

        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    public void Dispose() => _temp.Dispose();
}
