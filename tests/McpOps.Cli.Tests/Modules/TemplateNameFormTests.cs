using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpOps.Cli.Modules;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Modules;

/// <summary>
/// The template and mcpops apply one name rule: the `moduleFolderName` form of each mcp-module
/// template.json, interpreted here step by step as the template engine does (replace = Regex.Replace,
/// lowerCase = ToLowerInvariant, chain = in order), gives exactly <see cref="ModuleName.Normalise"/> for
/// every input, so what one accepts the other writes identically and what one refuses the other never writes.
/// </summary>
public sealed class TemplateNameFormTests
{
    public static TheoryData<string> Templates => new() { "modules/_template/mcp", "modules/_template/mcp-csharp" };

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_template_folder_name_form_is_ModuleName_Normalise(string template)
    {
        var forms = FormsOf(template);
        foreach (var input in ModuleNameSamples.RawInputs())
        {
            var written = Apply(forms, "moduleFolderName", input);
            Assert.True(written == ModuleName.Normalise(input), $"'{input}': template writes '{written}', mcpops normalises to '{ModuleName.Normalise(input)}'");
            Assert.True(ModuleName.IsValid(written), $"'{input}': the template writes '{written}', which mcpops refuses: {ModuleName.Validate(written)}");
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void The_module_name_symbol_uses_the_folder_name_form(string template)
    {
        var config = Config(template);
        Assert.Equal("moduleFolderName", (string?)config["symbols"]!["moduleName"]!["valueTransform"]);
        Assert.Equal("mcp-module-name", (string?)config["symbols"]!["moduleName"]!["replaces"]);
    }

    private static JsonObject Config(string template) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, template, ".template.config", "template.json")))!.AsObject();

    private static JsonObject FormsOf(string template) => Config(template)["forms"]!.AsObject();

    private static string Apply(JsonObject forms, string formName, string value)
    {
        var form = forms[formName]!.AsObject();
        return (string?)form["identifier"] switch
        {
            "chain" => form["steps"]!.AsArray().Aggregate(value, (current, step) => Apply(forms, (string)step!, current)),
            "replace" => Regex.Replace(value, (string)form["pattern"]!, (string)form["replacement"]!),
            "lowerCase" => value.ToLowerInvariant(),
            var other => throw new InvalidOperationException($"form {formName}: identifier {other} is not interpreted by this test"),
        };
    }
}
