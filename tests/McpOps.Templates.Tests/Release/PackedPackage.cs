using System.IO.Compression;
using System.Xml.Linq;

namespace McpOps.Templates.Tests.Release;

/// <summary>A .nupkg read as NuGet reads it: its .nuspec metadata and the text of its entries.</summary>
public sealed class PackedPackage
{
    private readonly Dictionary<string, string> _entries;

    private PackedPackage(string path, XElement metadata, Dictionary<string, string> entries)
    {
        Path = path;
        Metadata = metadata;
        _entries = entries;
    }

    public string Path { get; }

    public XElement Metadata { get; }

    public IEnumerable<string> EntryNames => _entries.Keys;

    public static PackedPackage Open(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            entries[entry.FullName] = reader.ReadToEnd();
        }

        var nuspec = entries.Single(e => !e.Key.Contains('/', StringComparison.Ordinal) && e.Key.EndsWith(".nuspec", StringComparison.Ordinal));
        var metadata = XDocument.Parse(nuspec.Value).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return new PackedPackage(path, metadata, entries);
    }

    /// <summary>A metadata element's text, or null when the .nuspec has none.</summary>
    public string? Get(string element) => Element(element)?.Value;

    public XElement? Element(string element) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == element);

    /// <summary>The bytes of <paramref name="file"/> in a tool package's folder for <paramref name="rid"/> (tools/net10.0/&lt;rid&gt;/).</summary>
    public byte[] ToolFile(string rid, string file)
    {
        using var zip = ZipFile.OpenRead(Path);
        var entry = zip.GetEntry($"tools/net10.0/{rid}/{file}") ?? throw new KeyNotFoundException($"{System.IO.Path.GetFileName(Path)} has no tools/net10.0/{rid}/{file}");
        using var bytes = new MemoryStream();
        entry.Open().CopyTo(bytes);
        return bytes.ToArray();
    }

    public string Read(string entry) =>
        _entries.TryGetValue(entry, out var text) ? text : throw new KeyNotFoundException($"{System.IO.Path.GetFileName(Path)} has no entry {entry}");
}
