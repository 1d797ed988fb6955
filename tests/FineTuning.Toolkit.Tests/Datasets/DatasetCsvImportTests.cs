using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Tests.Datasets;

public sealed class DatasetCsvImportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ftt-csv-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void AddCsv_AllColumnsWithQuotingAndMultiLineCells_Imported()
    {
        var path = Write("""
            category,system,user,assistant
            billing,,Where is my invoice?,"Under Billing, then Invoices."
            security,Be strict.,"How do I enable ""2FA""?","Step 1: Settings
            Step 2: Security 🔐"
            """);

        var dataset = DatasetBuilder.Create().AddCsv(path).Build();

        Assert.Equal(2, dataset.Count);
        var first = (TrainingExample)dataset[0];
        Assert.Equal("billing", first.Category);
        Assert.Equal([TrainingMessage.User("Where is my invoice?"), TrainingMessage.Assistant("Under Billing, then Invoices.")], first.Messages);
        var second = (TrainingExample)dataset[1];
        Assert.Equal(TrainingMessage.System("Be strict."), second.Messages[0]);
        Assert.Equal("How do I enable \"2FA\"?", second.Messages[1].Content);
        Assert.Equal("Step 1: Settings\nStep 2: Security 🔐", second.Messages[2].Content!.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void AddCsv_CustomHeadersAndDelimiter_Imported()
    {
        var path = Write("Question;Answer;Topic\nHi;Hello;greeting\n");

        var dataset = DatasetBuilder.Create()
            .AddCsv(path, new CsvImportOptions { UserColumn = "question", AssistantColumn = "answer", CategoryColumn = "topic", Delimiter = ";" })
            .Build();

        Assert.Equal("greeting", dataset.Single().Category);
        Assert.Equal("Hello", ((TrainingExample)dataset[0]).Messages[1].Content);
    }

    [Fact]
    public void AddCsv_EmptyAssistantCell_ThrowsNamingFileAndLine()
    {
        var path = Write("user,assistant\nHi,Hello\n\"Multi\nline\",Fine\n\nQuestion,\n");
        var builder = DatasetBuilder.Create();

        var ex = Assert.Throws<DataFormatException>(() => builder.AddCsv(path));

        Assert.Equal(path, ex.FilePath);
        Assert.Equal(6, ex.LineNumber);
        Assert.Equal("assistant", ex.Field);
        Assert.Contains($"{path}(6)", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, builder.Count);
    }

    [Fact]
    public void AddCsv_CrLfAndMultiLineCells_ErrorLineCounted()
    {
        var path = Write("user,assistant\r\n\"a\r\nb\r\nc\",x\r\n,y\r\n");

        var ex = Assert.Throws<DataFormatException>(() => DatasetBuilder.Create().AddCsv(path));

        Assert.Equal(5, ex.LineNumber);
        Assert.Equal("user", ex.Field);
    }

    [Fact]
    public void AddCsv_MissingColumn_ThrowsNamingColumn()
    {
        var path = Write("question,answer\nHi,Hello\n");

        var ex = Assert.Throws<DataFormatException>(() => DatasetBuilder.Create().AddCsv(path));

        Assert.Equal(1, ex.LineNumber);
        Assert.Equal("user", ex.Field);
        Assert.Contains("no 'user' column", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCsv_MalformedQuote_ThrowsNamingLine()
    {
        var path = Write("user,assistant\nHi,Hello\nOk,\"quoted\"trailing\nNext,x\n");

        var ex = Assert.Throws<DataFormatException>(() => DatasetBuilder.Create().AddCsv(path));

        Assert.True(ex.Code == "csv_malformed", ex.Message);
        Assert.Equal(3, ex.LineNumber);
        Assert.Contains("stray quote", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCsv_EmptyFile_Throws()
    {
        var ex = Assert.Throws<DataFormatException>(() => DatasetBuilder.Create().AddCsv(Write(string.Empty)));

        Assert.Equal("csv_empty", ex.Code);
    }
}
