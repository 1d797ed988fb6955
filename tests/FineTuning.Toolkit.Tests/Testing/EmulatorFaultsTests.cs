using System.ClientModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenAI;

namespace FineTuning.Toolkit.Tests.Testing;

public sealed class EmulatorFaultsTests
{
    private static readonly TimeSpan LogWait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RateLimit_ScriptedOnRoute_Returns429WithRetryAndRateLimitHeadersThenRecovers()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        emulator.Faults.Enqueue("GET", "/v1/files", EmulatorFault.RateLimit(TimeSpan.FromSeconds(1.5)));

        var limited = await http.GetAsync("/v1/files");
        var healthy = await http.GetAsync("/v1/files");

        Assert.Equal(429, limited.Status);
        Assert.Equal("rate_limit_exceeded", limited.Body["error"]!["code"]!.GetValue<string>());
        Assert.Equal("2", limited.Headers["retry-after"]);
        Assert.Equal("1500", limited.Headers["retry-after-ms"]);
        Assert.Equal("0", limited.Headers["x-ratelimit-remaining-requests"]);
        Assert.Equal("60", limited.Headers["x-ratelimit-limit-requests"]);
        Assert.Equal("1.5s", limited.Headers["x-ratelimit-reset-requests"]);
        Assert.True(limited.Headers.ContainsKey("x-ratelimit-limit-tokens"));
        Assert.True(limited.Headers.ContainsKey("x-ratelimit-remaining-tokens"));
        Assert.True(limited.Headers.ContainsKey("x-ratelimit-reset-tokens"));
        Assert.Equal(200, healthy.Status);
        Assert.Equal(1, emulator.Requests.Count("GET", "/v1/files", 429));
        Assert.Equal(1, emulator.Requests.Count("GET", "/v1/files", 200));
    }

    [Fact]
    public async Task DailyRateLimit_OnJobCreation_Returns429DailyCodeWithHoursLongRetryAndCreatesNoJob()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http);
        emulator.Faults.Enqueue("POST", "/fine_tuning/jobs", EmulatorFault.DailyRateLimit());

        var response = await http.PostAsync("/v1/fine_tuning/jobs", new JsonObject { ["model"] = "gpt-4o-mini-2024-07-18", ["training_file"] = fileId });

        Assert.Equal(429, response.Status);
        Assert.Equal("daily_rate_limit_exceeded", response.Body["error"]!["code"]!.GetValue<string>());
        Assert.Equal("86400", response.Headers["retry-after"]);
        Assert.Equal("86400000", response.Headers["retry-after-ms"]);
        Assert.Equal("24h0m0s", response.Headers["x-ratelimit-reset-requests"]);
        Assert.Empty((await http.GetAsync("/v1/fine_tuning/jobs")).Body["data"]!.AsArray());
        Assert.Equal(EmulatorFaultKind.DailyRateLimit, emulator.Requests.Entries.Single(e => e.Method == "POST" && e.Route == "/v1/fine_tuning/jobs").Fault);
    }

    [Fact]
    public async Task ServerErrors_Scripted_Return500And503WithServerErrorBodies()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        emulator.Faults.Enqueue("GET", "/v1/fine_tuning/jobs", EmulatorFault.InternalServerError(), EmulatorFault.ServiceUnavailable(TimeSpan.FromSeconds(3)));

        var first = await http.GetAsync("/v1/fine_tuning/jobs");
        var second = await http.GetAsync("/v1/fine_tuning/jobs");

        Assert.Equal(500, first.Status);
        Assert.Equal("server_error", first.Body["error"]!["type"]!.GetValue<string>());
        Assert.Equal(503, second.Status);
        Assert.Equal("3", second.Headers["retry-after"]);
        Assert.Equal("3000", second.Headers["retry-after-ms"]);
    }

    [Fact]
    public async Task ScriptedSequence_WithNoneInBetween_HitsTheNextCallsInOrder()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        emulator.Faults.Enqueue("*", "/v1/models/{model}", EmulatorFault.InternalServerError(), EmulatorFault.None, EmulatorFault.ServiceUnavailable());

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await http.GetAsync("/v1/models/gpt-4o-mini")).Status);
        }

        Assert.Equal([500, 200, 503, 200], statuses);
        Assert.Equal(0, emulator.Faults.PendingCount);
    }

    [Fact]
    public async Task SeededRate_ThirtyPercent_FailsAboutThatShareAndTheSameCallsForTheSameSeed()
    {
        async Task<List<int>> RunAsync()
        {
            await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { SpeedFactor = 0, Seed = 11, StartTime = TestWorld.Today });
            using var http = new EmulatorHttp(emulator);
            emulator.Faults.SetRate("GET", "/v1/models/{id}", 0.3, EmulatorFault.InternalServerError());
            var statuses = new List<int>();
            for (var i = 0; i < 200; i++)
            {
                statuses.Add((await http.GetAsync("/v1/models/gpt-4o")).Status);
            }

            Assert.Equal(statuses.Count(s => s == 500), emulator.Requests.Count("GET", "/v1/models/{id}", 500));
            return statuses;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.InRange(first.Count(s => s == 500), 40, 80);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task DropConnection_OnUpload_AbortsBeforeProcessingAndLogsNoStatus()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        emulator.Faults.Enqueue("POST", "/v1/files", EmulatorFault.DropConnection());

        await Assert.ThrowsAsync<HttpRequestException>(() => http.UploadAsync(TechFlowTrainingData.ToJsonl()));

        Assert.True(SpinWait.SpinUntil(() => emulator.Requests.Count("POST", "/v1/files") == 1, LogWait));
        var entry = emulator.Requests.Entries.Single(e => e.Method == "POST");
        Assert.Null(entry.StatusCode);
        Assert.Equal(EmulatorFaultKind.DropConnection, entry.Fault);
        Assert.Empty((await http.GetAsync("/v1/files")).Body["data"]!.AsArray());
    }

    [Fact]
    public async Task LoseResponse_OnJobCreation_ClientSeesNetworkErrorButTheJobExists()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http);
        emulator.Faults.Enqueue("POST", "/v1/fine_tuning/jobs", EmulatorFault.LoseResponse());

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("/v1/fine_tuning/jobs", new JsonObject { ["model"] = "gpt-4o-mini-2024-07-18", ["training_file"] = fileId, ["metadata"] = new JsonObject { ["attempt"] = "1" } }));

        var jobs = (await http.GetAsync("/v1/fine_tuning/jobs?metadata[attempt]=1")).Body["data"]!.AsArray();
        Assert.Single(jobs);
        Assert.True(SpinWait.SpinUntil(() => emulator.Requests.Count("POST", "/v1/fine_tuning/jobs") == 1, LogWait));
        Assert.Null(emulator.Requests.Entries.Single(e => e.Method == "POST" && e.Route == "/v1/fine_tuning/jobs").StatusCode);
    }

    [Fact]
    public async Task SlowResponse_ShorterClientTimeout_TimesOutTheClient()
    {
        var time = new FakeTimeProvider();
        await using var emulator = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { SpeedFactor = 0, TimeProvider = time });
        using var impatient = new EmulatorHttp(emulator, timeout: TimeSpan.FromMilliseconds(300));
        emulator.Faults.Enqueue("GET", "/v1/files", EmulatorFault.SlowResponse(TimeSpan.FromMinutes(5)));

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync("/v1/files"));

        Assert.True(SpinWait.SpinUntil(() => emulator.Requests.Count("GET", "/v1/files") == 1, LogWait));
        Assert.Equal(EmulatorFaultKind.SlowResponse, emulator.Requests.Entries[0].Fault);
        Assert.Equal(200, (await impatient.GetAsync("/v1/files")).Status);
    }

    [Fact]
    public async Task SlowResponse_AfterTheDelay_ServesNormally()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        emulator.Faults.Enqueue("GET", "/v1/files", EmulatorFault.SlowResponse(TimeSpan.FromMilliseconds(400)));
        var stopwatch = Stopwatch.StartNew();

        var response = await http.GetAsync("/v1/files");

        Assert.Equal(200, response.Status);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(390), $"answered after {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task RateLimit_OfficialSdk_RetriesHonouringRetryAfterAndSucceeds()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        var client = new OpenAIClient(new ApiKeyCredential(emulator.ApiKey), new OpenAIClientOptions { Endpoint = emulator.Endpoint });
        emulator.Faults.Enqueue("GET", "/v1/models/{model}", EmulatorFault.RateLimit(TimeSpan.FromMilliseconds(50)), EmulatorFault.RateLimit(TimeSpan.FromMilliseconds(50)));

        var model = (await client.GetOpenAIModelClient().GetModelAsync("gpt-4o-mini")).Value;

        Assert.Equal("gpt-4o-mini", model.Id);
        Assert.Equal(2, emulator.Requests.Count("GET", "/v1/models/{model}", 429));
        Assert.Equal(1, emulator.Requests.Count("GET", "/v1/models/{model}", 200));
    }

    [Fact]
    public async Task ApiKey_MissingOrWrong_Returns401WithoutEchoingTheKey()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var wrong = new EmulatorHttp(emulator, apiKey: "sk-not-the-right-key-123");
        using var missing = new HttpClient { BaseAddress = emulator.BaseAddress };

        var wrongKey = await wrong.GetAsync("/v1/files");
        using var noKey = await missing.GetAsync(new Uri("/v1/files", UriKind.Relative));

        Assert.Equal(401, wrongKey.Status);
        Assert.Equal("invalid_api_key", wrongKey.Body["error"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("sk-not-the-right-key-123", wrongKey.Text, StringComparison.Ordinal);
        Assert.Equal(401, (int)noKey.StatusCode);
        Assert.Contains("didn't provide an API key", await noKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, emulator.Requests.Count("GET", "/v1/files", 401));
    }

    [Fact]
    public void Faults_NullOrOutOfRangeArguments_Throw()
    {
        var faults = new EmulatorFaults(1);

        Assert.Throws<ArgumentNullException>("method", () => faults.Enqueue(null!, "/v1/files"));
        Assert.Throws<ArgumentNullException>("route", () => faults.Enqueue("GET", null!));
        Assert.Throws<ArgumentNullException>("faults", () => faults.Enqueue("GET", "/v1/files", null!));
        Assert.Throws<ArgumentNullException>("fault", () => faults.SetRate("GET", "/v1/files", 0.5, null!));
        Assert.Throws<ArgumentOutOfRangeException>("probability", () => faults.SetRate("GET", "/v1/files", 1.5, EmulatorFault.DropConnection()));
        Assert.Throws<ArgumentOutOfRangeException>("delay", () => EmulatorFault.SlowResponse(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task RequestLog_CountArgumentsAndClear_BehaveAsDocumented()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        await http.GetAsync("/v1/models/gpt-4o");
        await http.GetAsync("/v1/models");

        Assert.Throws<ArgumentNullException>("method", () => emulator.Requests.Count(null!, "/v1/models"));
        Assert.Throws<ArgumentNullException>("route", () => emulator.Requests.Count("GET", null!));
        Assert.Equal(1, emulator.Requests.Count("*", "models/{x}"));
        Assert.Equal(2, emulator.Requests.Entries.Count(e => e.StatusCode == 200));
        emulator.Requests.Clear();
        Assert.Empty(emulator.Requests.Entries);
    }

    [Fact]
    public void Faults_RouteTemplates_MatchRegardlessOfPlaceholderNamesPrefixAndCase()
    {
        var faults = new EmulatorFaults(1);
        faults.Enqueue("post", "fine_tuning/jobs/{id}/cancel", EmulatorFault.InternalServerError());

        Assert.Null(faults.Next("GET", "/v1/fine_tuning/jobs/{fine_tuning_job_id}/cancel"));
        Assert.Equal(EmulatorFaultKind.InternalServerError, faults.Next("POST", "/v1/fine_tuning/jobs/{fine_tuning_job_id}/cancel")!.Kind);
        Assert.Null(faults.Next("POST", "/v1/fine_tuning/jobs/{fine_tuning_job_id}/cancel"));
    }
}
