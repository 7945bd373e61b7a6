using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Modules;

/// <summary>
/// A private temporary folder `dotnet new` writes a module into, so nothing reaches the workspace
/// before the whole change is planned and checked. Deleted when disposed.
/// </summary>
internal sealed class StagingFolder : IDisposable
{
    private StagingFolder(string path) => Path = path;

    public string Path { get; }

    public static StagingFolder Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mcpops-staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return new StagingFolder(path);
    }

    /// <summary>
    /// Writes every staged file into <paramref name="tree"/>. The template must have written files under
    /// <paramref name="moduleFolder"/> and nothing else; anything else is an error naming the files.
    /// </summary>
    public void LoadInto(FileTree tree, string moduleFolder, string commandLine)
    {
        var files = Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Path, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var outside = files.Where(f => !f.StartsWith(moduleFolder + "/", StringComparison.Ordinal)).ToList();
        if (files.Count == 0 || outside.Count > 0)
        {
            var what = files.Count == 0 ? "no files" : $"files outside {moduleFolder}/: {string.Join(", ", outside.Take(5))}{(outside.Count > 5 ? ", ..." : "")}";
            throw new WorkspaceException($"`{commandLine}` wrote {what} (is the installed McpOps.Templates older than this mcpops?).");
        }

        foreach (var file in files)
        {
            tree.Write(file, File.ReadAllText(System.IO.Path.Combine(Path, file)));
        }
    }

    /// <summary>Moves the staged files to <paramref name="target"/> (which must not exist); across file systems, copies then deletes.</summary>
    public void MoveTo(string target)
    {
        try
        {
            Directory.Move(Path, target);
            Directory.CreateDirectory(Path); // Dispose deletes it.
        }
        catch (IOException)
        {
            try
            {
                foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
                {
                    var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(Path, file));
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
                    File.Copy(file, destination);
                }
            }
            catch
            {
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true);
                }

                throw;
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; the user's command already has its outcome.
        }
    }
}
