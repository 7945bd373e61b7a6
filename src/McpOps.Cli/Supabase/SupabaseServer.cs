using System.Text.RegularExpressions;

namespace McpOps.Cli.Supabase;

/// <summary>
/// Which Supabase MCP server a deploy talks to, and how to reach it: the pinned npm package over stdio
/// (default) or the hosted server over Streamable HTTP (--hosted). Built from the options and the
/// environment in one place. The access token is only ever put in the child's environment
/// (SUPABASE_ACCESS_TOKEN) or an Authorization header, never in arguments or output.
/// </summary>
internal sealed partial record SupabaseServer(string ProjectRef, bool Hosted, string? ApiUrl, string HostedServerUrl)
{
    /// <summary>The package and version mcpops is tested against (its tool schemas are what we send).</summary>
    public const string Package = "@supabase/mcp-server-supabase@0.13.0";

    /// <summary>The real hosted server: --hosted talks to it unless <see cref="HostedUrlVariable"/> says otherwise.</summary>
    public const string HostedUrl = "https://mcp.supabase.com/mcp";

    /// <summary>
    /// Another Streamable HTTP Supabase MCP server for --hosted: a self-hosted one (the package's own
    /// `--http` mode), or a test's. Only for that: the default is always the real <see cref="HostedUrl"/>.
    /// </summary>
    public const string HostedUrlVariable = "MCPOPS_SUPABASE_MCP_URL";

    public const string AccessTokenVariable = "SUPABASE_ACCESS_TOKEN";

    public const string ProjectRefVariable = "SUPABASE_PROJECT_REF";

    /// <summary>The Management API base URL the local server calls (its --api-url): a staging API, or a test's stand-in.</summary>
    public const string ApiUrlVariable = "MCPOPS_SUPABASE_API_URL";

    /// <summary>The npx to run (default: npx from PATH).</summary>
    public const string NpxVariable = "MCPOPS_NPX";

    public static SupabaseServer Resolve(string? projectRefOption, bool hosted, Func<string, string?> environment)
    {
        var projectRef = Blank(projectRefOption) ?? Blank(environment(ProjectRefVariable))
            ?? throw new SupabaseException($"no Supabase project ref: pass --project-ref <ref> or set {ProjectRefVariable} (the 20 letters in https://<ref>.supabase.co; in CI a repository variable, `vars.{ProjectRefVariable}`).");
        if (!ProjectRefShape().IsMatch(projectRef))
        {
            throw new SupabaseException($"'{projectRef}' is not a Supabase project ref (20 lowercase letters, as in https://<ref>.supabase.co): check --project-ref / {ProjectRefVariable}.");
        }

        var apiUrl = Blank(environment(ApiUrlVariable));
        if (apiUrl is not null && hosted)
        {
            throw new SupabaseException($"{ApiUrlVariable} points the local Supabase MCP server at another Management API; the hosted server (--hosted) cannot use it: unset it or drop --hosted.");
        }

        return new SupabaseServer(projectRef, hosted, apiUrl, HostedServer(hosted, environment));
    }

    /// <summary>
    /// The Streamable HTTP server --hosted calls: <see cref="HostedUrl"/>, or <see cref="HostedUrlVariable"/>
    /// when set (https, or http on this machine only: the access token travels in its Authorization header).
    /// </summary>
    public static string HostedServer(bool hosted, Func<string, string?> environment)
    {
        var custom = Blank(environment(HostedUrlVariable));
        if (custom is null)
        {
            return HostedUrl;
        }

        if (!hosted)
        {
            throw new SupabaseException($"{HostedUrlVariable} points --hosted at another Supabase MCP server, but --hosted is not given: add --hosted or unset {HostedUrlVariable}.");
        }

        if (!Uri.TryCreate(custom, UriKind.Absolute, out var url) || url.Query.Length > 0 || url.Fragment.Length > 0
            || !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            throw new SupabaseException($"{HostedUrlVariable} '{custom}' is not a Supabase MCP server URL: give https://host/mcp (http only for localhost, since the access token is sent to it), without a query (mcpops adds project_ref and features), or unset it to use {HostedUrl}.");
        }

        return custom;
    }

    /// <summary>The access token from the environment, or the error that names how to provide one.</summary>
    public static string AccessToken(Func<string, string?> environment) =>
        Blank(environment(AccessTokenVariable))
        ?? throw new SupabaseException($"{AccessTokenVariable} is not set: create a personal access token at https://supabase.com/dashboard/account/tokens and export it (in CI: `env: {AccessTokenVariable}: ${{{{ secrets.{AccessTokenVariable} }}}}`). mcpops never takes it on the command line.");

    /// <summary>The local server's arguments after `npx`: no token among them.</summary>
    public IReadOnlyList<string> NpxArguments()
    {
        List<string> arguments = ["-y", Package, "--project-ref", ProjectRef, "--features", "functions"];
        if (ApiUrl is not null)
        {
            arguments.AddRange(["--api-url", ApiUrl]);
        }

        return arguments;
    }

    /// <summary>The hosted server's URL, scoped to the project and the functions tools.</summary>
    public Uri HostedEndpoint => new($"{HostedServerUrl}?project_ref={ProjectRef}&features=functions");

    /// <summary>How the server is reached, for messages (never with the token).</summary>
    public string Describe(string npx) => Hosted ? HostedEndpoint.ToString() : $"{npx} {string.Join(' ', NpxArguments())}";

    /// <summary>The public URL the function answers on.</summary>
    public string FunctionUrl(string function) => $"https://{ProjectRef}.supabase.co/functions/v1/{function}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z]{20}$", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectRefShape();
}
