namespace McpOps.Cli.FileSystem;

/// <summary>The files of a workspace folder on disk.</summary>
internal sealed class DiskFileSource(string root) : IFileSource
{
    public string Root { get; } = Path.GetFullPath(root);

    public string FullPath(string path) => Path.Combine(Root, path);

    public string? ReadText(string path)
    {
        var full = FullPath(path);
        return File.Exists(full) ? File.ReadAllText(full) : null;
    }

    public bool FileExists(string path) => File.Exists(FullPath(path));

    public bool DirectoryExists(string path) => Directory.Exists(FullPath(path));

    public IReadOnlyList<string> ListDirectories(string path)
    {
        var full = FullPath(path);
        return Directory.Exists(full)
            ? [.. Directory.EnumerateDirectories(full).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
            : [];
    }

    public IReadOnlyList<string> ListFiles(string path)
    {
        var full = FullPath(path);
        return Directory.Exists(full)
            ? [.. Directory.EnumerateFiles(full).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
            : [];
    }

    public IReadOnlyList<string> ListFilesRecursive(string path)
    {
        var full = FullPath(path);
        return Directory.Exists(full)
            ? [.. Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .Select(file => Path.GetRelativePath(Root, file).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)]
            : [];
    }
}
