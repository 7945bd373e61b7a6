using System.Collections.Concurrent;

namespace McpOps.Templates.Tests.Infrastructure;

/// <summary>
/// Template output generated once per test run and key, then copied for each test (with `cp -a`, so file
/// modes survive): `dotnet new` is the slow part of most file-reading tests, and its output for the same
/// template, options and starting tree is the same every time. Each test gets its own copy, so a test that
/// edits its tree cannot affect another.
/// </summary>
public static class GeneratedTreeCache
{
    private static readonly TempDirectory Root = new("mcpops-tree-cache");
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Trees = new(StringComparer.Ordinal);

    static GeneratedTreeCache() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Root.Dispose();

    /// <summary>Copies the tree cached under <paramref name="key"/> (made by <paramref name="create"/> into an empty folder on first use) to <paramref name="destination"/>.</summary>
    public static async Task CopyAsync(string key, Func<string, Task> create, string destination)
    {
        var source = await Trees.GetOrAdd(key, k => new Lazy<Task<string>>(() => CreateAsync(k, create))).Value;
        Directory.CreateDirectory(destination);
        (await ProcessRunner.RunAsync("cp", ["-a", source + "/.", destination], destination)).EnsureSuccess();
    }

    private static async Task<string> CreateAsync(string key, Func<string, Task> create)
    {
        var folder = Root.Combine(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16]);
        Directory.CreateDirectory(folder);
        await create(folder);
        return folder;
    }
}
