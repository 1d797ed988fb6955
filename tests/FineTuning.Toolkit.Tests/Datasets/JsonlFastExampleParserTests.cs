using System.Text;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Internal;

namespace FineTuning.Toolkit.Tests.Datasets;

/// <summary>The single-pass fast path must agree with the document-based parser whenever it answers.</summary>
public class JsonlFastExampleParserTests
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
        """{"messages":[]} x""",
    ];

    private static IEnumerable<string> Corpus() => JsonlRoundTripTests.AllFieldLines.Concat(Variants);

    [Fact]
    public void TryParse_ValidVariants_SameAsDocumentParser()
    {
        foreach (var line in Corpus())
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var slowOk = JsonlExampleParser.TryParseDocument(bytes, 1, 64, out var slow, out var error);
            var fast = JsonlFastExampleParser.TryParse(bytes, 64);

            if (fast is not null)
            {
                Assert.True(slowOk, $"fast path accepted what the document parser rejects ({error?.Message}): {line}");
                Assert.Equal(slow, fast);
            }
        }

        Assert.All(JsonlRoundTripTests.AllFieldLines, l => Assert.NotNull(JsonlFastExampleParser.TryParse(Encoding.UTF8.GetBytes(l), 64)));
    }

    [Fact]
    public void ParseLine_RandomMutations_NeverThrowAndPathsAgree()
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
            if (System.Text.Unicode.Utf8.IsValid(line) && JsonlFastExampleParser.TryParse(line, 64) is { } fast)
            {
                var slowOk = JsonlExampleParser.TryParseDocument(line, 1, 64, out var slow, out var error);
                Assert.True(slowOk, $"fast path accepted what the document parser rejects ({error?.Message}): {Encoding.UTF8.GetString(line)}");
                Assert.Equal(slow, fast);
            }

            Assert.True(record.IsSuccess || record.Error!.Message.StartsWith($"Line {i + 1}", StringComparison.Ordinal));
        }
    }
}
