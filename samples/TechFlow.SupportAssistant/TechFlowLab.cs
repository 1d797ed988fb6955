using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Reports;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Validation;

namespace TechFlow.SupportAssistant;

/// <summary>
/// The lab "Fine-tune with OpenAI API", end to end: prepare and validate the data (Exercise 1), upload and train
/// (Exercise 2), compare base and fine-tuned models (Exercise 3), iterate with targeted examples (Exercise 4),
/// write the HTML report and clean up. The same code runs offline on the emulator and live on OpenAI.
/// </summary>
internal sealed partial class TechFlowLab
{
    private const int Seed = 42;
    private const int Epochs = 3;
    private const double ValidationFraction = 0.25;

    // OpenAI rejects a validation file with fewer than 10 examples, as it does a training file.
    private const int MinimumValidationExamples = 10;
    private static readonly JsonSerializerOptions CatalogJson = new() { PropertyNameCaseInsensitive = true };

    private readonly DatasetValidator _validator;
    private readonly FineTuneJobRunner _runner;
    private readonly ModelComparer _comparer;
    private readonly ChatClientFactory _chatClients;
    private readonly LabSettings _settings;
    private readonly TextWriter _out;
    private readonly List<FineTuneResult> _trainedModels = [];

    public TechFlowLab(
        DatasetValidator validator,
        FineTuneJobRunner runner,
        ModelComparer comparer,
        ChatClientFactory chatClients,
        LabSettings settings,
        TextWriter output)
    {
        _validator = validator;
        _runner = runner;
        _comparer = comparer;
        _chatClients = chatClients;
        _settings = settings;
        _out = output;
    }

    /// <summary>Runs the lab; returns the process exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(_settings.OutputDirectory);
        var labSuite = await TestSuite.LoadAsync(Path.Combine(_settings.DataDirectory, "lab-prompts.json"), cancellationToken);
        var challengeSuite = await TestSuite.LoadAsync(Path.Combine(_settings.DataDirectory, "challenge-set.json"), cancellationToken);

