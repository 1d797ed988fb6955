using FineTuning.Toolkit.Providers;
using System.Text;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Validation;
using static FineTuning.Toolkit.Tests.Validation.ValidationFiles;
using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Validation;

public sealed class DatasetValidatorTests : IDisposable
{
    private const string LongAnswer = "Thanks for reaching out! Here is exactly what to do next, step by step, so you are set.";

    private readonly ValidationFiles _files = new();
    private readonly DatasetValidator _validator = new(null, FineTuning.Toolkit.Tests.Providers.LifecycleClock.Create());

    public static TheoryData<string, string> LineCodes() => new()
    {
        { ValidationIssueCodes.InvalidJson, "{\"messages\": [" },
        { ValidationIssueCodes.DataType, "[1, 2, 3]" },
        { ValidationIssueCodes.MissingMessagesList, "{\"prompt\": \"hi\", \"completion\": \"hello\"}" },
        { ValidationIssueCodes.MessageMissingKey, Line(Message("system", SystemPrompt), "{\"content\":\"Where is my invoice?\"}", Message("assistant", LongAnswer)) },
        { ValidationIssueCodes.MessageUnrecognizedKey, Line(Message("system", SystemPrompt), "{\"role\":\"user\",\"content\":\"Where is my invoice?\",\"mood\":\"angry\"}", Message("assistant", LongAnswer)) },
        { ValidationIssueCodes.UnrecognizedRole, Line(Message("system", SystemPrompt), Message("robot", "Where is my invoice?"), Message("assistant", LongAnswer)) },
        { ValidationIssueCodes.MissingContent, Line(Message("system", SystemPrompt), Message("user", ""), Message("assistant", LongAnswer)) },
        { ValidationIssueCodes.ExampleMissingAssistantMessage, Line(Message("system", SystemPrompt), Message("user", "Where is my invoice?")) },
        { ValidationIssueCodes.InvalidWeight, Line(Message("system", SystemPrompt), Message("user", "Where is my invoice?"), "{\"role\":\"assistant\",\"content\":\"" + LongAnswer + "\",\"weight\":2}") },
        { ValidationIssueCodes.NoTrainableTokens, Line(Message("system", SystemPrompt), Message("user", "Where is my invoice?"), "{\"role\":\"assistant\",\"content\":\"" + LongAnswer + "\",\"weight\":0}") },
        { ValidationIssueCodes.ToolCallMismatch, Line(Message("system", SystemPrompt), Message("user", "Where is my invoice?"), "{\"role\":\"tool\",\"tool_call_id\":\"call_9\",\"content\":\"{}\"}", Message("assistant", LongAnswer)) },
        { ValidationIssueCodes.InvalidToolArguments, Line(Message("system", SystemPrompt), Message("user", "Where is my invoice?"), "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"find_invoice\",\"arguments\":\"not json\"}}]}", "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"none\"}", Message("assistant", LongAnswer)) },
        { ValidationIssueCodes.NestingTooDeep, "{\"messages\":" + new string('[', 100) + new string(']', 100) + "}" },
        { ValidationIssueCodes.BlankLine, "   " },
        { ValidationIssueCodes.MissingSystemMessage, Line(Message("user", "Where is my invoice?"), Message("assistant", LongAnswer)) },
        { ValidationIssueCodes.MissingUserMessage, Line(Message("system", SystemPrompt), Message("assistant", LongAnswer)) },
        { ValidationIssueCodes.ShortAssistantResponse, Line(Message("system", SystemPrompt), Message("user", "Where is my invoice?"), Message("assistant", "Sure.")) },
        { ValidationIssueCodes.DuplicateExample, Good(1) },
        { ValidationIssueCodes.InconsistentSystemPrompt, Good(42, "You are a pirate. Answer in pirate speak, always, whatever the question.") },
        { ValidationIssueCodes.PiiDetected, Line(Message("system", SystemPrompt), Message("user", "Please write to jane.doe@example.com or call (555) 123-4567."), Message("assistant", LongAnswer)) },
        { ValidationIssueCodes.SecretDetected, Line(Message("system", SystemPrompt), Message("user", "My key is sk-proj-abcdefghijklmnopqrstuvwxyz0123456789, why does it fail?"), Message("assistant", LongAnswer)) },
        { ValidationIssueCodes.Mojibake, Line(Message("system", SystemPrompt), Message("user", "Where is my invoice?"), Message("assistant", "Your invoice is in Settings â€º Billing. Itâ€™s there for every cafÃ© plan, promise!")) },
    };

