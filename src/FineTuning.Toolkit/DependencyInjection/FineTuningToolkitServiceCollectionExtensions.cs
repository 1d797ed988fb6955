using FineTuning.Toolkit;
using FineTuning.Toolkit.Comparison;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the toolkit in a host: <see cref="DatasetValidator"/>, <see cref="FineTuneJobRunner"/> (which validates
/// requests that carry no report with that validator) and <see cref="ModelComparer"/> as singletons, with
/// <see cref="FineTuningToolkitOptions"/> validated on start. Uses the
/// host's <see cref="ILoggerFactory"/> and <see cref="TimeProvider"/> when registered. Only <c>TryAdd*</c>: calling it
/// twice is harmless. A keyed variant registers a second provider (for example Azure OpenAI beside OpenAI).
/// </summary>
public static class FineTuningToolkitServiceCollectionExtensions
{
    private const string DefaultPath = "FineTuningToolkitOptions";

    /// <summary>Registers the toolkit with options from the environment (<c>OPENAI_API_KEY</c>) and the defaults.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder for further configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static FineTuningToolkitBuilder AddFineTuningToolkit(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Register(services, Options.Options.DefaultName, serviceKey: null, DefaultPath);
    }

    /// <summary>Registers the toolkit and configures its options in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder for further configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static FineTuningToolkitBuilder AddFineTuningToolkit(this IServiceCollection services, Action<FineTuningToolkitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, Options.Options.DefaultName, serviceKey: null, DefaultPath).Configure(configure);
    }

    /// <summary>Registers the toolkit and binds its options from a configuration section (for example <c>"FineTuning"</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The section, for example <c>builder.Configuration.GetSection("FineTuning")</c>.</param>
    /// <returns>A builder for further configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="section"/> is <see langword="null"/>.</exception>
    public static FineTuningToolkitBuilder AddFineTuningToolkit(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        var builder = Register(services, Options.Options.DefaultName, serviceKey: null, section.Path);
        services.AddOptions<FineTuningToolkitOptions>(builder.OptionsName).Bind(section);
        return builder;
    }

    /// <summary>
    /// Registers a second provider under a key: <see cref="FineTuneJobRunner"/> and <see cref="ModelComparer"/> resolve with
    /// <c>GetRequiredKeyedService&lt;FineTuneJobRunner&gt;(serviceKey)</c>; the <see cref="DatasetValidator"/> is shared.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key, for example <c>"azure"</c>; also the name of its options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>A builder for further configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/>, <paramref name="serviceKey"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static FineTuningToolkitBuilder AddKeyedFineTuningToolkit(this IServiceCollection services, string serviceKey, Action<FineTuningToolkitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceKey);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, serviceKey, serviceKey, $"{DefaultPath}[{serviceKey}]").Configure(configure);
    }

    /// <summary>Registers a second provider under a key, with options bound from a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key, for example <c>"azure"</c>; also the name of its options.</param>
    /// <param name="section">The section, for example <c>builder.Configuration.GetSection("FineTuning:Azure")</c>.</param>
    /// <returns>A builder for further configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/>, <paramref name="serviceKey"/> or <paramref name="section"/> is <see langword="null"/>.</exception>
    public static FineTuningToolkitBuilder AddKeyedFineTuningToolkit(this IServiceCollection services, string serviceKey, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceKey);
        ArgumentNullException.ThrowIfNull(section);
        var builder = Register(services, serviceKey, serviceKey, section.Path);
        services.AddOptions<FineTuningToolkitOptions>(serviceKey).Bind(section);
        return builder;
    }

    private static FineTuningToolkitBuilder Register(IServiceCollection services, string name, string? serviceKey, string path)
    {
        var builder = new FineTuningToolkitBuilder(services, name, serviceKey);
        var marker = new RegistrationMarker(name);
        if (services.Any(d => d.ServiceType == typeof(RegistrationMarker) && Equals(d.ImplementationInstance, marker)))
        {
            return builder;
        }

        services.AddSingleton(marker);
        services.AddOptions<FineTuningToolkitOptions>(name).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FineTuningToolkitOptions>>(new FineTuningToolkitOptionsRules(name, path));
        services.TryAddSingleton(sp => new DatasetValidator(sp.GetService<ILogger<DatasetValidator>>(), sp.GetService<TimeProvider>()));

        if (serviceKey is null)
        {
            services.TryAddSingleton(sp => CreateRunner(sp, builder));
            services.TryAddSingleton(sp => CreateComparer(sp, builder));
        }
        else
        {
            services.TryAddKeyedSingleton(serviceKey, (sp, _) => CreateRunner(sp, builder));
            services.TryAddKeyedSingleton(serviceKey, (sp, _) => CreateComparer(sp, builder));
        }

        return builder;
    }

    private static FineTuneJobRunner CreateRunner(IServiceProvider services, FineTuningToolkitBuilder builder)
    {
        var options = builder.GetOptions(services);
        var loggerFactory = services.GetService<ILoggerFactory>();
        if (loggerFactory is not null)
        {
            Log.ToolkitConfigured(loggerFactory.CreateLogger(typeof(FineTuningToolkitServiceCollectionExtensions).FullName!), builder.OptionsName, options.Runner.ToString());
        }

        return new FineTuneJobRunner(options.Runner, services.GetService<TimeProvider>(), loggerFactory, services.GetRequiredService<DatasetValidator>());
    }

    private static ModelComparer CreateComparer(IServiceProvider services, FineTuningToolkitBuilder builder) =>
        new(builder.GetOptions(services).Comparer, services.GetService<TimeProvider>(), services.GetService<ILoggerFactory>());

    /// <summary>Marks a registration (by options name) so a second call adds nothing.</summary>
    private sealed record RegistrationMarker(string Name);
}
