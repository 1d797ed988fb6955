using System.ClientModel.Primitives;
using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Providers;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Batch;
using FineTuning.Toolkit.Comparison.Reports;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Comparison.Statistics;
using FineTuning.Toolkit.Jobs;
using Spectre.Console;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary><c>ftk compare</c>: run a suite against two or more models; the gates decide the exit code.</summary>
internal static class CompareCommand
{
    public static IReadOnlyList<string> Examples { get; } =
    [
        "ftk compare --suite suite.json --model base=gpt-4o-mini-2024-07-18 --model ft=ft:gpt-4o-mini-2024-07-18:org::abc --report report.html",
        "ftk compare --suite suite.yaml --model base=gpt-4o-mini --model ft=ft:gpt-4o-mini:org::abc --judge gpt-4o --markdown summary.md",
        "ftk compare --suite suite.jsonl --model base=gpt-4o-mini --model ft=ft:... --results run.jsonl   # resumable",
        "ftk compare --suite big.jsonl --model base=gpt-4o-mini --model ft=ft:... --judge gpt-4o --batch --journal batches.jsonl   # Batch API, half price; a re-run re-attaches",
    ];

    public static Command Create(CliHost host)
    {
        var suite = new Option<string>("--suite", "-s") { Description = "The test suite: .json, .jsonl, .yaml or .yml.", Required = true };
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "name=model, once per model; the first is the baseline, the gates judge the others.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var judge = new Option<string?>("--judge") { Description = "A model that rates answers (rubric 1-5) and picks the better of each pair." };
        var report = new Option<string?>("--report", "-o") { Description = "Write the self-contained HTML report here." };
        var markdown = new Option<string?>("--markdown") { Description = "Write the Markdown summary here (for a pull-request comment)." };
        var repeats = new Option<int>("--repeats") { Description = "Answers per case and model.", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight.", DefaultValueFactory = _ => 4 };
        var cache = new Option<string?>("--cache") { Description = "Cache directory: a re-run makes no model calls." };
        var results = new Option<string?>("--results") { Description = "Journal (JSONL): an interrupted run resumes without calling finished cases again." };
        var gates = new Option<string[]>("--gate")
        {
            Description = "criterion>=rate (e.g. format>=0.9): a gate on the pass rate, once per gate; replaces the lab's default gates.",
            AllowMultipleArgumentsPerToken = false,
        };
        var batch = new Option<bool>("--batch")
        {
            Description = "Ask the models and the judge through the provider's Batch API (results within 24 h at half the price) instead of live requests.",
        };
        var journal = new Option<string?>("--journal")
        {
            Description = "With --batch: a JSONL journal of the submitted batches; a re-run with the same journal re-attaches to them instead of submitting again.",
        };
        var maxPoll = WatchCommand.MaxPollIntervalOption();
        maxPoll.Description = "With --batch: longest wait between two reads of a batch, in seconds (default 180). Lower it for an emulator whose clock runs fast.";
        var json = CommonOptions.Json();
        var provider = new ProviderOptions();
        var command = new Command("compare", "Compare models on a test suite with scorers, statistics and gates; exit code 1 when a gate fails.")
        {
            suite, models, judge, report, markdown, repeats, concurrency, cache, results, gates, batch, journal, maxPoll, json,
        };
        provider.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var settings = provider.Resolve(parseResult, host);
            var testSuite = await SuiteFile.LoadAsync(DatasetOptions.RequireFile(host, parseResult.GetValue(suite)!), cancellationToken);
            var underTest = ParseModels(parseResult.GetValue(models) ?? []).Select(m => new ModelUnderTest(m.Name, ProviderClients.CreateChatClient(settings, m.Model))).ToList();
            var options = new ModelComparerOptions
            {
                Repeats = Math.Max(1, parseResult.GetValue(repeats)),
                MaxConcurrency = Math.Max(1, parseResult.GetValue(concurrency)),
                CacheDirectory = parseResult.GetValue(cache) is { } c ? host.ResolvePath(c) : null,
                ResultsPath = parseResult.GetValue(results) is { } r ? host.ResolvePath(r) : null,
            };
            if (parseResult.GetValue(batch))
            {
                options.Execution = ComparisonExecutionMode.Batch;
                options.Batch.Connection = BatchConnection(settings, parseResult.GetValue(maxPoll));
                options.Batch.JournalPath = parseResult.GetValue(journal) is { } j ? host.ResolvePath(j) : null;
            }
            else if (parseResult.GetValue(journal) is not null || parseResult.GetValue(maxPoll) is not null)
            {
                throw new CliUsageException("--journal and --max-poll-interval apply to --batch only.");
            }

            if (parseResult.GetValue(gates) is { Length: > 0 } gateSpecs)
            {
                options.Gates = [.. gateSpecs.Select(ParseGate)];
            }

            if (parseResult.GetValue(judge) is { } judgeModel)
            {
                var judgeClient = ProviderClients.CreateChatClient(settings, judgeModel);
                options.Scorers.Add(Scorer.RubricJudge(judgeClient));
                options.PairwiseJudge = new PairwiseJudge(judgeClient);
            }

            var comparison = await new ModelComparer(options).CompareAsync(testSuite, underTest, cancellationToken: cancellationToken);
            return await ReportAsync(host, comparison, parseResult.GetValue(report), parseResult.GetValue(markdown), parseResult.GetValue(json), cancellationToken);
        });
        return command;
    }

    /// <summary>Writes the reports and the summary; the candidates' gates decide the exit code.</summary>
    private static async Task<int> ReportAsync(CliHost host, ComparisonReport comparison, string? htmlPath, string? markdownPath, bool asJson, CancellationToken cancellationToken)
    {
        if (htmlPath is not null)
        {
            await comparison.WriteAsync(IReportWriter.Html, host.ResolvePath(htmlPath), cancellationToken);
        }

        if (markdownPath is not null)
        {
            await comparison.WriteAsync(IReportWriter.Markdown, host.ResolvePath(markdownPath), cancellationToken);
        }

        var candidates = comparison.Models.Skip(1).ToList();
        if (asJson)
        {
            await host.Out.WriteLineAsync(comparison.ToJson());
        }
        else
        {
            Render(host, comparison, candidates, htmlPath);
        }

        return candidates.All(comparison.PassesGates) ? ExitCodes.Success : ExitCodes.Failed;
    }

    /// <summary>The batch service: the provider's endpoint and key, polled no slower than <paramref name="maxPollSeconds"/>.</summary>
    private static FineTuneJobRunnerOptions BatchConnection(ProviderSettings settings, double? maxPollSeconds)
    {
        var connection = new FineTuneJobRunnerOptions
        {
            Provider = settings.Provider,
            ApiKey = settings.ApiKey,
            Endpoint = settings.Endpoint,
            Organization = settings.Organization,
            Project = settings.Project,
        };
        if (settings.TrustedCertificatePath is { } pem)
        {
            connection.Transport = new HttpClientPipelineTransport(new HttpClient(LoopbackCertificateTrust.CreateHandler(pem)));
        }

        if (maxPollSeconds is { } seconds)
        {
            if (!double.IsFinite(seconds) || seconds < 0.25 || seconds > 3600)
            {
                throw new CliUsageException("--max-poll-interval must be between 0.25 and 3600 seconds.");
            }

            var max = TimeSpan.FromSeconds(seconds);
            var polling = connection.Polling;
            polling.MaxInterval = max;
            polling.RunningInterval = TimeSpan.FromTicks(Math.Min(polling.RunningInterval.Ticks, max.Ticks));
            polling.QueuedInterval = TimeSpan.FromTicks(Math.Min(polling.QueuedInterval.Ticks, max.Ticks));
        }

        return connection;
    }

    internal static SuccessGate ParseGate(string value)
    {
        var at = value.IndexOf(">=", StringComparison.Ordinal);
        return at > 0 && double.TryParse(value[(at + 2)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1
            ? SuccessGate.MinimumPassRate(value[..at].Trim(), rate)
            : throw new CliUsageException($"--gate '{value}': write criterion>=rate with a rate from 0 to 1, for example format>=0.9.");
    }

    internal static IReadOnlyList<(string Name, string Model)> ParseModels(IReadOnlyList<string> values)
    {
        var parsed = new List<(string Name, string Model)>();
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            var pair = equals > 0 && equals < value.Length - 1 ? (value[..equals].Trim(), value[(equals + 1)..].Trim()) : (value.Trim(), value.Trim());
            if (pair.Item1.Length == 0 || parsed.Any(p => p.Name == pair.Item1))
            {
                throw new CliUsageException($"--model '{value}': give each model once as name=model (for example base=gpt-4o-mini).");
            }

            parsed.Add(pair);
        }

        return parsed.Count >= 2 ? parsed : throw new CliUsageException("Give at least two --model name=model options: the baseline first, then the candidates.");
    }

    private static void Render(CliHost host, ComparisonReport comparison, IReadOnlyList<string> candidates, string? htmlPath)
    {
        var c = CultureInfo.InvariantCulture;
        var table = new Table().AddColumn("Criterion");
        foreach (var model in comparison.Models)
        {
            table.AddColumn(Markup.Escape(model));
        }

        foreach (var criterion in comparison.Criteria)
        {
            table.AddRow([Markup.Escape(criterion), .. comparison.Models.Select(m => comparison.GetSummary(m, criterion) is { Trials: > 0 } s
                ? string.Create(c, $"{s.Passed}/{s.Trials} ({s.Rate:P0}, 95% CI {s.Lower:P0}–{s.Upper:P0})")
                : "—")]);
        }

        host.Console.Write(table);
        foreach (var gate in comparison.Gates.Where(g => candidates.Contains(g.Model)))
        {
            host.Console.MarkupLine(Markup.Escape(string.Create(c, $"{(gate.Passed ? "pass" : "FAIL")}  {gate.Model}: {gate.Gate} — {gate.Reason}")));
        }

        if (htmlPath is not null)
        {
            host.Console.MarkupLine(Markup.Escape($"report: {htmlPath}"));
        }
    }
}
