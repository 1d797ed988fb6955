using Microsoft.Extensions.Options;

namespace FineTuning.Toolkit;

/// <summary>Runs an options validator outside a host (components built with <c>new</c> check their options as a host would on start).</summary>
internal static class OptionsCheck
{
    public static void ThrowIfInvalid<TOptions>(IValidateOptions<TOptions> validator, TOptions options)
        where TOptions : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        }
    }
}
