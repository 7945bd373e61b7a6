using System.Text;

namespace McpOps.Templates.Tests.Infra;

/// <summary>
/// Renders the blocks `mcpops sync` owns, exactly as its contract says, so these tests can wire
/// modules into generated infra files without the generator: the include list of
/// infra/compose/docker-compose.yml and the overlay list of each Kubernetes environment.
/// </summary>
public static class ModuleWiring
{
    public const string BeginMarker = "# mcpops:begin modules";
    public const string EndMarker = "# mcpops:end modules";

    public static string RenderComposeIncludes(string text, IReadOnlyList<string> modules) =>
        ReplaceBlock(text, indent => modules.Count == 0
            ? []
            : [$"{indent}include:", .. modules.Select(m => $"{indent}  - path: ../../modules/{m}/mcp/deploy/compose.yaml")]);

    public static string RenderKustomizeResources(string text, IReadOnlyList<string> modules) =>
        ReplaceBlock(text, indent => [.. modules.Select(m => $"{indent}- ../../../../modules/{m}/mcp/deploy/k8s")]);

    /// <summary>Replaces the lines between the markers, indented like the begin marker; markers must be unique.</summary>
    private static string ReplaceBlock(string text, Func<string, IEnumerable<string>> render)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var begin = Array.FindIndex(lines, l => l.Trim() == BeginMarker);
        var end = Array.FindIndex(lines, l => l.Trim() == EndMarker);
        if (begin < 0 || end < begin || Array.FindLastIndex(lines, l => l.Trim() == BeginMarker) != begin)
        {
            throw new InvalidOperationException($"expected exactly one '{BeginMarker}' ... '{EndMarker}' block");
        }

        var indent = lines[begin][..(lines[begin].Length - lines[begin].TrimStart().Length)];
        var output = new StringBuilder();
        foreach (var line in lines[..(begin + 1)].Concat(render(indent)).Concat(lines[end..]))
        {
            output.Append(line).Append('\n');
        }

        return output.ToString()[..^1];
    }

    public static void WireAll(string workspaceRoot, IReadOnlyList<string> modules)
    {
        var compose = Path.Combine(workspaceRoot, "infra", "compose", "docker-compose.yml");
        if (File.Exists(compose))
        {
            File.WriteAllText(compose, RenderComposeIncludes(File.ReadAllText(compose), modules));
        }

        foreach (var environment in KubernetesEnvironments(workspaceRoot))
        {
            var kustomization = Path.Combine(environment, "kustomization.yaml");
            File.WriteAllText(kustomization, RenderKustomizeResources(File.ReadAllText(kustomization), modules));
        }
    }

    public static IEnumerable<string> KubernetesEnvironments(string workspaceRoot)
    {
        var root = Path.Combine(workspaceRoot, "infra", "k8s", "environments");
        return Directory.Exists(root) ? Directory.GetDirectories(root).Order(StringComparer.Ordinal) : [];
    }
}
