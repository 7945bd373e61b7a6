using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Supabase;

/// <summary>
/// The one file an Edge module deploys: modules/&lt;name&gt;/mcp/dist/edge/index.js, which `npm run build:edge`
/// bundles with every npm dependency. mcpops builds nothing: it refuses a bundle that is missing, older
/// than the module's sources, over Supabase's 20 MB limit, or not self-contained (a relative import
/// would point at a file the function does not have).
/// </summary>
internal sealed partial record EdgeBundle(string Path, string Content, long Size, string Sha256)
{
    /// <summary>Supabase's limit on a function's bundled size (20 MB).</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary>The name the file has in the function, and its entrypoint_path.</summary>
    public const string FileName = "index.js";

    /// <summary>Inputs of the bundle: when any is newer than it, the bundle is stale.</summary>
    private static readonly string[] Sources = ["src", "package.json", "tsconfig.json"];

    public static EdgeBundle Read(string workspaceRoot, ModuleInfo module)
    {
        var relative = module.EdgeBundlePath;
        var full = System.IO.Path.Combine(workspaceRoot, relative);
        var build = $"npm run build:edge -w {module.Folder}";
        if (!File.Exists(full))
        {
            throw new SupabaseException($"{relative} not found: mcpops deploys the built bundle and builds nothing itself. Run `{build}` first (after `npm install`).");
        }

        var built = File.GetLastWriteTimeUtc(full);
        var newer = Sources
            .Select(source => System.IO.Path.Combine(workspaceRoot, module.Folder, source))
            .SelectMany(path => Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories) : File.Exists(path) ? [path] : [])
            .Where(path => File.GetLastWriteTimeUtc(path) > built)
            .Select(path => System.IO.Path.GetRelativePath(workspaceRoot, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (newer.Count > 0)
        {
            throw new SupabaseException($"{relative} is older than {string.Join(", ", newer.Take(3))}{(newer.Count > 3 ? $" and {newer.Count - 3} more" : "")}: run `{build}` so the deployed function is the code you have.");
        }

        var bytes = File.ReadAllBytes(full);
        if (bytes.LongLength > MaxBytes)
        {
            throw new SupabaseException($"{relative} is {bytes.LongLength:N0} bytes, over Supabase's 20 MB function limit ({MaxBytes:N0} bytes): drop large dependencies from the Edge entry.");
        }

        if (bytes.LongLength == 0)
        {
            throw new SupabaseException($"{relative} is empty: run `{build}` again and read its output.");
        }

        var content = Encoding.UTF8.GetString(bytes);
        if (RelativeImport().Match(content) is { Success: true } import)
        {
            throw new SupabaseException($"{relative} is not self-contained: it imports `{import.Groups["path"].Value}`, a file the function will not have (only {FileName} is deployed). Bundle every import with `{build}`.");
        }

        return new EdgeBundle(relative, content, bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>Static or dynamic imports of a relative path: `from "./x.js"`, `import("../y")`, `import "./z"`.</summary>
    [GeneratedRegex("""(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](?<path>\.{1,2}/[^"']*)["']""", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeImport();
}
