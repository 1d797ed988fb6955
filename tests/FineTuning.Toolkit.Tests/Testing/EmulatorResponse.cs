using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Tests.Testing;

/// <summary>A raw emulator response: status, body text, parsed JSON and headers (lower-case names).</summary>
internal sealed record EmulatorResponse(int Status, string Text, JsonNode? Json, IReadOnlyDictionary<string, string> Headers)
{
    public JsonNode Body => Json ?? throw new InvalidOperationException($"Status {Status}, not JSON: {Text}");

    public string Id => Body["id"]!.GetValue<string>();
}
