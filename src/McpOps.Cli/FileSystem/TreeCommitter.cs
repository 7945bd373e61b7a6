namespace McpOps.Cli.FileSystem;

/// <summary>
/// Writes a planned <see cref="FileTree"/> to disk. Each file is written to a temporary file in its
/// own folder and renamed over the target, so a reader (or a crash) never sees half a file.
/// Files are written before folders are deleted: a removed module is unwired before it disappears.
/// </summary>
internal static class TreeCommitter
{
    public static IReadOnlyList<string> Commit(FileTree tree, DiskFileSource disk)
    {
        var done = new List<string>();
        foreach (var change in tree.Changes)
        {
            WriteAtomically(disk.FullPath(change.Path), change.NewContent!);
            done.Add(change.Path);
        }

        foreach (var folder in tree.DeletedDirectories)
        {
            var full = disk.FullPath(folder);
            if (Directory.Exists(full))
            {
                Directory.Delete(full, recursive: true);
            }

            done.Add(folder + "/");
        }

        return done;
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
