using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace McpOps.McpCore;

/// <summary>
/// What one module serves: its identity, its default port and its tools. A module's Program.cs passes
/// it to <see cref="McpServerHost.RunAsync"/>; its tests pass the same object to
/// <see cref="McpServerHost.StartAsync"/>, so both serve exactly the same thing.
/// </summary>
public sealed record McpModule
{
    /// <summary>Server name reported to clients, in /health and in every log line, e.g. "billing-mcp".</summary>
    public required string Name { get; init; }

    /// <summary>Server version; <see cref="VersionOf"/> reads it from the project's &lt;Version&gt;.</summary>
    public required string Version { get; init; }

    /// <summary>
    /// Classes marked [McpServerToolType] whose [McpServerTool] methods are served, one class per file
    /// under Tools/. Static classes are fine.
    /// </summary>
    public required IReadOnlyList<Type> ToolTypes { get; init; }

    /// <summary>
    /// Classes marked [McpServerResourceType] whose [McpServerResource] methods are served: fixed URIs
    /// become resources, URIs with {placeholders} resource templates. Optional; none by default.
    /// </summary>
    public IReadOnlyList<Type> ResourceTypes { get; init; } = [];

    /// <summary>Classes marked [McpServerPromptType] whose [McpServerPrompt] methods are served. Optional.</summary>
    public IReadOnlyList<Type> PromptTypes { get; init; } = [];

    /// <summary>
    /// Further SDK configuration after tools, resources and prompts are registered, for what has no
    /// member here (for example <c>WithCompleteHandler</c> for argument completion). Optional.
    /// </summary>
    public Action<IMcpServerBuilder>? ConfigureServer { get; init; }

    /// <summary>The module's own port (its --port at generation), used when PORT is unset.</summary>
    public int DefaultPort { get; init; } = McpServerSettings.DefaultPort;

    /// <summary>Optional usage hints sent to clients at initialize.</summary>
    public string? Instructions { get; init; }

    /// <summary>The informational version of an assembly without the "+commit" suffix SourceLink adds.</summary>
    public static string VersionOf(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
