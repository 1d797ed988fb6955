using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Tests.Contracts;

namespace FineTuning.Toolkit.Tests.Providers.Azure;

/// <summary>
/// The runner's Azure OpenAI data-plane requests (file upload, job create with <c>trainingType</c>) checked against
/// Azure's official v1 spec (<c>../shared/contracts/azure-openai-v1.json</c>).
/// </summary>
/// <remarks>
/// Two places where the spec and the service part ways, asserted here so a spec update is noticed:
/// <list type="bullet">
/// <item><c>trainingType</c> is not declared in the spec's <c>OpenAI.CreateFineTuningJobRequest</c>; the body passes only
/// because that schema leaves additional properties open. Azure's fine-tuning documentation and the service take it
/// (<c>standard</c>, <c>globalStandard</c>, <c>developerTier</c>).</item>
/// <item><c>AzureCreateFileRequestMultiPart</c> marks <c>expires_after</c> required; the service accepts uploads without it
/// (and fine-tuning files should not expire while a job may still read them), so the runner does not send it.</item>
/// </list>
/// </remarks>
public sealed partial class AzureRequestContractTests
{
    [SkippableFact]
    public async Task FineTuneJobRunner_OnAzure_UploadAndJobBodiesConformToAzureSpecWithTheTwoDocumentedDeviations()
    {
        var contract = ContractAssert.Require(OpenApiContract.LoadAzure());
        await using var lab = await AzureLab.StartAsync();
        using var recorder = new MultipartRecordingHandler(lab.Emulator.CreateHttpMessageHandler());
        var options = lab.Options;
        options.Transport = new HttpClientPipelineTransport(new HttpClient(recorder, disposeHandler: false));
        var runner = new FineTuneJobRunner(options, lab.Time);
        var request = FineTuneRequest.For("gpt-4o-mini-2024-07-18").WithTrainingFile(lab.WriteTrainingFile()).WithSuffix("techflow").WithEpochs(3).WithSeed(7);

        var result = await lab.Time.DriveAsync(runner.RunAsync(request));

        Assert.True(result.Succeeded, result.ToString());

        // Job create: conforms strictly, carries trainingType, which the spec does not declare (open additionalProperties).
        var job = Assert.Single(lab.Emulator.Requests.Entries, e => e.Method == "POST" && e.Route.EndsWith("/fine_tuning/jobs", StringComparison.Ordinal));
        var jobBody = JsonNode.Parse(job.RequestBody!)!;
        Assert.Equal("globalStandard", jobBody["trainingType"]!.GetValue<string>());
        ContractAssert.Conforms(contract, "OpenAI.CreateFineTuningJobRequest", jobBody);
        var declared = contract.Validate("OpenAI.CreateFineTuningJobRequest", JsonNode.Parse("""{"model":"m","training_file":"f","trainingType":42}"""), allowDeviations: false);
        Assert.True(declared.IsValid, "The spec now declares trainingType: drop the deviation note. " + declared);

        // File upload: the multipart fields against AzureCreateFileRequestMultiPart; the file part carries a Content-Type
        // (the OpenAI SDK's UploadFileAsync does not, and Azure answers 400 to it).
        var upload = Assert.Single(recorder.Uploads);
        Assert.Equal("/openai/v1/files", upload.Path);
        var fields = FormFields(upload.Body);
        Assert.Equal("fine-tune", fields["purpose"].Value);
        Assert.False(string.IsNullOrEmpty(fields["file"].ContentType), "The file part has no Content-Type.");
        var asJson = new JsonObject { ["purpose"] = fields["purpose"].Value, ["file"] = fields["file"].Value };
        var validation = contract.Validate("AzureCreateFileRequestMultiPart", asJson, allowDeviations: false);
        var violation = Assert.Single(validation.Violations);
        Assert.Contains("expires_after", violation.ToString(), StringComparison.Ordinal);
        asJson["expires_after"] = new JsonObject { ["seconds"] = 1209600, ["anchor"] = "created_at" };
        ContractAssert.Conforms(contract, "AzureCreateFileRequestMultiPart", asJson);
    }

    private static Dictionary<string, (string Value, string? ContentType)> FormFields(string body)
    {
        var fields = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        foreach (Match part in PartPattern().Matches(body))
        {
            var contentType = part.Groups["type"].Success ? part.Groups["type"].Value.Trim() : null;
            fields[part.Groups["name"].Value] = (part.Groups["value"].Value.TrimEnd('\r', '\n'), contentType);
        }

        return fields;
    }

    [GeneratedRegex("""Content-Disposition: form-data; name="?(?<name>[^";\r\n]+)"?[^\r\n]*\r\n(?:Content-Type: (?<type>[^\r\n]+)\r\n)?(?:[^\r\n]+\r\n)*\r\n(?<value>[\s\S]*?)\r\n--""", RegexOptions.IgnoreCase)]
    private static partial Regex PartPattern();
}
