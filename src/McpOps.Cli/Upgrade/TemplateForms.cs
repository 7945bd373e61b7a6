using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace McpOps.Cli.Upgrade;

/// <summary>
/// The value forms of a template.json (`forms`), evaluated as the template engine does, for the kinds the
/// McpOps templates use: `replace` (a .NET regular expression), `chain`, `lowerCase`, `upperCase`,
/// `titleCase` and `identity`. A form of any other kind makes <see cref="TryApply"/> return false, so the
/// caller renders with `dotnet new` instead of guessing.
/// </summary>
internal sealed class TemplateForms(JsonObject forms)
{
    public bool TryApply(string form, string value, out string result)
    {
        result = value;
        if (forms[form] is not JsonObject definition)
        {
            return form == "identity";
        }

        switch ((string?)definition["identifier"])
        {
            case "identity":
                return true;
            case "lowerCase":
                result = value.ToLowerInvariant();
                return true;
            case "upperCase":
                result = value.ToUpperInvariant();
                return true;
            case "titleCase":
                result = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(value);
                return true;
            case "replace" when (string?)definition["pattern"] is { } pattern:
                result = Regex.Replace(value, pattern, (string?)definition["replacement"] ?? "", RegexOptions.None, TimeSpan.FromSeconds(1));
                return true;
            case "chain" when definition["steps"] is JsonArray steps:
                foreach (var step in steps)
                {
                    if ((string?)step is not { } name || name == form || !TryApply(name, result, out result))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
