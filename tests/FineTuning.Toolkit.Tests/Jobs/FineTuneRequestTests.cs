using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class FineTuneRequestTests
{
    [Fact]
    public void For_FluentCalls_ReturnNewRequestsAndLeaveTheOriginalUnchanged()
    {
        var basic = FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile("train.jsonl");
        var tuned = basic.WithSuffix("techflow-support").WithEpochs(3).WithSeed(42).WithBatchSize(4).WithLearningRateMultiplier(0.5)
            .WithMetadata("team", "support").WithWeightsAndBiases("proj", tags: ["a"]);

        Assert.Null(basic.Suffix);
        Assert.Null(basic.Epochs);
        Assert.Empty(basic.Metadata);
        Assert.Equal("techflow-support", tuned.Suffix);
        Assert.Equal(3, tuned.Epochs);
        Assert.Equal(42, tuned.Seed);
        Assert.Equal(4, tuned.BatchSize);
        Assert.Equal(0.5, tuned.LearningRateMultiplier);
        Assert.Equal("support", tuned.Metadata["team"]);
        Assert.Equal("proj", Assert.Single(tuned.Integrations).Project);
        Assert.Equal("train.jsonl", tuned.TrainingFilePath);
    }

    [Fact]
    public void WithTrainingFileId_ReplacesEarlierTrainingData()
    {
        var request = FineTuneRequest.For("m").WithTrainingFile("a.jsonl").WithTrainingFileId("file-1");
        Assert.Null(request.TrainingFilePath);
        Assert.Equal("file-1", request.TrainingFileId);
    }

    [Fact]
    public void WithDpo_SetsMethodAndBeta()
    {
        var request = FineTuneRequest.For("m").WithDpo(0.1);
        Assert.Equal(FineTuneMethod.Dpo, request.Method);
        Assert.Equal(0.1, request.Beta);
        Assert.Equal(FineTuneMethod.Supervised, request.WithSupervised().Method);
        Assert.Null(request.WithSupervised().Beta);
    }

    [Fact]
    public void Arguments_Null_Throw()
    {
        var request = FineTuneRequest.For("m");
        Assert.Throws<ArgumentNullException>("model", () => FineTuneRequest.For(null!));
        Assert.Throws<ArgumentNullException>("dataset", () => request.WithTrainingData(null!));
        Assert.Throws<ArgumentNullException>("path", () => request.WithTrainingFile(null!));
        Assert.Throws<ArgumentNullException>("fileId", () => request.WithTrainingFileId(null!));
        Assert.Throws<ArgumentNullException>("dataset", () => request.WithHeldOutData(null!));
        Assert.Throws<ArgumentNullException>("path", () => request.WithHeldOutFile(null!));
        Assert.Throws<ArgumentNullException>("fileId", () => request.WithHeldOutFileId(null!));
        Assert.Throws<ArgumentNullException>("suffix", () => request.WithSuffix(null!));
        Assert.Throws<ArgumentNullException>("key", () => request.WithMetadata(null!, "v"));
        Assert.Throws<ArgumentNullException>("value", () => request.WithMetadata("k", null!));
        Assert.Throws<ArgumentNullException>("metadata", () => request.WithMetadata(null!));
        Assert.Throws<ArgumentNullException>("key", () => request.WithIdempotencyKey(null!));
        Assert.Throws<ArgumentNullException>("project", () => request.WithWeightsAndBiases(null!));
    }

    [Fact]
    public void Arguments_OutOfRange_Throw()
    {
        var request = FineTuneRequest.For("m");
        Assert.Throws<ArgumentOutOfRangeException>(() => request.WithEpochs(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => request.WithEpochs(51));
        Assert.Throws<ArgumentOutOfRangeException>(() => request.WithBatchSize(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => request.WithLearningRateMultiplier(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => request.WithSeed(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => request.WithSuffix(new string('x', 65)));
        Assert.Throws<ArgumentOutOfRangeException>(() => request.WithDpo(-1));
    }

    [Fact]
    public void IdempotencyKey_SameRequest_SameKey_DifferentSeed_DifferentKey()
    {
        var a = FineTuneRequest.For("m").WithTrainingFile("x").WithSuffix("s").WithEpochs(3);
        var key1 = CreateJobBody.IdempotencyKey(a, "m", "file-1", null);
        var key2 = CreateJobBody.IdempotencyKey(a.WithSuffix("s"), "m", "file-1", null);
        var key3 = CreateJobBody.IdempotencyKey(a.WithSeed(1), "m", "file-1", null);

        Assert.Equal(key1, key2);
        Assert.NotEqual(key1, key3);
        Assert.Equal("mine", CreateJobBody.IdempotencyKey(a.WithIdempotencyKey("mine"), "m", "file-1", null));
    }
}
