using System.IO.Compression;
using System.Xml.Linq;

namespace McpOps.Templates.Tests.Release;

/// <summary>A .nupkg read as NuGet reads it: its .nuspec metadata, its entries, and the text of those that are not binaries.</summary>
public sealed class PackedPackage
{
    private readonly Dictionary<string, string> _entries;

    private PackedPackage(string path, XElement metadata, IReadOnlyList<string> entryNames, Dictionary<string, string> entries)
    {
        Path = path;
        Metadata = metadata;
        EntryNames = entryNames;
        _entries = entries;
    }

    public string Path { get; }

    public XElement Metadata { get; }

    public IReadOnlyList<string> EntryNames { get; }

    public static PackedPackage Open(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => !IsBinary(e.FullName)))
        {
            using var reader = new StreamReader(entry.Open());
            entries[entry.FullName] = reader.ReadToEnd();
        }

        var nuspec = entries.Single(e => !e.Key.Contains('/', StringComparison.Ordinal) && e.Key.EndsWith(".nuspec", StringComparison.Ordinal));
        var metadata = XDocument.Parse(nuspec.Value).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return new PackedPackage(path, metadata, [.. zip.Entries.Select(e => e.FullName)], entries);
    }

    /// <summary>Assemblies, and a native tool's files (tools/any/&lt;rid&gt;/) but its settings.</summary>
    private static bool IsBinary(string entry) =>
        entry.EndsWith(".dll", StringComparison.Ordinal)
        || (entry.StartsWith("tools/any/", StringComparison.Ordinal) && !entry.EndsWith(".xml", StringComparison.Ordinal));

    /// <summary>A metadata element's text, or null when the .nuspec has none.</summary>
    public string? Get(string element) => Element(element)?.Value;

    public XElement? Element(string element) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == element);

    /// <summary>
    /// The folder of a tool package's files for <paramref name="rid"/>: tools/net10.0/&lt;rid&gt;/ for a build that
    /// runs on .NET (the portable "any"), tools/any/&lt;rid&gt;/ for a native executable.
    /// </summary>
    public string ToolFolder(string rid) =>
        new[] { $"tools/net10.0/{rid}/", $"tools/any/{rid}/" }.FirstOrDefault(f => EntryNames.Any(e => e.StartsWith(f, StringComparison.Ordinal)))
        ?? throw new KeyNotFoundException($"{System.IO.Path.GetFileName(Path)} has no tool folder for {rid}");

    /// <summary>The bytes of <paramref name="file"/> in the tool package's folder for <paramref name="rid"/> (<see cref="ToolFolder"/>).</summary>
    public byte[] ToolFile(string rid, string file)
    {
        using var zip = ZipFile.OpenRead(Path);
        var path = ToolFolder(rid) + file;
        var entry = zip.GetEntry(path) ?? throw new KeyNotFoundException($"{System.IO.Path.GetFileName(Path)} has no {path}");
        using var bytes = new MemoryStream();
        entry.Open().CopyTo(bytes);
        return bytes.ToArray();
    }

    public string Read(string entry) =>
        _entries.TryGetValue(entry, out var text) ? text : throw new KeyNotFoundException($"{System.IO.Path.GetFileName(Path)} has no entry {entry}");
}
