namespace McpOps.Cli.FileSystem;

/// <summary>
/// A workspace as the generator sees it: the files of an <see cref="IFileSource"/> plus the edits
/// planned so far (Nx's Tree). Nothing touches the disk until <see cref="TreeCommitter"/> writes the
/// changes, so a failed plan leaves the workspace exactly as it was. Writing a file's original
/// content back cancels the change, which is what makes sync idempotent.
/// </summary>
internal sealed class FileTree(IFileSource source) : IWorkspaceFiles
{
    private readonly Dictionary<string, string> _writes = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _deletedDirectories = new(StringComparer.Ordinal);

    public IFileSource Source { get; } = source;

    public string? Read(string path)
    {
        if (IsDeleted(path))
        {
            return null;
        }

        return _writes.TryGetValue(path, out var written) ? written : Source.ReadText(path);
    }

    public bool FileExists(string path) => !IsDeleted(path) && (_writes.ContainsKey(path) || Source.FileExists(path));

    /// <summary>On disk, or holding a planned file (a module staged by `add` exists before it is committed).</summary>
    public bool DirectoryExists(string path) =>
        !IsDeleted(path) && (Source.DirectoryExists(path) || _writes.Keys.Any(key => key.StartsWith(path + "/", StringComparison.Ordinal)));

    /// <summary>Names of the folders directly in <paramref name="path"/>: on disk or holding a planned file, not deleted.</summary>
    public IReadOnlyList<string> ListDirectories(string path)
    {
        if (IsDeleted(path))
        {
            return [];
        }

        var prefix = path.Length == 0 ? "" : path + "/";
        var planned = _writes.Keys
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal) && key[prefix.Length..].Contains('/', StringComparison.Ordinal))
            .Select(key => key[prefix.Length..key.IndexOf('/', prefix.Length)]);
        return [.. Source.ListDirectories(path).Concat(planned).Distinct(StringComparer.Ordinal)
            .Where(name => !IsDeleted(Combine(path, name)))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Names of the files directly in <paramref name="path"/> ("" is the root): on disk or planned, not deleted.</summary>
    public IReadOnlyList<string> ListFiles(string path)
    {
        var prefix = path.Length == 0 ? "" : path + "/";
        var planned = _writes.Keys
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal) && !key[prefix.Length..].Contains('/', StringComparison.Ordinal))
            .Select(key => key[prefix.Length..]);
        return [.. Source.ListFiles(path).Concat(planned).Distinct(StringComparer.Ordinal)
            .Where(name => !IsDeleted(Combine(path, name)))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>Every file under <paramref name="path"/>: on disk or planned, not deleted; sorted.</summary>
    public IReadOnlyList<string> ListFilesRecursive(string path) =>
        [.. Source.ListFilesRecursive(path)
            .Concat(_writes.Keys.Where(key => key.StartsWith(path + "/", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .Where(file => !IsDeleted(file))
            .Order(StringComparer.Ordinal)];

    public void Write(string path, string content)
    {
        if (IsDeleted(path))
        {
            throw new InvalidOperationException($"{path} is inside a folder planned for deletion");
        }

        if (Source.ReadText(path) == content)
        {
            _writes.Remove(path);
        }
        else
        {
            _writes[path] = content;
        }
    }

    public void DeleteDirectory(string path)
    {
        _deletedDirectories.Add(path);
        foreach (var written in _writes.Keys.Where(key => IsDeleted(key)).ToList())
        {
            _writes.Remove(written);
        }
    }

    /// <summary>Plans the deletion of one file (it is listed with the deleted folders: a deleted path and all under it).</summary>
    public void DeleteFile(string path) => DeleteDirectory(path);

    /// <summary>File edits, ordered by path; folder deletions are in <see cref="DeletedDirectories"/>.</summary>
    public IReadOnlyList<FileChange> Changes =>
        [.. _writes.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new FileChange(w.Key, Source.ReadText(w.Key), w.Value))];

    public IReadOnlyCollection<string> DeletedDirectories => _deletedDirectories;

    public bool HasChanges => _writes.Count > 0 || _deletedDirectories.Count > 0;

    public static string Combine(string folder, string name) => folder.Length == 0 ? name : folder + "/" + name;

    private bool IsDeleted(string path) =>
        _deletedDirectories.Any(dir => path == dir || path.StartsWith(dir + "/", StringComparison.Ordinal));
}
