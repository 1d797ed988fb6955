using FineTuning.Toolkit;
using FineTuning.Toolkit.Comparison;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddFineTuningToolkit</c> to configure the registration further.</summary>
public sealed class FineTuningToolkitBuilder
{
    internal FineTuningToolkitBuilder(IServiceCollection services, string optionsName, object? serviceKey)
    {
        Services = services;
        OptionsName = optionsName;
        ServiceKey = serviceKey;
    }

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the name of the <see cref="FineTuningToolkitOptions"/> instance (empty for the default registration).</summary>
    public string OptionsName { get; }

    /// <summary>Gets the service key of a keyed registration, or <see langword="null"/>.</summary>
    public object? ServiceKey { get; }

    /// <summary>Adds a configuration step for the toolkit's options.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public FineTuningToolkitBuilder Configure(Action<FineTuningToolkitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(OptionsName, configure);
        return this;
    }

    /// <summary>Adds a configuration step for the registered <see cref="ModelComparer"/>'s options.</summary>
    /// <param name="configure">Changes the comparer options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public FineTuningToolkitBuilder ConfigureComparer(Action<ModelComparerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<FineTuningToolkitOptions>(OptionsName, o => configure(o.Comparer));
        return this;
    }

    internal FineTuningToolkitOptions GetOptions(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<FineTuningToolkitOptions>>().Get(OptionsName);
}
