using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Enumeration;
using System.Text;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Check;

/// <summary>
/// The files `mcpops check` looks at, relative to the workspace root with '/'. On disk these are
/// the files git would commit (`git ls-files --cached --others --exclude-standard`) when the
/// workspace is a git checkout, else every file; node_modules, dist, bin, obj and .git are never
/// looked at. In tests the same rules run over files held in memory.
/// </summary>
internal sealed class CheckFiles : IWorkspaceFiles
{
    private static readonly HashSet<string> SkippedFolders = new(BuildOutput.Folders, StringComparer.Ordinal) { ".git" };

    private readonly Func<string, string?> _read;
    // Analyzers run in parallel (CheckRunner) and share what each file read.
    private readonly ConcurrentDictionary<string, string?> _cache = new(StringComparer.Ordinal);
    private readonly HashSet<string> _set;
    private readonly List<string> _paths;

    private CheckFiles(IEnumerable<string> paths, Func<string, string?> read, string? root)
    {
        _paths = [.. paths.Where(p => !IsSkipped(p)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        _set = new HashSet<string>(_paths, StringComparer.Ordinal);
        _read = read;
        Root = root;
    }

    /// <summary>The workspace folder on disk, or null for files in memory.</summary>
    public string? Root { get; }

    public IReadOnlyList<string> Paths => _paths;

    public static CheckFiles FromMemory(IReadOnlyDictionary<string, string> files) =>
        new(files.Keys, path => files.GetValueOrDefault(path), null);

    public static CheckFiles FromDisk(string root)
    {
        var full = Path.GetFullPath(root);
        var paths = GitFiles(full) ?? WalkFiles(full);
        return new CheckFiles(paths, path => ReadIfPresent(Path.Combine(full, path)), full);
    }

    public bool Exists(string path) => _set.Contains(path);

    bool IWorkspaceFiles.FileExists(string path) => Exists(path);

    IReadOnlyList<string> IWorkspaceFiles.ListDirectories(string path) => [.. Folders(path).Order(StringComparer.Ordinal)];

    IReadOnlyList<string> IWorkspaceFiles.ListFiles(string path) =>
        [.. Under(path).Select(p => p[(path.Length == 0 ? 0 : path.Length + 1)..]).Where(rest => !rest.Contains('/', StringComparison.Ordinal))];

    /// <summary>The file's text, or null when it is not one of <see cref="Paths"/>.</summary>
    public string? Read(string path)
    {
        if (!_set.Contains(path))
        {
            return null;
        }

        return _cache.GetOrAdd(path, _read);
    }

    /// <summary>Files directly or indirectly under <paramref name="folder"/> ("" for all), sorted.</summary>
    /// <remarks>
    /// The paths are sorted ordinally, so the ones with a given prefix sit together: a binary search finds
    /// the first and the range ends at the first path without it. Rules ask this for every module, and a
    /// scan of every path per module made `check` quadratic in the number of modules.
    /// </remarks>
    public IReadOnlyList<string> Under(string folder)
    {
        if (folder.Length == 0)
        {
            return Paths;
        }

        var prefix = folder + "/";
        var index = _paths.BinarySearch(prefix, StringComparer.Ordinal);
        var first = index < 0 ? ~index : index;
        var end = first;
        while (end < _paths.Count && _paths[end].StartsWith(prefix, StringComparison.Ordinal))
        {
            end++;
        }

        return _paths.GetRange(first, end - first);
    }

    /// <summary>Names of the sub-folders of <paramref name="folder"/> that hold at least one file.</summary>
    public IReadOnlyList<string> Folders(string folder) =>
        [.. Under(folder)
            .Select(p => p[(folder.Length + 1)..])
            .Where(rest => rest.Contains('/', StringComparison.Ordinal))
            .Select(rest => rest[..rest.IndexOf('/', StringComparison.Ordinal)])
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The file's text, or null when it is not a file (gone since it was listed, or a folder); no separate existence check, one system call less per file.</summary>
    private static string? ReadIfPresent(string file)
    {
        try
        {
            return ReadText(file);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException
            || (ex is UnauthorizedAccessException && Directory.Exists(file))) // a submodule git lists is a folder
        {
            return null;
        }
    }

    /// <summary>
    /// What <see cref="File.ReadAllText(string)"/> returns (UTF-8 unless a byte order mark says otherwise),
    /// decoded from one array of the file's bytes: ReadAllText's reader buffers and growing builder
    /// allocated several times the text itself, and `check` reads every file of the workspace.
    /// </summary>
    private static string ReadText(string file)
    {
        var bytes = File.ReadAllBytes(file);
        ReadOnlySpan<byte> text = bytes;
        if (text.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || text.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || text.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return File.ReadAllText(file); // UTF-16 or UTF-32 (rare): the reader detects which
        }

        return Encoding.UTF8.GetString(text.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? text[3..] : text);
    }

    private static bool IsSkipped(string path) => path.Split('/').SkipLast(1).Any(SkippedFolders.Contains);

    /// <summary>
    /// Every file under <paramref name="root"/>, relative with '/'. A <see cref="FileSystemEnumerable{TResult}"/> makes no
    /// FileInfo per entry and asks no extra system call of a folder to know it is a link (the entry's type says so).
    /// </summary>
    private static List<string> WalkFiles(string root)
    {
        var top = Path.TrimEndingDirectorySeparator(root);
        var offset = top.EndsWith('/') ? top.Length : top.Length + 1; // "/" stays "/"
        var skipped = SkippedFolders.GetAlternateLookup<ReadOnlySpan<char>>();
        var files = new FileSystemEnumerable<string>(
            top,
            (ref FileSystemEntry entry) => entry.Directory.Length < offset
                ? entry.FileName.ToString()
                : string.Concat(entry.Directory[offset..], "/", entry.FileName),
            // A folder it cannot read fails the run (exit 2, naming it) rather than being skipped: check cannot vouch for files it never saw.
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
            // Symlinked folders are not followed: a link to / must not make check walk the disk.
            ShouldRecursePredicate = (ref FileSystemEntry entry) =>
                (entry.Attributes & FileAttributes.ReparsePoint) == 0 && !skipped.Contains(entry.FileName),
        };
        try
        {
            return [.. files];
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new WorkspaceException($"{ex.Message} Outside a git checkout check reads every file under {top}: make the folder readable, or run check in a git checkout where it is git-ignored (check then reads only what git would commit).");
        }
    }

    /// <summary>What git would commit: tracked files plus untracked ones that are not ignored. Null when this is not a git checkout.</summary>
    private static List<string>? GitFiles(string root)
    {
        if (!Directory.Exists(Path.Combine(root, ".git")) && !File.Exists(Path.Combine(root, ".git")))
        {
            return null;
        }

        try
        {
            var start = new ProcessStartInfo("git", ["-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "."])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            git.StandardInput.Close();
            var errors = git.StandardError.ReadToEndAsync();
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            _ = errors.Result;
            if (git.ExitCode != 0)
            {
                return null;
            }

            // Deleted-but-tracked files are listed too: keep only what exists.
            return [.. output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(p => File.Exists(Path.Combine(root, p)))];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on PATH: look at every file instead
        }
    }
}
