namespace McpOps.Cli.Pins;

/// <summary>The sections of eng/pins.json: what kind of thing a version pins.</summary>
internal enum PinKind
{
    /// <summary>A container base image (FROM, compose/k8s `image:`): name and tag.</summary>
    Image,

    /// <summary>A GitHub action: owner/repo[/path], commit SHA and the tag it stands for.</summary>
    Action,

    /// <summary>A tool or runtime version a workflow or manifest names (TRIVY_VERSION, node-version, engines.node).</summary>
    Tool,

    /// <summary>An npm dependency range of a package.json.</summary>
    Npm,

    /// <summary>A NuGet PackageVersion of Directory.Packages.props.</summary>
    NuGet,
}
