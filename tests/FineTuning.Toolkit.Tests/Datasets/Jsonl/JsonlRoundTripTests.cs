using System.Text;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Datasets.Jsonl;

public class JsonlRoundTripTests
{
    // Every field of OpenAI's chat and preference formats, one example per line.
    internal static readonly string[] AllFieldLines =
    [
        """{"messages":[{"role":"system","content":"You are TechFlow's assistant.","name":"sys"},{"role":"user","content":"Hi 🔐 café","name":"alice"},{"role":"assistant","content":"Hello!","weight":0},{"role":"user","content":"Again"},{"role":"assistant","content":"Sure.","weight":1}]}""",
        """{"messages":[{"role":"developer","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"What is in this image?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"high"}},{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},{"type":"image_url","image_url":{"url":"https://example.com/b.png","detail":"low"}},{"type":"image_url","image_url":{"url":"https://example.com/c.png","detail":"auto"}}]},{"role":"assistant","content":[{"type":"text","text":"A cat."}]}]}""",
        """{"messages":[{"role":"user","content":"Weather in Paris?"},{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_1","content":"18°C"},{"role":"tool","tool_call_id":"call_2","content":"12:00"},{"role":"assistant","content":"18°C at noon."}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false},"strict":true}},{"type":"function","function":{"name":"get_time"}}],"parallel_tool_calls":false}""",
        """{"messages":[{"role":"user","content":"Help me pick a lock."},{"role":"assistant","refusal":"I can't help with that."}]}""",
        """{"input":{"messages":[{"role":"system","content":"Be kind."},{"role":"user","content":"Hello"}],"tools":[{"type":"function","function":{"name":"lookup","description":"Look up","parameters":{"type":"object","properties":{}},"strict":false}}],"parallel_tool_calls":true},"preferred_output":[{"role":"assistant","content":"Hi! How can I help? 😊"}],"non_preferred_output":[{"role":"assistant","content":"What."}]}""",
        """{"input":{"messages":[{"role":"user","content":"2+2?"}]},"preferred_output":[{"role":"assistant","content":"4"}],"non_preferred_output":[{"role":"assistant","tool_calls":[{"id":"c","type":"function","function":{"name":"calc","arguments":"{\"e\":\"2+2\"}"}}]}]}""",
    ];

    private static async Task<List<JsonlRecord>> ReadAsync(string text, JsonlReaderOptions? options = null)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var records = new List<JsonlRecord>();
        await foreach (var record in JsonlDatasetReader.ReadAsync(stream, options))
        {
            records.Add(record);
        }

