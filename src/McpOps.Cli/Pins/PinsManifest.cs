using System.Text.Json;

namespace McpOps.Cli.Pins;

/// <summary>
/// eng/pins.json, the one list of every version the templates write, embedded in mcpops at build
/// time (McpOps.Cli.csproj) so the check compares a workspace with the pack it was built with.
/// </summary>
internal sealed class PinsManifest
{
    private const string ResourceName = "McpOps.Cli.pins.json";

    private PinsManifest(IReadOnlyList<Pin> pins, string nodeActiveLts, string nodeMinimum)
    {
        Pins = pins;
        NodeActiveLts = nodeActiveLts;
        NodeMinimum = nodeMinimum;
    }

    /// <summary>The manifest this build of mcpops embeds.</summary>
    public static PinsManifest Embedded { get; } = LoadEmbedded();

    public IReadOnlyList<Pin> Pins { get; }

    /// <summary>The Node.js line new modules start on (the Active LTS line when the pack was made).</summary>
    public string NodeActiveLts { get; }

    /// <summary>The oldest Node.js line the workspace runs on (package.json engines).</summary>
    public string NodeMinimum { get; }

    public Pin? Find(PinKind kind, string name) =>
        Pins.FirstOrDefault(p => p.Kind == kind && string.Equals(p.Name, name, StringComparison.Ordinal));

    public static PinsManifest Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var pins = new List<Pin>();
        foreach (var image in root.GetProperty("images").EnumerateArray())
        {
            pins.Add(new Pin(PinKind.Image, Text(image, "name"), Text(image, "tag"), Digest: OptionalText(image, "digest")));
        }

        foreach (var action in root.GetProperty("actions").EnumerateArray())
        {
            pins.Add(new Pin(PinKind.Action, Text(action, "name"), Text(action, "tag"), Sha: Text(action, "sha")));
        }

        foreach (var (section, kind) in new[] { ("tools", PinKind.Tool), ("npm", PinKind.Npm), ("nuget", PinKind.NuGet) })
        {
            foreach (var entry in root.GetProperty(section).EnumerateArray())
            {
                pins.Add(new Pin(kind, Text(entry, "name"), Text(entry, "version")));
            }
        }

        var node = root.GetProperty("node");
        return new PinsManifest(pins, Text(node, "activeLts"), Text(node, "minimum"));
    }

    private static PinsManifest LoadEmbedded()
    {
        using var stream = typeof(PinsManifest).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded: McpOps.Cli.csproj embeds eng/pins.json");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static string Text(JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidDataException($"pins.json: \"{property}\" is null");

    private static string? OptionalText(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
