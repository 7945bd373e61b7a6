using System.Text.RegularExpressions;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Docs;

/// <summary>
/// The README stays a short page for a new user (the two quickstart commands, no lab notes) and
/// every relative link of README.md and docs/ leads to a file, and to a heading when it names one.
/// </summary>
public sealed partial class DocumentationTests
{
    private const int ReadmeLineBudget = 200;

    // Pages other changes add to docs/ (the workspace model and naming, the runtime and
    // environment contracts, day-2 operations). Linked from here already; while a page is not in
    // this checkout its links are not followed. Once merged, the page is checked like any other.
    private static readonly HashSet<string> PagesFromOtherChanges = new(StringComparer.Ordinal)
    {
        "docs/workspace-model.md", "docs/naming.md",
    };

    // A figure with a unit of time, size or throughput: what benchmark and test runs produce.
    [GeneratedRegex(@"\b\d+(?:\.\d+)?\s?(?:ms|µs|us|s|MB|MiB|KB|req/s)\b")]
    private static partial Regex Measurement();

    private static string Readme => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

    [Fact]
    public void The_readme_is_short()
    {
        var lines = Readme.TrimEnd('\n').Split('\n').Length;
        Assert.True(lines <= ReadmeLineBudget, $"README.md has {lines} lines (at most {ReadmeLineBudget}): move detail into docs/ and link to it.");
    }

    [Fact]
    public void The_readme_keeps_the_two_command_quickstart()
    {
        Assert.Contains("\n```bash\nbash scripts/quickstart ", Readme, StringComparison.Ordinal);
        Assert.Contains("\n```bash\nbash tests/run\n```\n", Readme, StringComparison.Ordinal);
        Assert.True(Readme.IndexOf("bash scripts/quickstart", StringComparison.Ordinal) < Readme.IndexOf("## Install", StringComparison.Ordinal), "the quickstart comes first");
    }

    [Fact]
    public void The_readme_holds_no_run_history_or_measurements()
    {
        Assert.DoesNotMatch(Measurement(), Readme);
        Assert.DoesNotMatch(@"\d+ passed, \d+ failed", Readme);
        foreach (var labNote in new[] { "measured", "Measured", "this machine", "2 cores" })
        {
            Assert.DoesNotContain(labNote, Readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_relative_link_of_the_readme_and_docs_resolves()
    {
        var broken = new List<string>();
        var pages = MarkdownPages().ToList();
        Assert.Contains("README.md", pages);
        Assert.Contains("docs/releasing.md", pages);
        foreach (var page in pages)
        {
            var markdown = File.ReadAllText(Path.Combine(RepositoryPaths.Root, page));
            foreach (var target in MarkdownLinks.Targets(markdown))
            {
                if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "mailto")
                {
                    continue;
                }

                var problem = Check(page, target);
                if (problem is not null)
                {
                    broken.Add($"{page}: ({target}) {problem}");
                }
            }
        }

        Assert.True(broken.Count == 0, "Broken links:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void The_link_check_finds_a_broken_file_and_a_broken_anchor()
    {
        Assert.Equal(["docs/x.md", "#b", "y.md#the-fix-is-here", "z"], MarkdownLinks.Targets(
            "[a](docs/x.md) `[not](a-link.md)` [b](#b)\n```\n[nor](this.md)\n```\n[c](y.md#the-fix-is-here \"title\") [d](z)\n"));
        Assert.Equal(["the-fix-is-here", "mcp-module---language-c", "a-b", "a-b-1"], MarkdownLinks.Anchors(
            "# The fix is here!\n## `mcp-module --language C#`\n### A b\n### A b\n```\n# not a heading\n```\n"));
        Assert.Equal("no such file", Check("README.md", "docs/no-such-page.md"));
        Assert.Equal("no heading #no-such-heading in docs/templates.md", Check("README.md", "docs/templates.md#no-such-heading"));
        Assert.Null(Check("docs/templates.md", "mcpops.md"));
    }

    /// <summary>Why a link from <paramref name="page"/> does not resolve, or null when it does.</summary>
    private static string? Check(string page, string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var file = path.Length == 0
            ? page
            : Path.GetRelativePath(RepositoryPaths.Root, Path.GetFullPath(Path.Combine(RepositoryPaths.Root, Path.GetDirectoryName(page)!, Uri.UnescapeDataString(path)))).Replace('\\', '/');
        var full = Path.Combine(RepositoryPaths.Root, file);

        if (!File.Exists(full) && !Directory.Exists(full))
        {
            return PagesFromOtherChanges.Contains(file) ? null : "no such file";
        }

        if (anchor is not null && file.EndsWith(".md", StringComparison.Ordinal) && !MarkdownLinks.Anchors(File.ReadAllText(full)).Contains(anchor))
        {
            return $"no heading #{anchor} in {file}";
        }

        return null;
    }

    private static IEnumerable<string> MarkdownPages()
    {
        yield return "README.md";
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            yield return Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/');
        }
    }
}
