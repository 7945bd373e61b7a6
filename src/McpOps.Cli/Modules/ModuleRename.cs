using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Wiring;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Modules;

/// <summary>
/// Plans `mcpops rename &lt;old&gt; &lt;new&gt;` on a <see cref="FileTree"/>: every file of modules/&lt;old&gt;/ moves
/// to modules/&lt;new&gt;/ with each derived name rewritten (folder paths, npm package, image, services,
/// Kubernetes objects, secrets, and a C# module's PascalCase project names), the root files that key
/// on the module (package-lock.json paths, .github/google-cloud.json)
/// follow, and sync re-renders every marked block. The local compose token file is never read into the plan. Pure over the tree: the caller commits once.
/// </summary>
internal static partial class ModuleRename
{
    private const string GoogleCloudSettings = ".github/google-cloud.json";
    private const string PackageLock = "package-lock.json";
    private const string ComposeSecrets = "infra/compose/secrets";

    public static SyncPlan Plan(FileTree tree, string oldName, string newName, string? scope)
    {
        var oldFolder = $"modules/{oldName}";
        var newFolder = $"modules/{newName}";
        var (rewritePath, rewriteText) = Rewriter(oldName, newName);
        var files = tree.Source.ListFilesRecursive(oldFolder)
            // Build output and installed packages are not moved: they are rebuilt (and gone with the old folder).
            .Where(f => !BuildOutput.Contains(f) && !f.EndsWith(".tsbuildinfo", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var file in files)
        {
            var text = tree.Read(file)!;
            if (text.Contains('\0', StringComparison.Ordinal))
            {
                throw new WorkspaceException($"{file} is a binary file: rename cannot rewrite it. Move it out of {oldFolder}/ first and back into {newFolder}/ afterwards.");
            }

            var relative = file[oldFolder.Length..];
            tree.Write(newFolder + rewritePath(relative), rewriteText(relative, text));
        }

        tree.DeleteDirectory(oldFolder);
        Upgrade.TemplateRecord.Forget(tree, oldFolder);
        RenameRootReferences(tree, oldName, newName, scope);
        var plan = SyncPlanner.Plan(tree);
        var secret = $"{ComposeSecrets}/{new ModuleNames(oldName).AuthTokenSecret}";
        if (tree.FileExists(secret))
        {
            // A token never goes through the plan (a dry run would print it): the user moves the local file.
            plan = plan with { Notes = [.. plan.Notes, $"{secret} (your local token file) is not moved: `mv {secret} {ComposeSecrets}/{new ModuleNames(newName).AuthTokenSecret}`."] };
        }

        return plan;
    }

    /// <summary>The PascalCase form the C# template gives a module name (its titleCase form without '-'): crm-sync → CrmSync.</summary>
    public static string Pascal(string name) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name).Replace("-", "", StringComparison.Ordinal);

    /// <summary>
    /// The rewrite of one file's path and text. Paths keep everything below modules/&lt;old&gt;/ except a C#
    /// project's `&lt;Pascal&gt;.Mcp` prefix. In build and deploy files (Dockerfile, dockerignore, Railway,
    /// deploy/, mcpops.module.json, package.json, README.md, C# project files) the name is replaced wherever
    /// it stands as a name (not inside another word or name: `crm-billing` and `billings` stay), which covers every derived
    /// form (billing-mcp, billing-auth-token, modules/billing/, @acme/billing-mcp). In source code (src/,
    /// test/) only the derived forms that name the module are: `&lt;old&gt;-mcp` and `&lt;Pascal&gt;.Mcp`, so a
    /// module called `echo` keeps its echo tool.
    /// </summary>
    private static (Func<string, string> Path, Func<string, string, string> Text) Rewriter(string oldName, string newName)
    {
        var kebab = new Regex($@"(?<![A-Za-z0-9_-]){Regex.Escape(oldName)}(?![A-Za-z0-9_])", RegexOptions.CultureInvariant);
        var server = new Regex($@"(?<![A-Za-z0-9_-]){Regex.Escape(oldName)}-mcp(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant);
        var pascal = new Regex($@"(?<![A-Za-z0-9_]){Regex.Escape(Pascal(oldName))}(?=\.Mcp\b)", RegexOptions.CultureInvariant);
        var newPascal = Pascal(newName);
        return (
            path => pascal.Replace(path, newPascal),
            (path, text) => IsSourceCode(path)
                ? pascal.Replace(server.Replace(text, newName + "-mcp"), newPascal)
                : pascal.Replace(kebab.Replace(text, newName), newPascal));
    }

    /// <summary>A path below the module folder (/mcp/...) that is the server's or the tests' code; a C# project file there is a build file.</summary>
    private static bool IsSourceCode(string relative) =>
        (relative.StartsWith("/mcp/src/", StringComparison.Ordinal) || relative.StartsWith("/mcp/test/", StringComparison.Ordinal))
        && !relative.EndsWith(".csproj", StringComparison.Ordinal);

    private static void RenameRootReferences(FileTree tree, string oldName, string newName, string? scope)
    {
        if (tree.Read(PackageLock) is { } lockText)
        {
            // Only the exact paths and package name npm wrote for this module: `npm install` does the rest.
            var updated = lockText
                .Replace($"\"modules/{oldName}/mcp\"", $"\"modules/{newName}/mcp\"", StringComparison.Ordinal)
                .Replace($"\"../../modules/{oldName}/mcp\"", $"\"../../modules/{newName}/mcp\"", StringComparison.Ordinal);
            if (scope is not null)
            {
                updated = updated.Replace($"@{scope}/{oldName}-mcp\"", $"@{scope}/{newName}-mcp\"", StringComparison.Ordinal);
            }

            tree.Write(PackageLock, updated);
        }

        if (tree.Read(GoogleCloudSettings) is { } settingsText)
        {
            var settings = JsonFiles.ParseObject(GoogleCloudSettings, settingsText);
            if (settings["modules"] is JsonObject modules && modules.ContainsKey(oldName))
            {
                if (modules.ContainsKey(newName))
                {
                    throw new WorkspaceException($"{GoogleCloudSettings}: modules has entries for both '{oldName}' and '{newName}'; remove the one that is wrong first.");
                }

                // As text, so the file's layout and comments ("//" keys) stay as they are.
                var key = new Regex($"\"{Regex.Escape(oldName)}\"(\\s*:)");
                var matches = key.Matches(settingsText);
                if (matches.Count != 1)
                {
                    throw new WorkspaceException($"{GoogleCloudSettings}: \"{oldName}\" appears {matches.Count} times as a key; rename its modules entry by hand, then run rename again.");
                }

                tree.Write(GoogleCloudSettings, key.Replace(settingsText, $"\"{newName}\"$1"));
            }
        }
    }
}
