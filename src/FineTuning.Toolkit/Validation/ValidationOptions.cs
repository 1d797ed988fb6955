using System.Runtime.CompilerServices;
using FineTuning.Toolkit.Datasets;
using FineTuning.Toolkit.Datasets.Jsonl;
using FineTuning.Toolkit.Providers;

namespace FineTuning.Toolkit.Validation;

/// <summary>What <see cref="DatasetValidator"/> checks and how it prices a dataset.</summary>
public sealed class ValidationOptions
{
    /// <summary>The default <see cref="Model"/>: <c>gpt-4o-mini-2024-07-18</c>, the lab's model.</summary>
    public const string DefaultModel = "gpt-4o-mini-2024-07-18";

    /// <summary>The default <see cref="MinAssistantLength"/>: 50 characters, as in the lab.</summary>
    public const int DefaultMinAssistantLength = 50;

    /// <summary>The default <see cref="MinExamples"/>: 10, OpenAI's minimum.</summary>
    public const int DefaultMinExamples = 10;

    /// <summary>The default <see cref="MaxLineBytes"/>: 32 MiB.</summary>
    public const int DefaultMaxLineBytes = JsonlReaderOptions.DefaultMaxLineBytes;

    /// <summary>The default <see cref="MaxDepth"/>: 64.</summary>
    public const int DefaultMaxDepth = JsonlReaderOptions.DefaultMaxDepth;

    /// <summary>The default <see cref="MaxIssuesPerCode"/>: 100.</summary>
    public const int DefaultMaxIssuesPerCode = 100;

    private readonly List<IExampleRule> _customRules = [];

    /// <summary>Gets or sets the target base model: it decides the tokenizer, the per-example token limit and the price.</summary>
    /// <value>The default is <see cref="DefaultModel"/>.</value>
    public string Model { get; set; } = DefaultModel;

    /// <summary>Gets or sets the training method, which decides the expected line format.</summary>
    /// <value>The default is <see cref="FineTuneMethod.Supervised"/>.</value>
    public FineTuneMethod Method { get; set; } = FineTuneMethod.Supervised;

    /// <summary>Gets or sets the number of epochs to price, or <see langword="null"/> to choose them as OpenAI does (see <see cref="CostEstimator"/>).</summary>
    /// <value>The default is <see langword="null"/> (automatic).</value>
    public int? Epochs { get; set; }

    /// <summary>Gets or sets the shortest acceptable assistant answer, in characters.</summary>
    /// <value>The default is <see cref="DefaultMinAssistantLength"/> (50).</value>
    public int MinAssistantLength { get; set; } = DefaultMinAssistantLength;

    /// <summary>Gets or sets the fewest examples accepted.</summary>
    /// <value>The default is <see cref="DefaultMinExamples"/> (10).</value>
    public int MinExamples { get; set; } = DefaultMinExamples;

