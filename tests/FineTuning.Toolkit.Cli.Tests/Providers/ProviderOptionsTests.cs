using System.CommandLine;
using FineTuning.Toolkit.Cli.Providers;

namespace FineTuning.Toolkit.Cli.Tests.Providers;

public sealed class ProviderOptionsTests : IDisposable
{
    private readonly string _folder = TestData.NewFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ProviderSettings Resolve(string[] args, Dictionary<string, string> environment)
    {
        var options = new ProviderOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var host = new CliHost(TextWriter.Null, TextWriter.Null, name => environment.GetValueOrDefault(name), interactive: false) { CurrentDirectory = _folder };
        return options.Resolve(command.Parse(args), host);
    }

    [Fact]
    public async Task Resolve_OptionThenEnvironmentThenConfigFile_InThatOrder()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "ftk.json"), """
            { "openai": { "apiKey": "sk-from-file", "endpoint": "http://file.example/v1", "organization": "org-file", "project": "proj-file" } }
            """);
        var environment = new Dictionary<string, string> { ["FTK_CONFIG"] = "ftk.json", ["FTK_ENDPOINT"] = "http://env.example/v1", ["OPENAI_ORG_ID"] = "org-env" };

        var settings = Resolve(["--organization", "org-option"], environment);

        Assert.Equal("org-option", settings.Organization);
        Assert.Equal(new Uri("http://env.example/v1"), settings.Endpoint);
        Assert.Equal("proj-file", settings.Project);
        Assert.Equal("sk-from-file", settings.ApiKey);
        Assert.EndsWith("ftk.json", settings.ApiKeySource, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_KeyFromEnvironment_WinsOverTheFileAndNeverShowsInToString()
    {
        var settings = Resolve([], new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-env-secret", ["OPENAI_BASE_URL"] = "https://proxy.example/v1" });

        Assert.Equal("sk-env-secret", settings.ApiKey);
        Assert.Equal("OPENAI_API_KEY", settings.ApiKeySource);
        Assert.Equal(new Uri("https://proxy.example/v1"), settings.Endpoint);
        Assert.DoesNotContain("sk-env-secret", settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", settings.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--endpoint", "not a url")]
    [InlineData("--endpoint", "ftp://example.com/v1")]
    public void Resolve_BadEndpoint_IsBadUsage(string option, string value)
    {
        var error = Assert.Throws<CliUsageException>(() => Resolve([option, value], []));

        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_BrokenConfigFile_NamesTheLineNotTheContent()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "ftk.json"), "{\n \"openai\": { \"apiKey\": \"sk-secret-in-broken-file\" \n");

        var error = Assert.Throws<CliUsageException>(() => Resolve(["--config", "ftk.json"], []));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-in-broken-file", error.Message, StringComparison.Ordinal);
    }
}
