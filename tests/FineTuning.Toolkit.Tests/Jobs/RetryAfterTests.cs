using System.ClientModel.Primitives;
using FineTuning.Toolkit.Internal;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("retry-after-ms", "1500", 1500)]
    [InlineData("retry-after", "7", 7000)]
    [InlineData("retry-after", "0.5", 500)]
    [InlineData("retry-after", "Mon, 05 Jan 2026 09:00:12 GMT", 12000)]
    [InlineData("retry-after", "Mon, 05 Jan 2026 08:00:00 GMT", 0)]
    public async Task Parse_Header_ReturnsDelay(string name, string value, int expectedMs)
    {
        var headers = Headers((name, value));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryAfterHeader.Parse(await headers, Now));
    }

    [Fact]
    public async Task Parse_BothHeaders_PrefersMilliseconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), RetryAfterHeader.Parse(await Headers(("retry-after", "3"), ("retry-after-ms", "250")), Now));
    }

    [Theory]
    [InlineData("retry-after", "soon")]
    [InlineData("retry-after-ms", "-5")]
    [InlineData("x-other", "5")]
    public async Task Parse_MissingOrInvalid_ReturnsNull(string name, string value)
    {
        Assert.Null(RetryAfterHeader.Parse(await Headers((name, value)), Now));
    }

    private static async Task<PipelineResponseHeaders> Headers(params (string Name, string Value)[] headers)
    {
        // Build the SDK's header view through a real pipeline round trip.
        var transport = new HttpClientPipelineTransport(new HttpClient(new StaticHandler(headers)));
        var message = transport.CreateMessage();
        message.Request.Uri = new Uri("https://example.test/");
        message.Request.Method = "GET";
        await transport.ProcessAsync(message);
        return message.Response!.Headers;
    }

    private sealed class StaticHandler((string Name, string Value)[] headers) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests) { Content = new StringContent(string.Empty) };
            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return Task.FromResult(response);
        }
    }
}
