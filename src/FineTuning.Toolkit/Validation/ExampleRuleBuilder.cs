using FineTuning.Toolkit.Datasets;

namespace FineTuning.Toolkit.Validation;

/// <summary>
/// Builds a custom rule on one property of every example, as FluentValidation's <c>RuleFor</c> does:
/// <c>options.RuleFor(e => e.Category).Must(c => c is not null).WithCode("missing_category").WithMessage("...")</c>.
/// </summary>
/// <typeparam name="TProperty">The type of the value the rule checks.</typeparam>
/// <remarks>Rules run on the validator's worker threads: the selector and predicate must be thread-safe.</remarks>
public sealed class ExampleRuleBuilder<TProperty> : IExampleRule
{
    private readonly Func<DatasetExample, TProperty> _selector;
    private readonly List<Func<TProperty, bool>> _predicates = [];

    internal ExampleRuleBuilder(Func<DatasetExample, TProperty> selector, string defaultName)
    {
        _selector = selector;
        Message = $"The example does not satisfy the custom rule on {defaultName}.";
    }

    /// <summary>Gets the issue code reported when the rule fails.</summary>
    /// <value>The default is <c>custom_rule</c>.</value>
    public string Code { get; private set; } = "custom_rule";

    /// <summary>Gets the severity reported when the rule fails.</summary>
    /// <value>The default is <see cref="ValidationSeverity.Error"/>, as in FluentValidation.</value>
    public ValidationSeverity Severity { get; private set; } = ValidationSeverity.Error;

    /// <summary>Gets the message reported when the rule fails.</summary>
    public string Message { get; private set; }

    /// <summary>Adds a condition the value must satisfy.</summary>
    /// <param name="predicate">Returns <see langword="true"/> when the value is acceptable.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> is <see langword="null"/>.</exception>
    public ExampleRuleBuilder<TProperty> Must(Func<TProperty, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        _predicates.Add(predicate);
        return this;
    }

    /// <summary>Sets the issue code reported when the rule fails (snake_case recommended).</summary>
    /// <param name="code">The code.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> is <see langword="null"/>.</exception>
    public ExampleRuleBuilder<TProperty> WithCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        Code = code;
        return this;
    }

    /// <summary>Sets the message reported when the rule fails.</summary>
    /// <param name="message">The message.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    public ExampleRuleBuilder<TProperty> WithMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Message = message;
        return this;
    }

    /// <summary>Sets the severity reported when the rule fails.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>This builder.</returns>
    public ExampleRuleBuilder<TProperty> WithSeverity(ValidationSeverity severity)
    {
        Severity = severity;
        return this;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    public void Validate(ExampleRuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Example is not { } example)
        {
            return;
        }

        bool passed;
        string message;
        try
        {
            passed = IsSatisfiedBy(example);
            message = Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            passed = false;
            message = $"the custom rule threw {ex.GetType().Name}: {ex.Message}";
        }

        if (!passed)
        {
            context.Report(Code, Severity, message);
        }
    }

    /// <summary>Checks one example.</summary>
    /// <param name="example">The example.</param>
    /// <returns><see langword="true"/> when the example passes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="example"/> is <see langword="null"/>.</exception>
    public bool IsSatisfiedBy(DatasetExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var value = _selector(example);
        foreach (var predicate in _predicates)
        {
            if (!predicate(value))
            {
                return false;
            }
        }

        return true;
    }
}
