using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DiffPlex;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Pack;

/// <summary>
/// Files both flavours of mcp-module ship have one source, modules/_template/common, which the pack
/// places into each flavour; where the flavours differ, the common file says so in template conditionals
/// (<c>#if (CSharp)</c>). No flavour keeps its own copy of a shared or mostly shared file, and every
/// conditional renders away in both flavours.
/// </summary>
[Collection(SharedTemplatePackReaders.Name)]
public sealed partial class SharedTemplateFilesTests(TemplatePack pack)
{
    /// <summary>
    /// A flavour file sharing at least this part of its non-blank lines with the other flavour's file at
    /// the same path belongs in common/ (Dockerfile shares a third: its build stages are the flavours).
    /// </summary>
    private const double MostlySharedLines = 0.5;

    private const string Module = "billing";

    private static readonly string Templates = Path.Combine(RepositoryPaths.Root, "modules", "_template");
    private static readonly string Common = Path.Combine(Templates, "common");
    private static readonly string[] FlavourFolders = ["mcp", "mcp-csharp"];
    private static readonly string[] PackedFlavours = ["content/mcp-module/modules/mcp-module-name/mcp/", "content/mcp-module-csharp/modules/mcp-module-name/mcp/"];

    /// <summary>Each flavour with its Railway config choices: together they render every file and branch of common/.</summary>
    private static readonly (string Flavour, string[] Options)[] Renderings =
    [
        ("mcp", ["-n", Module]),
        ("mcp", ["-n", Module, "--railway-config", "toml"]),
        ("mcp-csharp", ["-n", Module, "--language", "C#"]),
        ("mcp-csharp", ["-n", Module, "--language", "C#", "--railway-config", "toml"]),
    ];

    [Fact]
    public void No_file_is_kept_twice_or_mostly_twice_in_the_two_flavours()
    {
        var typeScript = Path.Combine(Templates, "mcp");
        var cSharp = Path.Combine(Templates, "mcp-csharp");
        var twins = FlavourFiles(typeScript)
            // The template engine's own configuration cannot come from a shared file.
            .Where(relative => !relative.StartsWith(".template.config/", StringComparison.Ordinal))
            .Where(relative => File.Exists(Path.Combine(cSharp, relative)))
            .Select(relative => (relative, shared: SharedLineShare(File.ReadAllText(Path.Combine(typeScript, relative)), File.ReadAllText(Path.Combine(cSharp, relative)))))
            .Where(pair => pair.shared >= MostlySharedLines)
            .Select(pair => $"{pair.relative} ({pair.shared:P0} of its lines)")
            .ToList();

        Assert.True(twins.Count == 0,
            "shared by mcp/ and mcp-csharp/: move to modules/_template/common/ and keep what differs in #if (CSharp) ... #else ... #endif: " + string.Join(", ", twins));
    }

    [Fact]
    public void The_mostly_shared_check_can_fail()
    {
        const string Text = "one\ntwo\n\nthree\nfour\n";

        Assert.Equal(1.0, SharedLineShare(Text, Text));
        Assert.Equal(0.75, SharedLineShare(Text, Text.Replace("two", "2", StringComparison.Ordinal)));
        Assert.Equal(0.0, SharedLineShare(Text, "five\nsix\n"));
    }

    [Fact]
    public void Every_common_file_ships_unchanged_in_both_flavours_and_neither_flavour_overrides_it()
    {
        var files = FlavourFiles(Common).ToList();
        Assert.NotEmpty(files);

        using var zip = ZipFile.OpenRead(pack.PackagePath);
        var version = Path.GetFileNameWithoutExtension(pack.PackagePath)["McpOps.Templates.".Length..];
        foreach (var file in files)
        {
            foreach (var flavour in FlavourFolders)
            {
                Assert.False(File.Exists(Path.Combine(Templates, flavour, file)), $"{flavour}/{file} would shadow common/{file}");
            }

            foreach (var packed in PackedFlavours)
            {
                var entry = zip.GetEntry(packed + file);
                Assert.True(entry is not null, $"{packed}{file} is not in the pack");
                using var reader = new StreamReader(entry!.Open());
                // Unchanged but for what the pack stamps: the pack version of a trace (eng/StampPins.cs).
                Assert.Equal(File.ReadAllText(Path.Combine(Common, file)).Replace("\"$(Version)\"", $"\"{version}\"", StringComparison.Ordinal), reader.ReadToEnd());
            }
        }
    }

