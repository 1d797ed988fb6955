namespace FineTuning.Toolkit.Providers;

/// <summary>
/// What a model costs, in US dollars per million tokens: training (fine-tuning) and inference (input and output), with
/// the discount of the provider's batch API. The one price type of the library: the validator's cost estimate, the
/// runner's cost of a finished job and the comparer's cost column all read it.
/// </summary>
/// <param name="TrainingPerMillionTokens">The price of one million trained tokens, or <see langword="null"/> when the
/// model cannot be trained or the price is not known.</param>
/// <param name="InputPerMillionTokens">The price of one million input (prompt) tokens sent to the trained model.</param>
/// <param name="OutputPerMillionTokens">The price of one million output (completion) tokens of the trained model.</param>
public sealed record ModelPrice(decimal? TrainingPerMillionTokens, decimal InputPerMillionTokens, decimal OutputPerMillionTokens)
{
    /// <summary>Gets the fraction taken off inference prices through the provider's batch API.</summary>
    /// <value>The default is 0 (no batch discount); OpenAI's and Together's batch APIs take 0.5 off.</value>
    public decimal BatchDiscount { get; init; }

    /// <summary>Computes the cost of inference with the given token counts.</summary>
    /// <param name="inputTokens">The input tokens.</param>
    /// <param name="outputTokens">The output tokens.</param>
    /// <param name="batch">Whether the requests went through the batch API (<see cref="BatchDiscount"/> applies).</param>
    /// <returns>The cost in US dollars.</returns>
    public decimal Cost(long inputTokens, long outputTokens, bool batch = false)
    {
        var full = ((inputTokens * InputPerMillionTokens) + (outputTokens * OutputPerMillionTokens)) / 1_000_000m;
        return batch ? full * (1m - BatchDiscount) : full;
    }

    /// <summary>Computes the cost of training on a number of tokens, rounded to four decimals.</summary>
    /// <param name="trainedTokens">The trained tokens (tokens per epoch × epochs).</param>
    /// <returns>The cost in US dollars, or <see langword="null"/> when <see cref="TrainingPerMillionTokens"/> is unknown.</returns>
    public decimal? TrainingCost(long trainedTokens) =>
        TrainingPerMillionTokens is { } price ? Math.Round(trainedTokens * price / 1_000_000m, 4) : null;
}
