using System.Text;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Tests.Datasets.Jsonl;

/// <summary>The one JSONL parser: every accepted variant read faithfully, and no input ever makes it throw.</summary>
public class JsonlExampleReaderTests
{
    private static readonly string[] Variants =
    [
        """{"_toolkit_metadata":{"tags":["a"],"category":"c"},"parallel_tool_calls":null,"messages":[{"content":"x","role":"user","extra":{"deep":[1,2,{"a":null}]}},{"weight":1,"role":"assistant","content":"y"}],"tools":null}""",
        """{"messages":[{"role":"user","content":null,"name":null,"refusal":null,"tool_call_id":null,"tool_calls":null,"weight":null}]}""",
        """{"messages":[{"r\u006fle":"\u0075ser","content":"esc \u00e9 \ud83d\udd10 \" \\ \n"}]}""",
        """{"non_preferred_output":[{"role":"assistant","content":"b"}],"preferred_output":[{"role":"assistant","content":"a"}],"input":{"parallel_tool_calls":false,"tools":[{"function":{"strict":null,"parameters":{"type":"object"},"name":"f"}}],"messages":[{"role":"user","content":"q"}]}}""",
        """{"messages":[{"role":"user","content":[{"text":"t","type":"text"},{"image_url":{"detail":null,"url":"u"},"type":"image_url"}]}]}""",
        """{"messages":[{"role":"assistant","tool_calls":[{"function":{"arguments":"{}","name":"f"},"id":"1"}]}],"input":{"messages":3}}""",
        """{"messages":[{"role":"user","content":"dup"}],"messages":[{"role":"user","content":"dup2"}]}""",
        """{"messages":[{"role":"user","content":"x"}],"_toolkit_metadata":null}""",
        """  {"messages":[]}  """,
    ];

    private static IEnumerable<string> Corpus() => JsonlRoundTripTests.AllFieldLines.Concat(Variants);

    private static DatasetExample Parse(string line)
    {
        Assert.True(JsonlExampleReader.TryParse(new JsonlLine(), Encoding.UTF8.GetBytes(line), 1, 64, out var example, out var error), error?.Message);
        return example!;
    }

    [Fact]
    public void TryParse_ValidVariants_ReadsEveryField()
    {
        Assert.All(Corpus(), line => Parse(line));

        var metadata = (TrainingExample)Parse(Variants[0]);
        Assert.Equal("c", metadata.Category);
        Assert.Equal(["a"], metadata.Tags);
        Assert.Equal(1, metadata.Messages[1].Weight);
        Assert.Equal("esc é 🔐 \" \\ \n", ((TrainingExample)Parse(Variants[2])).Messages[0].Content);
        var preference = (PreferenceExample)Parse(Variants[3]);
        Assert.Equal("""{"type":"object"}""", preference.InputTools![0].ParametersJson);
        Assert.False(preference.ParallelToolCalls);
        var parts = ((TrainingExample)Parse(Variants[4])).Messages[0].ContentParts!;
        Assert.False(parts[0].IsImage);
        Assert.Equal("u", parts[1].ImageUrl);
        Assert.Equal("f", ((TrainingExample)Parse(Variants[5])).Messages[0].ToolCalls![0].FunctionName);
        Assert.Equal("dup2", ((TrainingExample)Parse(Variants[6])).Messages[0].Content);
    }

    [Theory]
    [InlineData("""{"messages":[]} x""", JsonlErrorCodes.InvalidJson)]
    [InlineData("""{"messages":[{"role":"user","content":5}],"x":[}""", JsonlErrorCodes.InvalidJson)]
    [InlineData("""[1,2]""", JsonlErrorCodes.NotAnObject)]
    [InlineData(""" """, JsonlErrorCodes.InvalidJson)]
    public void TryParse_SyntaxErrors_WinOverMappingErrors(string line, string code)
    {
        Assert.False(JsonlExampleReader.TryParse(new JsonlLine(), Encoding.UTF8.GetBytes(line), 1, 64, out _, out var error));
        Assert.Equal(code, error!.Code);
    }

    [Fact]
    public void TryParse_Nested100000Deep_ReportsDepthWithoutThrowing()
    {
        var deep = Encoding.UTF8.GetBytes("{\"messages\":" + new string('[', 100_000) + new string(']', 100_000) + "}");

        Assert.False(JsonlExampleReader.TryParse(new JsonlLine(), deep, 3, 64, out _, out var error));
        Assert.Equal(JsonlErrorCodes.MaxDepthExceeded, error!.Code);
    }

