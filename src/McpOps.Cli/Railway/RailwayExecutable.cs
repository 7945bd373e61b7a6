namespace McpOps.Cli.Railway;

/// <summary>
/// Finds the Railway CLI: the file <see cref="Variable"/> names (tests point it at a stand-in), else
/// `railway` on PATH. Missing, it fails with how to install and log in.
/// </summary>
internal static class RailwayExecutable
{
    public const string Variable = "MCPOPS_RAILWAY_CLI";

    private const string InstallHint = "install the Railway CLI (`npm install -g @railway/cli` or `brew install railway`), then run `railway login` and, in the workspace root, `railway link`";

    public static string Find(Func<string, string?> environment)
    {
        if (environment(Variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new RailwayException($"{Variable} is set to {configured}, which does not exist: point it at the Railway CLI or unset it to use `railway` from PATH.");
        }

        var names = OperatingSystem.IsWindows() ? new[] { "railway.exe", "railway.cmd" } : ["railway"];
        foreach (var folder in (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new RailwayException($"the Railway CLI (`railway`) is not on PATH: {InstallHint}.");
    }
}
