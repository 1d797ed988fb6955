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
    public async Task Emulator_OutOfRange_Exits2(string option, string value)
    {
        var run = await CliRun.RunAsync(["emulator", option, value]);

        Assert.Equal(2, run.ExitCode);
    }
}
