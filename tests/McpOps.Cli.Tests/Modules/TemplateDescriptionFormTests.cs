using System.Text.Json.Nodes;
using McpOps.Cli.Upgrade;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Cli.Tests.Modules;

/// <summary>
/// A module's description reaches JSON (package.json), XML (a C# project file), a Dockerfile label and the
/// README through one rule: the `quoteFree` form of each mcp-module template.json, the same in every flavour,
/// so `--description` writes the same text whatever the language and none of those files can be broken by it.
/// </summary>
public sealed class TemplateDescriptionFormTests
{
    private static readonly string[] Flavours = ["modules/_template/mcp", "modules/_template/mcp-csharp"];

    [Fact]
    public void Every_flavour_makes_a_description_safe_the_same_way()
    {
        const string typed = "Says \"hi\" & <b>bold</b> $(whoami) `x` \\ back\nslash";
        foreach (var flavour in Flavours)
        {
            var config = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, flavour, ".template.config", "template.json")))!.AsObject();
            Assert.Equal("quoteFree", (string?)config["symbols"]!["safeDescription"]!["valueTransform"]);
            Assert.True(new TemplateForms(config["forms"]!.AsObject()).TryApply("quoteFree", typed, out var written), flavour);
            Assert.True(written == "Says 'hi' and bbold/b '(whoami) 'x' ' back slash", $"{flavour} writes: {written}");
        }
    }
}
