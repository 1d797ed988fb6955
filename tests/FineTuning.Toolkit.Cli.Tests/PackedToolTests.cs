namespace FineTuning.Toolkit.Cli.Tests;

/// <summary>The tool as users get it: packed, installed with <c>dotnet tool install</c>, run as <c>ftk</c>.</summary>
public sealed class PackedToolTests : IClassFixture<PackedToolFixture>, IDisposable
{
    private readonly PackedToolFixture _tool;
    private readonly string _folder = TestData.NewFolder();

    public PackedToolTests(PackedToolFixture tool) => _tool = tool;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Pack_TheToolPackage_IsInstalledAsFtk()
    {
        Assert.True(_tool.Pack.ExitCode == 0, _tool.Pack.ToString());
        Assert.Single(Directory.GetFiles(_tool.Feed, "ftk.*.nupkg"));
        Assert.True(_tool.Install.ExitCode == 0, _tool.Install.ToString());
        Assert.True(File.Exists(_tool.ToolPath), _tool.Install.ToString());
    }

    [Fact]
    public async Task InstalledTool_ValidateFileWithErrors_PrintsFileAndLineAndExits1()
    {
        Assert.True(File.Exists(_tool.ToolPath), _tool.Pack + "\n" + _tool.Install);
        await File.WriteAllTextAsync(Path.Combine(_folder, "bad.jsonl"), TestData.JsonlWithErrors());

        var run = await ToolProcess.RunAsync(_tool.ToolPath, ["validate", "bad.jsonl"], _folder);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"(?m)^bad\.jsonl:3: error ", run.Output);
        Assert.Matches(@"(?m)^bad\.jsonl:5: error invalid_json: ", run.Output);
    }

    [Fact]
    public async Task InstalledTool_GitHubFormatAndHelp_Work()
    {
        Assert.True(File.Exists(_tool.ToolPath), _tool.Pack + "\n" + _tool.Install);
        await File.WriteAllTextAsync(Path.Combine(_folder, "bad.jsonl"), TestData.JsonlWithErrors());

        var annotations = await ToolProcess.RunAsync(_tool.ToolPath, ["validate", "bad.jsonl", "--format", "github"], _folder);
        var help = await ToolProcess.RunAsync(_tool.ToolPath, ["--help"], _folder);

        Assert.Equal(1, annotations.ExitCode);
        Assert.Contains("::error file=bad.jsonl,line=5,title=invalid_json::", annotations.Output, StringComparison.Ordinal);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Examples:", help.Output, StringComparison.Ordinal);
    }
}
