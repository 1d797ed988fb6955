using System.Globalization;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Golden;
using FineTuning.Toolkit.Comparison.Reports;
using FineTuning.Toolkit.Comparison.Statistics;
using FineTuning.Toolkit.Datasets;

namespace TechFlow.SupportAssistant;

/// <summary>
/// The migration path for a fine-tune whose provider retires it (OpenAI: no new jobs from 2027-01-06, gpt-4o(-mini) and
/// gpt-4.1(-mini) fine-tunes stop serving on 2027-01-14). A full run records the final model's answers to the challenge
/// set as a golden record, with the dataset it was trained on; <c>--migrate-from &lt;golden.jsonl&gt;</c> retrains that
/// dataset on the provider this run talks to, compares the new model with the recorded answers (paired, case by case)
/// and decides: a go only when the new model is shown no worse by more than <see cref="MigrationMargin"/> on each of the
/// lab's criteria, within the error budget. Insufficient evidence is a no-go.
/// </summary>
internal sealed partial class TechFlowLab
{
    /// <summary>The largest tolerated loss in pass rate on each criterion: 10 percentage points.</summary>
    private const double MigrationMargin = 0.10;

    private const string GoldenName = "techflow-support-v2";

    /// <summary>Writes the golden record of a model's answers to the suite, and beside it the dataset the model was trained on.</summary>
    private async Task RecordGoldenAsync(ModelUnderTest model, (Dataset Train, Dataset Validation) split, TestSuite suite, CancellationToken cancellationToken)
    {
        var stem = Path.Combine(_settings.OutputDirectory, "golden", GoldenName);
        var golden = await GoldenRecord.RecordAsync(model, suite, stem + ".jsonl", _comparer.Options, cancellationToken: cancellationToken);
        await split.Train.WriteJsonlAsync(stem + ".training.jsonl", includeMetadata: true, cancellationToken);
        if (split.Validation.Count > 0)
        {
            await split.Validation.WriteJsonlAsync(stem + ".validation.jsonl", includeMetadata: true, cancellationToken);
        }

        _out.WriteLine();
        _out.WriteLine($"   🥇 Golden record of {golden.Model}: {suite.Cases.Count} answers to the challenge set → {Relative(stem + ".jsonl")}");
        _out.WriteLine($"      with its dataset ({split.Train.Count} training · {split.Validation.Count} validation examples) beside it. Before the model is retired,");
        _out.WriteLine($"      retrain and compare elsewhere: dotnet run --project samples/TechFlow.SupportAssistant -c Release -- --migrate-from {Relative(stem + ".jsonl")}");
    }

    /// <summary>Retrains the golden record's dataset here, compares the new model with the record and prints the go/no-go; returns the exit code.</summary>
    private async Task<int> MigrateAsync(string goldenPath, TestSuite suite, CancellationToken cancellationToken)
    {
        Section("Migration · retrain the retiring model's dataset, compare with its golden answers");
        if (await LoadGoldenAsync(goldenPath, suite, cancellationToken) is not { } loaded)
        {
            return ExitCodes.InvalidData;
        }

        var (golden, split) = loaded;
        var report = await ValidateAsync(split.Train.Merge(split.Validation), cancellationToken);
        if (report is null)
        {
            return ExitCodes.InvalidData;
        }

        _out.WriteLine();
        if (_settings.Live && !ConfirmCost(report))
        {
            return ExitCodes.NotConfirmed;
        }

        _out.WriteLine($"   Retraining on {_runner.Capabilities.DisplayName}, the provider this run talks to:");
        var result = await TrainAsync(split, "techflow-support-migrated", report, cancellationToken);
        if (result is null)
        {
            return ExitCodes.TrainingFailed;
        }

        var candidate = new ModelUnderTest("migrated", await _chatClients.CreateForTrainedAsync(result.FineTunedModel!, cancellationToken)) { TrainingMetrics = result.Metrics };
        var comparison = await golden.CompareAsync(new ModelComparer(MigrationOptions()), suite, candidate, cancellationToken);
        _out.WriteLine();
        _out.WriteLine($"   {candidate.Name} ({result.FineTunedModel}) vs {comparison.Baseline}, paired on the {suite.Cases.Count} challenge prompts:");
        _out.WriteLine();
        PrintSuccessCriteria(comparison, candidate.Name);

        var folder = Path.Combine(_settings.OutputDirectory, "migration");
        Directory.CreateDirectory(folder);
        await comparison.WriteAsync(IReportWriter.Html, Path.Combine(folder, "techflow-migration.html"), cancellationToken);
        await comparison.WriteAsync(IReportWriter.Markdown, Path.Combine(folder, "techflow-migration.md"), cancellationToken);
        _out.WriteLine($"   📄 Migration report: {Relative(Path.Combine(folder, "techflow-migration.html"))} (and .md)");
        return PrintDecision(comparison, candidate.Name);
    }

