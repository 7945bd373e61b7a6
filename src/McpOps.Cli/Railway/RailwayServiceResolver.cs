using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpOps.Cli.FileSystem;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Railway;

/// <summary>
/// The one place a module becomes a Railway target. The service is the name the module's
/// railway.service.ts passes to <c>service("…")</c> (the template writes the module name; a team may
/// rename it there, and this follows). The environment is --environment, else the workspace's
/// <c>"mcpops": { "railway": { "environment" } }</c> in the root package.json, else production; the
/// project is --project, else <c>"projectId"</c> there, else the one `railway link` chose.
/// </summary>
internal static partial class RailwayServiceResolver
{
    public const string DefaultEnvironment = "production";

    public static RailwayTarget Resolve(FileTree tree, Workspace workspace, string module, string? environment, string? projectId)
    {
        var info = workspace.Modules.FirstOrDefault(m => m.Name == module)
            ?? throw new WorkspaceException(workspace.Modules.Count == 0
                ? $"no module '{module}': this workspace has no modules yet (`mcpops add {module}` creates one)."
                : $"no module '{module}' in this workspace; modules: {string.Join(", ", workspace.Modules.Select(m => m.Name))}.");

        var service = info.Railway switch
        {
            RailwayConfig.Ts => ServiceName(info.RailwayServicePath, tree.Read(info.RailwayServicePath) ?? ""),
            RailwayConfig.Toml => throw new WorkspaceException($"{info.Folder}/railway.toml is Config as Code, which Railway stopped reading on 2026-12-01, and the module has no railway.service.ts: move its settings into {info.RailwayServicePath} (see the mcp-module template) and run `mcpops sync`."),
            _ => throw new WorkspaceException($"module '{module}' has no Railway service: {info.RailwayServicePath} not found. Restore it from the mcp-module template and run `mcpops sync`."),
        };

        var settings = WorkspaceSettings(tree);
        return new RailwayTarget(
            module,
            service,
            NonEmpty(environment) ?? Setting(settings, "environment") ?? DefaultEnvironment,
            NonEmpty(projectId) ?? Setting(settings, "projectId"));
    }

    private static string ServiceName(string path, string source)
    {
        var names = ServiceCall().Matches(source).Select(m => m.Groups["name"].Value).Distinct(StringComparer.Ordinal).ToList();
        return names.Count switch
        {
            1 => names[0],
            0 => throw new WorkspaceException($"{path}: no service(\"<name>\", …) call with a string literal name; mcpops reads the Railway service name from it. Write the name as a literal, e.g. service(\"billing\", {{ … }})."),
            _ => throw new WorkspaceException($"{path}: {names.Count} service names ({string.Join(", ", names)}); a module has one Railway service. Keep one service(\"<name>\", …) call."),
        };
    }

    private static JsonObject? WorkspaceSettings(FileTree tree) =>
        tree.Read(Workspace.RootPackageJson) is { } text
            && JsonFiles.ParseObject(Workspace.RootPackageJson, text)["mcpops"] is JsonObject mcpops
            && mcpops["railway"] is JsonObject railway
            ? railway
            : null;

    private static string? Setting(JsonObject? settings, string name)
    {
        if (settings?[name] is null)
        {
            return null;
        }

        return settings[name] is JsonValue value && value.TryGetValue<string>(out var text) && NonEmpty(text) is { } result
            ? result
            : throw new WorkspaceException($"{Workspace.RootPackageJson}: \"mcpops.railway.{name}\" must be a non-empty string.");
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("""\bservice\(\s*["'](?<name>[^"'\r\n]+)["']""")]
    private static partial Regex ServiceCall();
}