    /// <summary>
    /// Gets or sets the categories the dataset must cover, with the minimum number of examples of each
    /// (the lab asks for 5 each of account, billing, features and bugs). Category names compare case-insensitively.
    /// </summary>
    /// <value>The default is empty: no category is required.</value>
    public IDictionary<string, int> RequiredCategories { get; set; } = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the codes of the checks that are switched off.</summary>
    /// <value>The default is empty: every check is on.</value>
    public ISet<string> DisabledChecks { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the longest line accepted, in bytes; longer lines are reported as <c>line_too_long</c> and skipped.</summary>
    /// <value>The default is <see cref="DefaultMaxLineBytes"/> (32 MiB).</value>
    public int MaxLineBytes { get; set; } = DefaultMaxLineBytes;

    /// <summary>Gets or sets the deepest JSON nesting accepted; deeper lines are reported as <c>nesting_too_deep</c>.</summary>
    /// <value>The default is <see cref="DefaultMaxDepth"/> (64).</value>
    public int MaxDepth { get; set; } = DefaultMaxDepth;

    /// <summary>Gets or sets how many issues of one code the report lists; the rest are only counted (<see cref="ValidationReport.IssueCounts"/>).</summary>
    /// <value>The default is <see cref="DefaultMaxIssuesPerCode"/> (100).</value>
    public int MaxIssuesPerCode { get; set; } = DefaultMaxIssuesPerCode;

    /// <summary>Gets or sets how many examples are checked in parallel, or <see langword="null"/> for one per processor.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public int? MaxDegreeOfParallelism { get; set; }

    /// <summary>Gets or sets the provider that will train the model (<see cref="ModelLifecycleCatalog.OpenAI"/>,
    /// <see cref="ModelLifecycleCatalog.AzureOpenAI"/>, <see cref="ModelLifecycleCatalog.Together"/>, ...): with
    /// <see cref="Model"/> it picks the catalog entry for limits, prices and the training cut-off.</summary>
    /// <value>The default is <see cref="ModelLifecycleCatalog.OpenAI"/>.</value>
    public string Provider { get; set; } = ModelLifecycleCatalog.OpenAI;

    /// <summary>Gets or sets the model catalog: per-example token limits, prices and training cut-offs
    /// (the report warns, as <c>model_training_ending</c>, when the cut-off is within 30 days or past).</summary>
    /// <value>The default is <see cref="ModelLifecycleCatalog.Default"/>.</value>
    public ModelLifecycleCatalog Catalog { get; set; } = ModelLifecycleCatalog.Default;

    /// <summary>
    /// Gets or sets where to report how far the validation has come: bytes and examples validated so far, the total
    /// bytes when known and the elapsed time. Reported from the ordered aggregation step (counts only grow), at most
    /// every 64 batches or 250 ms, and always once at the end with the final counts. Reports arrive on the validation's
    /// threads, one at a time; a handler that throws is logged and does not fail the validation.
    /// </summary>
    /// <value>The default is <see langword="null"/>: no progress is reported.</value>
    public IProgress<ValidationProgress>? Progress { get; set; }

    /// <summary>Gets the custom rules, run on every example after the built-in checks.</summary>
    public IReadOnlyList<IExampleRule> CustomRules => _customRules;

    /// <summary>Switches checks off.</summary>
    /// <param name="codes">The codes (see <see cref="ValidationIssueCodes"/>).</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="codes"/> is <see langword="null"/>.</exception>
    public ValidationOptions Disable(params string[] codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        foreach (var code in codes)
        {
            DisabledChecks.Add(code);
        }

        return this;
    }

    /// <summary>Switches checks back on.</summary>
    /// <param name="codes">The codes (see <see cref="ValidationIssueCodes"/>).</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="codes"/> is <see langword="null"/>.</exception>
    public ValidationOptions Enable(params string[] codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        foreach (var code in codes)
        {
            DisabledChecks.Remove(code);
        }

        return this;
    }

    /// <summary>Gets a value indicating whether a check is on.</summary>
    /// <param name="code">The code.</param>
    /// <returns><see langword="true"/> unless the code was disabled.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is <see langword="null"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsEnabled(string code)
    {
        ArgumentNullException.ThrowIfNull(code);

        // Asked for every rule on every line: with no check disabled (the usual case) the code is not even hashed.
        return DisabledChecks.Count == 0 || !DisabledChecks.Contains(code);
    }

    /// <summary>Requires a category to have at least a number of examples (<c>category_underrepresented</c> otherwise).</summary>
    /// <param name="category">The category, for example <c>billing</c>.</param>
    /// <param name="minimum">The fewest examples.</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="category"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimum"/> is negative.</exception>
    public ValidationOptions RequireCategory(string category, int minimum)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentOutOfRangeException.ThrowIfNegative(minimum);
        RequiredCategories[category] = minimum;
        return this;
    }

    /// <summary>Adds a custom rule on a value of every example, as FluentValidation's <c>RuleFor</c>.</summary>
    /// <typeparam name="TProperty">The type of the value.</typeparam>
    /// <param name="selector">Picks the value to check from an example.</param>
    /// <returns>A builder: chain <c>Must</c>, <c>WithCode</c>, <c>WithMessage</c>, <c>WithSeverity</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="selector"/> is <see langword="null"/>.</exception>
    public ExampleRuleBuilder<TProperty> RuleFor<TProperty>(Func<DatasetExample, TProperty> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var builder = new ExampleRuleBuilder<TProperty>(selector, typeof(TProperty).Name);
        _customRules.Add(builder);
        return builder;
    }

    /// <summary>Adds a custom rule.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is <see langword="null"/>.</exception>
    public ValidationOptions AddRule(IExampleRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _customRules.Add(rule);
        return this;
    }
}
