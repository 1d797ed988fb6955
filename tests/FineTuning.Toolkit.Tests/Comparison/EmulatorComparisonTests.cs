using System.ClientModel;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Comparison.Scorers;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using Xunit.Abstractions;

namespace FineTuning.Toolkit.Tests.Comparison;

/// <summary>
/// The lab end to end on the emulator: fine-tune a small TechFlow dataset with the runner, then compare the base and
/// the fine-tuned model on the lab's four prompts plus twenty more, and check that the fine-tuned model wins on format
/// compliance with a significant paired test.
/// </summary>
public class EmulatorComparisonTests(ITestOutputHelper output)
{
    private const string TrainingSystemPrompt = "You are TechFlow's helpful support assistant. Be friendly, concise, and always offer next steps.";

    private static readonly (string Category, string Question, string Steps)[] Training =
    [
        ("account", "How do I reset my password?", "1. Go to techflow.com/reset\n2. Enter your email address\n3. Click the reset link in your email\n4. Create your new password"),
        ("account", "How do I change my email address?", "1. Open Settings > Profile\n2. Click Change email\n3. Confirm the link we send to the new address"),
        ("account", "How do I turn on two-factor authentication?", "1. Open Settings > Security\n2. Choose Two-factor authentication\n3. Scan the QR code with your authenticator app"),
        ("account", "How do I delete my account?", "1. Open Settings > Account\n2. Click Delete account\n3. Confirm with your password"),
        ("account", "I'm locked out of my account.", "1. Wait 15 minutes for the lock to clear\n2. Reset your password at techflow.com/reset\n3. Sign in again"),
        ("billing", "My payment failed, what should I do?", "1. Open techflow.com/billing\n2. Update your card details\n3. Click Retry payment"),
        ("billing", "How do I update my credit card?", "1. Open techflow.com/billing\n2. Click Payment method\n3. Enter the new card and save"),
        ("billing", "Where can I download my invoices?", "1. Open techflow.com/billing\n2. Choose Invoices\n3. Click Download next to the month you need"),
        ("billing", "How do I upgrade to the Pro plan?", "1. Open techflow.com/billing\n2. Click Change plan\n3. Choose Pro and confirm"),
        ("billing", "How do I cancel my subscription?", "1. Open techflow.com/billing\n2. Click Cancel subscription\n3. Confirm; you keep access until the period ends"),
        ("features", "How do I export my data?", "1. Open Settings > Data\n2. Click Export\n3. Choose CSV or JSON and download the file"),
        ("features", "How do I invite a teammate?", "1. Open Team > Members\n2. Click Invite\n3. Enter their email address and send"),
        ("features", "Can I see analytics for my tasks?", "1. Upgrade to Pro or Team\n2. Open the Analytics tab\n3. Pick a date range"),
        ("features", "How do I create a recurring task?", "1. Open the task\n2. Click Repeat\n3. Choose how often it repeats and save"),
        ("features", "How do I share a project?", "1. Open the project\n2. Click Share\n3. Add people or copy the link"),
        ("bugs", "The app is not loading.", "1. Refresh the page\n2. Clear your browser cache\n3. Check techflow.com/status for incidents"),
        ("bugs", "Notifications stopped working.", "1. Open Settings > Notifications\n2. Make sure they are switched on\n3. Allow notifications in your browser"),
        ("bugs", "My tasks disappeared!", "1. Check the Archived filter\n2. Look in Trash for the last 30 days\n3. Restore anything you need"),
        ("bugs", "Sync is not working on my phone.", "1. Update the TechFlow app\n2. Sign out and back in\n3. Pull down to refresh"),
        ("bugs", "I get an error when uploading a file.", "1. Check the file is under 25 MB\n2. Try another browser\n3. Upload again"),
    ];

    private static readonly string[] ChallengePrompts =
    [
        "I forgot my password and the reset email never arrived.",
        "Why was my card declined?",
        "Can I pay by invoice instead of card?",
        "How do I add a new member to my team?",
        "Where do I find the analytics dashboard?",
        "The mobile app keeps crashing.",
        "How can I change the email on my account?",
        "I want to downgrade my plan.",
        "How do I download all my tasks as CSV?",
        "Two-factor codes are not accepted.",
        "I can't upload attachments.",
        "How do I stop a task from repeating?",
        "My teammate can't see the project I shared.",
        "Where are my old invoices?",
        "Notifications are coming twice.",
        "How do I close my account for good?",
        "Tasks are missing after the update.",
        "Can I move my data to another workspace?",
        "The page is blank after I log in.",
        "How do I turn off email notifications?",
    ];

