using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using McpOps.Contract.Tests.Runtimes;

namespace McpOps.Contract.Tests.Documentation;

/// <summary>docs/environment.md's table says what modules/_shared/environment.json defines, row for row.</summary>
public sealed class EnvironmentDocumentationTests
{
    [Fact]
    public void The_table_has_one_row_per_variable_in_definition_order_with_its_facts()
    {
        var variables = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "modules", "_shared", "environment.json")))!["variables"]!.AsArray();
        var document = File.ReadAllLines(Path.Combine(RepositoryLayout.Root, "docs", "environment.md"));
        var rows = document.Where(line => line.StartsWith("| `", StringComparison.Ordinal)).ToArray();

        Assert.Equal(variables.Select(variable => ExpectedRow(variable!.AsObject())), rows);
    }

    private static string ExpectedRow(JsonObject variable)
    {
        var type = (string)variable["type"]!;
        var range = type switch
        {
            "integer" => $"{(long)variable["min"]!}–{(long)variable["max"]!}",
            "enum" => string.Join(", ", variable["values"]!.AsArray().Select(value => (string?)value)),
            _ => "",
        };
        var defaultText = variable["defaultNote"] is { } note
            ? (string)note!
            : variable["default"] switch
            {
                JsonValue value when value.GetValueKind() == JsonValueKind.String => (string)value!,
                null => "null",
                var other => other.ToJsonString(),
            };
        return $"| `{(string)variable["name"]!}` | {type} | {range} | {defaultText} | {Runtime(variable, "typescript")} | {Runtime(variable, "dotnet")} | {(string)variable["description"]!} |";
    }

    private static string Runtime(JsonObject variable, string runtime) =>
        variable["runtimes"]!.AsObject().ContainsKey(runtime) ? "yes"
        : variable["refusedBy"]?[runtime] is { } refused ? string.Create(CultureInfo.InvariantCulture, $"refuses `{(string)refused!}`")
        : "no";
}
