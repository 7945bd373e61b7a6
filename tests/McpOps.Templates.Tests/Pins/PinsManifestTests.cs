using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpOps.Cli.Pins;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Pins;

/// <summary>
/// eng/pins.json is the one list of versions the templates write: every version in the output of
/// every template (all options that add files with versions) is an entry of it, with the same
/// value (and SHA for actions), and every entry is written somewhere. The Node.js statements
/// (Dockerfile, distroless line, CI, engines, bundle target, docs) agree with its node section.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed partial class PinsManifestTests(TemplatePack pack)
{
    private static readonly string ManifestPath = Path.Combine(RepositoryPaths.Root, "eng", "pins.json");

    private static PinsManifest Manifest => PinsManifest.Parse(File.ReadAllText(ManifestPath));

    [Fact]
    public async Task Every_version_the_templates_write_is_a_pin_and_every_pin_is_written()
    {
        using var temp = new TempDirectory("mcpops-pins");
        var found = await GenerateAndScanAsync(temp);
        var manifest = Manifest;

        var unknown = Mismatches(manifest, found).ToList();
        Assert.True(unknown.Count == 0, "versions written by the templates that eng/pins.json does not list (add them there, or fix the template):\n" + string.Join('\n', unknown));

        var unused = manifest.Pins.Where(p => !found.Any(f => Matches(p, f))).Select(p => $"{p.Kind} {p.Name} {p.Version}").ToList();
        Assert.True(unused.Count == 0, "eng/pins.json entries no template writes (remove them):\n" + string.Join('\n', unused));

        // Enough was scanned for the test to mean something: every kind has pins in the output.
        foreach (var kind in Enum.GetValues<PinKind>())
        {
            Assert.Contains(found, f => f.Kind == kind);
        }
    }

    [Fact]
    public void A_version_or_sha_that_differs_from_the_manifest_is_reported()
    {
        // The comparison can fail: an older Node.js patch, a moved action SHA, an unknown package.
        var manifest = Manifest;
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "modules", "_template", "mcp", "Dockerfile"))
            .Replace("ARG NODE_VERSION=26.12.1", "ARG NODE_VERSION=26.12.0", StringComparison.Ordinal);
        const string Workflow = "jobs:\n  a:\n    steps:\n      - uses: actions/checkout@0000000000000000000000000000000000000000 # v7.0.1\n";
        const string Package = "{ \"dependencies\": { \"left-pad\": \"^1.3.0\" } }";
        var found = PinScanner.Scan("Dockerfile", dockerfile)
            .Concat(PinScanner.Scan(".github/workflows/ci.yml", Workflow))
            .Concat(PinScanner.Scan("package.json", Package)).ToList();

        var mismatches = Mismatches(manifest, found).ToList();

        Assert.Contains(mismatches, m => m.Contains("node 26.12.0-trixie-slim", StringComparison.Ordinal));
        Assert.Contains(mismatches, m => m.Contains("actions/checkout v7.0.1 @0000000000000000000000000000000000000000", StringComparison.Ordinal));
        Assert.Contains(mismatches, m => m.Contains("left-pad", StringComparison.Ordinal));
        Assert.DoesNotContain(mismatches, m => m.Contains("distroless", StringComparison.Ordinal));
    }

    [Fact]
    public void Node_statements_agree_with_the_manifest_active_lts_line_and_workspace_minimum()
    {
        var root = RepositoryPaths.Root;
        var manifest = Manifest;
        var lts = manifest.NodeActiveLts;
        var minimum = manifest.NodeMinimum;
        string Read(params string[] parts) => File.ReadAllText(Path.Combine([root, .. parts]));

        var dockerfile = Read("modules", "_template", "mcp", "Dockerfile");
        Assert.Matches($@"(?m)^ARG NODE_VERSION={lts}\.\d+\.\d+$", dockerfile);
        Assert.Matches($@"(?m)^FROM gcr\.io/distroless/nodejs{lts}-debian13:nonroot AS runtime$", dockerfile);
        Assert.Matches(@"(?m)^FROM node:\$\{NODE_VERSION\}-trixie-slim AS build$", dockerfile);
        Assert.Matches($@"(?m)^ARG NODE_VERSION={lts}\.", Read("tests", "image", "single-stage.Dockerfile"));

        // The workspace runs on the minimum, the images and CI on the Active LTS line.
        var engines = (string?)JsonNode.Parse(Read("templates", "mcp-workspace", "package.json"))!["engines"]!["node"];
        Assert.Equal($">={minimum}", engines);
        Assert.Contains($"--target=node{minimum} ", (string?)JsonNode.Parse(Read("modules", "_template", "mcp", "package.json"))!["scripts"]!["bundle"], StringComparison.Ordinal);
        var workflows = Path.Combine(root, "templates", "devops-ci", ".github", "workflows");
        var nodeVersions = Directory.GetFiles(workflows, "*.yml").SelectMany(f => NodeVersionSetting().Matches(File.ReadAllText(f)).Select(m => (Path.GetFileName(f), m.Groups["v"].Value))).ToList();
        Assert.NotEmpty(nodeVersions);
        Assert.All(nodeVersions, v => Assert.True(v.Item2 == lts, $"{v.Item1}: Node.js {v.Item2} in CI, the images use {lts}"));

        // The docs say the same.
        Assert.Contains($"Node.js {minimum} or later", Read("templates", "mcp-workspace", "README.md"), StringComparison.Ordinal);
        Assert.Contains($"the images use Node.js {lts}", Read("templates", "mcp-workspace", "README.md"), StringComparison.Ordinal);
        Assert.Contains($"Node.js {lts} (the Active LTS line)", Read("modules", "_template", "common", "README.md"), StringComparison.Ordinal);
        var pinsDoc = Read("docs", "pins.md");
        Assert.Contains($"Node.js {lts}", pinsDoc, StringComparison.Ordinal);
        Assert.Contains($"gcr.io/distroless/nodejs{lts}-debian13", pinsDoc, StringComparison.Ordinal);
    }

    private static bool Matches(Pin pin, FoundPin found) =>
        pin.Kind == found.Kind && pin.Name == found.Name && pin.Version == found.Version && (pin.Sha is null || pin.Sha == found.Sha);

    private static IEnumerable<string> Mismatches(PinsManifest manifest, IEnumerable<FoundPin> found) =>
        found.Where(f => !manifest.Pins.Any(p => Matches(p, f)))
            .Select(f => $"{f.Path}:{f.Line}: {f.Kind} {f.Name} {f.Version}{(f.Sha is null ? "" : " @" + f.Sha)}")
            .Distinct(StringComparer.Ordinal);

    // Every template, with each option that adds files holding versions.
    private async Task<List<FoundPin>> GenerateAndScanAsync(TempDirectory temp)
    {
        (await pack.NewAsync(temp.Path, "mcp-workspace", "-n", "acme")).EnsureSuccess();
        var workspace = temp.Combine("acme");
        (await pack.NewAsync(workspace, "mcp-module", "-n", "billing")).EnsureSuccess();
        (await pack.NewAsync(workspace, "mcp-module", "-n", "ledger", "--language", "C#")).EnsureSuccess();
        foreach (var (folder, arguments) in new[]
        {
            ("ci", new[] { "devops-ci", "--mcp-registry", "true" }),
            ("compose", new[] { "devops-compose", "--otel", "--postgres", "--redis" }),
            ("k8s", new[] { "devops-k8s", "--external-secrets" }),
        })
        {
            Directory.CreateDirectory(temp.Combine(folder));
            (await pack.NewAsync(temp.Combine(folder), arguments)).EnsureSuccess();
        }

        var found = new List<FoundPin>();
        foreach (var file in Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(temp.Path, file).Replace('\\', '/');
            if (!relative.Contains("/node_modules/", StringComparison.Ordinal) && PinScanner.Scans(relative))
            {
                found.AddRange(PinScanner.Scan(relative, await File.ReadAllTextAsync(file)));
            }
        }

        return found;
    }

    [GeneratedRegex(@"(?m)^\s*(?:NODE_VERSION|node-version):\s*'(?<v>[0-9]+)'")]
    private static partial Regex NodeVersionSetting();
}
