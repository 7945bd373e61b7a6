using System.Security.Cryptography;

namespace McpOps.Templates.Tests.Infrastructure;

/// <summary>Records a folder's files and reports which paths were added, removed or changed since.</summary>
public sealed class TreeChanges
{
    private readonly string _root;
    private readonly Dictionary<string, string> _before;

    private TreeChanges(string root)
    {
        _root = root;
        _before = Read(root);
    }

    public static TreeChanges Record(string root) => new(root);

    public IReadOnlyList<string> Since()
    {
        var after = Read(_root);
        return [.. _before.Keys.Union(after.Keys)
            .Where(path => !_before.TryGetValue(path, out var old) || !after.TryGetValue(path, out var now) || old != now)
            .Order(StringComparer.Ordinal)];
    }

    private static Dictionary<string, string> Read(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            file => Path.GetRelativePath(root, file).Replace('\\', '/'),
            file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))),
            StringComparer.Ordinal);
}
