using System.Globalization;
using System.ClientModel;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Reports;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.AI;
using OpenAI;

// Usage: FineTuning.Toolkit.TrimmingApp <emulator endpoint> <api key> [simulated now, ISO 8601]
// Exit codes: 0 done, 2 validation refused the data, 3 the job did not succeed, 4 wrong arguments.
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("Usage: FineTuning.Toolkit.TrimmingApp <endpoint> <api key>");
    return 4;
}

const string Model = "gpt-4o-mini-2024-07-18";
var endpoint = new Uri(args[0]);
var key = args[1];

var builder = DatasetBuilder.Create().WithSystemPrompt("You are TechFlow's helpful support assistant.");
string[] topics = ["reset my password", "update my card", "export my data", "invite a teammate", "enable two-factor login", "change my plan"];
for (var i = 0; i < 12; i++)
{
    builder.AddExample("account", $"How do I {topics[i % topics.Length]}? (case {i})", $"Happy to help! Open Settings, choose the right section for case {i}, and save. Anything else I can do for you?");
}

var dataset = builder.Build();
var report = await new DatasetValidator().ValidateAsync(dataset, new ValidationOptions { Model = Model, Epochs = 1 });
Console.WriteLine($"validated: {report.ExampleCount} examples, valid={report.IsValid}");
if (!report.IsValid)
{
    return 2;
}

var options = new FineTuneJobRunnerOptions { ApiKey = key, Endpoint = endpoint };
options.Polling.QueuedInterval = TimeSpan.FromMilliseconds(100);
options.Polling.MaxInterval = TimeSpan.FromSeconds(1);
options.Polling.EventsInterval = TimeSpan.FromSeconds(1);
options.Polling.RunningInterval = TimeSpan.FromMilliseconds(200);
options.Polling.FinishInterval = TimeSpan.FromMilliseconds(100);
options.Polling.FileProcessingInterval = TimeSpan.FromMilliseconds(50);
options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
// An optional third argument pins the date the runner judges cut-offs on (tests run on any real date).
TimeProvider clock = args.Length > 2 ? new ShiftedClock(DateTimeOffset.Parse(args[2], CultureInfo.InvariantCulture) - TimeProvider.System.GetUtcNow()) : TimeProvider.System;
var runner = new FineTuneJobRunner(options, clock);
var result = await runner.RunAsync(FineTuneRequest.For(Model).WithTrainingData(dataset).WithValidationReport(report).WithEpochs(1).WithSuffix("trimmed"), new Progress<FineTuneProgress>(p => Console.WriteLine($"progress: {p}")));
Console.WriteLine($"job: {result}");
if (!result.Succeeded)
{
    return 3;
}

var openAi = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = endpoint });
var suite = TestSuite.FromJson("""
    {
      "name": "trimmed",
      "systemPrompt": "You are TechFlow's helpful support assistant.",
      "cases": [
        { "id": "reset", "category": "account", "prompt": "How do I reset my password?" },
        { "id": "export", "category": "features", "prompt": "How do I export my data?" }
      ]
    }
    """);
var comparison = await new ModelComparer().CompareAsync(
    suite,
    new ModelUnderTest("base", openAi.GetChatClient(Model).AsIChatClient()),
    new ModelUnderTest("fine-tuned", openAi.GetChatClient(result.FineTunedModel!).AsIChatClient()));
Console.WriteLine(comparison.ToMarkdown().Length > 0 ? "compared: markdown ok" : "compared: empty markdown");
using var json = new MemoryStream();
await comparison.WriteAsync(IReportWriter.Json, json);
Console.WriteLine(json.Length > 0 ? "compared: json ok" : "compared: empty json");
await runner.CleanupAsync(result);
Console.WriteLine("done");
return 0;

/// <summary>The system clock moved by a fixed offset; timers stay the system's.</summary>
internal sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
