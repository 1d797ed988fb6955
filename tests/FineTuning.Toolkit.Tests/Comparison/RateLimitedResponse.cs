using System.ClientModel.Primitives;

namespace FineTuning.Toolkit.Tests.Comparison;

/// <summary>A hand-written <see cref="PipelineResponse"/> for a 429 with retry-after headers.</summary>
internal sealed class RateLimitedResponse : PipelineResponse
{
    private readonly FakeHeaders _headers;

    public RateLimitedResponse(params (string Name, string Value)[] headers)
    {
        _headers = new FakeHeaders(headers);
    }

    public override int Status => 429;

    public override string ReasonPhrase => "Too Many Requests";

    public override Stream? ContentStream { get; set; } = new MemoryStream();

    public override BinaryData Content => BinaryData.FromString("{\"error\": {\"message\": \"Rate limit reached\"}}");

    protected override PipelineResponseHeaders HeadersCore => _headers;

    public override BinaryData BufferContent(CancellationToken cancellationToken = default) => Content;

    public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Content);

    public override void Dispose()
    {
    }

    private sealed class FakeHeaders((string Name, string Value)[] headers) : PipelineResponseHeaders
    {
        public override IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
            headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).GetEnumerator();

        public override bool TryGetValue(string name, out string? value)
        {
            var match = headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
            value = match.Value;
            return match.Name is not null;
        }

        public override bool TryGetValues(string name, out IEnumerable<string>? values)
        {
            var found = TryGetValue(name, out var value);
            values = found ? [value!] : null;
            return found;
        }
    }
}
