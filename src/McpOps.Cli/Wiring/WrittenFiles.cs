using System.Xml;
using McpOps.Cli.Check;
using McpOps.Cli.Check.Yaml;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Wiring;

/// <summary>
/// Every file a plan would write must still parse as what it is (JSON, JSONC, YAML, XML), so a
/// marked block filled into the wrong place can never leave a kustomization or a tsconfig broken.
/// </summary>
internal static class WrittenFiles
{
    public static IEnumerable<string> Problems(FileTree tree)
    {
        foreach (var change in tree.Changes)
        {
            if (change.NewContent is not { } text || Validate(change.Path, text) is not { } problem)
            {
                continue;
            }

            yield return $"sync would write {change.Path} so that it no longer parses ({problem}); nothing was written. Check where its mcpops markers sit.";
        }
    }

    private static string? Validate(string path, string text)
    {
        var name = Path.GetFileName(path);
        try
        {
            // JSONC: tsconfig files and VS Code's MCP config (its mcpops markers are // comments).
            if (name is "tsconfig.json" || path.EndsWith("/tsconfig.json", StringComparison.Ordinal) || path == RootFiles.VsCodeMcp)
            {
                JsonFiles.ParseObject(path, text, jsonc: true);
            }
            else if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                JsonFiles.ParseObject(path, text);
            }
            else if (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            {
                YamlFiles.Load(path, text);
            }
            else if (name.EndsWith(".toml", StringComparison.OrdinalIgnoreCase))
            {
                return TomlProblem(path, text);
            }
            else if (name.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                XmlFiles.Parse(path, text);
            }
        }
        catch (WorkspaceException ex)
        {
            return string.Join("; ", ex.Problems);
        }
        catch (UnreadableFileException ex)
        {
            return ex.Message;
        }
        catch (XmlException ex)
        {
            return ex.Message;
        }

        return null;
    }

    /// <summary>TOML syntax and semantics (a table defined twice, a key set twice) through Tomlyn.</summary>
    internal static string? TomlProblem(string path, string text)
    {
        var document = Tomlyn.Parsing.SyntaxParser.Parse(text, path, validate: true);
        return document.HasErrors
            ? string.Join("; ", document.Diagnostics.Where(d => d.Kind == Tomlyn.Syntax.DiagnosticMessageKind.Error).Select(d => d.ToString()))
            : null;
    }
}
