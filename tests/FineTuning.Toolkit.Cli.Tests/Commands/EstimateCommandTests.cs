using System.Text.Json;

namespace FineTuning.Toolkit.Cli.Tests.Commands;

public sealed class EstimateCommandTests : IDisposable
{
    private readonly string _folder = TestData.NewFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Estimate_Json_PricesEveryModelFromTheSameTokens()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.ValidJsonl());

        var run = await CliRun.RunAsync(["estimate", "train.jsonl", "--epochs", "4", "--json"], currentDirectory: _folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        using var estimate = JsonDocument.Parse(run.Output);
        var root = estimate.RootElement;
        Assert.Equal(12, root.GetProperty("examples").GetInt32());
        Assert.Equal(4, root.GetProperty("epochs").GetInt32());
        var billable = root.GetProperty("billableTokensPerEpoch").GetInt64();
        Assert.True(billable > 0);
        var rows = root.GetProperty("estimates").EnumerateArray().ToList();
        Assert.True(rows.Count >= 2);
        Assert.All(rows, r => Assert.Equal(billable * 4, r.GetProperty("billedTokens").GetInt64()));
        Assert.All(rows.Where(r => r.GetProperty("usdPerMillionTokens").ValueKind == JsonValueKind.Number), r =>
            Assert.Equal(Math.Round(billable * 4 * r.GetProperty("usdPerMillionTokens").GetDecimal() / 1_000_000m, 4), r.GetProperty("estimatedUsd").GetDecimal()));
        var mini = rows.Single(r => r.GetProperty("provider").GetString() == "openai" && r.GetProperty("model").GetString() == "gpt-4o-mini-2024-07-18");
        Assert.Equal("2027-01-06", mini.GetProperty("trainingEndsOn").GetString());
        Assert.Contains(rows, r => r.GetProperty("provider").GetString() == "azure" && r.GetProperty("trainingEndsOn").GetString() == "2027-04-01");
    }

    [Fact]
    public async Task Estimate_Table_ShowsEveryModel()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.ValidJsonl());

        var run = await CliRun.RunAsync(["estimate", "train.jsonl"], currentDirectory: _folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("gpt-4o-mini-2024-07-18", run.Output, StringComparison.Ordinal);
        Assert.Contains("Estimated USD", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_OneProvider_ShowsOnlyItsModels()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.ValidJsonl());

        var run = await CliRun.RunAsync(["estimate", "train.jsonl", "--provider", "azure", "--json"], currentDirectory: _folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        var providers = JsonDocument.Parse(run.Output).RootElement.GetProperty("estimates").EnumerateArray().Select(r => r.GetProperty("provider").GetString()).Distinct().ToList();
        Assert.Equal(["azure"], providers);
    }

    [Fact]
    public async Task Estimate_EpochsOutOfRange_Exits2()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "train.jsonl"), TestData.ValidJsonl());

        var run = await CliRun.RunAsync(["estimate", "train.jsonl", "--epochs", "0"], currentDirectory: _folder);

        Assert.Equal(2, run.ExitCode);
    }
}
