namespace McpOps.Templates.Tests.Infrastructure;

/// <summary>
/// A nuget.config that clears every inherited source and adds only the given feeds, so a restore or
/// `dotnet tool install` in a test sees exactly what the test packed (and none of this machine's feeds).
/// </summary>
public static class NuGetConfig
{
    public static void WriteOnly(string path, params (string Key, string Folder)[] sources)
    {
        var adds = string.Concat(sources.Select(s => $"\n    <add key=\"{s.Key}\" value=\"{s.Folder}\" />"));
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />{adds}
              </packageSources>
            </configuration>
            """);
    }
}
