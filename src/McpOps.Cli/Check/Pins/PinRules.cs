using System.Text.Json;
using System.Xml;
using McpOps.Cli.Pins;

namespace McpOps.Cli.Check.Pins;

/// <summary>PIN001: bases and pins older than the manifest of the installed pack (embedded in mcpops).</summary>
internal sealed class PinRules(PinsManifest manifest) : ICheckAnalyzer
{
    public PinRules()
        : this(PinsManifest.Embedded)
    {
    }

    public void Run(CheckContext context)
    {
        foreach (var path in context.Files.Paths.Where(p => PinScanner.Scans(p) && context.InScope(p)))
        {
            var text = context.Files.Read(path);
            if (text is null)
            {
                continue;
            }

            List<FoundPin> found;
            try
            {
                found = [.. PinScanner.Scan(path, text)];
            }
            catch (Exception e) when (e is JsonException or XmlException)
            {
                continue; // malformed: the rules that own this file report it
            }

            foreach (var pin in found)
            {
                if (PinAge.Counterpart(manifest, pin) is { } pinned && PinAge.IsOlder(pin, pinned))
                {
                    context.Add(Rules.PinStale, path, pin.Line, $"{Describe(pin.Kind, pin.Name, pin.Version)} is older than {Describe(pinned.Kind, pinned.Name, pinned.Version)}, the pin of the installed McpOps pack.");
                }
            }
        }
    }

    private static string Describe(PinKind kind, string name, string version) => kind switch
    {
        PinKind.Image => $"image {name}:{version}",
        PinKind.Action => $"action {name}@{version}",
        PinKind.Npm => $"npm {name} {version}",
        PinKind.NuGet => $"NuGet {name} {version}",
        _ => $"{name} {version}",
    };
}
