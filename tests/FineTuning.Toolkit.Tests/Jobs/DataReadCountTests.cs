using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Validation;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class DataReadCountTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1_000_000)] // one POST /files
    [InlineData(2_048)] // the Uploads API in parts
    public async Task ValidateUploadTrain_OneJob_ReadsTheTrainingDataOnceForValidationAndOnceForUpload(long multipartThreshold)
    {
        var time = new SteppingTimeProvider(Start);
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { TimeProvider = time, SpeedFactor = 1, StartTime = Start, Seed = 3 });
        var path = Path.Combine(Path.GetTempPath(), $"read-count-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(path, Enumerable.Range(0, 12).Select(i =>
            $$"""{"messages":[{"role":"system","content":"You are TechFlow's helpful support assistant."},{"role":"user","content":"How do I export report {{i}}?"},{"role":"assistant","content":"Open Reports, pick report {{i}} and click Export. Anything else I can help with?"}]}"""));
        var opens = 0;
        long bytes = 0;
        Stream Open(string file)
        {
            Interlocked.Increment(ref opens);
            return new CountingReadStream(File.OpenRead(file), n => Interlocked.Add(ref bytes, n));
        }

        try
        {
            ValidationReport report;
            await using (var stream = Open(path))
            {
                report = await new DatasetValidator().ValidateAsync(stream, new ValidationOptions { Model = "gpt-4o-mini-2024-07-18", Epochs = 1 });
            }

            var options = new FineTuneJobRunnerOptions { ApiKey = emulator.ApiKey, Endpoint = emulator.Endpoint, MultipartUploadThreshold = multipartThreshold, UploadPartSize = 1_000 };
            options.Resilience.AttemptTimeout = TimeSpan.FromHours(1);

            // The runner has a validator of its own: a request that carries a report must not use it.
            var runner = new FineTuneJobRunner(options, new DatasetValidator(), time, loggerFactory: null, randomizer: null, openFile: Open);
            var request = FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(path).WithValidationReport(report).WithEpochs(1);

            var result = await time.DriveAsync(runner.RunAsync(request));

            Assert.True(result.Succeeded, result.ToString());
            Assert.Same(report, result.ValidationReport);
            Assert.Equal(2, opens);
            Assert.Equal(2 * new FileInfo(path).Length, bytes);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
