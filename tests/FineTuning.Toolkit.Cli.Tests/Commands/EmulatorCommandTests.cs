using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace FineTuning.Toolkit.Cli.Tests.Commands;

public sealed class EmulatorCommandTests
{
    [Fact]
    public async Task Emulator_GivenPort_ServesThereUntilInterrupted()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var interrupt = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = new CliHost(TextWriter.Synchronized(output), TextWriter.Synchronized(error), _ => null, interactive: false);
        var running = FtkApp.RunAsync(["emulator", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", "--key", "sk-port-test"], host, interrupt.Token);
        while (!output.ToString().Contains("endpoint", StringComparison.Ordinal) && !running.IsCompleted)
        {
            await Task.Delay(20);
        }

        using var announced = JsonDocument.Parse(output.ToString());
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/v1/models");
        request.Headers.Authorization = new("Bearer", "sk-port-test");
        using var models = await http.SendAsync(request);
        await interrupt.CancelAsync();
        var exitCode = await running;

        Assert.Equal($"http://127.0.0.1:{port}/v1", announced.RootElement.GetProperty("endpoint").GetString());
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Equal(0, exitCode);
        Assert.Contains("Stopping the emulator.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_AzureDialect_ServesBothPlanesOverHttpsWithTheCertificateItWrites()
    {
        var folder = TestData.NewFolder();
        try
        {
            using var interrupt = new CancellationTokenSource();
            using var output = new StringWriter();
            var host = new CliHost(TextWriter.Synchronized(output), TextWriter.Null, _ => null, interactive: false) { CurrentDirectory = folder };
            var running = FtkApp.RunAsync(["emulator", "--dialect", "azure", "--json", "--certificate", "emulator.pem"], host, interrupt.Token);
            while (!output.ToString().Contains("endpoint", StringComparison.Ordinal) && !running.IsCompleted)
            {
                await Task.Delay(20);
            }

            using var announced = JsonDocument.Parse(output.ToString());
            var root = announced.RootElement;
            using var trusted = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(folder, "emulator.pem")));
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(trusted.RawData),
            };
            using var http = new HttpClient(handler);
            using var files = new HttpRequestMessage(HttpMethod.Get, root.GetProperty("endpoint").GetString() + "/files");
            files.Headers.Add("api-key", root.GetProperty("apiKey").GetString());
            using var response = await http.SendAsync(files);
            await interrupt.CancelAsync();
            await running;

            Assert.Equal("azure", root.GetProperty("dialect").GetString());
            Assert.StartsWith("https://127.0.0.1:", root.GetProperty("endpoint").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("https://127.0.0.1:", root.GetProperty("managementEndpoint").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("accessToken").GetString()));
            Assert.Equal(trusted.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), root.GetProperty("certificateSha256").GetString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--port", "70000")]
    [InlineData("--speed", "-1")]
    [InlineData("--start-time", "next tuesday")]
    public async Task Emulator_OutOfRange_Exits2(string option, string value)
    {
        var run = await CliRun.RunAsync(["emulator", option, value]);

        Assert.Equal(2, run.ExitCode);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Emulator_StartTime_PinsTheSimulatedClockAndItsCutOffs(bool fromEnvironment)
    {
        // 2027-01-07: a day after OpenAI's cut-off, whatever today is; frozen (speed 0), so created_at is exactly that.
        const string start = "2027-01-07T09:00:00Z";
        using var interrupt = new CancellationTokenSource();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new Dictionary<string, string> { ["FTK_EMULATOR_START_TIME"] = start };
        var host = new CliHost(TextWriter.Synchronized(output), TextWriter.Synchronized(error), name => fromEnvironment && environment.TryGetValue(name, out var v) ? v : null, interactive: false);
        string[] args = fromEnvironment ? ["emulator", "--json", "--speed", "0", "--key", "sk-start"] : ["emulator", "--json", "--speed", "0", "--key", "sk-start", "--start-time", start];
        var running = FtkApp.RunAsync(args, host, interrupt.Token);
        while (!output.ToString().Contains("endpoint", StringComparison.Ordinal) && !running.IsCompleted)
        {
            await Task.Delay(20);
        }

        using var announced = JsonDocument.Parse(output.ToString());
        var endpoint = announced.RootElement.GetProperty("endpoint").GetString()!.TrimEnd('/');
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", "sk-start");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("fine-tune"), "purpose" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(TestData.ValidJsonl())), "file", "train.jsonl" },
        };
        using var uploaded = await http.PostAsync($"{endpoint}/files", form);
        using var file = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync());
        using var job = await http.PostAsync($"{endpoint}/fine_tuning/jobs", new StringContent(
            $$"""{"model":"gpt-4o-mini-2024-07-18","training_file":"{{file.RootElement.GetProperty("id").GetString()}}"}""", System.Text.Encoding.UTF8, "application/json"));
        var refusal = await job.Content.ReadAsStringAsync();
        await interrupt.CancelAsync();

        Assert.Equal(0, await running);
        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds(), file.RootElement.GetProperty("created_at").GetInt64());
        Assert.True(job.StatusCode == HttpStatusCode.Forbidden, refusal); // OpenAI takes no new jobs from 2027-01-06
        Assert.Contains("fine_tuning_unavailable", refusal, StringComparison.Ordinal);
    }
}
