namespace McpOps.Cli.FileSystem;

/// <summary>
/// The read side every workspace reader needs, so one module discovery serves the commands (over a
/// <see cref="FileTree"/>) and `check` (over the files git would commit) alike. Paths are relative, '/'.
/// </summary>
internal interface IWorkspaceFiles
{
    /// <summary>The text of a file, or null when it does not exist.</summary>
    string? Read(string path);

    bool FileExists(string path);

    /// <summary>Names of the folders directly in <paramref name="path"/>.</summary>
    IReadOnlyList<string> ListDirectories(string path);

    /// <summary>Names of the files directly in <paramref name="path"/>.</summary>
    IReadOnlyList<string> ListFiles(string path);
}
