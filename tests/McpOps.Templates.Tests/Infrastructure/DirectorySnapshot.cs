using System.Text;
using DiffPlex.Renderer;

namespace McpOps.Templates.Tests.Infrastructure;

/// <summary>
/// Compares a generated tree with a committed, verified tree under tests/.../snapshots/&lt;name&gt;/.
/// Each verified file carries a <c>.verified</c> suffix, so a snapshot's .gitignore, tsconfig.json or
/// package.json never acts on this repository. Set MCPOPS_ACCEPT_SNAPSHOTS=1 to accept new output.
/// </summary>
public static class DirectorySnapshot
{
    public const string AcceptVariable = "MCPOPS_ACCEPT_SNAPSHOTS";
    private const string Suffix = ".verified";

    public static void Verify(string name, string actualRoot, Func<string, bool>? include = null)
    {
        include ??= _ => true;
        var verifiedRoot = Path.Combine(RepositoryPaths.SnapshotsRoot, name);
        var actual = ReadTree(actualRoot, include, suffix: "");

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Accept(verifiedRoot, actual);
            return;
        }

        var verified = Directory.Exists(verifiedRoot)
            ? ReadTree(verifiedRoot, _ => true, Suffix)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var report = Compare(verified, actual);
        if (report.Length > 0)
        {
            Assert.Fail($"Snapshot '{name}' differs from {verifiedRoot}.\n{report}\nIf the change is intended, run the tests with {AcceptVariable}=1 and review the diff in git.");
        }
    }

    private static string Compare(IReadOnlyDictionary<string, string> verified, IReadOnlyDictionary<string, string> actual)
    {
        var report = new StringBuilder();
        foreach (var path in verified.Keys.Except(actual.Keys).Order(StringComparer.Ordinal))
        {
            report.AppendLine($"missing file: {path}");
        }

        foreach (var path in actual.Keys.Except(verified.Keys).Order(StringComparer.Ordinal))
        {
            report.AppendLine($"new file: {path}");
        }

        foreach (var path in actual.Keys.Intersect(verified.Keys).Order(StringComparer.Ordinal))
        {
            if (verified[path] != actual[path])
            {
                report.AppendLine($"--- verified/{path}\n+++ actual/{path}");
                report.AppendLine(UnidiffRenderer.GenerateUnidiff(verified[path], actual[path], contextLines: 2));
            }
        }

        return report.ToString();
    }

    private static void Accept(string verifiedRoot, IReadOnlyDictionary<string, string> actual)
    {
        if (Directory.Exists(verifiedRoot))
        {
            Directory.Delete(verifiedRoot, recursive: true);
        }

        foreach (var (path, content) in actual)
        {
            var target = Path.Combine(verifiedRoot, path + Suffix);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, content);
        }
    }

    private static Dictionary<string, string> ReadTree(string root, Func<string, bool> include, string suffix) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(file => (Relative: Path.GetRelativePath(root, file).Replace('\\', '/'), File: file))
            .Where(f => f.Relative.EndsWith(suffix, StringComparison.Ordinal))
            .Select(f => (Relative: f.Relative[..^suffix.Length], f.File))
            .Where(f => include(f.Relative))
            .ToDictionary(f => f.Relative, f => File.ReadAllText(f.File).ReplaceLineEndings("\n"), StringComparer.Ordinal);
}