    [Fact]
    public void TryParse_RandomMutations_NeverThrowAndNameTheLine()
    {
        var random = new Random(12345);
        byte[] alphabet = "{}[]\":,\\ nul0123456789.-eE\"tfa\u00e9"u8.ToArray();
        var corpus = Corpus().Select(Encoding.UTF8.GetBytes).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            var line = (byte[])corpus[random.Next(corpus.Length)].Clone();
            var edits = random.Next(1, 4);
            for (var e = 0; e < edits; e++)
            {
                switch (random.Next(3))
                {
                    case 0:
                        line[random.Next(line.Length)] = alphabet[random.Next(alphabet.Length)];
                        break;
                    case 1:
                        line = line[..random.Next(line.Length)];
                        break;
                    default:
                        var at = random.Next(line.Length);
                        line = [.. line[..at], .. line[Math.Min(line.Length, at + random.Next(1, 8))..]];
                        break;
                }

                if (line.Length == 0)
                {
                    break;
                }
            }

            var record = JsonlDatasetReader.ParseLine(line, i + 1);

            Assert.True(record.IsSuccess || record.Error!.Message.StartsWith($"Line {i + 1}", StringComparison.Ordinal));
            if (record.IsSuccess)
            {
                // What the parser accepts, the writer writes back to an equal example.
                var written = Dataset.Create([record.Example!]).ToJsonl(includeMetadata: true);
                Assert.Equal(record.Example, Parse(written.TrimEnd('\n')));
            }
        }
    }

    [Theory]
    [InlineData("""{"messages":[{"content":5,"role":7}]}""", "messages[0].content")]
    [InlineData("""{"messages":[{"role":7,"content":5}]}""", "messages[0].role")]
    [InlineData("""{"messages":[{"role":"user","content":"x"},{"content":"y"}],"tools":5}""", "messages[1].role")]
    [InlineData("""{"_toolkit_metadata":{"tags":[1]},"messages":[{"role":"robot","content":"x"}]}""", "_toolkit_metadata.tags[0]")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}],"input":5}""", null)]
    [InlineData("""{"input":{"messages":[{"role":"user","content":"x"}]},"preferred_output":[{"role":"assistant","content":"a"}]}""", "non_preferred_output")]
    public void TryParse_SeveralProblems_ReportsTheFirstOfTheLinesFormat(string line, string? field)
    {
        var ok = JsonlExampleReader.TryParse(new JsonlLine(), Encoding.UTF8.GetBytes(line), 1, 64, out _, out var error);

        Assert.Equal(field is null, ok);
        Assert.Equal(field, error?.Field);
    }

    [Theory]
    [InlineData("""{"messages":[{"role":"\ud800","content":"x"}]}""", "messages[0].role")]
    [InlineData("""{"messages":[{"role":"user","content":"x","\ud800":1}]}""", null)]
    [InlineData("""{"\udc00":1,"messages":[{"role":"user","content":[{"type":"\ud800x"}]}]}""", "messages[0].content[0].type")]
    public void TryParse_EscapedLoneSurrogateInAKeyOrValue_ReportsWithoutThrowing(string line, string? field)
    {
        var ok = JsonlExampleReader.TryParse(new JsonlLine(), Encoding.UTF8.GetBytes(line), 1, 64, out _, out var error);

        Assert.Equal(field is null, ok);
        Assert.Equal(field, error?.Field);
    }

    [Fact]
    public void Read_MalformedMessages_KeepsTheFactsOfEveryMessage()
    {
        var facts = new JsonlLine();
        var line = """{"category":"billing","messages":[5,{"role":7,"content":"x","mood":1,"mood":2},{"role":"user","content":[{"type":"text","text":"a"},{"type":"bad"},3]}]}""";

        JsonlExampleReader.Read(facts, Encoding.UTF8.GetBytes(line), 1, 64);

        Assert.Equal("messages[0]", facts.Error!.Field);
        Assert.Null(facts.ToExample());
        Assert.Equal("billing", facts.Category);
        Assert.Equal(3, facts.Messages.Count);
        Assert.Equal(System.Text.Json.JsonTokenType.Number, facts.Messages[0].Kind);
        Assert.Equal(System.Text.Json.JsonTokenType.Number, facts.Messages[1].RoleKind);
        Assert.Equal(["mood", "mood"], facts.Messages[1].UnknownKeys!);
        Assert.Equal(["text", "bad", null], facts.Messages[2].Parts.Select(p => p.Type));
    }

    [Fact]
    public void Read_ToolParametersAndCalls_KeepTheirRawTextAsWritten()
    {
        var facts = new JsonlLine();
        const string parameters = """{ "type" : "object",  "properties":{"id":{"type":"string"}} }""";
        const string calls = """[ {"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}} ]""";
        var line = Encoding.UTF8.GetBytes("""{"messages":[{"role":"assistant","tool_calls":""" + calls + """}],"tools":[{"type":"function","function":{"name":"f","parameters":""" + parameters + "}}]}");

        JsonlExampleReader.Read(facts, line, 1, 64);

        Assert.Null(facts.Error);
        Assert.Equal(parameters, facts.Tools[0].Parameters.TextOf(line));
        Assert.Equal(calls, facts.Messages[0].ToolCallsSpan.TextOf(line));
        Assert.Equal(parameters, ((TrainingExample)facts.ToExample()!).Tools![0].ParametersJson);
    }

    [Fact]
    public void Read_ReusedForAnotherLine_KeepsNothingOfTheFirst()
    {
        var facts = new JsonlLine();
        JsonlExampleReader.Read(facts, Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":"a","x":1},{"role":"assistant","content":"b"}],"tools":[]}"""), 1, 64);

        JsonlExampleReader.Read(facts, Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":[{"type":"text","text":"c"}]}]}"""), 2, 64);

        Assert.Null(facts.Error);
        Assert.Equal(1, facts.Messages.Count);
        Assert.Null(facts.Messages[0].UnknownKeys is { Count: > 0 } keys ? keys : null);
        Assert.Equal(System.Text.Json.JsonTokenType.None, facts.ToolsKind);
        Assert.Equal("c", ((TrainingExample)facts.ToExample()!).Messages[0].Text);
    }
}
