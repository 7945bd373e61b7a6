using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace McpOps.Cli.Pins;

/// <summary>
/// Finds the pinned versions a workspace file writes, in the places the templates write them:
/// Dockerfile FROM lines (ARG defaults resolved), `image:` of compose and Kubernetes files,
/// `uses: owner/repo@sha # tag` and `*_VERSION:` / `node-version:` / `dotnet-version:` / an
/// action's `version:` input in workflows, package.json dependencies and engines,
/// Directory.Packages.props and global.json. Anything templated (`${...}`, `{{ }}`) is skipped.
/// </summary>
internal static partial class PinScanner
{
    public static bool Scans(string path)
    {
        var name = Path.GetFileName(path);
        return name is "Dockerfile" or "package.json" or "Directory.Packages.props" or "global.json"
            || name.EndsWith(".Dockerfile", StringComparison.Ordinal)
            || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal);
    }

    public static IEnumerable<FoundPin> Scan(string path, string text)
    {
        var name = Path.GetFileName(path);
        return name switch
        {
            "package.json" => ScanPackageJson(path, text),
            "Directory.Packages.props" => ScanPackagesProps(path, text),
            "global.json" => ScanGlobalJson(path, text),
            _ when name == "Dockerfile" || name.EndsWith(".Dockerfile", StringComparison.Ordinal) => ScanDockerfile(path, text),
            _ => ScanYaml(path, text),
        };
    }

    /// <summary>name:tag (a registry port is not a tag) and an optional @digest.</summary>
    public static (string Name, string Tag, string? Digest) SplitImage(string reference)
    {
        string? digest = null;
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = reference[(at + 1)..];
            reference = reference[..at];
        }

        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..], digest) : (reference, "", digest);
    }

    private static IEnumerable<FoundPin> ScanDockerfile(string path, string text)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            var argument = ArgLine().Match(line);
            if (argument.Success)
            {
                arguments.TryAdd(argument.Groups["name"].Value, argument.Groups["value"].Value.Trim('"'));
                continue;
            }

            var from = FromLine().Match(line);
            if (!from.Success)
            {
                continue;
            }

            var reference = Variable().Replace(from.Groups["image"].Value, m => arguments.GetValueOrDefault(m.Groups["name"].Value, m.Value));
            var earlierStage = stages.Contains(reference);
            if (from.Groups["stage"].Success)
            {
                stages.Add(from.Groups["stage"].Value);
            }

            if (reference is "scratch" || earlierStage || reference.Contains('$', StringComparison.Ordinal))
            {
                continue;
            }

            var (name, tag, _) = SplitImage(reference);
            yield return new FoundPin(PinKind.Image, name, tag, path, i + 1);
        }
    }

    private static IEnumerable<FoundPin> ScanYaml(string path, string text)
    {
        var lines = text.Split('\n');
        string? lastAction = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimStart().StartsWith('#') || line.Contains("${", StringComparison.Ordinal) || line.Contains("{{", StringComparison.Ordinal))
            {
                continue;
            }

            var uses = UsesLine().Match(line);
            if (uses.Success)
            {
                lastAction = uses.Groups["action"].Value;
                yield return new FoundPin(PinKind.Action, lastAction, uses.Groups["tag"].Success ? uses.Groups["tag"].Value : "", path, i + 1, uses.Groups["sha"].Value);
                continue;
            }

            var image = ImageLine().Match(line);
            if (image.Success)
            {
                var (name, tag, _) = SplitImage(image.Groups["image"].Value);
                if (tag.Length > 0)
                {
                    yield return new FoundPin(PinKind.Image, name, tag, path, i + 1);
                }

                continue;
            }

            var setting = VersionSetting().Match(line);
            if (setting.Success)
            {
                var key = setting.Groups["key"].Value;
                var name = key == "version" ? $"{lastAction} version" : key;
                if (key != "version" || lastAction is not null)
                {
                    yield return new FoundPin(PinKind.Tool, name, setting.Groups["value"].Value, path, i + 1);
                }
            }
        }
    }

    private static List<FoundPin> ScanPackageJson(string path, string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var found = new List<FoundPin>();
        foreach (var section in new[] { "dependencies", "devDependencies", "optionalDependencies", "peerDependencies" })
        {
            if (!root.TryGetProperty(section, out var dependencies) || dependencies.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var dependency in dependencies.EnumerateObject())
            {
                var range = dependency.Value.GetString() ?? "";
                if (range.StartsWith("file:", StringComparison.Ordinal) || range.StartsWith("workspace:", StringComparison.Ordinal))
                {
                    continue;
                }

                found.Add(new FoundPin(PinKind.Npm, dependency.Name, range, path, LineOf(text, $"\"{dependency.Name}\"")));
            }
        }

        if (root.TryGetProperty("engines", out var engines) && engines.TryGetProperty("node", out var node))
        {
            found.Add(new FoundPin(PinKind.Tool, "engines.node", node.GetString() ?? "", path, LineOf(text, "\"node\"")));
        }

        return found;
    }

    private static List<FoundPin> ScanPackagesProps(string path, string text) =>
        XDocument.Parse(text).Descendants("PackageVersion")
            .Select(p => ((string?)p.Attribute("Include") ?? "", (string?)p.Attribute("Version") ?? ""))
            .Where(p => p.Item1.Length > 0 && !p.Item2.Contains('$', StringComparison.Ordinal))
            .Select(p => new FoundPin(PinKind.NuGet, p.Item1, p.Item2, path, LineOf(text, $"\"{p.Item1}\"")))
            .ToList();

    private static IEnumerable<FoundPin> ScanGlobalJson(string path, string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.TryGetProperty("sdk", out var sdk) && sdk.TryGetProperty("version", out var version)
            ? [new FoundPin(PinKind.Tool, "global.json sdk", version.GetString() ?? "", path, LineOf(text, "\"version\""))]
            : [];
    }

    private static int LineOf(string text, string needle)
    {
        var index = text.IndexOf(needle, StringComparison.Ordinal);
        return index < 0 ? 1 : text.AsSpan(0, index).Count('\n') + 1;
    }

    [GeneratedRegex(@"^ARG\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S+)$")]
    private static partial Regex ArgLine();

    [GeneratedRegex(@"^FROM\s+(?:--platform=\S+\s+)?(?<image>\S+)(?:\s+AS\s+(?<stage>\S+))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^\s*(?:-\s+)?uses:\s*(?<action>[^@\s]+)@(?<sha>\S+)(?:\s+#\s*(?<tag>\S+))?")]
    private static partial Regex UsesLine();

    [GeneratedRegex(@"^\s*(?:-\s+)?image:\s*[""']?(?<image>[^\s""']+)[""']?\s*$")]
    private static partial Regex ImageLine();

    [GeneratedRegex(@"^\s*(?<key>[A-Z][A-Z0-9_]*_VERSION|node-version|dotnet-version|version):\s*[""']?(?<value>v?[0-9][0-9A-Za-z.\-+]*)[""']?\s*$")]
    private static partial Regex VersionSetting();
}
