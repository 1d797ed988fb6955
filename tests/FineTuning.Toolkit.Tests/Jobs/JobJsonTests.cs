using System.Text.Json;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class JobJsonTests
{
    [Fact]
    public void ParseJob_EmptyErrorObject_HasNoError()
    {
        var job = Parse("""{"id":"ftjob-1","model":"gpt-4o-mini-2024-07-18","status":"running","error":{},"created_at":1767600000,"estimated_finish":1767601200}""");

        Assert.Null(job.Error);
        Assert.Equal(FineTuneJobStatus.Running, job.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767601200), job.EstimatedFinish);
    }

    [Fact]
    public void ParseJob_FailedJob_ReadsCodeMessageAndParam()
    {
        var job = Parse("""{"id":"ftjob-2","model":"m","status":"failed","finished_at":1767600300,"error":{"code":"invalid_training_file","message":"Line 3 is not valid JSON.","param":"training_file"}}""");

        Assert.Equal("invalid_training_file", job.Error!.Code);
        Assert.Equal("Line 3 is not valid JSON.", job.Error.Message);
        Assert.Equal("training_file", job.Error.Param);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767600300), job.FinishedAt);
    }

    [Theory]
    [InlineData("pausing", false)]
    [InlineData("paused", false)]
    [InlineData("a_status_from_the_future", false)]
    [InlineData("cancelled", true)]
    public void ParseJob_StatusUnknownToTheSdk_IsKept(string status, bool terminal)
    {
        var job = Parse($$"""{"id":"ftjob-3","model":"m","status":"{{status}}","error":null}""");

        Assert.Equal(status, job.Status.Value);
        Assert.Equal(terminal, job.Status.IsTerminal);
    }

    [Fact]
    public void ParseJob_MethodAndExtraFields_AreRead()
    {
        var job = Parse("""{"id":"ftjob-4","model":"m","status":"succeeded","fine_tuned_model":"ft:m:org:sfx:4","trained_tokens":5120,"user_provided_suffix":"sfx","result_files":["file-r"],"metadata":{"team":"support"},"method":{"type":"supervised","supervised":{"hyperparameters":{"n_epochs":3}}}}""");

        Assert.Equal(3, job.Epochs);
        Assert.Equal("supervised", job.Method);
        Assert.Equal("sfx", job.Suffix);
        Assert.Equal(5120, job.TrainedTokens);
        Assert.Equal(["file-r"], job.ResultFileIds);
        Assert.Equal("support", job.Metadata["team"]);
    }

    [Fact]
    public void ParseEvent_MetricsEvent_ReadsStepAndLoss()
    {
        using var document = JsonDocument.Parse("""{"id":"ev-1","created_at":1767600000,"level":"info","message":"Step 3/30: training loss=0.81","type":"metrics","data":{"step":3,"total_steps":30,"train_loss":0.81,"train_mean_token_accuracy":0.7}}""");
        var evt = JobJson.ParseEvent(document.RootElement);

        Assert.Equal(3, evt.Step);
        Assert.Equal(30, evt.TotalSteps);
        Assert.Equal(0.81, evt.TrainLoss);
        Assert.Equal(0.7, evt.TrainAccuracy);
    }

    private static FineTuneJob Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JobJson.ParseJob(document.RootElement);
    }
}