        try
        {
            if (_settings.MigrateFrom is { } goldenPath)
            {
                return await MigrateAsync(goldenPath, challengeSuite, cancellationToken); // Migration.cs
            }

            // Exercise 1: prepare training data, validate it, split it, save it as JSONL.
            Section("Exercise 1 · Prepare training data");
            var v1 = TrainingData.Build();
            _out.WriteLine($"   {v1.Count} hand-written examples: {CategoryCounts(v1)}");
            var v1Report = await ValidateAsync(v1, cancellationToken);
            if (v1Report is null)
            {
                return ExitCodes.InvalidData;
            }

            var v1Split = Split(v1);
            await SaveAsync(v1Split, string.Empty, cancellationToken);

            // Exercise 2: upload and train, with a live progress bar.
            Section("Exercise 2 · Upload and train");
            if (_settings.Live && !ConfirmCost(v1Report))
            {
                return ExitCodes.NotConfirmed;
            }

            var v1Result = await TrainAsync(v1Split, "techflow-support", v1Report, cancellationToken);
            if (v1Result is null)
            {
                return ExitCodes.TrainingFailed;
            }

            // Exercise 3: compare base vs fine-tuned on the lab's 4 prompts and the 20-prompt challenge set.
            Section("Exercise 3 · Evaluate: base vs fine-tuned");
            var baseModel = new ModelUnderTest("base", _chatClients.Create(_settings.ComparisonBaseModel));
            var v1Model = new ModelUnderTest("fine-tuned v1", await _chatClients.CreateForTrainedAsync(v1Result.FineTunedModel!, cancellationToken)) { TrainingMetrics = v1Result.Metrics };
            var labReport = await CompareAsync(labSuite, [baseModel, v1Model], cancellationToken);
            PrintTranscripts(labReport);

            var v1Challenge = await CompareAsync(challengeSuite, [baseModel, v1Model], cancellationToken);
            _out.WriteLine();
            _out.WriteLine($"   Challenge set: {challengeSuite.Cases.Count} prompts, {EscalationCases(challengeSuite)} of them must escalate to a human.");
            _out.WriteLine();
            PrintComparison(v1Challenge);
            _out.WriteLine();
            PrintSuccessCriteria(v1Challenge, v1Model.Name);

            // Exercise 4: iterate — add examples aimed at v1's weak spots, retrain, compare v1 vs v2.
            Section("Exercise 4 · Iterate and improve");
            var weakCategories = PrintImprovementAreas([labReport, v1Challenge], v1Model.Name);
            var additions = TargetedAdditions.Build(weakCategories);
            var v2 = v1.Merge(additions);
            _out.WriteLine($"   + {additions.Count} targeted examples ({CategoryCounts(additions)}) → v2 has {v2.Count} examples");
            var v2Report = await ValidateAsync(v2, cancellationToken);
            if (v2Report is null)
            {
                return ExitCodes.InvalidData;
            }

            // The targeted examples go to training; the validation set stays v1's, so the two validation losses compare.
            var v2Split = (Train: v1Split.Train.Merge(additions), v1Split.Validation);
            _out.WriteLine();
            _out.WriteLine($"   v2 = v1's training set + the targeted examples: {v2Split.Train.Count} training · {v2Split.Validation.Count} validation (unchanged)");
            await SaveAsync(v2Split, "_v2", cancellationToken);
            _out.WriteLine();
            var v2Result = await TrainAsync(v2Split, "techflow-support-v2", v2Report, cancellationToken);
            if (v2Result is null)
            {
                return ExitCodes.TrainingFailed;
            }

            var v2Model = new ModelUnderTest("fine-tuned v2", await _chatClients.CreateForTrainedAsync(v2Result.FineTunedModel!, cancellationToken)) { TrainingMetrics = v2Result.Metrics };
            var labFinal = await CompareAsync(labSuite, [baseModel, v1Model, v2Model], cancellationToken);
            _out.WriteLine();
            PrintIteratedTranscripts(labFinal);
            await labFinal.WriteAsync(IReportWriter.Html, Path.Combine(_settings.OutputDirectory, "techflow-lab-prompts.html"), cancellationToken);
            var final = await CompareAsync(challengeSuite, [baseModel, v1Model, v2Model], cancellationToken);
            _out.WriteLine();
            PrintComparison(final);
            _out.WriteLine();
            PrintSuccessCriteria(final, v2Model.Name);

            var reportPath = Path.Combine(_settings.OutputDirectory, "techflow-report.html");
            await final.WriteAsync(IReportWriter.Html, reportPath, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(_settings.OutputDirectory, "techflow-report.md"), final.ToMarkdown(), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(_settings.OutputDirectory, "techflow-report.json"), final.ToJson(), cancellationToken);
            _out.WriteLine();
            _out.WriteLine($"   📄 HTML report: {reportPath}");
            _out.WriteLine($"      also techflow-report.md / .json, and techflow-lab-prompts.html for the lab's 4 prompts");

            // Before the fine-tuned model is retired: record its answers to the challenge set with its dataset (Migration.cs).
            await RecordGoldenAsync(new ModelUnderTest(v2Result.FineTunedModel!, v2Model.Client), v2Split, challengeSuite, cancellationToken);
        }
        finally
        {
            // Clean up even after a failure or Ctrl+C, with a fresh token so the deletes are not cancelled too.
            using var cleanupTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await CleanupAsync(cleanupTimeout.Token);
        }

