using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.Validation;

public class DatasetValidatorProgressTests
{
    // 256 lines make a batch: this file is several batches.
    private const int LineCount = 5 * 256 + 17;

    [Fact]
    public async Task ValidateFileAsync_WithProgress_ReportsMonotonicCountsEndingAtFileLengthAndExampleCount()
    {
        using var files = new ValidationFiles();
        var path = files.Write(Enumerable.Range(0, LineCount).Select(i => ValidationFiles.Good(i)));
        var length = new FileInfo(path).Length;

        // Every reading of the clock moves it a second, so every batch is due a report.
        var clock = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };
        var progress = new RecordingProgress();
        var report = await new DatasetValidator(null, clock).ValidateFileAsync(path, new ValidationOptions { Progress = progress });

        var reports = progress.Reports;
        Assert.True(reports.Count >= 3, $"expected a report per batch, got {reports.Count}");
        for (var i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].BytesRead >= reports[i - 1].BytesRead, $"bytes went back at report {i}");
            Assert.True(reports[i].ExamplesValidated >= reports[i - 1].ExamplesValidated, $"examples went back at report {i}");
            Assert.True(reports[i].Elapsed >= reports[i - 1].Elapsed, $"time went back at report {i}");
        }

        Assert.Contains(reports.Take(reports.Count - 1), r => r.BytesRead > 0 && r.BytesRead < length);
        Assert.All(reports, r => Assert.Equal(length, r.TotalBytes));
        Assert.All(reports, r => Assert.InRange(r.Fraction!.Value, 0d, 1d));
        var last = reports[^1];
        Assert.Equal(length, last.BytesRead);
        Assert.Equal(LineCount, last.ExamplesValidated);
        Assert.Equal(report.ExampleCount, last.ExamplesValidated);
        Assert.Equal(1d, last.Fraction);
        Assert.True(last.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public async Task ValidateFileAsync_FrozenClockAndFewBatches_ReportsOnlyOnceAtTheEnd()
    {
        using var files = new ValidationFiles();
        var path = files.Write(Enumerable.Range(0, LineCount).Select(i => ValidationFiles.Good(i)));
        var progress = new RecordingProgress();

        await new DatasetValidator(null, new FakeTimeProvider()).ValidateFileAsync(path, new ValidationOptions { Progress = progress });

        var single = Assert.Single(progress.Reports);
        Assert.Equal(new FileInfo(path).Length, single.BytesRead);
        Assert.Equal(LineCount, single.ExamplesValidated);
        Assert.Equal(TimeSpan.Zero, single.Elapsed);
    }

    [Fact]
    public async Task ValidateFileAsync_TrainingAndValidationFiles_ReportsBothTogether()
    {
        using var files = new ValidationFiles();
        var training = files.Write(Enumerable.Range(0, 300).Select(i => ValidationFiles.Good(i)));
        var validation = files.Write(Enumerable.Range(1000, 40).Select(i => ValidationFiles.Good(i)));
        var progress = new RecordingProgress();

        await new DatasetValidator(null, new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromSeconds(1) })
            .ValidateFileAsync(training, validation, new ValidationOptions { Progress = progress });

        var total = new FileInfo(training).Length + new FileInfo(validation).Length;
        var last = progress.Reports[^1];
        Assert.Equal(total, last.TotalBytes);
        Assert.Equal(total, last.BytesRead);
        Assert.Equal(340, last.ExamplesValidated);
        Assert.Equal(1d, last.Fraction);
    }

    [Fact]
    public async Task ValidateFileAsync_EmptyFile_ReportsZeroBytesAsComplete()
    {
        using var files = new ValidationFiles();
        var path = files.Write(Array.Empty<byte>());
        var progress = new RecordingProgress();

        await new DatasetValidator().ValidateFileAsync(path, new ValidationOptions { Progress = progress });

        var last = progress.Reports[^1];
        Assert.Equal(0, last.BytesRead);
        Assert.Equal(0, last.TotalBytes);
        Assert.Equal(0, last.ExamplesValidated);
        Assert.Equal(1d, last.Fraction);
    }

    [Fact]
    public async Task ValidateAsync_Dataset_ReportsUnknownTotalAndNullFraction()
    {
        var dataset = Dataset.Create(Enumerable.Range(0, 600).Select(i => (DatasetExample)new TrainingExample
        {
            Messages =
            [
                TrainingMessage.System(ValidationFiles.SystemPrompt),
                TrainingMessage.User($"Question {i}: how do I export my tasks?"),
                TrainingMessage.Assistant($"Answer {i}: open Settings, choose Export, pick CSV and click Download. Anything else?"),
            ],
        }));
        var progress = new RecordingProgress();

        var report = await new DatasetValidator(null, new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromSeconds(1) })
            .ValidateAsync(dataset, new ValidationOptions { Progress = progress });

        var reports = progress.Reports;
        Assert.True(reports.Count >= 2, $"expected several reports, got {reports.Count}");
        Assert.All(reports, r => Assert.Null(r.TotalBytes));
        Assert.All(reports, r => Assert.Null(r.Fraction));
        for (var i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].BytesRead >= reports[i - 1].BytesRead, $"bytes went back at report {i}");
            Assert.True(reports[i].ExamplesValidated >= reports[i - 1].ExamplesValidated, $"examples went back at report {i}");
        }

        Assert.Equal(600, reports[^1].ExamplesValidated);
        Assert.Equal(report.ExampleCount, reports[^1].ExamplesValidated);
        Assert.True(reports[^1].BytesRead > 600 * 100);
    }

    [Fact]
    public async Task ValidateFileAsync_ThrowingProgressHandler_StillReturnsTheReportAndLogsOnce()
    {
        using var files = new ValidationFiles();
        var lines = ValidationFiles.WithLine("{not json", lineNumber: 3, goodCount: 20);
        var path = files.Write(lines);
        var logger = new FakeLogger<DatasetValidator>();
        var calls = 0;
        var progress = new RecordingProgress(_ =>
        {
            calls++;
            throw new InvalidOperationException("handler bug");
        });

        var report = await new DatasetValidator(logger, new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromSeconds(1) })
            .ValidateFileAsync(path, new ValidationOptions { Progress = progress });

        Assert.True(calls >= 1);
        Assert.Equal(21, report.ExampleCount);
        Assert.False(report.IsValid);
        Assert.Contains(report.Issues, i => i.Line == 3);
        var failure = Assert.Single(logger.Collector.GetSnapshot(), r => r.Id.Id == 2002);
        Assert.IsType<InvalidOperationException>(failure.Exception);
    }

    [Fact]
    public void Fraction_KnownAndUnknownTotals_IsClampedRatioOrNull()
    {
        Assert.Equal(0.25, new ValidationProgress(25, 100, 1, TimeSpan.Zero).Fraction);
        Assert.Equal(1d, new ValidationProgress(150, 100, 1, TimeSpan.Zero).Fraction);
        Assert.Equal(1d, new ValidationProgress(0, 0, 0, TimeSpan.Zero).Fraction);
        Assert.Null(new ValidationProgress(25, null, 1, TimeSpan.Zero).Fraction);
    }

    [Fact]
    public void Progress_Default_IsNull()
    {
        Assert.Null(new ValidationOptions().Progress);
    }
}
