using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using McpOps.Cli.Workspaces;

namespace McpOps.Cli.Registry;

/// <summary>
/// A public module's MCP Registry entry, modules/&lt;name&gt;/mcp/server.json, in the official format
/// (schema 2025-12-11, https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json).
/// The entry lists the module's public remote URL(s) and the Authorization header a client must send;
/// the header is a secret the user supplies, so the file names it and never carries a value. The
/// registry only lists remotes it can reach: URLs must be https on a public host.
/// </summary>
internal static partial class ServerJson
{
    public const string SchemaUrl = "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json";
    public const string FileName = "server.json";
    public const int DescriptionLimit = 100;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string PathOf(ModuleInfo module) => $"{module.Folder}/{FileName}";

    /// <summary>The entry's text, or every reason it cannot be written (as a <see cref="WorkspaceException"/>).</summary>
    public static string Render(ModuleInfo module, RegistryEntry entry)
    {
        var problems = new List<string>();
        if (entry.Name.Length is < 3 or > 200 || !ServerName().IsMatch(entry.Name))
        {
            problems.Add($"--name '{entry.Name}': a registry name is <namespace>/<server> in reverse-DNS form, e.g. io.github.<owner>/{module.Name} (the registry lets a GitHub workflow of <owner>'s repositories publish io.github.<owner>/*).");
        }

        var description = (entry.Description ?? module.Description).Trim();
        if (description.Length is 0 or > DescriptionLimit)
        {
            problems.Add($"the registry description must be 1 to {DescriptionLimit} characters (this one has {description.Length}): pass --description \"<one short sentence>\".");
        }

        if (string.IsNullOrWhiteSpace(entry.Version) || VersionRange().IsMatch(entry.Version))
        {
            problems.Add($"version '{entry.Version}': the registry needs one exact version (e.g. 1.2.0), never a range or 'latest'; pass --version or set the module's version.");
        }

        var remotes = new JsonArray();
        CheckRemote(problems, "--url", entry.StreamableHttpUrl, "/mcp");
        remotes.Add((JsonNode)Remote("streamable-http", entry.StreamableHttpUrl));
        if (entry.SseUrl is { } sse)
        {
            CheckRemote(problems, "--sse-url", sse, "/sse");
            remotes.Add((JsonNode)Remote("sse", sse));
        }

        if (entry.RepositoryUrl is { } repository && !IsGitHubRepository(repository))
        {
            problems.Add($"--repository {repository}: give the GitHub repository as https://github.com/<owner>/<repo>.");
        }

        if (problems.Count > 0)
        {
            throw new WorkspaceException(problems);
        }

        var json = new JsonObject
        {
            ["$schema"] = SchemaUrl,
            ["name"] = entry.Name,
            ["description"] = description,
            ["version"] = entry.Version,
        };
        if (entry.RepositoryUrl is { } repo)
        {
            json["repository"] = new JsonObject { ["url"] = repo.TrimEnd('/'), ["source"] = "github", ["subfolder"] = module.Folder };
        }

        json["remotes"] = remotes;
        return json.ToJsonString(Indented) + "\n";
    }

    private static JsonObject Remote(string type, string url) => new()
    {
        ["type"] = type,
        ["url"] = url,
        ["headers"] = new JsonArray(new JsonObject
        {
            ["name"] = "Authorization",
            ["description"] = "Bearer <token>: the token the server's operators issued to you (its MCP_AUTH_TOKEN).",
            ["isRequired"] = true,
            ["isSecret"] = true,
        }),
    };

    private static void CheckRemote(List<string> problems, string option, string url, string path)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"{option} {url}: a registry remote is an https:// URL, e.g. https://billing.example.com{path}.");
            return;
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            problems.Add($"{option} {url}: no credentials, query or fragment in a registry URL (clients send the token in the Authorization header).");
        }

        if (!IsPublicHost(uri))
        {
            problems.Add($"{option} {url}: {uri.Host} is not a public host; the registry lists only remotes anyone can reach (the service's public domain).");
        }
    }

    private static bool IsPublicHost(Uri uri)
    {
        var host = uri.IdnHost;
        if (uri.IsLoopback || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || !host.Contains('.', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(host.Trim('[', ']'), out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !IPAddress.IsLoopback(v6) && !v6.IsIPv6LinkLocal && !v6.IsIPv6UniqueLocal;
        }

        if (IPAddress.TryParse(host, out var address))
        {
            var bytes = address.GetAddressBytes();
            return !(bytes[0] == 10 || bytes[0] == 127 || bytes[0] == 0 || (bytes[0] == 169 && bytes[1] == 254)
                || (bytes[0] == 172 && bytes[1] is >= 16 and <= 31) || (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 100 && bytes[1] is >= 64 and <= 127));
        }

        return true;
    }

    private static bool IsGitHubRepository(string url) => GitHubRepository().IsMatch(url);

    [GeneratedRegex("^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$")]
    private static partial Regex ServerName();

    [GeneratedRegex(@"[\^~<>=*\s]|(^|\.)[xX](\.|$)|^latest$")]
    private static partial Regex VersionRange();

    [GeneratedRegex(@"^https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/?$")]
    private static partial Regex GitHubRepository();
}
