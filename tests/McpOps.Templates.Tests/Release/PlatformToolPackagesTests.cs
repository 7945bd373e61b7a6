using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using McpOps.Templates.Tests.Infrastructure;

namespace McpOps.Templates.Tests.Release;

/// <summary>
/// The released tool is .NET 10 RID-specific tool packages (src/McpOps.Cli/McpOps.Cli.csproj): the
/// McpOps.Cli pointer names one package per platform of the project's list, each a native executable
/// (native AOT) for its platform, and McpOps.Cli.any, the portable build every other platform installs.
/// Only this machine's native package can be packed here (the others need their own platform's linker:
/// release.yml packs them on runners of those platforms). Installing McpOps.Cli from the release feed on
/// this machine takes this machine's package, and it runs.
/// </summary>
[Collection(SharedReleasePackages.Name)]
public sealed class PlatformToolPackagesTests(ReleasePackages packages) : IDisposable
{
    private readonly TempDirectory _temp = new("mcpops-tool-install");

    [Fact]
    public async Task The_pointer_names_a_package_for_each_platform_of_the_project_and_the_portable_one()
    {
        var settings = XDocument.Parse(packages.Cli.Read("tools/any/any/DotnetToolSettings.xml").TrimStart('\uFEFF'));
        var named = settings.Descendants("RuntimeIdentifierPackage")
            .ToDictionary(p => p.Attribute("RuntimeIdentifier")!.Value, p => p.Attribute("Id")!.Value, StringComparer.Ordinal);
        Assert.Equal("mcpops", settings.Descendants("Command").Single().Attribute("Name")!.Value);

        // The list the release's gather job checks the packed files against, as it reads it.
        var workflow = await ReleaseWorkflow.LoadAsync();
        var evaluated = await ProcessRunner.RunAsync(
            "dotnet",
            ["msbuild", ReleasePackages.CliProject, "-nologo", "-getProperty:ToolPackageRuntimeIdentifiers", .. workflow.PackProperties(ReleasePackages.CliProject).Select(p => "-p:" + p)],
            RepositoryPaths.Root);
        var rids = evaluated.EnsureSuccess().StandardOutput.Trim().Split(';');

        Assert.Contains("any", rids);
        Assert.Equal(rids.Order(StringComparer.Ordinal), named.Keys.Order(StringComparer.Ordinal));
        Assert.All(named, p => Assert.Equal("McpOps.Cli." + p.Key, p.Value));
        // Every platform but "any" is packed natively by the pack-native matrix, on its own platform.
        Assert.Equal(rids.Where(r => r != "any").Order(StringComparer.Ordinal), workflow.NativeRids().Order(StringComparer.Ordinal));
        Assert.Equal(["any", RuntimeInformation.RuntimeIdentifier], packages.CliPlatforms.Keys.Order(StringComparer.Ordinal));
        // No implementation in the pointer: `dotnet tool install` fetches the platform's package.
        Assert.DoesNotContain(packages.Cli.EntryNames, e => e.StartsWith("tools/net10.0/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_platform_package_is_a_native_executable_for_its_platform_and_the_portable_one_is_IL()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var native = packages.CliPlatforms[rid];
        var settings = XDocument.Parse(native.Read($"tools/any/{rid}/DotnetToolSettings.xml").TrimStart('\uFEFF'));
        var command = settings.Descendants("Command").Single();
        Assert.Equal("executable", command.Attribute("Runner")?.Value);
        Assert.Equal("mcpops", command.Attribute("EntryPoint")?.Value);
        // The executable alone: no assemblies, no runtime files, no debug symbols (.dbg) in the package.
        Assert.Equal([$"tools/any/{rid}/DotnetToolSettings.xml", $"tools/any/{rid}/mcpops"], native.EntryNames.Where(e => e.StartsWith("tools/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(ExpectedMachine(rid), NativeMachine(native.ToolFile(rid, "mcpops")));

        foreach (var assembly in new[] { "mcpops.dll", "YamlDotNet.dll", "System.CommandLine.dll" })
        {
            using var pe = new PEReader(new MemoryStream(packages.CliPlatforms["any"].ToolFile("any", assembly)));
            Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size == 0, $"any/{assembly}: IL only, for every platform");
        }
    }

    [Fact]
    public async Task Installing_from_the_release_feed_takes_this_platforms_package_and_it_runs()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var config = _temp.Combine("nuget.config");
        NuGetConfig.WriteOnly(config, ("release", packages.Feed));
        var tools = _temp.Combine("tools");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _temp.Combine("packages") };

        (await ProcessRunner.RunAsync(
            "dotnet",
            ["tool", "install", "McpOps.Cli", "--version", ProductVersion.Value, "--tool-path", tools, "--configfile", config],
            _temp.Path,
            environment)).EnsureSuccess();
        var version = (await ProcessRunner.RunAsync(Path.Combine(tools, "mcpops"), ["--version"], _temp.Path, environment)).EnsureSuccess();

        Assert.Matches($"^{Regex.Escape(ProductVersion.Value)}(\\+[0-9a-f]{{40}})?$", version.StandardOutput.Trim());
        var installed = Directory.GetFiles(Path.Combine(tools, ".store"), "mcpops", SearchOption.AllDirectories).Single();
        Assert.Contains($"{Path.DirectorySeparatorChar}mcpops.cli.{rid}{Path.DirectorySeparatorChar}", installed, StringComparison.Ordinal);
        Assert.Equal(packages.CliPlatforms[rid].ToolFile(rid, "mcpops"), File.ReadAllBytes(installed));
    }

    /// <summary>The machine an ELF (Linux) or Mach-O (macOS) executable is for, from its header.</summary>
    private static string NativeMachine(byte[] file)
    {
        if (file.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x7F, (byte)'E', (byte)'L', (byte)'F']))
        {
            return BitConverter.ToUInt16(file, 18) switch // e_machine
            {
                0x3E => "elf-x64",
                0xB7 => "elf-arm64",
                var other => $"elf-0x{other:x}",
            };
        }

        if (BitConverter.ToUInt32(file, 0) == 0xFEEDFACF) // 64-bit Mach-O, little-endian
        {
            return BitConverter.ToUInt32(file, 4) == 0x0100000C ? "macho-arm64" : "macho-other";
        }

        return "not an executable";
    }

    private static string ExpectedMachine(string rid) => rid switch
    {
        "linux-x64" => "elf-x64",
        "linux-arm64" => "elf-arm64",
        "osx-arm64" => "macho-arm64",
        _ => $"a native executable for {rid}",
    };

    public void Dispose() => _temp.Dispose();
}
