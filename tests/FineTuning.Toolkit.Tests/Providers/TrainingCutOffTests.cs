using System.ClientModel.Primitives;
using FineTuning.Toolkit.Jobs;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.Providers;

public sealed class TrainingCutOffTests
{
    [Fact]
    public async Task RunAsync_OpenAIAfterTheWindDown_FailsBeforeAnyUploadNamingTheDateAndAlternatives()
    {
        var handler = new RecordingHandler();
        var options = new FineTuneJobRunnerOptions { ApiKey = "sk-cutoff-test-0000", Transport = new HttpClientPipelineTransport(new HttpClient(handler)) };
        var runner = new FineTuneJobRunner(options, new FakeTimeProvider(new DateTimeOffset(2027, 1, 7, 9, 0, 0, TimeSpan.Zero)));
        var path = Path.GetTempFileName();
        try
        {
            var result = await runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path));

            Assert.False(result.Succeeded);
            Assert.Equal("training_closed", result.Error!.Code);
            Assert.Contains("2027-01-06", result.Error.Message, StringComparison.Ordinal);
            Assert.Contains("azure", result.Error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("together", result.Error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(handler.Requests); // nothing uploaded, nothing asked
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RunAsync_OpenAIBeforeTheWindDown_IsNotRefused()
    {
        var handler = new RecordingHandler();
        var options = new FineTuneJobRunnerOptions { ApiKey = "sk-cutoff-test-0000", Transport = new HttpClientPipelineTransport(new HttpClient(handler)) };
        var runner = new FineTuneJobRunner(options, new FakeTimeProvider(new DateTimeOffset(2027, 1, 5, 23, 0, 0, TimeSpan.Zero)));
        var path = Path.GetTempFileName();
        try
        {
            // The recording handler answers every call with an empty list, so the upload fails for want of a file id:
            // what matters is that the run got as far as uploading.
            await Assert.ThrowsAsync<FineTuneApiException>(() => runner.RunAsync(FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path)));
            Assert.Contains(handler.Requests, r => r.Path == "/v1/files");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
