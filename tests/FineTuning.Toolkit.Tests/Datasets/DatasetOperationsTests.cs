using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Tests.Datasets;

public class DatasetOperationsTests
{
    private static Dataset Make(params (string? Category, int Count)[] groups)
    {
        var builder = DatasetBuilder.Create();
        foreach (var (category, count) in groups)
        {
            for (var i = 0; i < count; i++)
            {
                builder.AddExample(category, $"{category} question {i}", $"{category} answer {i}");
            }
        }

        return builder.Build();
    }

    [Fact]
    public void Split_Stratified_EachCategoryProportionalAndNoLeakage()
    {
        var dataset = Make(("billing", 20), ("account", 10), ("security", 5), (null, 5));

        var (train, validation) = dataset.Split(validationFraction: 0.2, seed: 42);

        Assert.Equal(dataset.Count, train.Count + validation.Count);
        Assert.Empty(train.Intersect(validation));
        Assert.Equal(4, validation.Count(e => e.Category == "billing"));
        Assert.Equal(2, validation.Count(e => e.Category == "account"));
        Assert.Equal(1, validation.Count(e => e.Category == "security"));
        Assert.Equal(1, validation.Count(e => e.Category is null));
        Assert.Equal(dataset.ToHashSet(), train.Concat(validation).ToHashSet());
    }

    [Fact]
    public void Split_SameSeed_SameSplitDifferentSeedDifferent()
    {
        var dataset = Make(("billing", 30), ("account", 30));

        var a = dataset.Split(0.3, seed: 1);
        var b = dataset.Split(0.3, seed: 1);
        var c = dataset.Split(0.3, seed: 2);

        Assert.Equal(a, b);
        Assert.NotEqual(a.Validation, c.Validation);
    }

    [Fact]
    public void Split_DuplicateContent_AlwaysOnTheSameSide()
    {
        var builder = DatasetBuilder.Create();
        for (var i = 0; i < 20; i++)
        {
            builder.AddExample("faq", $"q{i}", $"a{i}");
            builder.AddExample("faq", $"q{i}", $"a{i}");
        }

        for (var seed = 0; seed < 10; seed++)
        {
            var (train, validation) = builder.Build().Split(0.25, seed);

            Assert.Empty(train.Intersect(validation));
            Assert.Equal(10, validation.Count);
        }
    }

    [Fact]
    public void Split_SmallCategories_KeepOneOnEachSide()
    {
        var (train, validation) = Make(("rare", 2), ("single", 1)).Split(0.1, seed: 3);

        Assert.Equal(1, validation.Count(e => e.Category == "rare"));
        Assert.Equal(1, train.Count(e => e.Category == "rare"));
        Assert.Equal(1, train.Count(e => e.Category == "single"));
    }

    [Fact]
    public void Split_KeepsDatasetOrder()
    {
        var dataset = Make(("a", 10));

        var (train, validation) = dataset.Split(0.5, 9);

        Assert.Equal(dataset.Where(train.Contains), train);
        Assert.Equal(dataset.Where(validation.Contains), validation);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Split_FractionOutOfRange_Throws(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>("validationFraction", () => Make(("a", 3)).Split(fraction, 1));
    }

    [Fact]
    public void Shuffle_Seeded_ReproduciblePermutation()
    {
        var dataset = Make(("a", 40));

        Assert.Equal(dataset.Shuffle(5), dataset.Shuffle(5));
        Assert.NotEqual(dataset, dataset.Shuffle(5));
        Assert.Equal(dataset.ToHashSet(), dataset.Shuffle(5).ToHashSet());
    }

    [Fact]
    public void Merge_TwoDatasets_ConcatenatedInOrder()
    {
        var v1 = Make(("a", 2));
        var additions = Make(("b", 1));

        var v2 = v1.Merge(additions);

        Assert.Equal([.. v1, .. additions], v2);
        Assert.Same(v1, v1.Merge(Dataset.Empty));
        Assert.Throws<ArgumentNullException>("other", () => v1.Merge(null!));
    }

    [Fact]
    public void Deduplicate_IgnoresMetadata()
    {
        var a = new TrainingExample { Category = "x", Tags = ["1"], Messages = [TrainingMessage.User("Hi"), TrainingMessage.Assistant("Hello")] };
        var b = a with { Category = "y", Tags = [] };
        var c = a with { Messages = [TrainingMessage.User("hi "), TrainingMessage.Assistant("HELLO")] };

        var dataset = Dataset.Create([a, b, c]);

        Assert.Equal([a, c], dataset.Deduplicate());
        Assert.Equal([a], dataset.Deduplicate(DatasetExample.NormalizedContentComparer));
    }

    [Fact]
    public void Deduplicate_CustomComparer_KeepsTheFirstOfEachGroupInOrder()
    {
        var a = new TrainingExample { Messages = [TrainingMessage.User("Hi"), TrainingMessage.Assistant("Hello")] };
        var b = new TrainingExample { Messages = [TrainingMessage.User("Bye"), TrainingMessage.Assistant("Goodbye")] };
        var c = new TrainingExample { Messages = [TrainingMessage.User("Hi"), TrainingMessage.Assistant("Hello there, how can I help?")] };

        var byPrompt = Dataset.Create([a, b, c]).Deduplicate(new SamePrompt());

        Assert.Equal([a, b], byPrompt);
        Assert.Equal([a, b, c], Dataset.Create([a, b, c]).Deduplicate(DatasetExample.ContentComparer));
    }

    /// <summary>Duplicates are examples that ask the same first user question.</summary>
    private sealed class SamePrompt : IEqualityComparer<DatasetExample>
    {
        public bool Equals(DatasetExample? x, DatasetExample? y) => Prompt(x) == Prompt(y);

        public int GetHashCode(DatasetExample obj) => StringComparer.Ordinal.GetHashCode(Prompt(obj));

        private static string Prompt(DatasetExample? example) =>
            ((TrainingExample)example!).Messages.First(m => m.Role == Microsoft.Extensions.AI.ChatRole.User).Text;
    }
}