    [Theory]
    [MemberData(nameof(LineCodes))]
    public async Task ValidateFileAsync_MinimalBadLine_ReportsCodeOnItsLine(string code, string badLine)
    {
        var path = _files.Write(WithLine(badLine, lineNumber: 4));

        var report = await _validator.ValidateFileAsync(path);

        var issue = Assert.Single(report.Issues, i => i.Code == code);
        Assert.Equal(4, issue.Line);
        Assert.Equal(path, issue.FilePath);
        Assert.Contains("line 4", issue.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(path), issue.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Issues, i => i.Line is not null && i.Line != 4);
        if (code != ValidationIssueCodes.BlankLine)
        {
            Assert.Equal(3, issue.ExampleIndex);
        }
    }

    [Fact]
    public async Task ValidateFileAsync_SeveralProblemsInOneLine_ReportsEachOne()
    {
        var bad = Line(
            Message("system", SystemPrompt),
            "{\"role\":\"robot\",\"content\":\"Where is my invoice?\",\"mood\":\"angry\"}",
            "{\"content\":7}",
            "{\"role\":\"assistant\",\"content\":\"" + LongAnswer + "\",\"weight\":\"heavy\"}");
        var path = _files.Write(WithLine(bad, lineNumber: 2));

        var report = await _validator.ValidateFileAsync(path);

        var onLine = report.Issues.Where(i => i.Line == 2).Select(i => (i.Code, i.Field)).ToList();
        Assert.Contains((ValidationIssueCodes.UnrecognizedRole, "messages[1].role"), onLine);
        Assert.Contains((ValidationIssueCodes.MessageUnrecognizedKey, "messages[1].mood"), onLine);
        Assert.Contains((ValidationIssueCodes.MessageMissingKey, "messages[2].role"), onLine);
        Assert.Contains((ValidationIssueCodes.DataType, "messages[2].content"), onLine);
        Assert.Contains((ValidationIssueCodes.InvalidWeight, "messages[3].weight"), onLine);
        Assert.Contains("\"heavy\"", report.Issues.Single(i => i.Code == ValidationIssueCodes.InvalidWeight).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateFileAsync_EscapedLoneSurrogate_ReportsWithoutThrowing()
    {
        var path = _files.Write(WithLine(Line(Message("system", SystemPrompt), "{\"role\":\"user\",\"content\":\"bad \\ud800 text\"}", Message("assistant", LongAnswer)), lineNumber: 2));

        var report = await _validator.ValidateFileAsync(path);

        Assert.Equal(11, report.ExampleCount);
        Assert.Equal(0, report.ErrorCount);
    }

    [Fact]
    public async Task ValidateFileAsync_InvalidUtf8_ReportsInvalidUtf8OnItsLine()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes(Good(0) + "\n" + Good(1) + "\n"));
        bytes.AddRange(Encoding.UTF8.GetBytes("{\"messages\":[{\"role\":\"user\",\"content\":\"caf"));
        bytes.AddRange([0xE9, 0xFF, 0xFE]);
        bytes.AddRange(Encoding.UTF8.GetBytes("\"}]}\n"));
        for (var i = 2; i < 12; i++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(Good(i) + "\n"));
        }

