using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;

namespace FineTuning.Toolkit.Tests.Datasets.Jsonl;

public class JsonlRecordTests
{
    [Fact]
    public void Factories_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>("example", () => JsonlRecord.Success(1, 0, null!));
        Assert.Throws<ArgumentNullException>("error", () => JsonlRecord.Failure(1, 0, null!));
    }

    [Fact]
    public void ToString_SuccessAndFailure_NameLine()
    {
        var ok = JsonlRecord.Success(3, 10, new TrainingExample { Messages = [TrainingMessage.User("a")] });
        var bad = JsonlRecord.Failure(4, 20, new JsonlError(JsonlErrorCodes.BlankLine, "Line 4: blank line."));

        Assert.True(ok.IsSuccess);
        Assert.False(bad.IsSuccess);
        Assert.Equal("Line 3: TrainingExample", ok.ToString());
        Assert.Equal("Line 4: blank_line: Line 4: blank line.", bad.ToString());
        Assert.Equal(20, bad.ByteOffset);
    }

    [Fact]
    public void DataFormatException_FileLineAndField_InMessage()
    {
        var ex = new DataFormatException("data.csv", 7, "csv_empty_cell", "column 'user' is empty.", "user");
        var whole = new DataFormatException("data.csv", 0, null, "the file is empty.");

        Assert.Equal("data.csv(7), field 'user': column 'user' is empty.", ex.Message);
        Assert.Equal("data.csv: the file is empty.", whole.Message);
        Assert.Equal(7, ex.LineNumber);
        Assert.Equal("user", ex.Field);
    }
}
