using System.Text;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Tests.Testing;

public sealed class EmulatorFilesTests
{
    [Fact]
    public async Task Files_UploadRetrieveListContentDelete_RoundTrip()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var content = TechFlowTrainingData.ToJsonl();

        var uploaded = await http.UploadAsync(content, "techflow_training.jsonl");
        emulator.Clock.Advance(TimeSpan.FromSeconds(10));
        var retrieved = (await http.GetAsync($"/v1/files/{uploaded.Id}")).Body;
        var listed = (await http.GetAsync("/v1/files?purpose=fine-tune")).Body["data"]!.AsArray();
        var downloaded = (await http.GetAsync($"/v1/files/{uploaded.Id}/content")).Text;
        var deleted = (await http.DeleteAsync($"/v1/files/{uploaded.Id}")).Body;

        Assert.Equal("uploaded", uploaded.Body["status"]!.GetValue<string>());
        Assert.Equal(Encoding.UTF8.GetByteCount(content), uploaded.Body["bytes"]!.GetValue<long>());
        Assert.Equal("processed", retrieved["status"]!.GetValue<string>());
        Assert.Equal("techflow_training.jsonl", retrieved["filename"]!.GetValue<string>());
        Assert.Equal(uploaded.Id, Assert.Single(listed)!["id"]!.GetValue<string>());
        Assert.Equal(content, downloaded);
        Assert.True(deleted["deleted"]!.GetValue<bool>());
        Assert.Equal(404, (await http.GetAsync($"/v1/files/{uploaded.Id}")).Status);
        Assert.Equal(404, (await http.DeleteAsync($"/v1/files/{uploaded.Id}")).Status);
    }

    [Fact]
    public async Task Files_InvalidPurposeOrNoFile_Returns400()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);

        var badPurpose = await http.UploadAsync("{}", purpose: "training");
        var notMultipart = await http.PostAsync("/v1/files", new JsonObject());

        Assert.Equal(400, badPurpose.Status);
        Assert.Equal("purpose", badPurpose.Body["error"]!["param"]!.GetValue<string>());
        Assert.Equal(400, notMultipart.Status);
    }

    [Fact]
    public async Task Uploads_CompleteWithOrderedPartIds_AssemblesPartsInThatOrder()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var upload = await http.PostAsync("/v1/uploads", new JsonObject { ["filename"] = "big.jsonl", ["purpose"] = "fine-tune", ["bytes"] = 9, ["mime_type"] = "application/jsonl" });
        var third = await http.AddPartAsync(upload.Id, Encoding.UTF8.GetBytes("ccc"));
        var first = await http.AddPartAsync(upload.Id, Encoding.UTF8.GetBytes("aaa"));
        var second = await http.AddPartAsync(upload.Id, Encoding.UTF8.GetBytes("bbb"));

        var completed = await http.PostAsync($"/v1/uploads/{upload.Id}/complete", new JsonObject { ["part_ids"] = new JsonArray(first.Id, second.Id, third.Id) });

        Assert.Equal("completed", completed.Body["status"]!.GetValue<string>());
        var fileId = completed.Body["file"]!["id"]!.GetValue<string>();
        Assert.Equal("aaabbbccc", (await http.GetAsync($"/v1/files/{fileId}/content")).Text);
        Assert.Equal(400, (await http.AddPartAsync(upload.Id, [1])).Status);
    }

    [Fact]
    public async Task Uploads_SizeMismatchUnknownPartOrCancelled_AreRejected()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var upload = await http.PostAsync("/v1/uploads", new JsonObject { ["filename"] = "a.jsonl", ["purpose"] = "fine-tune", ["bytes"] = 10, ["mime_type"] = "application/jsonl" });
        var part = await http.AddPartAsync(upload.Id, Encoding.UTF8.GetBytes("short"));

        var mismatch = await http.PostAsync($"/v1/uploads/{upload.Id}/complete", new JsonObject { ["part_ids"] = new JsonArray(part.Id) });
        var unknownPart = await http.PostAsync($"/v1/uploads/{upload.Id}/complete", new JsonObject { ["part_ids"] = new JsonArray("part_nope") });
        var cancelled = await http.PostAsync($"/v1/uploads/{upload.Id}/cancel");
        var afterCancel = await http.PostAsync($"/v1/uploads/{upload.Id}/complete", new JsonObject { ["part_ids"] = new JsonArray(part.Id) });

        Assert.Equal(400, mismatch.Status);
        Assert.Contains("10 bytes", mismatch.Body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(400, unknownPart.Status);
        Assert.Equal("cancelled", cancelled.Body["status"]!.GetValue<string>());
        Assert.Equal(400, afterCancel.Status);
        Assert.Equal(404, (await http.PostAsync("/v1/uploads/upload_nope/cancel")).Status);
    }

    [Fact]
    public async Task Uploads_PendingPastOneHour_Expire()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var upload = await http.PostAsync("/v1/uploads", new JsonObject { ["filename"] = "a.jsonl", ["purpose"] = "fine-tune", ["bytes"] = 3, ["mime_type"] = "application/jsonl" });
        emulator.Clock.Advance(TimeSpan.FromHours(2));

        var part = await http.AddPartAsync(upload.Id, Encoding.UTF8.GetBytes("abc"));

        Assert.Equal(400, part.Status);
        Assert.Contains("expired", part.Body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