        var report = await _validator.ValidateFileAsync(_files.Write([.. bytes]));

        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationIssueCodes.InvalidUtf8, issue.Code);
        Assert.Equal(3, issue.Line);
        Assert.False(report.IsValid);
    }

    [Fact]
    public async Task ValidateFileAsync_ByteOrderMark_WarnsOnLineOne()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\n", WithLine(Good(99), 1)))).ToArray();

        var report = await _validator.ValidateFileAsync(_files.Write(bytes));

        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationIssueCodes.ByteOrderMark, issue.Code);
        Assert.Equal(1, issue.Line);
        Assert.True(report.IsValid);
        Assert.Equal(11, report.ExampleCount);
    }

    [Fact]
    public async Task ValidateFileAsync_LineOverLimit_ReportsLineTooLong()
    {
        var path = _files.Write(WithLine(Good(5000) + new string(' ', 2000), 4));

        var report = await _validator.ValidateFileAsync(path, new ValidationOptions { MaxLineBytes = 1000 });

        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationIssueCodes.LineTooLong, issue.Code);
        Assert.Equal(4, issue.Line);
        Assert.Equal(3, issue.ExampleIndex);
    }

    [Fact]
    public async Task ValidateFileAsync_ExampleOverModelLimit_WarnsExampleTooLong()
    {
        var options = new ValidationOptions { Catalog = ModelLifecycleCatalog.Default.With(new ModelLifecycle(ModelLifecycleCatalog.OpenAI, "gpt-4o-mini-2024-07-18", 100, new Uri("https://example.test/limits"))) };
        var path = _files.Write(WithLine(Line(Message("system", SystemPrompt), Message("user", "Tell me everything."), Message("assistant", string.Concat(Enumerable.Repeat("word ", 300)))), 4));

        var report = await _validator.ValidateFileAsync(path, options);

        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationIssueCodes.ExampleTooLong, issue.Code);
        Assert.Equal(4, issue.Line);
        Assert.Equal(report.TotalTokens - report.Tokens.PerExample.Max + 100, report.BillableTokens);
    }

    [Fact]
    public async Task ValidateFileAsync_Gpt35Limit_IsSmallerThanGpt4oMini()
    {
        var text = string.Concat(Enumerable.Repeat("alpha beta gamma delta ", 4500));
        var path = _files.Write(WithLine(Line(Message("system", SystemPrompt), Message("user", "Tell me everything."), Message("assistant", text)), 4));

        var gpt35 = await _validator.ValidateFileAsync(path, new ValidationOptions { Model = "gpt-3.5-turbo-0125" });
        var mini = await _validator.ValidateFileAsync(path);

        Assert.Contains(gpt35.Issues, i => i.Code == ValidationIssueCodes.ExampleTooLong && i.Line == 4);
        Assert.DoesNotContain(mini.Issues, i => i.Code == ValidationIssueCodes.ExampleTooLong);
    }

    [Fact]
    public async Task ValidateFileAsync_FewExamples_ReportsTooFewExamplesForTheFile()
    {
        var report = await _validator.ValidateFileAsync(_files.Write([Good(0), Good(1), Good(2)]));

        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationIssueCodes.TooFewExamples, issue.Code);
        Assert.Null(issue.Line);
        Assert.False(report.IsValid);
    }

    [Fact]
    public async Task ValidateFileAsync_EmptyFile_ReportsEmptyFile()
    {
        var report = await _validator.ValidateFileAsync(_files.Write(Array.Empty<byte>()));

        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationIssueCodes.EmptyFile, issue.Code);
        Assert.Equal(0, report.ExampleCount);
        Assert.False(report.IsValid);
    }

    [Fact]
    public async Task ValidateFileAsync_DpoMissingNonPreferredOutput_ReportsInvalidPreferenceFormat()
    {
        var bad = "{\"input\":{\"messages\":[" + Message("user", "Reset my password?") + "]},\"preferred_output\":[" + Message("assistant", LongAnswer) + "]}";
        var path = _files.Write(WithLine(bad, 4, good: GoodPreference));

        var report = await _validator.ValidateFileAsync(path, new ValidationOptions { Method = FineTuneMethod.Dpo });

        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationIssueCodes.InvalidPreferenceFormat, issue.Code);
        Assert.Equal(4, issue.Line);
    }

    [Fact]
    public async Task ValidateFileAsync_GoodDpoFile_IsValidAndCountsAllOutputs()
    {
        var path = _files.Write(Enumerable.Range(0, 10).Select(GoodPreference));

        var report = await _validator.ValidateFileAsync(path, new ValidationOptions { Method = FineTuneMethod.Dpo });

        Assert.Empty(report.Issues);
        Assert.True(report.TotalTokens > 0);
    }

    [Fact]
    public async Task ValidateAsync_RequiredCategoryMissing_ReportsCategoryUnderrepresented()
    {
        var dataset = Dataset.Create(Enumerable.Range(0, 12).Select(i => Example(i, i < 7 ? "account" : "billing")));
        var options = new ValidationOptions()
            .RequireCategory("account", 5).RequireCategory("billing", 5).RequireCategory("features", 5).RequireCategory("bugs", 5);

        var report = await _validator.ValidateAsync(dataset, options);

        Assert.Equal(["features", "bugs"], report.Issues.Where(i => i.Code == ValidationIssueCodes.CategoryUnderrepresented)
            .Select(i => i.Message.Contains("\"features\"", StringComparison.Ordinal) ? "features" : "bugs").Order().Reverse());
        Assert.All(report.Issues, i => Assert.Null(i.Line));
        Assert.True(report.IsValid);
    }

    [Fact]
    public async Task ValidateFileAsync_CategoryInLine_CountsTowardsRequiredCategories()
    {
        var lines = Enumerable.Range(0, 10).Select(i => Good(i).TrimEnd('}') + ",\"category\":\"billing\"}").ToList();

        var report = await _validator.ValidateFileAsync(_files.Write(lines), new ValidationOptions().RequireCategory("billing", 10).RequireCategory("bugs", 1));

        var issue = Assert.Single(report.Issues);
        Assert.Contains("\"bugs\"", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateFileAsync_ValidationFileRepeatsTrainingExample_ReportsOverlapOnValidationLine()
    {
        var training = _files.Write(Enumerable.Range(0, 10).Select(i => Good(i)));
        var validation = _files.Write([Good(100), Good(7, "A different system prompt that should not matter for overlap at all."), Good(101)]);

        var report = await _validator.ValidateFileAsync(training, validation, null);

        var issue = Assert.Single(report.Issues, i => i.Code == ValidationIssueCodes.TrainValidationOverlap);
        Assert.Equal(2, issue.Line);
        Assert.Equal(validation, issue.FilePath);
        Assert.Contains("line 8", issue.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Issues, i => i.Code == ValidationIssueCodes.TooFewExamples);
        Assert.Equal(10, report.ExampleCount);
    }

    [Fact]
    public async Task ValidateAsync_TrainingAndValidationDatasets_ReportsOverlap()
    {
        var training = Dataset.Create(Enumerable.Range(0, 10).Select(i => Example(i, null)));
        var validation = Dataset.Create([Example(3, null), Example(50, null)]);

        var report = await _validator.ValidateAsync(training, validation, null);

        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationIssueCodes.TrainValidationOverlap, issue.Code);
        Assert.Equal(1, issue.Line);
        Assert.Null(issue.FilePath);
        Assert.StartsWith("validation set, line 1 (example 0)", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_Dataset_UsesIndexPlusOneAsLine()
    {
        var examples = Enumerable.Range(0, 10).Select(i => Example(i, null)).ToList();
        examples[6] = new TrainingExample { Messages = [TrainingMessage.System(SystemPrompt), TrainingMessage.User("Hi"), TrainingMessage.Assistant("Hello!")] };

        var report = await _validator.ValidateAsync(Dataset.Create(examples));

        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationIssueCodes.ShortAssistantResponse, issue.Code);
        Assert.Equal(7, issue.Line);
        Assert.Equal(6, issue.ExampleIndex);
        Assert.Equal(2, issue.MessageIndex);
        Assert.Equal("messages[2].content", issue.Field);
        Assert.Null(issue.FilePath);
    }

    [Fact]
    public async Task ValidateAsync_Dataset_TokenTotalEqualsTokenCounter()
    {
        var examples = Enumerable.Range(0, 10).Select(i => (DatasetExample)new TrainingExample
        {
            Messages =
            [
                TrainingMessage.System(SystemPrompt),
                new TrainingMessage { Role = ChatRole.User, Content = $"Order {i} 日本語 😀", Name = "jane" },
                new TrainingMessage
                {
                    Role = ChatRole.Assistant,
                    ToolCalls = [new ToolCall($"call_{i}", "lookup_order", $"{{\"id\":{i}}}")],
                },
                TrainingMessage.Tool($"call_{i}", "{\"status\":\"shipped\"}"),
                TrainingMessage.Assistant($"Your order {i} has shipped and will arrive within three business days. Anything else?"),
            ],
            Tools = [new ToolDefinition("lookup_order", "Finds an order.", "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}}}")],
        }).ToList();
        var counter = TokenCounter.ForModel("gpt-4o-mini");

        var report = await _validator.ValidateAsync(Dataset.Create(examples));

        Assert.Empty(report.Issues);
        Assert.Equal(examples.Sum(e => counter.CountTokens((TrainingExample)e)), report.TotalTokens);
        Assert.Equal(examples.Sum(e => counter.CountAssistantTokens(((TrainingExample)e).Messages)), (long)(report.Tokens.AssistantPerExample.Mean * 10 + 0.5));
        Assert.Equal(5, report.Tokens.MessagesPerExample.Median);
    }

    [Fact]
    public async Task ValidateFileAsync_CustomRule_ReportsCustomCode()
    {
        var options = new ValidationOptions();
        options.RuleFor(e => ((TrainingExample)e).Messages.Count)
            .Must(count => count <= 3)
            .WithCode("conversation_too_long")
            .WithMessage("Keep conversations to one turn.")
            .WithSeverity(ValidationSeverity.Warning);
        var path = _files.Write(WithLine(Line(Message("system", SystemPrompt), Message("user", "a?"), Message("assistant", LongAnswer), Message("user", "b?"), Message("assistant", LongAnswer)), 4));

        var report = await _validator.ValidateFileAsync(path, options);

        var issue = Assert.Single(report.Issues);
        Assert.Equal("conversation_too_long", issue.Code);
        Assert.Equal(ValidationSeverity.Warning, issue.Severity);
        Assert.Equal(4, issue.Line);
        Assert.True(report.IsValid);
    }

    [Fact]
    public async Task ValidateFileAsync_CustomRuleOnCategory_SeesTheLinesCategory()
    {
        var options = new ValidationOptions();
        options.RuleFor(e => e.Category).Must(category => category != "bugs").WithCode("no_bugs_please");
        var tagged = Good(3).Replace("{\"messages\":", "{\"_toolkit_metadata\":{\"category\":\"bugs\"},\"messages\":", StringComparison.Ordinal);
        var path = _files.Write(WithLine(tagged, 3));

        var report = await _validator.ValidateFileAsync(path, options);

        var issue = Assert.Single(report.Issues, i => i.Code == "no_bugs_please");
        Assert.Equal(3, issue.Line);
    }

    [Fact]
    public async Task ValidateAsync_ToolParametersNotJson_ReportsDataTypeOnTheField()
    {
        var examples = Enumerable.Range(0, 10).Select(i => Example(i, null)).ToList();
        examples[4] = examples[4] with { Tools = [new ToolDefinition("lookup_order", "Finds an order.", "{ not json")] };

        var report = await _validator.ValidateAsync(Dataset.Create(examples));

        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationIssueCodes.DataType, issue.Code);
        Assert.Equal(5, issue.Line);
        Assert.Equal(4, issue.ExampleIndex);
        Assert.Equal("tools[0].function.parameters", issue.Field);
    }

    [Fact]
    public async Task ValidateFileAsync_DisabledCheck_IsNotReported()
    {
        var path = _files.Write(WithLine(Line(Message("user", "Where is my invoice?"), Message("assistant", LongAnswer)), 4));

        var report = await _validator.ValidateFileAsync(path, new ValidationOptions().Disable(ValidationIssueCodes.MissingSystemMessage));

        Assert.Empty(report.Issues);
    }

    [Fact]
    public async Task ValidateFileAsync_ManyBadLines_ListsAtMostMaxIssuesPerCodeButCountsAll()
    {
        var lines = Enumerable.Range(0, 30).Select(i => "not json " + i);

        var report = await _validator.ValidateFileAsync(_files.Write(lines), new ValidationOptions { MaxIssuesPerCode = 5 });

        Assert.Equal(5, report.Issues.Count(i => i.Code == ValidationIssueCodes.InvalidJson));
        Assert.Equal(30, report.IssueCounts[ValidationIssueCodes.InvalidJson]);
        Assert.Equal(30, report.ErrorCount);
        Assert.Contains("25 more `invalid_json` issues", report.ToText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task ValidateFileAsync_ManyDuplicatesAndOverlaps_ListsAtMostMaxIssuesPerCodeButCountsAll(int max)
    {
        // The dataset-wide checks build an issue only while the report still lists them: the rest are counted.
        var training = _files.Write(Enumerable.Range(0, 40).Select(i => Good(i % 4)));
        var validation = _files.Write(Enumerable.Range(0, 12).Select(i => Good(i % 3)));

        var report = await _validator.ValidateFileAsync(training, validation, new ValidationOptions { MaxIssuesPerCode = max, MinExamples = 1 });

        var duplicates = report.Issues.Where(i => i.Code == ValidationIssueCodes.DuplicateExample).ToList();
        Assert.Equal(max, duplicates.Count(i => i.FilePath == training));
        Assert.Equal(Enumerable.Range(5, max), duplicates.Where(i => i.FilePath == training).Select(i => i.Line!.Value));
        Assert.Equal(36 + 9, report.IssueCounts[ValidationIssueCodes.DuplicateExample]);
        Assert.Equal(max, report.Issues.Count(i => i.Code == ValidationIssueCodes.TrainValidationOverlap));
        Assert.Equal(12, report.IssueCounts[ValidationIssueCodes.TrainValidationOverlap]);
        Assert.Equal(report.IssueCounts.Values.Sum(), report.ErrorCount + report.WarningCount);
    }

    [Fact]
    public async Task ValidateFileAsync_SixtyMegabyteLine_ReportsLineTooLongWithoutThrowing()
    {
        var path = Path.Combine(Path.GetTempPath(), "ftt-validator-60mb-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            await using (var stream = File.Create(path))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(Good(0) + "\n{\"messages\":[{\"role\":\"user\",\"content\":\""));
                var chunk = Encoding.UTF8.GetBytes(new string('a', 1024 * 1024));
                for (var i = 0; i < 60; i++)
                {
                    await stream.WriteAsync(chunk);
                }

                await stream.WriteAsync(Encoding.UTF8.GetBytes("\"}]}\n" + Good(1) + "\n"));
            }

            using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var report = await _validator.ValidateFileAsync(path, null, hang.Token);

            var issue = Assert.Single(report.Issues, i => i.Code == ValidationIssueCodes.LineTooLong);
            Assert.Equal(2, issue.Line);
            Assert.Equal(3, report.ExampleCount);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ValidateFileAsync_JsonNested100000Deep_ReportsNestingTooDeep()
    {
        var deep = "{\"messages\":" + new string('[', 100_000) + new string(']', 100_000) + "}";

        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var report = await _validator.ValidateFileAsync(_files.Write(WithLine(deep, 2)), null, hang.Token);

        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationIssueCodes.NestingTooDeep, issue.Code);
        Assert.Equal(2, issue.Line);
    }

    [Fact]
    public async Task ValidateFileAsync_OneMegabyteWordWithNoBreak_ReportsTokensAndTooLong()
    {
        // A 2 MB run of one letter once kept the tokenizer busy for minutes; a hang fails the test through the token.
        var word = new string('a', 1024 * 1024);
        var line = "{\"messages\":[{\"role\":\"user\",\"content\":\"Spell it.\"},{\"role\":\"assistant\",\"content\":\"" + word + "\"}]}";
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var report = await _validator.ValidateFileAsync(_files.Write(WithLine(line, 5)), null, hang.Token);

        Assert.Contains(report.Issues, i => i.Code == ValidationIssueCodes.ExampleTooLong && i.Line == 5);
        Assert.True(report.TotalTokens > 1024 * 1024 / 64, $"{report.TotalTokens} tokens");
    }

    [Fact]
    public async Task ValidateFileAsync_LineOfHalfAMillionEmptyMessages_CountsEveryIssueAndKeepsAFew()
    {
        // Each "{}" is two issues; a line of millions of them once held every issue object at once (gigabytes).
        const int messages = 500_000;
        var line = "{\"messages\":[" + string.Join(',', Enumerable.Repeat("{}", messages)) + "]}";
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(120));

        var report = await _validator.ValidateFileAsync(_files.Write(WithLine(line, 4)), null, hang.Token);

        var kept = report.Issues.Where(i => i.Line == 4).GroupBy(i => i.Code).ToList();
        Assert.NotEmpty(kept);
        Assert.All(kept, group => Assert.True(group.Count() <= ValidationOptions.DefaultMaxIssuesPerCode, $"{group.Key}: {group.Count()} kept"));
        Assert.True(report.ErrorCount >= messages, $"{report.ErrorCount} errors counted");
        Assert.Equal(report.ErrorCount + report.WarningCount, report.IssueCounts.Values.Sum());
    }

    [Fact]
    public async Task ValidateAsync_Stream_SameReportAsTheFile()
    {
        var path = _files.Write(WithLine("{\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", 3));
        await using var stream = File.OpenRead(path);

        var fromStream = await _validator.ValidateAsync(stream);
        var fromFile = await _validator.ValidateFileAsync(path);

        Assert.Equal(fromFile.Issues.Select(i => (i.Code, i.Line)), fromStream.Issues.Select(i => (i.Code, i.Line)));
        Assert.Equal(fromFile.Tokens, fromStream.Tokens);
        Assert.Equal(fromFile.ExampleCount, fromStream.ExampleCount);
        Assert.Null(fromStream.FilePath);
    }

    [Fact]
    public async Task ValidateFileAsync_BinaryGarbage_ReportsIssuesWithoutThrowing()
    {
        var random = new Random(42);
        var bytes = new byte[2 * 1024 * 1024];
        random.NextBytes(bytes);

        var report = await _validator.ValidateFileAsync(_files.Write(bytes));

        Assert.False(report.IsValid);
        Assert.NotEmpty(report.Issues);
        Assert.All(report.Issues, i => Assert.Contains(i.Code, new[] { ValidationIssueCodes.InvalidUtf8, ValidationIssueCodes.InvalidJson, ValidationIssueCodes.BlankLine, ValidationIssueCodes.TooFewExamples, ValidationIssueCodes.DataType }));
        Assert.Contains(report.Issues, i => i.Code == ValidationIssueCodes.InvalidUtf8);
    }

    [Fact]
    public async Task ValidateFileAsync_ValidUtf8Garbage_ReportsInvalidJson()
    {
        var report = await _validator.ValidateFileAsync(_files.Write(WithLine("}{ ][ \"unterminated", 3)));

        var issue = Assert.Single(report.Issues);
        Assert.Equal(ValidationIssueCodes.InvalidJson, issue.Code);
        Assert.Equal(3, issue.Line);
    }

    [Fact]
    public void EveryBuiltInCode_IsCoveredByATest()
    {
        var tested = LineCodes().Select(row => (string)row[0]).Concat(
        [
            ValidationIssueCodes.InvalidUtf8, ValidationIssueCodes.ByteOrderMark, ValidationIssueCodes.LineTooLong,
            ValidationIssueCodes.ExampleTooLong, ValidationIssueCodes.TooFewExamples, ValidationIssueCodes.EmptyFile,
            ValidationIssueCodes.InvalidPreferenceFormat, ValidationIssueCodes.CategoryUnderrepresented,
            ValidationIssueCodes.TrainValidationOverlap,
            ValidationIssueCodes.ModelTrainingEnding, // Providers/ModelLifecycleCatalogTests
        ]).ToHashSet();

        Assert.Equal(ValidationIssueCodes.All.Select(c => c.Code).Order(), tested.Order());
        Assert.All(ValidationIssueCodes.All, c => Assert.Matches("^[a-z0-9]+(_[a-z0-9]+)*$", c.Code));
    }

    [Fact]
    public async Task PublicMembers_NullArguments_Throw()
    {
        await Assert.ThrowsAsync<ArgumentNullException>("dataset", () => _validator.ValidateAsync((Dataset)null!));
        await Assert.ThrowsAsync<ArgumentNullException>("stream", () => _validator.ValidateAsync((Stream)null!));
        await Assert.ThrowsAsync<ArgumentNullException>("training", () => _validator.ValidateAsync(null!, Dataset.Empty, null));
        await Assert.ThrowsAsync<ArgumentNullException>("validation", () => _validator.ValidateAsync(Dataset.Empty, null!, null));
        await Assert.ThrowsAsync<ArgumentNullException>("path", () => _validator.ValidateFileAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>("trainingPath", () => _validator.ValidateFileAsync(null!, "v.jsonl", null));
        await Assert.ThrowsAsync<ArgumentNullException>("validationPath", () => _validator.ValidateFileAsync("t.jsonl", null!, null));
    }

    [Fact]
    public async Task ValidateFileAsync_NullOptions_ValidatesTheOneFileWithDefaults()
    {
        var path = _files.Write([Good(0), Good(1), Good(2)]);

        var withNull = await _validator.ValidateFileAsync(path, null);
        var withoutOptions = await _validator.ValidateFileAsync(path);

        Assert.Equal(3, withNull.ExampleCount);
        Assert.Equal(path, Assert.Single(withNull.Issues, i => i.Code == ValidationIssueCodes.TooFewExamples).FilePath);
        Assert.Equal(withoutOptions.ToJson(), withNull.ToJson());
    }

    [Fact]
    public async Task ValidateAsync_NullOptions_ValidatesTheOneDatasetWithDefaults()
    {
        var dataset = Dataset.Create([Example(0, null), Example(1, null)]);

        var withNull = await _validator.ValidateAsync(dataset, null);
        var withoutOptions = await _validator.ValidateAsync(dataset);

        Assert.Equal(2, withNull.ExampleCount);
        Assert.Contains(withNull.Issues, i => i.Code == ValidationIssueCodes.TooFewExamples);
        Assert.Equal(withoutOptions.ToJson(), withNull.ToJson());
    }

    [Fact]
    public async Task ValidateFileAsync_MissingFile_ThrowsFileNotFound()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ftt-missing-" + Guid.NewGuid().ToString("N") + ".jsonl");

        await Assert.ThrowsAsync<FileNotFoundException>(() => _validator.ValidateFileAsync(missing));
    }

    [Fact]
    public async Task ValidateFileAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _validator.ValidateFileAsync(_files.Write(WithLine(Good(77))), null, cts.Token));
    }

    public void Dispose() => _files.Dispose();

    private static TrainingExample Example(int i, string? category) => new()
    {
        Messages =
        [
            TrainingMessage.System(SystemPrompt),
            TrainingMessage.User($"Question {i}: how do I change my billing e-mail?"),
            TrainingMessage.Assistant($"Good question #{i}! Go to Settings, then Billing, and edit the contact field. Anything else?"),
        ],
        Category = category,
    };
}
