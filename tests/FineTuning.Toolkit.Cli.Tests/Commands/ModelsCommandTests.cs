using System.Text.Json;
using FineTuning.Toolkit.Providers;

namespace FineTuning.Toolkit.Cli.Tests.Commands;

public sealed class ModelsCommandTests
{
    [Fact]
    public async Task Models_Json_ListsTheWholeCatalogWithItsDates()
    {
        var run = await CliRun.RunAsync(["models", "--json"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var models = JsonDocument.Parse(run.Output).RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(ModelLifecycleCatalog.Default.Entries.Count, models.Count);
        var mini = models.Single(m => m.GetProperty("provider").GetString() == "openai" && m.GetProperty("model").GetString() == "gpt-4o-mini-2024-07-18");
        Assert.Equal("2027-01-06", mini.GetProperty("trainingEndsOn").GetString());
        Assert.Equal("2027-01-14", mini.GetProperty("servingEndsOn").GetString());
        Assert.All(models, m => Assert.StartsWith("https://", m.GetProperty("source").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Models_Provider_ShowsItsModelsAndTheSources()
    {
        var run = await CliRun.RunAsync(["models", "--provider", "azure"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2027-04-01", run.Output, StringComparison.Ordinal);
        Assert.Contains("2027-10-01", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("openai ", run.Output, StringComparison.Ordinal);
        Assert.Contains("https://learn.microsoft.com/", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_UnknownProvider_Exits2()
    {
        var run = await CliRun.RunAsync(["models", "--provider", "mistral"]);

        Assert.Equal(2, run.ExitCode);
    }
}
