using McpOps.Cli.Modules;

namespace McpOps.Cli.Tests.Modules;

public sealed class ModuleNameTests
{
    [Theory]
    [InlineData("billing")]
    [InlineData("crm-sync")]
    [InlineData("a")]
    [InlineData("a1")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrs")] // 45 characters: the limit
    public void Accepts_lowercase_dns_labels(string name) => Assert.Null(ModuleName.Validate(name));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("bad name", "whitespace")]
    [InlineData("Billing", "uppercase")]
    [InlineData("..", "is a path")]
    [InlineData("a/b", "is a path")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrst", "46 characters long")]
    [InlineData("_shared", "reserved")]
    [InlineData("shared", "reserved")]
    [InlineData("infra", "reserved")]
    [InlineData("mcp", "reserved")]
    [InlineData("node_modules", "reserved")]
    [InlineData("-billing", "not a valid module name")]
    [InlineData("billing-", "not a valid module name")]
    [InlineData("1password", "not a valid module name")]
    [InlineData("bill_ing", "not a valid module name")]
    public void Refuses_names_that_cannot_be_a_folder_package_and_service_name(string name, string reason) =>
        Assert.Contains(reason, ModuleName.Validate(name));

    [Fact]
    public void Suggests_a_valid_name_for_uppercase_input() =>
        Assert.Contains("'billing-service'", ModuleName.Validate("BillingService"));
}
