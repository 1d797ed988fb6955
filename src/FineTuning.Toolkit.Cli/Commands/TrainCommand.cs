using System.CommandLine;
using System.Globalization;
using FineTuning.Toolkit.Cli.Output;
using FineTuning.Toolkit.Cli.Providers;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Cli.Commands;

/// <summary><c>ftk train</c>: validate, upload, create the job, and (with <c>--wait</c>) watch it to the end.</summary>
internal static class TrainCommand
{
    public static IReadOnlyList<string> Examples { get; } =
    [
        "ftk train data/train.jsonl --model gpt-4o-mini-2024-07-18 --suffix support            # prints the job id and returns",
        "ftk train data/train.jsonl --model gpt-4o-mini-2024-07-18 --epochs 3 --wait            # live progress; Ctrl+C detaches",
        "ftk train data/train.jsonl --validation-file data/valid.jsonl --wait --cancel-on-interrupt",
        "FTK_ENDPOINT=http://127.0.0.1:5080/v1 OPENAI_API_KEY=sk-emulator-local-test-key ftk train data/train.jsonl --wait",
        "ftk train data/train.jsonl --provider azure --training-type globalStandard --deploy --ask \"How do I reset my password?\"",
    ];

    public static Command Create(CliHost host)
    {
        var file = new Argument<string>("file") { Description = "The training JSONL file." };
        var model = new Option<string?>("--model", "-m") { Description = $"Base model to fine-tune (default gpt-4o-mini-2024-07-18; with --provider together {ProviderClients.TogetherDefaultModel})." };
        var suffix = new Option<string?>("--suffix") { Description = "Suffix of the fine-tuned model's name (up to 64 characters)." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs (default: chosen by the service)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Batch size (default: chosen by the service)." };
        var learningRate = new Option<double?>("--lr") { Description = "Learning-rate multiplier (openai), or the absolute learning rate (together) (default: chosen by the service)." };
        var lora = new Option<string?>("--lora") { Description = "LoRA rank and alpha as RANK:ALPHA, for example 16:32 (together)." };
        var checkpoints = new Option<int?>("--checkpoints") { Description = "Checkpoints to save (together; default 1)." };
        var seed = new Option<int?>("--seed") { Description = "Seed, for a reproducible job." };
        var validationFile = DatasetOptions.ValidationFile();
        var method = DatasetOptions.Method();
        var wait = new Option<bool>("--wait", "-w") { Description = "Watch the job to the end with live progress; exit code 0 only when it succeeds." };
        var cancelOnInterrupt = WatchCommand.CancelOnInterruptOption();
        var maxPoll = WatchCommand.MaxPollIntervalOption();
        var json = CommonOptions.Json();
        var deploy = new Option<bool>("--deploy") { Description = "After the job succeeds (implies --wait), deploy the model (Azure OpenAI: a deployment on the management plane, named by --deployment)." };
        var ask = DeployCommand.AskOption();
        var provider = new ProviderOptions();
        var command = new Command("train", "Start a fine-tuning job from a JSONL file (validated first; nothing is uploaded when it has errors).")
        {
            file, model, suffix, epochs, batchSize, learningRate, lora, checkpoints, seed, validationFile, method, wait, cancelOnInterrupt, maxPoll, json, deploy, ask,
        };
        provider.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = DatasetOptions.RequireFile(host, parseResult.GetValue(file)!);
            var settings = provider.Resolve(parseResult, host);
            var waitToEnd = parseResult.GetValue(wait) || parseResult.GetValue(deploy);
            var runner = ProviderClients.CreateRunner(settings, waitToEnd && parseResult.GetValue(cancelOnInterrupt), parseResult.GetValue(maxPoll));
            var request = FineTuneRequest.For(parseResult.GetValue(model) ?? runner.DefaultModel).WithTrainingFile(path);
            if (parseResult.GetValue(validationFile) is { } validation)
            {
                request = request.WithHeldOutFile(DatasetOptions.RequireFile(host, validation));
            }

            request = Apply(request, parseResult.GetValue(method), parseResult.GetValue(suffix), parseResult.GetValue(epochs), parseResult.GetValue(batchSize), parseResult.GetValue(seed));
            request = ApplyRates(request, settings.Provider, parseResult.GetValue(learningRate), parseResult.GetValue(lora), parseResult.GetValue(checkpoints));
            var asJson = parseResult.GetValue(json);
            if (!waitToEnd)
            {
                return await RefusedSettingsAreUsageErrors(() => StartAsync(host, runner, request, asJson, cancellationToken));
            }

            FineTuneResult? result = null;
            var exitCode = await WatchCommand.RunToEndAsync(host, "training", null, asJson, parseResult.GetValue(cancelOnInterrupt), p => RefusedSettingsAreUsageErrors(async () => result = await runner.RunAsync(request, p, cancellationToken)));
            return exitCode == ExitCodes.Success && parseResult.GetValue(deploy) && result?.FineTunedModel is { } trained
                ? await DeployCommand.DeployAndAskAsync(host, runner, trained, settings.Azure?.Deployment, parseResult.GetValue(ask), asJson, cancellationToken)
                : exitCode;
        });
        return command;
    }

    /// <summary>The learning rate as the provider takes it (OpenAI: a multiplier; Together: an absolute rate), LoRA, checkpoints.</summary>
    private static FineTuneRequest ApplyRates(FineTuneRequest request, string provider, double? learningRate, string? lora, int? checkpoints)
    {
        if (learningRate is { } lr)
        {
            request = provider == "together" ? request.WithLearningRate(lr) : request.WithLearningRateMultiplier(lr);
        }

        if (lora is not null)
        {
            var parts = lora.Split(':');
            request = parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rank) && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var alpha) && rank > 0 && alpha > 0
                ? request.WithLora(rank, alpha)
                : throw new CliUsageException($"--lora must be RANK:ALPHA with positive integers, for example 16:32 (it is '{lora}').");
        }

        return checkpoints is { } count ? request.WithCheckpoints(count) : request;
    }

    /// <summary>A setting the provider does not accept (the runner refuses it before any upload) is a usage error, not a crash.</summary>
    private static async Task<T> RefusedSettingsAreUsageErrors<T>(Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (ArgumentException ex) when (ex.ParamName == "request")
        {
            throw new CliUsageException(ex.Message.Replace(" (Parameter 'request')", string.Empty, StringComparison.Ordinal));
        }
    }

    private static FineTuneRequest Apply(FineTuneRequest request, string? method, string? suffix, int? epochs, int? batchSize, int? seed)
    {
        if (DatasetOptions.ParseMethod(method) == FineTuneMethod.Dpo)
        {
            request = request.WithDpo();
        }

        if (suffix is not null)
        {
            request = request.WithSuffix(suffix);
        }

        if (epochs is { } e)
        {
            request = request.WithEpochs(e);
        }

        if (batchSize is { } b)
        {
            request = request.WithBatchSize(b);
        }

        if (seed is { } s)
        {
            request = request.WithSeed(s);
        }

        return request;
    }

    /// <summary>Runs until the service has created the job, then detaches (the job keeps running) and prints its id.</summary>
    private static async Task<int> StartAsync(CliHost host, FineTuneJobRunner runner, FineTuneRequest request, bool asJson, CancellationToken cancellationToken)
    {
        using var created = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string? jobId = null;
        var progress = new SyncProgress<FineTuneProgress>(p =>
        {
            if (p.JobId is not null && jobId is null)
            {
                jobId = p.JobId;
                created.Cancel();
            }
            else if (!asJson && p.JobId is null)
            {
                host.Out.WriteLine(p.Message);
            }
        });
        try
        {
            var result = await runner.RunAsync(request, progress, created.Token);
            await host.Out.WriteAsync(asJson ? JobOutput.ResultJson(result) + Environment.NewLine : JobOutput.ResultText(result));
            return result.Succeeded ? ExitCodes.Success : ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (jobId is not null && !cancellationToken.IsCancellationRequested)
        {
            await host.Out.WriteLineAsync(asJson
                ? JobOutput.Json(j => { j.WriteStartObject(); j.WriteString("jobId", jobId); j.WriteEndObject(); })
                : $"job: {jobId}\nWatch it with: ftk watch {jobId}");
            return ExitCodes.Success;
        }
    }
}
