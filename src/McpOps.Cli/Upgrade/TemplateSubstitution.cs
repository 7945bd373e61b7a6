using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace McpOps.Cli.Upgrade;

/// <summary>
/// What a template does with the values that differ between its instances (the module name, port, npm
/// scope, description): only text replacement, read from its template.json. A parameter qualifies when
/// no condition of the template reads it (computed symbols, source modifiers, #if lines of its files) and
/// every symbol derived from it is a `replaces`/`fileRename` through forms <see cref="TemplateForms"/>
/// evaluates. Then an instance's output is the output of a render with a probe value, with every derived
/// probe string swapped for the instance's derived value: what `dotnet new` would have written, one
/// render shared by every instance with the same other options (proved by ProbeRendererTests).
/// </summary>
internal sealed partial class TemplateSubstitution
{
    private readonly IReadOnlyList<Parameter> _parameters;

    private TemplateSubstitution(IReadOnlyList<Parameter> parameters) => _parameters = parameters;

    /// <summary>A parameter that only replaces: the options that set it, its probe value and what it replaces through which forms.</summary>
    private sealed record Parameter(string Symbol, IReadOnlyList<string> Options, string Probe, IReadOnlyList<string?> Forms, TemplateForms FormEngine);

    /// <summary>
    /// A render plan for one instance: the arguments to render the shared probe with (the instance's own,
    /// with each substituted value replaced by its probe) and the probe strings to swap for the instance's.
    /// </summary>
    public sealed record Plan(IReadOnlyList<string> ProbeArguments, IReadOnlyDictionary<string, string> Swaps);

    /// <summary>The substitution of <paramref name="template"/>, or null when nothing in it can be shared safely.</summary>
    public static TemplateSubstitution? Of(PackagedTemplate template)
    {
        var config = template.Config;
        if (config["symbols"] is not JsonObject symbols)
        {
            return null;
        }

        var forms = new TemplateForms(config["forms"] as JsonObject ?? []);
        var conditions = Conditions(template);
        var texts = template.Content.Keys.Concat(template.Content.Values).ToList();
        var parameters = new List<Parameter>();
        var candidates = symbols
            .Where(s => s.Value is JsonObject symbol && (string?)symbol["type"] == "parameter" && (string?)symbol["datatype"] is null or "text" or "string" or "integer" or "int")
            .Select(s => s.Key)
            .ToList();
        if ((string?)config["sourceName"] is { Length: > 0 } sourceName && !texts.Any(t => t.Contains(sourceName, StringComparison.OrdinalIgnoreCase)))
        {
            // The name's own default forms (identity, safe names) replace the sourceName, which no file contains.
            candidates.Add("name");
        }

        foreach (var (symbol, index) in candidates.Select((s, i) => (s, i)))
        {
            if (Reads(conditions, symbol))
            {
                continue;
            }

            var isInteger = symbols[symbol] is JsonObject own && (string?)own["datatype"] is "integer" or "int";
            var probe = isInteger ? (47913 + (index * 1117)).ToString(CultureInfo.InvariantCulture) : $"zqx{(char)('a' + index)}probe";
            var derivedForms = new List<string?>();
            var usable = true;
            foreach (var (_, node) in symbols)
            {
                if (node is not JsonObject other)
                {
                    continue;
                }

                var isSelf = ReferenceEquals(other, symbols[symbol]);
                var derivedFromIt = (string?)other["type"] == "derived" && (string?)other["valueSource"] == symbol;
                if (!isSelf && !derivedFromIt)
                {
                    // Any other use of the parameter (a generated symbol's parameters, a computed value) is not a plain replacement.
                    usable &= (string?)other["type"] == "parameter" || !Reads(WithoutDescription(other), symbol);
                    continue;
                }

                if (other["onlyIf"] is not null || other["replacements"] is not null)
                {
                    usable = false;
                    continue;
                }

                if (other["replaces"] is null && other["fileRename"] is null)
                {
                    continue;
                }

                var form = isSelf ? null : (string?)other["valueTransform"];
                if (form is not null && !forms.TryApply(form, probe, out _))
                {
                    usable = false;
                }

                derivedForms.Add(form);
            }

            if (usable && derivedForms.Count > 0)
            {
                parameters.Add(new Parameter(symbol, OptionsOf(symbol, template.Host), probe, derivedForms, forms));
            }
        }

        // Every probe string must be unmistakable: in no template file, and none inside another.
        var probes = parameters.SelectMany(p => p.Forms.Select(f => Derive(p, f, p.Probe))).ToList();
        if (probes.Any(p => p is not { Length: >= 4 } || texts.Any(t => t.Contains(p, StringComparison.Ordinal)))
            || probes.Any(a => probes.Any(b => !ReferenceEquals(a, b) && a != b && b!.Contains(a!, StringComparison.Ordinal))))
        {
            return null;
        }

        return parameters.Count == 0 ? null : new TemplateSubstitution(parameters);
    }