    [Fact]
    public void Every_symbol_a_common_file_tests_is_defined_by_both_flavours()
    {
        // The engine reads an undefined symbol as false: a C# module would silently lose a section.
        var tested = FlavourFiles(Common)
            .SelectMany(file => File.ReadLines(Path.Combine(Common, file)).Select(line => (file, condition: Directive().Match(line))))
            .Where(found => found.condition.Success && found.condition.Groups["condition"].Length > 0)
            .SelectMany(found => Symbols(found.condition.Groups["condition"].Value).Select(symbol => (found.file, symbol)))
            .ToList();
        Assert.Contains(tested, found => found.symbol == "CSharp");

        foreach (var flavour in FlavourFolders)
        {
            var symbols = JsonNode.Parse(File.ReadAllText(Path.Combine(Templates, flavour, ".template.config", "template.json")))!["symbols"]!.AsObject();
            var undefined = tested.Where(found => !symbols.ContainsKey(found.symbol)).Select(found => $"{found.symbol} ({found.file})").Distinct().ToList();
            Assert.True(undefined.Count == 0, $"{flavour}/.template.config/template.json does not define: {string.Join(", ", undefined)}");
        }
    }

    [Fact]
    public async Task Every_common_file_renders_without_template_directives_and_differently_where_the_flavours_differ()
    {
        var files = FlavourFiles(Common).ToList();
        var rendered = new Dictionary<(string Flavour, string File), string>();
        foreach (var (flavour, options) in Renderings)
        {
            using var temp = new TempDirectory("mcpops-common");
            (await pack.NewAsync(temp.Path, ["mcp-module", .. options])).EnsureSuccess();
            var module = temp.Combine("modules", Module, "mcp");

            foreach (var file in FlavourFiles(module))
            {
                var text = File.ReadAllText(Path.Combine(module, file));
                var directive = text.Split('\n').FirstOrDefault(line => Directive().IsMatch(line));
                Assert.True(directive is null, $"{file} of `dotnet new mcp-module {string.Join(' ', options)}` keeps the template directive `{directive}`: declare its file type in SpecialCustomOperations of {flavour}/.template.config/template.json");
            }

            foreach (var file in files.Where(file => File.Exists(Path.Combine(module, file))))
            {
                rendered[(flavour, file)] = File.ReadAllText(Path.Combine(module, file));
            }
        }

        Assert.All(files, file => Assert.True(rendered.ContainsKey(("mcp", file)) && rendered.ContainsKey(("mcp-csharp", file)), $"common/{file} is rendered by neither option set of one flavour"));
        foreach (var file in files.Where(file => File.ReadLines(Path.Combine(Common, file)).Any(line => Directive().Match(line) is { Success: true } match && Symbols(match.Groups["condition"].Value).Contains("CSharp"))))
        {
            Assert.True(rendered[("mcp", file)] != rendered[("mcp-csharp", file)], $"common/{file} tests CSharp but renders the same in both flavours");
        }
    }

    /// <summary>The part of the longer file's non-blank lines that the two files share, in order (longest common subsequence).</summary>
    private static double SharedLineShare(string left, string right)
    {
        static string NonBlank(string text) => string.Join('\n', text.Split('\n').Where(line => line.Trim().Length > 0));
        var diff = Differ.Instance.CreateLineDiffs(NonBlank(left), NonBlank(right), false);
        var longer = Math.Max(diff.PiecesOld.Count, diff.PiecesNew.Count);
        var shared = diff.PiecesOld.Count - diff.DiffBlocks.Sum(block => block.DeleteCountA);
        return longer == 0 ? 0 : (double)shared / longer;
    }

    private static IEnumerable<string> FlavourFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(relative => !relative.Split('/').Any(part => part is "node_modules" or "dist" or "bin" or "obj"))
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> Symbols(string condition) =>
        Identifier().Matches(QuotedText().Replace(condition, "")).Select(match => match.Value).Where(name => name is not ("true" or "false"));

    /// <summary>A template conditional line in any comment style the templates use (#, //, &lt;!-- --&gt;).</summary>
    [GeneratedRegex(@"^\s*(?:#|//#|<!--#)(?:if|elseif|else|endif)\b\s*(?<condition>.*?)\s*(?:-->)?\s*$")]
    private static partial Regex Directive();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex QuotedText();
}
