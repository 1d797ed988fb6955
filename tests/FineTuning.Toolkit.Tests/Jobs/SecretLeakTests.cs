using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class SecretLeakTests
{
    private static readonly string[] KnownKeys = ["sk-test-fake-key-1234567890", "sk-emulator-local-test-key"];

    [Fact]
    public async Task ApiKey_NeverInLogsExceptionsToStringOrResults()
    {
        using var context = new RunnerTestContext();
        var key = context.Server.ApiKey;
        var path = context.WriteTrainingFile();
        var result = await context.DriveAsync(context.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path).WithSuffix("secret-check")));

        // The service echoes the key back in an error, as OpenAI's 401 does.
        context.Server.Intercept = (_, p) => p.StartsWith("fine_tuning/jobs/", StringComparison.Ordinal)
            ? FakeOpenAIServer.Error(401, "invalid_api_key", $"Incorrect API key provided: {key}. You can find your API key at https://platform.openai.com.")
            : null;
        var error = await Assert.ThrowsAsync<FineTuneApiException>(() => context.DriveAsync(context.Runner.GetJobAsync(result.JobId!)));

        var texts = new[] { error.ToString(), error.Message, context.Options.ToString(), result.ToString(), result.Job!.RawJson, context.Runner.ToString()! };
        foreach (var text in texts)
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        }

        Assert.Contains("ApiKey=***", context.Options.ToString(), StringComparison.Ordinal);
        Assert.Contains("invalid_api_key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GlobalLog_CapturedAcrossTheRunnerTests_NeverContainsAnApiKey()
    {
        // Make sure this test sees at least one full flow at Trace level, whatever ran before it.
        using (var context = new RunnerTestContext())
        {
            await context.DriveAsync(context.Runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(context.WriteTrainingFile())));
        }

        var records = CollectingLoggerProvider.Global.Records.ToArray();
        Assert.Contains(records, r => r.Contains("[3019]", StringComparison.Ordinal));
        foreach (var key in KnownKeys)
        {
            Assert.DoesNotContain(records, r => r.Contains(key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Redact_RemovesTheKeyAndKeyShapedTokens()
    {
        var text = SecretRedactor.Redact("key sk-proj-abcdefghijklmnop and sk-test-fake-key-1234567890 and sk-abc***xyz1", "sk-test-fake-key-1234567890");

        Assert.DoesNotContain("abcdefghijklmnop", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-fake-key-1234567890", text, StringComparison.Ordinal);
    }
}
