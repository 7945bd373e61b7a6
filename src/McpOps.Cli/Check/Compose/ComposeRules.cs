using System.Text.RegularExpressions;
using McpOps.Cli.Check.Yaml;
using YamlDotNet.RepresentationModel;

namespace McpOps.Cli.Check.Compose;

/// <summary>
/// COMPOSE001-002 over every Compose file: compose.y(a)ml, compose.*.y(a)ml, docker-compose*.y(a)ml
/// anywhere in the workspace (infra/compose/, the module fragments modules/*/mcp/deploy/compose.yaml).
/// </summary>
internal sealed partial class ComposeRules : ICheckAnalyzer
{
    public bool ParsesYaml => true;

    public void Run(CheckContext context)
    {
        foreach (var path in context.Files.Paths.Where(p => context.InScope(p) && ComposeFileName().IsMatch(p[(p.LastIndexOf('/') + 1)..])))
        {
            foreach (var document in context.Yaml(path) ?? [])
            {
                foreach (var (name, service) in document.RootNode.Get("services").Entries())
                {
                    var key = ((YamlMappingNode)document.RootNode.Get("services")!).Children.Keys.First(k => k.Text() == name);
                    CheckHealthcheck(context, path, name, key, service);
                    CheckEnvironment(context, path, name, service.Get("environment"));
                }
            }
        }
    }

    private static void CheckHealthcheck(CheckContext context, string path, string name, YamlNode key, YamlNode service)
    {
        var healthcheck = service.Get("healthcheck");
        if (healthcheck is null)
        {
            context.Add(Rules.ComposeHealthcheck, path, key.Line(), $"service `{name}` has no healthcheck.");
        }
        else if (healthcheck.Get("disable").IsTrue())
        {
            context.Add(Rules.ComposeHealthcheck, path, healthcheck.Get("disable")!.Line(), $"service `{name}` disables its healthcheck.");
        }
        else if (healthcheck.Get("test") is { } test && (test.Text() == "NONE" || test.Items().FirstOrDefault().Text() == "NONE"))
        {
            context.Add(Rules.ComposeHealthcheck, path, test.Line(), $"service `{name}`: healthcheck test NONE turns it off.");
        }
    }

    private static void CheckEnvironment(CheckContext context, string path, string service, YamlNode? environment)
    {
        var entries = new List<(string Name, string? Value, int Line)>();
        foreach (var (name, value) in environment.Entries())
        {
            entries.Add((name, value.Text(), value.Line()));
        }

        foreach (var item in environment.Items())
        {
            var text = item.Text() ?? "";
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            entries.Add(eq < 0 ? (text, null, item.Line()) : (text[..eq], text[(eq + 1)..], item.Line()));
        }

        foreach (var (name, value, line) in entries)
        {
            if (SecretNames.IsSecret(name) && IsPlaintext(value))
            {
                context.Add(Rules.ComposePlaintextSecret, path, line, $"service `{service}`: environment {name} has a plaintext value.");
            }
        }
    }

    /// <summary>A literal value, or an interpolation whose default is a literal (`${X:-hunter2}`); `${X}` alone is not plaintext.</summary>
    private static bool IsPlaintext(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var withoutInterpolations = Interpolation().Replace(value, m => m.Groups["default"].Value);
        return withoutInterpolations.Trim().Length > 0;
    }

    [GeneratedRegex(@"^(?:docker-)?compose(?:[.-][A-Za-z0-9_.-]+)?\.ya?ml$")]
    private static partial Regex ComposeFileName();

    [GeneratedRegex(@"\$\{[A-Za-z_][A-Za-z0-9_]*(?:(?::?-)(?<default>[^}]*)|(?::?[?+])[^}]*)?\}|\$[A-Za-z_][A-Za-z0-9_]*|\$\$")]
    private static partial Regex Interpolation();
}
