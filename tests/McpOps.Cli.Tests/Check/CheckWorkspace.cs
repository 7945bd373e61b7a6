using McpOps.Cli.Check;
using McpOps.Cli.Tests.Infrastructure;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Check;

/// <summary>
/// One generated workspace for every check test, made once per run: `dotnet new mcp-workspace`,
/// `mcpops add billing`, `mcpops add inventory` and `mcpops add ledger --language C#` (each wired
/// by sync). Tests read its files into memory and mutate copies,
/// so the rules run without touching the disk; CLI tests copy it to a folder of their own.
/// </summary>
internal static class CheckWorkspace
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TempDirectory? _temp;
    private static string? _root;

    public static async Task<string> RootAsync(TemplatePack pack)
    {
        await Gate.WaitAsync();
        try
        {
            if (_root is not null)
            {
                return _root;
            }

            _temp = new TempDirectory("mcpops-check-ws");
            var root = await GeneratedWorkspaces.GenerateAsync(pack, _temp);
            GeneratedWorkspaces.Add(pack, root, "billing");
            GeneratedWorkspaces.Add(pack, root, "inventory");
            GeneratedWorkspaces.Add(pack, root, "ledger", "--language", "C#");
            _root = root;
            return root;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A fresh in-memory copy of the generated workspace's files (paths relative, '/').</summary>
    public static async Task<Dictionary<string, string>> FilesAsync(TemplatePack pack)
    {
        var root = await RootAsync(pack);
        return GeneratedWorkspaces.Files(root).ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
    }

    /// <summary>Copies the generated workspace into <paramref name="temp"/> and returns the copy's root.</summary>
    public static async Task<string> CopyAsync(TemplatePack pack, TempDirectory temp)
    {
        var files = await FilesAsync(pack);
        var root = temp.Combine("ws");
        Write(root, files);
        return root;
    }

    public static void Write(string root, IReadOnlyDictionary<string, string> files)
    {
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }

    public static CheckReport RunCheck(IReadOnlyDictionary<string, string> files, string? module = null) =>
        CheckRunner.Run(CheckFiles.FromMemory(files), module);

    /// <summary>1-based line of the first line containing <paramref name="needle"/>; fails when absent.</summary>
    public static int LineOf(string text, string needle)
    {
        var at = text.IndexOf(needle, StringComparison.Ordinal);
        Assert.True(at >= 0, $"`{needle}` not found in:\n{text}");
        return text[..at].Count(c => c == '\n') + 1;
    }

    public static string Describe(CheckReport report) =>
        report.Findings.Count == 0 ? "(no findings)" : string.Join('\n', report.Findings.Select(f => $"{f.Rule.Id} {f.Location} {f.Message}{(f.IsSuppressed ? " [suppressed]" : "")}"));
}