    [Fact]
    public async Task CompareAsync_BaseVersusFineTunedOnEmulator_FineTunedWinsFormatSignificantly()
    {
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions
        {
            SpeedFactor = 600,
            StartTime = TestWorld.Today,
            TrainingDuration = TimeSpan.FromMinutes(1),
            ValidationDuration = TimeSpan.FromSeconds(5),
            QueueDuration = TimeSpan.FromSeconds(5),
            FileProcessingDuration = TimeSpan.FromSeconds(1),
        });
        var directory = ComparisonTestFiles.TempDirectory();
        var trainingPath = Path.Combine(directory, "techflow_training.jsonl");
        await File.WriteAllLinesAsync(trainingPath, Training.Select(t => System.Text.Json.JsonSerializer.Serialize(new
        {
            messages = new object[]
            {
                new { role = "system", content = TrainingSystemPrompt },
                new { role = "user", content = t.Question },
                new { role = "assistant", content = $"I'd be happy to help with that! 😊\n\n**Quick Steps:**\n{t.Steps}\n\n**Need more help?** Let me know and I'll walk you through it!" },
            },
        })));

        var runnerOptions = new FineTuneJobRunnerOptions { ApiKey = emulator.ApiKey, Endpoint = emulator.Endpoint };
        runnerOptions.Polling.QueuedInterval = TimeSpan.FromMilliseconds(100);
        runnerOptions.Polling.RunningInterval = TimeSpan.FromMilliseconds(100);
        runnerOptions.Polling.MinInterval = TimeSpan.FromMilliseconds(50);
        runnerOptions.Polling.MaxInterval = TimeSpan.FromMilliseconds(500);
        runnerOptions.Polling.FinishInterval = TimeSpan.FromMilliseconds(100);
        runnerOptions.Polling.FileProcessingInterval = TimeSpan.FromMilliseconds(100);
        runnerOptions.Polling.EventsInterval = TimeSpan.FromSeconds(1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var result = await new FineTuneJobRunner(runnerOptions, TestWorld.Clock()).RunAsync(
            FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(trainingPath).WithSuffix("techflow-support").WithEpochs(3),
            cancellationToken: timeout.Token);
        Assert.True(result.Succeeded, result.Error?.Message);

        var labPrompts = new[] { "My payment failed, what do I do?", "Can I get a refund?", "How do I export my data?", "Your service is down!" };
        var suite = new TestSuite(
            "techflow-lab-and-challenge",
            labPrompts.Select((p, i) => TestCase.FromPrompt($"lab-{i + 1}", p, "lab"))
                .Concat(ChallengePrompts.Select((p, i) => TestCase.FromPrompt($"challenge-{i + 1:00}", p, "challenge"))),
            "You are TechFlow's helpful support assistant.");
        var credential = new ApiKeyCredential(emulator.ApiKey);
        var clientOptions = new OpenAIClientOptions { Endpoint = emulator.Endpoint };
        var baseModel = new ModelUnderTest("base", new ChatClient("gpt-4o-mini", credential, clientOptions).AsIChatClient());
        var fineTuned = new ModelUnderTest("fine-tuned", new ChatClient(result.FineTunedModel!, credential, clientOptions).AsIChatClient());

        var report = await new ModelComparer(new ModelComparerOptions { MaxConcurrency = 4, Seed = 7 })
            .CompareAsync(suite, baseModel, fineTuned, timeout.Token);

        output.WriteLine(report.ToMarkdown());
        var format = report.GetPaired(Criteria.Format, "base", "fine-tuned")!;
        Assert.Equal("fine-tuned", format.Better);
        Assert.True(format.PValue < 0.05, $"McNemar p = {format.PValue}\n{report.ToMarkdown()}");
        Assert.True(report.GetSummary("fine-tuned", Criteria.Format)!.Rate >= 0.9, report.ToMarkdown());
        Assert.Equal(0, report.ErrorCount);
        Assert.Equal(48, report.Run.ModelCalls);
    }
}
