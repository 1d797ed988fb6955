using FineTuning.Toolkit.Datasets;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Datasets;

public sealed class DatasetBuilderTests : IDisposable
{
    private const string Prompt = "You are TechFlow's helpful support assistant.";
    private readonly string _directory = Directory.CreateTempSubdirectory("ftt-builder-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Build_SystemPrompt_AppliedOnlyWhereMissing()
    {
        var dataset = DatasetBuilder.Create()
            .WithSystemPrompt(Prompt)
            .AddExample("account", e => e.User("How do I reset my password?").Assistant("Use Settings > Security."))
            .AddExample("account", e => e.System("Custom.").User("Hi").Assistant("Hello"))
            .AddExample("account", e => e.Developer("Dev.").User("Hi").Assistant("Hello"))
            .AddPreference("tone", p => p.User("Hi").Preferred("Hello!").NonPreferred("What?"))
            .Build();

        Assert.Equal(TrainingMessage.System(Prompt), ((TrainingExample)dataset[0]).Messages[0]);
        Assert.Equal(3, ((TrainingExample)dataset[0]).Messages.Count);
        Assert.Equal("Custom.", ((TrainingExample)dataset[1]).Messages[0].Content);
        Assert.Equal(3, ((TrainingExample)dataset[1]).Messages.Count);
        Assert.Equal(new ChatRole("developer"), ((TrainingExample)dataset[2]).Messages[0].Role);
        Assert.Equal(3, ((TrainingExample)dataset[2]).Messages.Count);
        Assert.Equal(TrainingMessage.System(Prompt), ((PreferenceExample)dataset[3]).InputMessages[0]);
    }

    [Fact]
    public void Build_SystemPrompt_AppliedToImportedExamplesToo()
    {
        var path = Path.Combine(_directory, "more.jsonl");
        File.WriteAllText(path, """{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"}]}""" + "\n");

        var dataset = DatasetBuilder.Create().AddJsonl(path).WithSystemPrompt(Prompt).Build();

        Assert.Equal(ChatRole.System, ((TrainingExample)dataset[0]).Messages[0].Role);
    }

    [Fact]
    public void AddConversation_MultiTurnWithToolsAndWeights_AllFieldsKept()
    {
        var weather = new ToolDefinition("get_weather", "Current weather", """{"type":"object","properties":{"city":{"type":"string"}}}""", Strict: true);

        var example = (TrainingExample)DatasetBuilder.Create()
            .AddConversation("tools", c => c
                .User("Weather in Paris?", name: "alice")
                .AssistantToolCalls(new ToolCall("call_1", "get_weather", """{"city":"Paris"}"""))
                .Tool("call_1", "18°C")
                .Assistant("It is 18°C.", weight: 1)
                .User("Thanks")
                .Assistant("You're welcome.", weight: 0)
                .User(ContentPart.FromText("And this?"), ContentPart.FromImageUrl("https://example.com/a.png", "low"))
                .AssistantRefusal("I can't see images.")
                .WithTool(weather)
                .WithParallelToolCalls(false)
                .WithTags("v2", "tools"))
            .Build()[0];

        Assert.Equal("tools", example.Category);
        Assert.Equal(["v2", "tools"], example.Tags);
        Assert.Equal(8, example.Messages.Count);
        Assert.Equal("alice", example.Messages[0].Name);
        Assert.Equal("call_1", example.Messages[1].ToolCalls![0].Id);
        Assert.Equal("call_1", example.Messages[2].ToolCallId);
        Assert.Equal(1, example.Messages[3].Weight);
        Assert.Equal(0, example.Messages[5].Weight);
        Assert.Equal(2, example.Messages[6].ContentParts!.Count);
        Assert.Equal("I can't see images.", example.Messages[7].Refusal);
        Assert.Equal([weather], example.Tools!);
        Assert.False(example.ParallelToolCalls);
    }

    [Fact]
    public void AddPreference_InputToolsAndOutputs_Kept()
    {
        var tool = new ToolDefinition("lookup");
        var example = (PreferenceExample)DatasetBuilder.Create()
            .AddPreference("tone", p => p.System("Be kind.").User("Hi").Assistant("Hello").User("Bye")
                .Preferred("Goodbye, have a nice day!").NonPreferred("Bye.").WithTool(tool).WithParallelToolCalls(true).WithTags("dpo"))
            .Build()[0];

        Assert.Equal(4, example.InputMessages.Count);
        Assert.Equal("Goodbye, have a nice day!", example.PreferredOutput.Single().Content);
        Assert.Equal("Bye.", example.NonPreferredOutput.Single().Content);
        Assert.Equal([tool], example.InputTools!);
        Assert.True(example.ParallelToolCalls);
        Assert.Equal(["dpo"], example.Tags);
    }

    [Fact]
    public void Build_EmptyConversation_ThrowsNamingExample()
    {
        var builder = DatasetBuilder.Create()
            .AddExample("ok", "a", "b")
            .AddExample("billing", _ => { });

        var ex = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("Example 1 (category 'billing'): the conversation is empty.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MalformedMessages_AllReported()
    {
        var builder = DatasetBuilder.Create()
            .Add(new TrainingExample { Messages = [new TrainingMessage { Role = ChatRole.User }] })
            .Add(new TrainingExample { Messages = [new TrainingMessage { Role = ChatRole.Tool, Content = "x" }] })
            .Add(new TrainingExample { Messages = [new TrainingMessage { Role = ChatRole.User, Content = "x", ContentParts = [ContentPart.FromText("y")] }] })
            .AddPreference(null, p => p.User("x"))
            .AddExample(null, e => e.User("a").Assistant("b").WithTool(new ToolDefinition("f", ParametersJson: "[1]")))
            .AddPreference(null, p => p.User("a").Preferred("b").NonPreferred("c").WithTool(new ToolDefinition(" ")))
            .Add(new TrainingExample { Messages = [new TrainingMessage { Role = new ChatRole("function"), Content = "x" }] });

        var ex = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("Example 0, messages[0]: the message has no content", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Example 1, messages[0]: the tool message has no tool_call_id", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Example 2, messages[0]: the message has both", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Example 3: the preferred output is empty", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Example 3: the non-preferred output is empty", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Example 4, tools[0]: the parameters of 'f' are not a JSON object", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Example 5, input.tools[0]: the tool has no name", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Example 6, messages[0]: the role 'function' is not one of system, developer, user, assistant or tool", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddRange_PreviousVersionPlusAdditions_NextVersion()
    {
        var v1 = DatasetBuilder.Create().AddExample("billing", "Where is my invoice?", "Under Billing.").Build();

        var v2 = DatasetBuilder.Create()
            .AddRange(v1)
            .AddExample("security", "How do I enable 2FA?", "Settings > Security > 2FA.")
            .Build();

        Assert.Equal(2, v2.Count);
        Assert.Equal(v1[0], v2[0]);
        Assert.Equal(v1.Merge(Dataset.Create([v2[1]])), v2);
    }

    [Fact]
    public void Deduplicate_ExactAndNormalized_KeepFirstOccurrence()
    {
        static DatasetBuilder Make() => DatasetBuilder.Create()
            .AddExample("a", "Reset my password", "Go to Settings.")
            .AddExample("b", "Reset my password", "Go to Settings.")
            .AddExample("a", "  reset   MY password\n", "go to settings.")
            .AddExample("a", "Something else", "Go to Settings.");

        var exact = Make().Deduplicate().Build();
        var normalized = Make().Deduplicate(DatasetExample.NormalizedContentComparer).Build();

        Assert.Equal(3, exact.Count);
        Assert.Equal("a", exact[0].Category);
        Assert.Equal(2, normalized.Count);
        Assert.Equal("Something else", ((TrainingExample)normalized[1]).Messages[0].Content);
    }

    [Fact]
    public void Shuffle_SameSeed_SameOrderDifferentSeedDifferentOrder()
    {
        static Dataset Make(int seed)
        {
            var builder = DatasetBuilder.Create();
            for (var i = 0; i < 50; i++)
            {
                builder.AddExample(null, $"q{i}", $"a{i}");
            }

            return builder.Shuffle(seed).Build();
        }

        Assert.Equal(Make(7), Make(7));
        Assert.NotEqual(Make(7), Make(8));
        Assert.Equal(
            Make(7).Select(e => ((TrainingExample)e).Messages[0].Content).Order(StringComparer.Ordinal),
            Enumerable.Range(0, 50).Select(i => $"q{i}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddJsonl_MetadataAndBlankLines_Imported()
    {
        var path = Path.Combine(_directory, "v1.jsonl");
        var v1 = DatasetBuilder.Create()
            .AddExample("billing", e => e.User("a").Assistant("b").WithTags("v1"))
            .AddExample(null, "c", "d")
            .Build();
        File.WriteAllText(path, v1.ToJsonl(includeMetadata: true) + "\n\n");

        var back = DatasetBuilder.Create().AddJsonl(path).Build();

        Assert.Equal(v1, back);
    }

    [Fact]
    public void AddJsonl_BadLine_ThrowsNamingFileAndLineAndAddsNothing()
    {
        var path = Path.Combine(_directory, "bad.jsonl");
        File.WriteAllText(path, """
            {"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"}]}
            {"messages":[{"role":"user","content":"a"},{"role":"robot","content":"b"}]}
            """);
        var builder = DatasetBuilder.Create();

        var ex = Assert.Throws<DataFormatException>(() => builder.AddJsonl(path));

        Assert.Equal(path, ex.FilePath);
        Assert.Equal(2, ex.LineNumber);
        Assert.Equal("invalid_value", ex.Code);
        Assert.Equal("messages[1].role", ex.Field);
        Assert.StartsWith($"{path}(2), field 'messages[1].role': ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, builder.Count);
    }

    [Fact]
    public void Methods_NullArguments_Throw()
    {
        var builder = DatasetBuilder.Create();

        Assert.Throws<ArgumentNullException>("systemPrompt", () => builder.WithSystemPrompt(null!));
        Assert.Throws<ArgumentException>("systemPrompt", () => builder.WithSystemPrompt(" "));
        Assert.Throws<ArgumentNullException>("configure", () => builder.AddExample("c", (Action<ConversationBuilder>)null!));
        Assert.Throws<ArgumentNullException>("configure", () => builder.AddExample((Action<ConversationBuilder>)null!));
        Assert.Throws<ArgumentNullException>("user", () => builder.AddExample("c", null!, "a"));
        Assert.Throws<ArgumentNullException>("assistant", () => builder.AddExample("c", "u", null!));
        Assert.Throws<ArgumentNullException>("configure", () => builder.AddConversation("c", null!));
        Assert.Throws<ArgumentNullException>("configure", () => builder.AddPreference("c", null!));
        Assert.Throws<ArgumentNullException>("example", () => builder.Add(null!));
        Assert.Throws<ArgumentNullException>("examples", () => builder.AddRange(null!));
        Assert.Throws<ArgumentNullException>("examples", () => builder.AddRange([null!]));
        Assert.Throws<ArgumentNullException>("path", () => builder.AddJsonl(null!));
        Assert.Throws<ArgumentNullException>("path", () => builder.AddCsv(null!));
        Assert.Throws<ArgumentNullException>("content", () => builder.AddExample(null, e => e.User((string)null!)));
        Assert.Throws<ArgumentNullException>("message", () => builder.AddExample(null, e => e.Message(null!)));
        Assert.Throws<ArgumentNullException>("tool", () => builder.AddExample(null, e => e.WithTool(null!)));
        Assert.Throws<ArgumentNullException>("toolCallId", () => builder.AddExample(null, e => e.Tool(null!, "x")));
        Assert.Throws<ArgumentNullException>("refusal", () => builder.AddExample(null, e => e.AssistantRefusal(null!)));
        Assert.Throws<ArgumentNullException>("content", () => builder.AddPreference(null, p => p.Preferred((string)null!)));
        Assert.Throws<ArgumentNullException>("message", () => builder.AddPreference(null, p => p.NonPreferred((TrainingMessage)null!)));
        Assert.Throws<FileNotFoundException>(() => builder.AddJsonl(Path.Combine(_directory, "missing.jsonl")));
    }
}
