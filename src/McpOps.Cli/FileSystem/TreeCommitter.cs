namespace McpOps.Cli.FileSystem;

/// <summary>
/// Writes a planned <see cref="FileTree"/> to disk. Each file is written to a temporary file in its
/// own folder and renamed over the target, so a reader (or a crash) never sees half a file.
/// Files are written before folders are deleted: a removed module is unwired before it disappears.
/// When a write fails, the files already written get their old content back, new files and the
/// folders made for them are removed, and the error is rethrown: the workspace is as it was.
/// </summary>
internal static class TreeCommitter
{
    public static IReadOnlyList<string> Commit(FileTree tree, DiskFileSource disk, Action<string>? beforeWrite = null)
    {
        var done = new List<string>();
        var written = new List<(string FullPath, byte[]? Original)>();
        var createdFolders = new List<string>();
        try
        {
            foreach (var change in tree.Changes)
            {
                beforeWrite?.Invoke(change.Path);
                var full = disk.FullPath(change.Path);
                createdFolders.AddRange(MissingFolders(Path.GetDirectoryName(full)!));
                written.Add((full, File.Exists(full) ? File.ReadAllBytes(full) : null));
                WriteAtomically(full, change.NewContent!);
                done.Add(change.Path);
            }
        }
        catch
        {
            RollBack(written, createdFolders);
            throw;
        }

        foreach (var folder in tree.DeletedDirectories)
        {
            var full = disk.FullPath(folder);
            if (File.Exists(full))
            {
                // FileTree.DeleteFile: one file, listed with the folders.
                File.Delete(full);
                done.Add(folder);
                continue;
            }

            if (Directory.Exists(full))
            {
                Directory.Delete(full, recursive: true);
            }

            done.Add(folder + "/");
        }

        return done;
    }

    /// <summary>The folders above <paramref name="folder"/> (itself included) that do not exist yet, deepest first.</summary>
    private static List<string> MissingFolders(string folder)
    {
        var missing = new List<string>();
        for (var current = folder; !string.IsNullOrEmpty(current) && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Add(current);
        }

        return missing;
    }

    private static void RollBack(List<(string FullPath, byte[]? Original)> written, List<string> createdFolders)
    {
        foreach (var (full, original) in Enumerable.Reverse(written))
        {
            if (original is null)
            {
                File.Delete(full);
            }
            else if (!File.Exists(full) || !File.ReadAllBytes(full).AsSpan().SequenceEqual(original))
            {
                File.WriteAllBytes(full, original);
            }
        }

        // Deepest first; a folder that something else wrote into meanwhile is left alone.
        foreach (var folder in createdFolders.Distinct().OrderByDescending(f => f.Length))
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }
    }

    public static void WriteAtomically(string target, string content)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.mcpops-{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temporary, content);
            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                // Keep the permissions of the file being replaced (the rename would bring the temp file's).
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
