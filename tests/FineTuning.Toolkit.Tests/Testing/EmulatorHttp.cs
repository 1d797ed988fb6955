using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Testing;

namespace FineTuning.Toolkit.Tests.Testing;

/// <summary>Raw HTTP against an emulator, for tests that look at status codes, headers and exact bodies.</summary>
internal sealed class EmulatorHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly OpenAIEmulator _emulator;

    /// <summary>Sends the dialect's credential: <c>api-key</c> for Azure, <c>Authorization: Bearer</c> otherwise; over
    /// HTTPS it trusts the emulator's development certificate.</summary>
    public EmulatorHttp(OpenAIEmulator emulator, string? apiKey = null, TimeSpan? timeout = null)
    {
        _emulator = emulator;
        _client = emulator.Certificate is null ? new HttpClient() : new HttpClient(emulator.CreateHttpMessageHandler(), disposeHandler: true);
        _client.BaseAddress = emulator.BaseAddress;
        _client.Timeout = timeout ?? TimeSpan.FromSeconds(30);
        if (emulator.Dialect == EmulatorDialect.Azure)
        {
            _client.DefaultRequestHeaders.Add("api-key", apiKey ?? emulator.ApiKey);
        }
        else
        {
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? emulator.ApiKey);
        }
    }

    /// <summary>Gets the path of the API root: <c>/v1</c>, or <c>/openai/v1</c> for Azure.</summary>
    public string Prefix => _emulator.Endpoint.AbsolutePath.TrimEnd('/');

    public HttpClient Client => _client;

    public Task<EmulatorResponse> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<EmulatorResponse> DeleteAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, path));

    public Task<EmulatorResponse> PostAsync(string path, JsonNode? body = null) => SendAsync(new HttpRequestMessage(HttpMethod.Post, path)
    {
        Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
    });

    public Task<EmulatorResponse> UploadAsync(string content, string filename = "train.jsonl", string purpose = "fine-tune")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(purpose), "purpose" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "file", filename },
        };
        if (_emulator.Dialect == EmulatorDialect.Together)
        {
            form.Add(new StringContent(filename), "file_name");
            return SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/files/upload") { Content = form });
        }

        return SendAsync(new HttpRequestMessage(HttpMethod.Post, Prefix + "/files") { Content = form });
    }

    public Task<EmulatorResponse> AddPartAsync(string uploadId, byte[] data)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(data), "data", "part" } };
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/uploads/{uploadId}/parts") { Content = form });
    }

    public async Task<EmulatorResponse> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            JsonNode? json = null;
            if (response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                json = JsonNode.Parse(text);
            }

            return new EmulatorResponse((int)response.StatusCode, text, json, headers);
        }
    }

    public void Dispose() => _client.Dispose();
}
