using FineTuning.Toolkit.Comparison;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Comparison;

public class TestSuiteTests
{
    [Theory]
    [InlineData("techflow-lab.json")]
    [InlineData("techflow-lab.jsonl")]
    public async Task LoadAsync_ExampleFiles_ReadCasesAndExpectations(string file)
    {
        var suite = await TestSuite.LoadAsync(ComparisonTestFiles.Data(file));

        Assert.Equal("techflow-lab", suite.Name);
        Assert.Equal("You are TechFlow's helpful support assistant.", suite.SystemPrompt);
        Assert.Equal(["payment-failed", "refund", "export-data", "service-down", "reset-follow-up"], suite.Cases.Select(c => c.Id));
        Assert.True(suite.Cases[1].Expectations.ShouldEscalate);
        Assert.Equal(["late fee"], suite.Cases[0].Expectations.MustNotInvent);
        Assert.Equal("Settings > Data > Export, CSV or JSON.", suite.Cases[2].Expectations.ReferenceAnswer);
        var multi = suite.Cases[4];
        Assert.True(multi.IsMultiTurn);
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.User], multi.Messages.Select(m => m.Role));
        Assert.Equal("I did that but the email never came.", multi.Prompt);
    }

    [Fact]
    public async Task ToJsonAndToJsonl_RoundTrip_SameSuite()
    {
        var suite = await TestSuite.LoadAsync(ComparisonTestFiles.Data("techflow-lab.json"));

        var fromJson = TestSuite.FromJson(suite.ToJson());
        var fromJsonl = TestSuite.FromJsonl(suite.ToJsonl());

        foreach (var copy in new[] { fromJson, fromJsonl })
        {
            Assert.Equal(suite.Name, copy.Name);
            Assert.Equal(suite.SystemPrompt, copy.SystemPrompt);
            Assert.Equal(suite.Cases.Select(c => (c.Id, c.Category, c.Prompt, c.Messages.Count, c.Expectations.ShouldEscalate)), copy.Cases.Select(c => (c.Id, c.Category, c.Prompt, c.Messages.Count, c.Expectations.ShouldEscalate)));
        }
    }

    [Fact]
    public void FromJsonl_BadLine_NamesSourceLineCaseAndField()
    {
        var jsonl = "{\"id\": \"a\", \"prompt\": \"hi\"}\n{\"id\": \"b\", \"prompt\": \"hi\", \"expectations\": {\"shouldEscalate\": \"yes\"}}\n";

        var ex = Assert.Throws<DataFormatException>(() => TestSuite.FromJsonl(jsonl, "cases.jsonl"));

        Assert.Equal(2, ex.LineNumber);
        Assert.Equal("b", ex.CaseId);
        Assert.Equal("expectations.shouldEscalate", ex.Field);
        Assert.StartsWith("cases.jsonl(2), case 'b', field 'expectations.shouldEscalate': ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"cases\": [{\"id\": \"a\"}]}", "prompt")]
    [InlineData("{\"cases\": [{\"id\": \"a\", \"messages\": [{\"role\": \"system\", \"content\": \"x\"}]}]}", "messages[0].role")]
    [InlineData("{\"cases\": [{\"id\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}, {\"role\": \"assistant\", \"content\": \"y\"}]}]}", "messages")]
    [InlineData("{\"cases\": [{\"id\": \"a\", \"prompt\": \"x\"}, {\"id\": \"a\", \"prompt\": \"y\"}]}", "id")]
    public void FromJson_InvalidCase_NamesField(string json, string field)
    {
        var ex = Assert.Throws<DataFormatException>(() => TestSuite.FromJson(json));

        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void FromJson_InvalidJson_ReportsLine()
    {
        var ex = Assert.Throws<DataFormatException>(() => TestSuite.FromJson("{\n\"cases\": [\n,]}", "bad.json"));

        Assert.Equal(3, ex.LineNumber);
    }

    [Fact]
    public void Constructor_Guards()
    {
        Assert.Throws<ArgumentNullException>("name", () => new TestSuite(null!, []));
        Assert.Throws<ArgumentNullException>("cases", () => new TestSuite("s", null!));
        Assert.Throws<ArgumentException>("cases", () => new TestSuite("s", []));
        Assert.Throws<ArgumentNullException>("id", () => TestCase.FromPrompt(null!, "x"));
        Assert.Throws<ArgumentNullException>("prompt", () => TestCase.FromPrompt("a", null!));
        Assert.Throws<ArgumentException>("messages", () => new TestCase("a", [new ChatMessage(ChatRole.Assistant, "x")]));
    }
}
