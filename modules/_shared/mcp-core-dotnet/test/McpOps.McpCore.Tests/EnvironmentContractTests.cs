using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace McpOps.McpCore.Tests;

/// <summary>
/// The parser against the one definition of the environment contract (modules/_shared/environment.json, shared
/// with the TypeScript runtime and docs/environment.md): every variable's default, bounds and bad values.
/// </summary>
public sealed partial class EnvironmentContractTests
{
    private static readonly Dictionary<string, string?> Base = new() { ["MCP_AUTH_TOKEN"] = "contract-token" };

    private static readonly JsonArray Variables = LoadVariables();

    public static TheoryData<string> Honoured()
    {
        var data = new TheoryData<string>();
        foreach (var variable in Variables)
        {
            if (variable!["runtimes"]!.AsObject().ContainsKey("dotnet"))
            {
                data.Add((string)variable["name"]!);
            }
        }

        return data;
    }

    public static TheoryData<string, string> InvalidValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var variable in Variables)
        {
            var refused = variable!["refusedBy"]?["dotnet"];
            if (refused is not null)
            {
                data.Add((string)variable["name"]!, (string)refused!);
            }

            if (!variable["runtimes"]!.AsObject().ContainsKey("dotnet"))
            {
                continue;
            }

            foreach (var bad in variable["invalid"]!.AsArray())
            {
                data.Add((string)variable["name"]!, (string)bad!);
            }
        }

        return data;
    }

    [Fact]
    public void Every_variable_the_parser_reads_is_defined_and_every_definition_is_read()
    {
        var source = File.ReadAllText(Path.Combine(SharedFolder(), "mcp-core-dotnet", "src", "McpOps.McpCore", "McpServerSettings.cs"));
        var read = VariableName().Matches(source).Select(match => match.Groups[1].Value).ToHashSet();
        var defined = Variables.Where(variable => variable!["runtimes"]!.AsObject().ContainsKey("dotnet") || variable["refusedBy"]?["dotnet"] is not null)
            .Select(variable => (string)variable!["name"]!).ToHashSet();

        Assert.Equal(defined.Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Honoured))]
    public void Default_bounds_and_values_are_the_contract_ones(string name)
    {
        var variable = Variables.Single(item => (string?)item!["name"] == name)!;
        var property = (string?)variable["runtimes"]!["dotnet"];
        var type = (string)variable["type"]!;
        if (property is null || type == "secret")
        {
            return;
        }

        Assert.Equal(variable["default"]?.ToJsonString() ?? "null", Read(McpServerSettings.Load(Base), property));
        if (type == "integer")
        {
            foreach (var bound in new[] { (long)variable["min"]!, (long)variable["max"]! })
            {
                Assert.Equal(bound.ToString(System.Globalization.CultureInfo.InvariantCulture), Read(Load(name, bound.ToString(System.Globalization.CultureInfo.InvariantCulture)), property));
            }

            Assert.Contains(name, Refusal(name, ((long)variable["max"]! + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), StringComparison.Ordinal);
        }

        if (type == "enum")
        {
            foreach (var value in variable["values"]!.AsArray())
            {
                Assert.Equal(value!.ToJsonString(), Read(Load(name, (string)value!), property));
            }
        }
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void A_bad_value_is_refused_naming_the_variable(string name, string value) =>
        Assert.Contains(name, Refusal(name, value), StringComparison.Ordinal);

    private static McpServerSettings Load(string name, string value) => McpServerSettings.Load(new Dictionary<string, string?>(Base) { [name] = value });

    private static string Refusal(string name, string value)
    {
        var exception = Record.Exception(() => Load(name, value));
        return Assert.IsType<McpConfigException>(exception).Message;
    }

    /// <summary>The setting as JSON, with durations in milliseconds as the contract states them.</summary>
    private static string Read(McpServerSettings settings, string property)
    {
        var value = typeof(McpServerSettings).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.GetValue(settings);
        return value switch
        {
            TimeSpan duration => ((long)duration.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            string text => JsonValue.Create(text).ToJsonString(),
            IEnumerable<string> list => new JsonArray([.. list.Select(item => JsonValue.Create(item))]).ToJsonString(),
            bool flag => flag ? "true" : "false",
            null => "null",
            _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        };
    }

    /// <summary>modules/_shared: the folder holding environment.json beside mcp-core-dotnet (here and in a generated workspace).</summary>
    private static string SharedFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "environment.json")) && Directory.Exists(Path.Combine(folder.FullName, "mcp-core-dotnet")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("environment.json not found beside mcp-core-dotnet above " + AppContext.BaseDirectory);
    }

    private static JsonArray LoadVariables() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(SharedFolder(), "environment.json")))!["variables"]!.AsArray();

    [GeneratedRegex("\"((?:MCP|GOOGLE)_[A-Z_]+|PORT|HOST|LOG_LEVEL)\"")]
    private static partial Regex VariableName();
}
