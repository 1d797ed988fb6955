using System.Net.Http.Headers;
using FineTuning.Toolkit.Providers;
using FineTuning.Toolkit.Testing;
using FineTuning.Toolkit.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FineTuning.Toolkit.Tests.Providers;

/// <summary>The README's "Providers" snippets, compiled and run.</summary>
public sealed class ProvidersReadmeExampleTests
{
    [Fact]
    public async Task ReadmeLifecycleSnippet_AfterTheOpenAICutOff_NamesTheDateAndTheAlternatives()
    {
        var timeProvider = new FakeTimeProvider(new DateTimeOffset(2027, 1, 7, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await EmulatorScenario.StartFrozenAsync();
        using var http = new EmulatorHttp(emulator);
        var modelsJson = (await http.GetAsync("/v1/models")).Text;
        using var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            var catalog = ModelLifecycleCatalog.Default.WithShutdownDates(ModelLifecycleCatalog.OpenAI, modelsJson);
            ModelLifecycleCheck check = catalog.CheckTraining(ModelLifecycleCatalog.OpenAI, "gpt-4o-mini-2024-07-18", timeProvider.GetUtcNow());
            if (check.IsPastCutOff)
            {
                Console.WriteLine(check.Message); // names the date and the providers that still train
            }
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Contains("2027-01-06", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("azure: gpt-4o-mini-2024-07-18 (until 2027-04-01)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadmeAzureEmulatorSnippet_ManagementPlane_AnswersOverTrustedHttps()
    {
        await using var azure = await OpenAIEmulator.StartAsync(new OpenAIEmulatorOptions { Dialect = EmulatorDialect.Azure });
        using var http = new HttpClient(azure.CreateHttpMessageHandler()); // trusts the emulator's development certificate
        Uri deployment = azure.GetDeploymentUri("techflow-support");     // PUT/GET/DELETE with Authorization: Bearer {azure.AzureAccessToken}

        using var request = new HttpRequestMessage(HttpMethod.Get, deployment);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", azure.AzureAccessToken);
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ResourceNotFound", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