    /// <summary>Loads the record and the dataset written beside it, checking that the record covers the suite before anything is trained.</summary>
    private async Task<(GoldenRecord Golden, (Dataset Train, Dataset Validation) Split)?> LoadGoldenAsync(string goldenPath, TestSuite suite, CancellationToken cancellationToken)
    {
        if (!File.Exists(goldenPath))
        {
            _out.WriteLine($"❌ {goldenPath} does not exist. A full run of the sample writes output/golden/{GoldenName}.jsonl.");
            return null;
        }

        var golden = await GoldenRecord.LoadAsync(goldenPath, cancellationToken);
        _out.WriteLine($"   Golden record: {golden.Model}");
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      recorded {golden.RecordedAt:yyyy-MM-dd HH:mm} UTC on \"{golden.Suite}\" ({Relative(goldenPath)})"));
        var missing = golden.MissingCases(suite, _comparer.Options.SystemPrompt);
        if (missing.Count > 0)
        {
            _out.WriteLine($"❌ The record has no answer for {missing.Count} of the {suite.Cases.Count} challenge prompts ({string.Join(", ", missing.Take(5))}): it was made on another suite or system prompt. Nothing was trained.");
            return null;
        }

        var stem = goldenPath.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? goldenPath[..^".jsonl".Length] : goldenPath;
        var trainingPath = stem + ".training.jsonl";
        if (!File.Exists(trainingPath))
        {
            _out.WriteLine($"❌ {Relative(trainingPath)} is missing: a migration retrains the dataset the recorded model was trained on, which the full run writes beside the record.");
            return null;
        }

        var train = DatasetBuilder.Create().AddJsonl(trainingPath).Build();
        var validationPath = stem + ".validation.jsonl";
        var validation = File.Exists(validationPath) ? DatasetBuilder.Create().AddJsonl(validationPath).Build() : Dataset.Empty;
        _out.WriteLine($"   Its dataset: {train.Count} training · {validation.Count} validation examples ({Relative(trainingPath)})");
        return (golden, (train, validation));
    }

    /// <summary>The lab comparer's settings (the record was made with them, so the conversations match) with the migration gates.</summary>
    private ModelComparerOptions MigrationOptions()
    {
        var lab = _comparer.Options;
        return new ModelComparerOptions
        {
            MaxConcurrency = lab.MaxConcurrency,
            Repeats = lab.Repeats,
            Temperature = lab.Temperature,
            Seed = lab.Seed,
            MaxOutputTokens = lab.MaxOutputTokens,
            SystemPrompt = lab.SystemPrompt,
            Cache = lab.Cache,
            CacheDirectory = lab.CacheDirectory,
            MaxRetryAttempts = lab.MaxRetryAttempts,
            RetryDelay = lab.RetryDelay,
            MaxRetryDelay = lab.MaxRetryDelay,
            ErrorBudget = lab.ErrorBudget,
            Scorers = lab.Scorers,
            Gates = [.. SuccessGate.Migration(MigrationMargin)],
        };
    }

    /// <summary>Prints the go/no-go with its reasons; a no-go fails the process only when the models were real (live).</summary>
    private int PrintDecision(ComparisonReport comparison, string candidate)
    {
        var gates = comparison.Gates.Where(g => g.Model == candidate).ToList();
        var failed = gates.Where(g => !g.Passed).ToList();
        _out.WriteLine();
        if (failed.Count == 0)
        {
            _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"✅ Migration: GO — {candidate} is shown no worse than the golden record by more than {MigrationMargin * 100:0} points on every lab criterion, within the error budget."));
            return ExitCodes.Success;
        }

        _out.WriteLine($"❌ Migration: NO-GO — {failed.Count} of {gates.Count} gates not met:");
        foreach (var gate in failed)
        {
            var needed = gate.CasesNeeded is { } n && n > gate.Cases ? $" [{n} paired cases needed, {gate.Cases} compared]" : string.Empty;
            _out.WriteLine($"   · {gate.Gate} — {Verdict(gate.Reason)}{needed}");
        }

        if (!_settings.Live)
        {
            _out.WriteLine("   Offline, the decision is informational (the emulator's models stand in for real ones): exit code 0.");
            _out.WriteLine($"   Live, a no-go exits with {ExitCodes.MigrationNoGo}.");
            return ExitCodes.Success;
        }

        return ExitCodes.MigrationNoGo;
    }

    private static string Verdict(string reason) =>
        new[] { "insufficient evidence", "worse", "not comparable" }.FirstOrDefault(v => reason.StartsWith(v, StringComparison.Ordinal)) ?? reason;
}
