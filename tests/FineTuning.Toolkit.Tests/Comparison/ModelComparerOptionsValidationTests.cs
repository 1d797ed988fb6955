using FineTuning.Toolkit.Comparison;
using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit.Tests.Comparison;

public class ModelComparerOptionsValidationTests
{
    public static TheoryData<string, Action<ModelComparerOptions>> InvalidOptions => new()
    {
        { nameof(ModelComparerOptions.MaxConcurrency), o => o.MaxConcurrency = 0 },
        { nameof(ModelComparerOptions.Repeats), o => o.Repeats = 0 },
        { nameof(ModelComparerOptions.Alpha), o => o.Alpha = 1 },
        { nameof(ModelComparerOptions.ErrorBudget), o => o.ErrorBudget = 1.5 },
        { nameof(ModelComparerOptions.MaxRetryDelay), o => o.MaxRetryDelay = TimeSpan.FromMilliseconds(1) },
        { nameof(ModelComparerOptions.Scorers), o => o.Scorers = null! },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task CompareAsync_InvalidOptions_ThrowsOptionsValidationExceptionNamingTheMember(string member, Action<ModelComparerOptions> breakIt)
    {
        var options = ComparisonFixtures.Options(breakIt);

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => new ModelComparer(options).CompareAsync(
            ComparisonFixtures.Suite(2), new ModelUnderTest("base", ComparisonFixtures.Base()), new ModelUnderTest("ft", ComparisonFixtures.FineTuned())));

        Assert.Contains(member, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new ModelComparerOptionsValidator().Validate(null, new ModelComparerOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
