using System.Text;
using FineTuning.Toolkit.Jobs;

namespace FineTuning.Toolkit.Tests.Jobs;

public sealed class ResultFileParserTests
{
    private const string Csv = "step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n2,0.9,0.6,,\n1,1.25,0.5,1.4,0.55\n";

    [Fact]
    public void Parse_PlainCsv_ReadsColumnsByNameAndSortsBySteps()
    {
        var rows = ResultFileParser.Parse(BinaryData.FromString(Csv));

        Assert.Equal([1, 2], rows.Select(r => r.Step));
        Assert.Equal(1.25, rows[0].TrainLoss);
        Assert.Equal(1.4, rows[0].ValidationLoss);
        Assert.Equal(0.55, rows[0].ValidationMeanTokenAccuracy);
        Assert.Null(rows[1].ValidationLoss);
    }

    [Fact]
    public void Parse_Base64Content_DecodesFirst()
    {
        var rows = ResultFileParser.Parse(BinaryData.FromString(Convert.ToBase64String(Encoding.UTF8.GetBytes(Csv))));
        Assert.Equal(2, rows.Count);
        Assert.Equal(0.9, rows[1].TrainLoss);
    }

    [Fact]
    public void Parse_FullValidationColumns_AreRead()
    {
        var rows = ResultFileParser.Parse(BinaryData.FromString("step,train_loss,full_valid_loss,full_valid_mean_token_accuracy\n9,0.2,0.31,0.88\n"));
        Assert.Equal(0.31, rows[0].FullValidationLoss);
        Assert.Equal(0.88, rows[0].FullValidationMeanTokenAccuracy);
        Assert.Null(rows[0].TrainAccuracy);
    }

    [Fact]
    public void Parse_NoStepColumn_Throws()
    {
        Assert.Throws<FormatException>(() => ResultFileParser.Parse(BinaryData.FromString("loss,accuracy\n1,2\n")));
    }
}