        return records;
    }

    [Fact]
    public async Task ReadThenWrite_EveryFormatField_PreservedAsJson()
    {
        var records = await ReadAsync(string.Join("\n", AllFieldLines) + "\n");
        Assert.All(records, r => Assert.True(r.IsSuccess, r.ToString()));
        var dataset = Dataset.Create(records.Select(r => r.Example!));

        using var output = new MemoryStream();
        await dataset.WriteJsonlAsync(output);
        var written = Encoding.UTF8.GetString(output.ToArray()).Split('\n');

        Assert.Equal(AllFieldLines.Length + 1, written.Length);
        Assert.Equal(string.Empty, written[^1]);
        for (var i = 0; i < AllFieldLines.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(AllFieldLines[i]), JsonNode.Parse(written[i])),
                $"Line {i + 1} differs:\nexpected {AllFieldLines[i]}\nactual   {written[i]}");
        }
    }

    [Fact]
    public async Task Read_EveryFormatField_MappedToModel()
    {
        var records = await ReadAsync(string.Join("\n", AllFieldLines));
        var chat = (TrainingExample)records[0].Example!;
        Assert.Equal("alice", chat.Messages[1].Name);
        Assert.Equal("Hi 🔐 café", chat.Messages[1].Content);
        Assert.Equal(0, chat.Messages[2].Weight);
        Assert.Equal(1, chat.Messages[4].Weight);
        Assert.Null(chat.Messages[3].Weight);

        var parts = ((TrainingExample)records[1].Example!).Messages[1].ContentParts!;
        Assert.Equal(ContentPart.FromText("What is in this image?"), parts[0]);
        Assert.Equal(ContentPart.FromImageUrl("https://example.com/a.png", "high"), parts[1]);
        Assert.Equal(ContentPart.FromImageUrl("data:image/png;base64,iVBORw0KGgo="), parts[2]);
        Assert.Equal(new ChatRole("developer"), ((TrainingExample)records[1].Example!).Messages[0].Role);

        var tools = (TrainingExample)records[2].Example!;
        Assert.Equal(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"), tools.Messages[1].ToolCalls![0]);
        Assert.Equal("call_2", tools.Messages[3].ToolCallId);
        Assert.Equal(ChatRole.Tool, tools.Messages[3].Role);
        Assert.Equal("get_weather", tools.Tools![0].Name);
        Assert.Equal("Current weather", tools.Tools[0].Description);
        Assert.True(tools.Tools[0].Strict);
        Assert.Contains("\"city\"", tools.Tools[0].ParametersJson, StringComparison.Ordinal);
        Assert.False(tools.ParallelToolCalls);

        Assert.Equal("I can't help with that.", ((TrainingExample)records[3].Example!).Messages[1].Refusal);

        var dpo = (PreferenceExample)records[4].Example!;
        Assert.Equal(2, dpo.InputMessages.Count);
        Assert.Equal("lookup", dpo.InputTools![0].Name);
        Assert.True(dpo.ParallelToolCalls);
        Assert.Equal("Hi! How can I help? 😊", dpo.PreferredOutput[0].Content);
        Assert.Equal("What.", dpo.NonPreferredOutput[0].Content);
    }

    [Fact]
    public async Task WriteThenRead_ModelBuiltInCode_EqualDataset()
    {
        var dataset = Dataset.Create((await ReadAsync(string.Join("\n", AllFieldLines))).Select(r => r.Example!));

        var again = Dataset.Create((await ReadAsync(dataset.ToJsonl())).Select(r => r.Example!));

        Assert.Equal(dataset, again);
    }

    [Fact]
    public async Task WriteJsonlAsync_Emoji_RawUtf8LfNoBom()
    {
        var dataset = Dataset.Create(
        [
            new TrainingExample { Messages = [TrainingMessage.User("Lock 🔐 <b>&'\"</b>"), TrainingMessage.Assistant("été\nnext")] },
            new TrainingExample { Messages = [TrainingMessage.User("2"), TrainingMessage.Assistant("3")] },
        ]);
        using var output = new MemoryStream();

        await dataset.WriteJsonlAsync(output);
        var bytes = output.ToArray();
        var text = Encoding.UTF8.GetString(bytes);

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Contains("🔐", text, StringComparison.Ordinal);
        Assert.Contains("été", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Count(c => c == '\n'));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteJsonlAsync_MetadataOffByDefault_NotWritten()
    {
        var dataset = Dataset.Create([new TrainingExample { Category = "billing", Tags = ["v1"], Messages = [TrainingMessage.User("a")] }]);

        var plain = dataset.ToJsonl();
        Assert.DoesNotContain(JsonlExampleWriter.MetadataPropertyName, plain, StringComparison.Ordinal);
        Assert.DoesNotContain("billing", plain, StringComparison.Ordinal);

        var withMetadata = dataset.ToJsonl(includeMetadata: true);
        Assert.Contains("\"_toolkit_metadata\":{\"category\":\"billing\",\"tags\":[\"v1\"]}", withMetadata, StringComparison.Ordinal);

        var back = (await ReadAsync(withMetadata)).Single().Example!;
        Assert.Equal(dataset[0], back);
        Assert.Null((await ReadAsync(plain)).Single().Example!.Category);
    }

    [Fact]
    public async Task WriteJsonlAsync_NullArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>("path", () => Dataset.Empty.WriteJsonlAsync((string)null!));
        await Assert.ThrowsAsync<ArgumentNullException>("stream", () => Dataset.Empty.WriteJsonlAsync((Stream)null!));
        Assert.Throws<ArgumentNullException>("path", () => JsonlDatasetReader.ReadAsync((string)null!));
        Assert.Throws<ArgumentNullException>("stream", () => JsonlDatasetReader.ReadAsync((Stream)null!));
    }
}
