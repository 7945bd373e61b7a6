using System.Collections.Concurrent;

namespace McpOps.Cli.Upgrade;

/// <summary>
/// Renders each distinct (version, template, options other than name, port, scope and description) once,
/// with probe values, and gives every instance the probe's output with its own values swapped in, as the
/// template's template.json says `dotnet new` would write them (<see cref="TemplateSubstitution"/>). Fifty
/// modules of one workspace cost one `dotnet new` run per version instead of fifty. Anything the
/// substitution cannot prove (a template it cannot read, an option it cannot place) renders with `dotnet new`.
/// </summary>
internal sealed class ProbeRenderer(ITemplateRenderer inner, Func<string, string?> packageOf) : ITemplateRenderer
{
    private readonly ConcurrentDictionary<(string Version, string Template, string? Language), Lazy<TemplateSubstitution?>> _substitutions = new();
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyDictionary<string, string>>> _probes = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Render(string version, string template, IReadOnlyList<string> arguments)
    {
        var language = LanguageOf(arguments);
        var substitution = _substitutions.GetOrAdd((version, template, language), key => new Lazy<TemplateSubstitution?>(() =>
            packageOf(key.Version) is { } package && TemplatePackage.Find(package, key.Template, key.Language) is { } packaged
                ? TemplateSubstitution.Of(packaged)
                : null)).Value;
        if (substitution?.PlanFor(arguments) is not { } plan)
        {
            return inner.Render(version, template, arguments);
        }

        var key = string.Join('\0', new[] { version, template }.Concat(plan.ProbeArguments));
        var probe = _probes.GetOrAdd(key, _ => new Lazy<IReadOnlyDictionary<string, string>>(() => inner.Render(version, template, plan.ProbeArguments))).Value;
        return TemplateSubstitution.Apply(probe, plan);
    }

    /// <summary>The value of `--language`/`-lang`, which picks one template of a group (null: dotnet new's default).</summary>
    private static string? LanguageOf(IReadOnlyList<string> arguments)
    {
        for (var index = 0; index < arguments.Count; index++)
        {
            if (arguments[index] is "--language" or "-lang" && index + 1 < arguments.Count)
            {
                return arguments[index + 1];
            }

            foreach (var option in new[] { "--language=", "-lang=" })
            {
                if (arguments[index].StartsWith(option, StringComparison.Ordinal))
                {
                    return arguments[index][option.Length..];
                }
            }
        }

        return null;
    }
}
