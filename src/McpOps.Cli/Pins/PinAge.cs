using System.Globalization;
using System.Text.RegularExpressions;

namespace McpOps.Cli.Pins;

/// <summary>
/// Whether a version found in a workspace is older than the manifest's: the numbers of a tag or
/// range (v1.2.3, ^4.6.7, 26.12.1-trixie-slim), then the Debian release a tag names (bookworm
/// &lt; trixie), then for distroless images the Node.js and Debian numbers in the image name.
/// Versions it cannot order (a floating tag such as `nonroot`, a custom tag) are never "older".
/// </summary>
internal static partial class PinAge
{
    private static readonly string[] DebianReleases = ["buster", "bullseye", "bookworm", "trixie", "forky", "duke"];

    /// <summary>The manifest entry a found pin is compared with: same kind and name, or the same distroless family.</summary>
    public static Pin? Counterpart(PinsManifest manifest, FoundPin found)
    {
        var exact = manifest.Find(found.Kind, found.Name);
        if (exact is not null || found.Kind != PinKind.Image)
        {
            return exact;
        }

        var family = Distroless().Match(found.Name);
        return family.Success
            ? manifest.Pins.FirstOrDefault(p => p.Kind == PinKind.Image && Distroless().Match(p.Name) is { Success: true } m && m.Groups["family"].Value == family.Groups["family"].Value)
            : null;
    }

    public static bool IsOlder(FoundPin found, Pin pinned)
    {
        if (found.Kind == PinKind.Image)
        {
            var foundFamily = Distroless().Match(found.Name);
            var pinnedFamily = Distroless().Match(pinned.Name);
            if (foundFamily.Success && pinnedFamily.Success && found.Name != pinned.Name)
            {
                return Compare(Numbers(foundFamily.Groups["major"].Value + "." + foundFamily.Groups["debian"].Value), Numbers(pinnedFamily.Groups["major"].Value + "." + pinnedFamily.Groups["debian"].Value)) < 0;
            }
        }

        var byNumbers = Compare(Numbers(found.Version), Numbers(pinned.Version));
        if (byNumbers != 0)
        {
            return byNumbers < 0;
        }

        var foundDebian = Debian(found.Version);
        var pinnedDebian = Debian(pinned.Version);
        return foundDebian >= 0 && pinnedDebian >= 0 && foundDebian < pinnedDebian;
    }

    private static int[] Numbers(string version)
    {
        var match = LeadingNumbers().Match(version);
        return match.Success ? [.. match.Value.Split('.').Select(n => int.Parse(n, CultureInfo.InvariantCulture))] : [];
    }

    // Element by element; a missing or unparseable side is not comparable (0, "not older").
    private static int Compare(int[] found, int[] pinned)
    {
        if (found.Length == 0 || pinned.Length == 0)
        {
            return 0;
        }

        for (var i = 0; i < Math.Min(found.Length, pinned.Length); i++)
        {
            if (found[i] != pinned[i])
            {
                return found[i].CompareTo(pinned[i]);
            }
        }

        return 0;
    }

    private static int Debian(string tag) =>
        Array.FindIndex(DebianReleases, r => tag.Contains(r, StringComparison.Ordinal));

    [GeneratedRegex(@"[0-9]+(\.[0-9]+){0,3}")]
    private static partial Regex LeadingNumbers();

    [GeneratedRegex(@"^(?<family>.*/distroless/nodejs)(?<major>[0-9]+)-debian(?<debian>[0-9]+)$")]
    private static partial Regex Distroless();
}
