using System.ClientModel;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing;
using OpenAI.Chat;

namespace FineTuning.Toolkit.Tests.Testing;

public sealed class AzureDialectTests
{
    private static async Task<(OpenAIEmulator Emulator, EmulatorHttp Http)> StartAsync()
    {
        var emulator = await EmulatorScenario.StartFrozenAsync(dialect: EmulatorDialect.Azure);
        return (emulator, new EmulatorHttp(emulator));
    }

    private static async Task<string> TrainAsync(OpenAIEmulator emulator, EmulatorHttp http, string trainingType = "globalStandard")
    {
        var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http);
        var job = await http.PostAsync("/openai/v1/fine_tuning/jobs", new JsonObject { ["model"] = "gpt-4o-mini-2024-07-18", ["training_file"] = fileId, ["suffix"] = "techflow", ["trainingType"] = trainingType });
        Assert.True(job.Status == 200, job.Text);
        emulator.Clock.Advance(TimeSpan.FromHours(2));
        var done = (await http.GetAsync($"/openai/v1/fine_tuning/jobs/{job.Id}")).Body;
        Assert.Equal("succeeded", done["status"]!.GetValue<string>());
        return done["fine_tuned_model"]!.GetValue<string>();
    }

    private static JsonObject Deployment(string model, string sku = "Standard") => new()
    {
        ["sku"] = new JsonObject { ["name"] = sku, ["capacity"] = 1 },
        ["properties"] = new JsonObject { ["model"] = new JsonObject { ["format"] = "OpenAI", ["name"] = model, ["version"] = "1" } },
    };

    private static HttpRequestMessage Management(HttpMethod method, Uri uri, string? token, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, uri)
        {
            Content = body is null ? null : new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static Task<EmulatorResponse> ChatAsync(EmulatorHttp http, string model) =>
        http.PostAsync("/openai/v1/chat/completions", new JsonObject { ["model"] = model, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "How do I reset my password?" }) });

    [Fact]
    public async Task StartAsync_AzureDialect_ServesHttpsUnderOpenAIV1WithAManagementPlane()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync(dialect: EmulatorDialect.Azure);

        Assert.Equal("https", emulator.Endpoint.Scheme);
        Assert.Equal("/openai/v1", emulator.Endpoint.AbsolutePath);
        Assert.NotNull(emulator.Certificate);
        Assert.Equal(emulator.BaseAddress, emulator.ManagementEndpoint);
        Assert.Contains("/providers/Microsoft.CognitiveServices/accounts/emulator-aoai/deployments/ft-support?api-version=", emulator.GetDeploymentUri("ft-support").ToString(), StringComparison.Ordinal);
        await using var openAI = await EmulatorScenario.StartFrozenAsync();
        Assert.Null(openAI.Certificate);
        Assert.Null(openAI.ManagementEndpoint);
        Assert.Throws<InvalidOperationException>(() => openAI.GetDeploymentUri("x"));
    }

    [Fact]
    public async Task Https_UntrustedClient_IsRefusedAndThePinnedCertificateIsAccepted()
    {
        var (emulator, http) = await StartAsync();
        await using (emulator)
        using (http)
        using (var untrusting = new HttpClient())
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync(new Uri(emulator.Endpoint + "/models")));
            Assert.Equal(200, (await http.GetAsync("/openai/v1/models")).Status);
        }
    }

    [Fact]
    public async Task DataPlane_Credentials_ApiKeyHeaderOrBearerOnlyWithAzuresErrors()
    {
        var (emulator, http) = await StartAsync();
        await using (emulator)
        using (http)
        {
            using var wrong = new EmulatorHttp(emulator, apiKey: "sk-an-openai-key");
            var refused = await wrong.GetAsync("/openai/v1/files");
            Assert.Equal(401, refused.Status);
            Assert.Equal("401", refused.Body["error"]!["code"]!.GetValue<string>());
            Assert.StartsWith("Access denied due to invalid subscription key", refused.Body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

            http.Client.DefaultRequestHeaders.Remove("api-key");
            var missing = await http.GetAsync("/openai/v1/files");
            Assert.Equal(401, missing.Status);
            Assert.Contains("missing subscription key", missing.Body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

            http.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "emulator-entra-access-token");
            Assert.Equal(200, (await http.GetAsync("/openai/v1/files")).Status);
            Assert.Equal(404, (await http.GetAsync("/v1/files")).Status);
        }
    }

    [Fact]
    public async Task Files_NewUpload_IsPendingUntilProcessed()
    {
        var (emulator, http) = await StartAsync();
        await using (emulator)
        using (http)
        {
            var file = await http.UploadAsync(TechFlowTrainingData.ToJsonl());

            Assert.Equal("pending", file.Body["status"]!.GetValue<string>());
            emulator.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal("processed", (await http.GetAsync($"/openai/v1/files/{file.Id}")).Body["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Jobs_BeforeRunning_ArePendingWithEpochsMinusOneAndEchoTheTrainingType()
    {
        var (emulator, http) = await StartAsync();
        await using (emulator)
        using (http)
        {
            var fileId = await EmulatorScenario.UploadProcessedAsync(emulator, http);
            var bad = await http.PostAsync("/openai/v1/fine_tuning/jobs", new JsonObject { ["model"] = "gpt-4o-mini", ["training_file"] = fileId, ["trainingType"] = "premium" });
            Assert.Equal(400, bad.Status);
            Assert.Equal("trainingType", bad.Body["error"]!["param"]!.GetValue<string>());

            var job = await http.PostAsync("/openai/v1/fine_tuning/jobs", new JsonObject { ["model"] = "gpt-4o-mini", ["training_file"] = fileId, ["trainingType"] = "developerTier", ["hyperparameters"] = new JsonObject { ["n_epochs"] = 2 } });
            Assert.Equal("pending", job.Body["status"]!.GetValue<string>());
            Assert.Equal(-1, job.Body["hyperparameters"]!["n_epochs"]!.GetValue<int>());
            Assert.Equal("developerTier", job.Body["trainingType"]!.GetValue<string>());
            Assert.Null(job.Body["error"]);

            emulator.Clock.Advance(TimeSpan.FromMinutes(2));
            var running = (await http.GetAsync($"/openai/v1/fine_tuning/jobs/{job.Id}")).Body;
            Assert.Equal("running", running["status"]!.GetValue<string>());
            Assert.Equal(2, running["hyperparameters"]!["n_epochs"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Chat_FineTunedModel_IsDeploymentNotFoundUntilADeploymentSucceedsAndAfterItIsDeleted()
    {
        var (emulator, http) = await StartAsync();
        await using (emulator)
        using (http)
        {
            var model = await TrainAsync(emulator, http);
            Assert.Matches(@"^gpt-4o-mini-2024-07-18\.ft-[0-9a-f]{32}$", model);

            var notDeployed = await ChatAsync(http, model);
            Assert.Equal(404, notDeployed.Status);
            Assert.Equal("DeploymentNotFound", notDeployed.Body["error"]!["code"]!.GetValue<string>());

            var uri = emulator.GetDeploymentUri("techflow-support");
            var created = await http.SendAsync(Management(HttpMethod.Put, uri, emulator.AzureAccessToken, Deployment(model)));
            Assert.Equal(201, created.Status);
            Assert.Equal("Creating", created.Body["properties"]!["provisioningState"]!.GetValue<string>());
            Assert.Equal(404, (await ChatAsync(http, "techflow-support")).Status);

            emulator.Clock.Advance(TimeSpan.FromMinutes(3));
            var state = await http.SendAsync(Management(HttpMethod.Get, uri, emulator.AzureAccessToken));
            Assert.Equal("Succeeded", state.Body["properties"]!["provisioningState"]!.GetValue<string>());
            var answer = await ChatAsync(http, "techflow-support");
            Assert.Equal(200, answer.Status);
            Assert.Equal(model, answer.Body["model"]!.GetValue<string>());

            Assert.Equal(200, (await http.SendAsync(Management(HttpMethod.Delete, uri, emulator.AzureAccessToken))).Status);
            Assert.Equal(204, (await http.SendAsync(Management(HttpMethod.Delete, uri, emulator.AzureAccessToken))).Status);
            Assert.Equal("DeploymentNotFound", (await ChatAsync(http, "techflow-support")).Body["error"]!["code"]!.GetValue<string>());
            Assert.Equal(404, (await http.SendAsync(Management(HttpMethod.Get, uri, emulator.AzureAccessToken))).Status);
        }
    }

    [Fact]
    public async Task Deployments_DeveloperTierAfter24HoursAndIdleFor15Days_AreDeleted()
    {
        var (emulator, http) = await StartAsync();
        await using (emulator)
        using (http)
        {
            var model = await TrainAsync(emulator, http);
            await http.SendAsync(Management(HttpMethod.Put, emulator.GetDeploymentUri("dev"), emulator.AzureAccessToken, Deployment(model, "DeveloperTier")));
            await http.SendAsync(Management(HttpMethod.Put, emulator.GetDeploymentUri("idle"), emulator.AzureAccessToken, Deployment(model, "GlobalStandard")));
            emulator.Clock.Advance(TimeSpan.FromHours(23));
            Assert.Equal(200, (await ChatAsync(http, "dev")).Status);

            emulator.Clock.Advance(TimeSpan.FromHours(2));
            Assert.Equal(404, (await ChatAsync(http, "dev")).Status);
            emulator.Clock.Advance(TimeSpan.FromDays(15));
            Assert.Equal(404, (await ChatAsync(http, "idle")).Status);
        }
    }

    [Fact]
    public async Task ManagementPlane_TokensAndScope_AnswerAsAzureResourceManager()
    {
        var (emulator, http) = await StartAsync();
        await using (emulator)
        using (http)
        {
            var uri = emulator.GetDeploymentUri("x");
            var missing = await http.SendAsync(Management(HttpMethod.Get, uri, token: null));
            Assert.Equal(401, missing.Status);
            Assert.Equal("AuthenticationFailed", missing.Body["error"]!["code"]!.GetValue<string>());
            var apiKeyAsToken = await http.SendAsync(Management(HttpMethod.Get, uri, emulator.ApiKey));
            Assert.Equal("InvalidAuthenticationToken", apiKeyAsToken.Body["error"]!["code"]!.GetValue<string>());

            var noVersion = new Uri(uri.GetLeftPart(UriPartial.Path));
            Assert.Equal("MissingApiVersionParameter", (await http.SendAsync(Management(HttpMethod.Get, noVersion, emulator.AzureAccessToken))).Body["error"]!["code"]!.GetValue<string>());
            var otherAccount = new Uri(uri.ToString().Replace("emulator-aoai", "other", StringComparison.Ordinal));
            Assert.Equal("ResourceNotFound", (await http.SendAsync(Management(HttpMethod.Get, otherAccount, emulator.AzureAccessToken))).Body["error"]!["code"]!.GetValue<string>());
            var badSku = await http.SendAsync(Management(HttpMethod.Put, uri, emulator.AzureAccessToken, Deployment("gpt-4o-mini", "Provisioned")));
            Assert.Equal("InvalidResourceProperties", badSku.Body["error"]!["code"]!.GetValue<string>());
            var unknownModel = await http.SendAsync(Management(HttpMethod.Put, uri, emulator.AzureAccessToken, Deployment("gpt-4o-mini-2024-07-18.ft-unknown")));
            Assert.Equal("DeploymentModelNotSupported", unknownModel.Body["error"]!["code"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task OpenAISdk_UploadWithoutPartContentTypeAndTypedPendingFile_HitAzuresKnownTraps()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync(dialect: EmulatorDialect.Azure);
        var files = emulator.CreateOpenAIClient().GetOpenAIFileClient();

        // The SDK sends the file part without a Content-Type; Azure refuses it (azure-sdk-for-net#44710, #46514).
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => files.UploadFileAsync(BinaryData.FromString(TechFlowTrainingData.ToJsonl()), "train.jsonl", OpenAI.Files.FileUploadPurpose.FineTune));
        Assert.Equal(400, refused.Status);
        Assert.Contains("no or an empty content type", refused.Message, StringComparison.Ordinal);

        // A file uploaded correctly reads "pending" at first, a value the SDK's typed file model does not know (openai-dotnet#312).
        using var http = new EmulatorHttp(emulator);
        var uploaded = await http.UploadAsync(TechFlowTrainingData.ToJsonl());
        Assert.Equal("pending", uploaded.Body["status"]!.GetValue<string>());
        var typed = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => files.GetFileAsync(uploaded.Id));
        Assert.Contains("pending", typed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAISdk_CreateOpenAIClient_TalksToTheAzureDataPlaneOverHttps()
    {
        await using var emulator = await EmulatorScenario.StartFrozenAsync(dialect: EmulatorDialect.Azure);
        var chat = emulator.CreateOpenAIClient().GetChatClient("gpt-4o-mini");

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("How do I reset my password?")]);

        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => emulator.CreateOpenAIClient().GetChatClient("not-deployed").CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(404, refused.Status);
    }
}