    /// <summary>The plan for `dotnet new &lt;template&gt; <paramref name="arguments"/>`; null when an argument cannot be read safely.</summary>
    public Plan? PlanFor(IReadOnlyList<string> arguments)
    {
        var probeArguments = arguments.ToList();
        var swaps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in _parameters)
        {
            var found = false;
            for (var index = 0; index < probeArguments.Count; index++)
            {
                var argument = probeArguments[index];
                string? value = null;
                if (parameter.Options.Contains(argument, StringComparer.Ordinal) && index + 1 < arguments.Count)
                {
                    value = arguments[index + 1];
                    probeArguments[index + 1] = parameter.Probe;
                }
                else if (parameter.Options.FirstOrDefault(o => argument.StartsWith(o + "=", StringComparison.Ordinal)) is { } option)
                {
                    value = argument[(option.Length + 1)..];
                    probeArguments[index] = option + "=" + parameter.Probe;
                }

                if (value is null)
                {
                    continue;
                }

                if (found)
                {
                    return null;
                }

                found = true;
                foreach (var form in parameter.Forms)
                {
                    swaps[Derive(parameter, form, parameter.Probe)!] = Derive(parameter, form, value) ?? "";
                }
            }
        }

        // A swapped-in value holding a probe string would be swapped again by a careless reader; refuse it.
        return swaps.Values.Any(v => swaps.Keys.Any(k => v.Contains(k, StringComparison.Ordinal))) ? null : new Plan(probeArguments, swaps);
    }

    /// <summary>The instance's output from the probe's: every probe string, in paths and contents, swapped in one pass.</summary>
    public static Dictionary<string, string> Apply(IReadOnlyDictionary<string, string> probeOutput, Plan plan)
    {
        if (plan.Swaps.Count == 0)
        {
            return new Dictionary<string, string>(probeOutput, StringComparer.Ordinal);
        }

        var pattern = new Regex(string.Join('|', plan.Swaps.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)), RegexOptions.CultureInvariant);
        string Swap(string text) => pattern.Replace(text, m => plan.Swaps[m.Value]);
        return probeOutput.ToDictionary(f => Swap(f.Key), f => Swap(f.Value), StringComparer.Ordinal);
    }

    private static string? Derive(Parameter parameter, string? form, string value) =>
        form is null ? value : parameter.FormEngine.TryApply(form, value, out var result) ? result : null;

    /// <summary>`-n`/`--name` for the name; otherwise the host file's long and short names (dotnet new's own default when it has none).</summary>
    private static string[] OptionsOf(string symbol, JsonObject? host)
    {
        if (symbol == "name")
        {
            return ["-n", "--name"];
        }

        var info = host?["symbolInfo"]?[symbol];
        var longName = (string?)info?["longName"] ?? symbol;
        var shortName = (string?)info?["shortName"];
        return shortName is { Length: > 0 } ? ["--" + longName, "-" + shortName] : ["--" + longName];
    }

    /// <summary>Every condition text of the template: computed symbols, source modifiers, post actions and the #if lines of its files.</summary>
    private static string Conditions(PackagedTemplate template)
    {
        var parts = new List<string>();
        if (template.Config["symbols"] is JsonObject symbols)
        {
            parts.AddRange(symbols.Select(s => s.Value).OfType<JsonObject>().Where(s => (string?)s["type"] == "computed").Select(s => s.ToJsonString()));
        }

        parts.Add(template.Config["sources"]?.ToJsonString() ?? "");
        parts.Add(template.Config["postActions"]?.ToJsonString() ?? "");
        parts.Add(template.Config["primaryOutputs"]?.ToJsonString() ?? "");
        parts.AddRange(template.Content.Values.SelectMany(text => ConditionLine().Matches(text).Select(m => m.Value)));
        return string.Join('\n', parts);
    }

    private static string WithoutDescription(JsonObject symbol) =>
        string.Join('\n', symbol.Where(p => p.Key != "description").Select(p => p.Key + "=" + p.Value?.ToJsonString()));

    private static bool Reads(string text, string symbol) =>
        Regex.IsMatch(text, $@"(?<![A-Za-z0-9_]){Regex.Escape(symbol)}(?![A-Za-z0-9_])", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"#(if|elseif|elif)\b[^\n]*")]
    private static partial Regex ConditionLine();
}
