namespace McpOps.Cli.FileSystem;

/// <summary>
/// Read-only view of a workspace's files. Paths are relative to the workspace root and use '/'.
/// The generator only ever reads through this, so every edit can be planned in memory first.
/// </summary>
internal interface IFileSource
{
    string? ReadText(string path);

    bool FileExists(string path);

    bool DirectoryExists(string path);

    /// <summary>Names (not paths) of the sub-folders of <paramref name="path"/>, or none if it does not exist.</summary>
    IReadOnlyList<string> ListDirectories(string path);

    /// <summary>Names (not paths) of the files directly in <paramref name="path"/> ("" is the root), or none if it does not exist.</summary>
    IReadOnlyList<string> ListFiles(string path);

    /// <summary>Relative paths of every file under <paramref name="path"/>, recursively.</summary>
    IReadOnlyList<string> ListFilesRecursive(string path);
}
