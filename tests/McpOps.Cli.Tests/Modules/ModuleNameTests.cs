using McpOps.Cli.Modules;

namespace McpOps.Cli.Tests.Modules;

public sealed class ModuleNameTests
{
    [Theory]
    [InlineData("billing")]
    [InlineData("crm-sync")]
    [InlineData("ab")]
    [InlineData("a1")]
    [InlineData("module-9lives")]
    [InlineData("abcdefghijklmnopqrstuvwxyz")] // 26 characters: '<name>-mcp' is a 30-character service account id
    public void Accepts_names_that_normalise_to_themselves(string name)
    {
        Assert.Null(ModuleName.Validate(name));
        Assert.Equal(name, ModuleName.Normalise(name));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("bad name", "whitespace")]
    [InlineData("Billing", "uppercase")]
    [InlineData("..", "is a path")]
    [InlineData("a/b", "is a path")]
    [InlineData("abcdefghijklmnopqrstuvwxyza", "27 characters long")]
    [InlineData("a", "shorter than 2")]
    [InlineData("_shared", "reserved")]
    [InlineData("shared", "reserved")]
    [InlineData("infra", "reserved")]
    [InlineData("mcp", "reserved")]
    [InlineData("node_modules", "reserved")]
    [InlineData("-billing", "not a valid module name")]
    [InlineData("billing-", "not a valid module name")]
    [InlineData("1password", "starts with a digit")]
    [InlineData("x--y", "'--'")]
    [InlineData("xn--abc", "'--'")]
    [InlineData("bill_ing", "not a valid module name")]
    [InlineData("ünïcode", "non-ASCII")]
    public void Refuses_names_that_cannot_be_a_folder_package_and_service_name(string name, string reason) =>
        Assert.Contains(reason, ModuleName.Validate(name));

    [Theory]
    [InlineData("BillingService", "billing-service")]
    [InlineData("HTTPServer", "http-server")]
    [InlineData("x--y", "x-y")]
    [InlineData("xn--abc", "xn-abc")]
    [InlineData("9lives", "module-9lives")]
    [InlineData("Ünïcode", "n-code")]
    [InlineData("a", "module-a")]
    [InlineData("infra", "infra-module")]
    [InlineData("_shared", "shared-module")]
    [InlineData("node_modules", "node-modules-module")]
    [InlineData("bad name", "bad-name")]
    [InlineData("abcdefghijklmnopqrstuvwxy-zz", "abcdefghijklmnopqrstuvwxy")]
    [InlineData("", "unnamed-module")]
    [InlineData("!!!", "unnamed-module")]
    public void Normalises_like_the_template_and_suggests_that_name(string input, string expected)
    {
        Assert.Equal(expected, ModuleName.Normalise(input));
        Assert.True(ModuleName.IsValid(expected));
        if (input.Length > 0)
        {
            Assert.Contains($"'{expected}'", ModuleName.Validate(input));
        }
    }

    [Theory]
    [InlineData("billing-")]
    [InlineData("Billing")]
    [InlineData("bill ing")]
    public void A_suggestion_that_is_already_a_module_is_named_as_taken_not_offered(string input)
    {
        var suggestion = ModuleName.Normalise(input);
        var problem = ModuleName.Validate(input, name => name == suggestion);

        Assert.Contains($"'{suggestion}' (what `dotnet new mcp-module -n \"{input}\"` would write) is already a module here: choose another name.", problem);
        Assert.DoesNotContain("use '", problem);
        Assert.Contains($"use '{suggestion}'", ModuleName.Validate(input, name => name == "other"));
    }

    [Fact]
    public void Every_derived_name_of_a_valid_name_fits_its_platform()
    {
        foreach (var name in ModuleNameSamples.Valid())
        {
            Assert.Empty(new ModuleNames(name).LimitProblems());
        }
    }
}
