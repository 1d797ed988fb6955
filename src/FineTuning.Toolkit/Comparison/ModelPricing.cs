namespace FineTuning.Toolkit.Comparison;

/// <summary>Prices of a model per million tokens, used for the cost column of a comparison report.</summary>
public sealed class ModelPricing
{
    /// <summary>Initializes a new instance of the <see cref="ModelPricing"/> class.</summary>
    /// <param name="inputPerMillionTokens">The price of one million input (prompt) tokens.</param>
    /// <param name="outputPerMillionTokens">The price of one million output (completion) tokens.</param>
    public ModelPricing(decimal inputPerMillionTokens, decimal outputPerMillionTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputPerMillionTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(outputPerMillionTokens);
        InputPerMillionTokens = inputPerMillionTokens;
        OutputPerMillionTokens = outputPerMillionTokens;
    }

    /// <summary>Gets the price of one million input tokens.</summary>
    public decimal InputPerMillionTokens { get; }

    /// <summary>Gets the price of one million output tokens.</summary>
    public decimal OutputPerMillionTokens { get; }

    /// <summary>Computes the cost of the given token counts.</summary>
    /// <param name="inputTokens">The input tokens.</param>
    /// <param name="outputTokens">The output tokens.</param>
    /// <returns>The cost in the currency of the prices.</returns>
    public decimal Cost(long inputTokens, long outputTokens) =>
        ((inputTokens * InputPerMillionTokens) + (outputTokens * OutputPerMillionTokens)) / 1_000_000m;
}
