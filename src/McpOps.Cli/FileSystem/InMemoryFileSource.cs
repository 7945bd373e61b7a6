namespace McpOps.Cli.FileSystem;

/// <summary>Files held in memory: what the wiring edits are tested against, without a disk.</summary>
internal sealed class InMemoryFileSource : IFileSource
{
    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);

    public InMemoryFileSource(IEnumerable<KeyValuePair<string, string>>? files = null)
    {
        foreach (var (path, content) in files ?? [])
        {
            _files[path] = content;
        }
    }

    public string this[string path]
    {
        set => _files[path] = value;
    }

    public string? ReadText(string path) => _files.GetValueOrDefault(path);

    public bool FileExists(string path) => _files.ContainsKey(path);

    public bool DirectoryExists(string path) => _files.Keys.Any(file => file.StartsWith(path + "/", StringComparison.Ordinal));

    public IReadOnlyList<string> ListDirectories(string path) =>
        [.. _files.Keys
            .Where(file => file.StartsWith(path + "/", StringComparison.Ordinal))
            .Select(file => file[(path.Length + 1)..])
            .Where(rest => rest.Contains('/', StringComparison.Ordinal))
            .Select(rest => rest[..rest.IndexOf('/', StringComparison.Ordinal)])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    public IReadOnlyList<string> ListFiles(string path)
    {
        var prefix = path.Length == 0 ? "" : path + "/";
        return [.. _files.Keys
            .Where(file => file.StartsWith(prefix, StringComparison.Ordinal) && !file[prefix.Length..].Contains('/', StringComparison.Ordinal))
            .Select(file => file[prefix.Length..])];
    }

    /// <summary>Every file under <paramref name="path"/> ("" for all), as workspace paths.</summary>
    public IReadOnlyList<string> ListFilesRecursive(string path) =>
        [.. _files.Keys.Where(file => path.Length == 0 || file.StartsWith(path + "/", StringComparison.Ordinal))];
}