        _out.WriteLine();
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"✅ Lab complete in {clock.Elapsed.TotalSeconds:0.0} s."));
        return ExitCodes.Success;
    }

    /// <summary>Validates a dataset and prints the report summary; <see langword="false"/> when it has errors.</summary>
    private async Task<ValidationReport?> ValidateAsync(Dataset dataset, CancellationToken cancellationToken)
    {
        var options = new ValidationOptions { Model = _settings.FineTuneBaseModel, Epochs = Epochs };
        foreach (var category in new[] { "account", "billing", "features", "bugs" })
        {
            options.RequireCategory(category, 5);
        }

        var report = await _validator.ValidateAsync(dataset, options, cancellationToken);
        _out.WriteLine();
        WriteIndented(report.ToText().TrimEnd());
        if (report.IsValid)
        {
            return report;
        }

        _out.WriteLine();
        _out.WriteLine("❌ The dataset has errors (listed above); fix them before uploading.");
        return null;
    }

    /// <summary>Splits v1 into training and validation sets (stratified by category, seeded).</summary>
    private (Dataset Train, Dataset Validation) Split(Dataset dataset)
    {
        var split = dataset.Split(ValidationFraction, Seed);
        _out.WriteLine();
        if (split.Validation.Count < MinimumValidationExamples)
        {
            _out.WriteLine($"   A {split.Validation.Count}-example validation split is below OpenAI's minimum of {MinimumValidationExamples}: training on all {dataset.Count} examples without a validation file.");
            return (dataset, Dataset.Empty);
        }

        _out.WriteLine($"   Split (seed {Seed}, stratified by category): {split.Train.Count} training · {split.Validation.Count} validation");
        return split;
    }

    private async Task SaveAsync((Dataset Train, Dataset Validation) split, string version, CancellationToken cancellationToken)
    {
        var trainPath = Path.Combine(_settings.OutputDirectory, $"techflow_training{version}.jsonl");
        await split.Train.WriteJsonlAsync(trainPath, cancellationToken: cancellationToken);
        _out.WriteLine($"   ✅ Saved {split.Train.Count} examples to {Relative(trainPath)}");
        if (split.Validation.Count > 0)
        {
            var validationPath = Path.Combine(_settings.OutputDirectory, $"techflow_validation{version}.jsonl");
            await split.Validation.WriteJsonlAsync(validationPath, cancellationToken: cancellationToken);
            _out.WriteLine($"   ✅ Saved {split.Validation.Count} examples to {Relative(validationPath)}");
        }
    }

    /// <summary>Trains on the split; <paramref name="report"/> (of the whole dataset, both halves) goes with it, so nothing is validated twice.</summary>
    private async Task<FineTuneResult?> TrainAsync((Dataset Train, Dataset Validation) split, string suffix, ValidationReport report, CancellationToken cancellationToken)
    {
        var (train, validation) = split;
        var request = FineTuneRequest.For(_settings.FineTuneBaseModel)
            .WithTrainingData(train)
            .WithValidationReport(report)
            .WithSuffix(suffix)
            .WithEpochs(Epochs)
            .WithSeed(Seed);
        if (validation.Count > 0)
        {
            request = request.WithHeldOutData(validation);
        }
        _out.WriteLine($"   Fine-tuning {_settings.FineTuneBaseModel} (suffix \"{suffix}\", {Epochs} epochs)");
        var progress = new TrainingProgressBar(_out, _settings.Interactive, showEta: _settings.Live);
        FineTuneResult result;
        try
        {
            result = await _runner.RunAsync(request, progress, cancellationToken);
        }
        finally
        {
            progress.Complete();
        }

        _trainedModels.Add(result);
        if (!result.Succeeded || result.FineTunedModel is null)
        {
            var error = result.Error is { } e ? $"{e.Code}: {e.Message}" : "no fine-tuned model was produced";
            _out.WriteLine($"❌ Training failed ({result.Status}): {error}");
            return null;
        }

        var losses = result.Metrics.Where(m => m.TrainLoss is not null).ToList();
        var loss = losses.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $" · loss {losses[0].TrainLoss:0.000} → {losses[^1].TrainLoss:0.000}")
            : string.Empty;
        var tokens = result.TrainedTokens is { } t ? string.Create(CultureInfo.InvariantCulture, $" · {t:N0} trained tokens") : string.Empty;
        var cost = result.EstimatedCostUsd is { } usd ? string.Create(CultureInfo.InvariantCulture, $" · ~${usd:0.0000}") : string.Empty;
        _out.WriteLine($"   ✅ Training complete: {result.FineTunedModel}");
        _out.WriteLine($"      job {result.JobId}{tokens}{loss}{cost}");
        return result;
    }

    private Task<ComparisonReport> CompareAsync(TestSuite suite, IReadOnlyList<ModelUnderTest> models, CancellationToken cancellationToken) =>
        _comparer.CompareAsync(suite, models, progress: null, cancellationToken);

    private async Task CleanupAsync(CancellationToken cancellationToken)
    {
        if (_trainedModels.Count == 0)
        {
            return;
        }

        Section("Cleanup");
        if (_settings.Keep)
        {
            foreach (var result in _trainedModels)
            {
                _out.WriteLine($"   Kept (--keep): model {result.FineTunedModel ?? "(none)"}, file {result.TrainingFileId ?? "(none)"}");
            }

            foreach (var deployment in _chatClients.Deployments)
            {
                _out.WriteLine($"   Kept (--keep): deployment {deployment} (Azure deletes it after 15 days without use)");
            }

            return;
        }

        if (_chatClients.Deployments.Count > 0)
        {
            // Deployments first: a model cannot be deleted while a deployment serves it.
            var deletedDeployments = await _chatClients.DeleteDeploymentsAsync(cancellationToken);
            _out.WriteLine($"   🧹 Deleted {deletedDeployments} of {_chatClients.Deployments.Count} deployments: {string.Join(", ", _chatClients.Deployments)}");
        }

        var files = _trainedModels
            .SelectMany(r => new[] { r.TrainingFileId, r.HeldOutFileId }.Concat(r.Job?.ResultFileIds ?? []))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var models = _trainedModels.Select(r => r.FineTunedModel).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var deletedFiles = 0;
        var deletedModels = 0;
        try
        {
            foreach (var result in _trainedModels)
            {
                var deleted = await _runner.CleanupAsync(result, deleteModel: true, cancellationToken);
                deletedFiles += deleted.Count(files.Contains);
                deletedModels += deleted.Count(models.Contains);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _out.WriteLine($"   ⚠️ Cleanup stopped: {ex.Message}");
        }

        _out.WriteLine($"   🧹 Deleted {deletedFiles} of {files.Count} files (training, validation, results) and {deletedModels} of {models.Count} fine-tuned models.");
        foreach (var model in models)
        {
            _out.WriteLine($"      {model}");
        }
    }

    private bool ConfirmCost(ValidationReport report)
    {
        var cost = report.Cost;
        var usd = cost.EstimatedUsd is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "unknown";
        _out.WriteLine($"   💰 Estimated training cost: ${usd} per run ({cost.BilledTokens:N0} billed tokens, {cost.Epochs} epochs on {cost.Model}).");
        _out.WriteLine(_settings.MigrateFrom is null
            ? "      The lab trains twice (v1 and v2) and asks each model 24 prompts; expect about twice that in all."
            : "      The migration trains once and asks the new model the 20 challenge prompts.");
        if (_settings.AssumeYes)
        {
            _out.WriteLine("      --yes given: starting without asking.");
            return true;
        }

        if (Console.IsInputRedirected)
        {
            _out.WriteLine("❌ Live mode needs a confirmation, and the input is not a terminal: run again with --yes to accept the cost.");
            return false;
        }

        _out.Write("      Start the live run against OpenAI? [y/N] ");
        var answer = Console.ReadLine();
        if (answer is not null && answer.Trim().StartsWith('y'))
        {
            return true;
        }

        _out.WriteLine("   Not started: nothing was uploaded and nothing was charged.");
        return false;
    }

    /// <summary>Reads the product catalog the invented-facts scorer checks answers against.</summary>
    public static FactCatalog LoadCatalog(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "techflow-catalog.json");
        return JsonSerializer.Deserialize<FactCatalog>(File.ReadAllText(path), CatalogJson)
            ?? throw new InvalidDataException($"{path} does not hold a product catalog.");
    }

    private static int EscalationCases(TestSuite suite) => suite.Cases.Count(c => c.Expectations.ShouldEscalate == true);

    private static string CategoryCounts(Dataset dataset) =>
        string.Join(" · ", dataset.GroupBy(e => e.Category ?? "uncategorised").Select(g => $"{g.Key} {g.Count()}"));

    private string Relative(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
