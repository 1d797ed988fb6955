using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Tests.Datasets;

public class DatasetTests
{
    [Fact]
    public void Equals_SameContentDifferentInstances_AreEqual()
    {
        static Dataset Make() => Dataset.Create(
        [
            new TrainingExample
            {
                Category = "billing",
                Tags = ["v1"],
                Messages = [TrainingMessage.User("Where is my invoice?"), TrainingMessage.Assistant("**Invoices** live under Billing.")],
            },
        ]);

        var a = Make();
        var b = Make();

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Dataset.Create([((TrainingExample)a[0]) with { Category = "account" }]));
    }
}
