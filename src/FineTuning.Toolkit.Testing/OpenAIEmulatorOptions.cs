using Microsoft.Extensions.Logging;

namespace FineTuning.Toolkit.Testing;

/// <summary>Options for <see cref="OpenAIEmulator.StartAsync(OpenAIEmulatorOptions?, CancellationToken)"/>.</summary>
public sealed class OpenAIEmulatorOptions
{
    /// <summary>Gets or sets the loopback port to listen on; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets the API key clients must send as <c>Authorization: Bearer ...</c>.</summary>
    /// <value>Defaults to <c>sk-emulator-local-test-key</c>. Requests without it, or with another key, get 401.</value>
    public string ApiKey { get; set; } = "sk-emulator-local-test-key";

    /// <summary>Gets or sets how many simulated seconds pass per real second.</summary>
    /// <value>Defaults to 1,200: a 20-minute simulated training run takes one real second. 0 freezes automatic
    /// progress so only <see cref="EmulatorClock.Advance(TimeSpan)"/> moves simulated time.</value>
    public double SpeedFactor { get; set; } = 1200;

    /// <summary>Gets or sets the seed for identifiers, loss curves, chat answers and rate-based faults.</summary>
    /// <value>Defaults to 42. The same seed and the same sequence of requests give the same responses.</value>
    public int Seed { get; set; } = 42;

    /// <summary>Gets or sets the organization name used in fine-tuned model names (<c>ft:{base}:{org}:{suffix}:{id}</c>).</summary>
    /// <value>Defaults to <c>emulator-org</c>.</value>
    public string Organization { get; set; } = "emulator-org";

    /// <summary>Gets or sets the organization identifier reported as <c>organization_id</c> and <c>owned_by</c>.</summary>
    /// <value>Defaults to <c>org-emulator</c>.</value>
    public string OrganizationId { get; set; } = "org-emulator";

    /// <summary>Gets or sets the simulated duration of the <c>running</c> phase of a fine-tuning job.</summary>
    /// <value>Defaults to 20 minutes.</value>
    public TimeSpan TrainingDuration { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Gets or sets the simulated time a job spends in <c>validating_files</c>.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan ValidationDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the simulated time a job spends in <c>queued</c>.</summary>
    /// <value>Defaults to 1 minute.</value>
    public TimeSpan QueueDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the simulated time an uploaded file stays <c>uploaded</c> before it is <c>processed</c>.
    /// A job created with a file that is not processed yet is rejected, as by the real service.</summary>
    /// <value>Defaults to 5 seconds.</value>
    public TimeSpan FileProcessingDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the simulated time a job stays <c>pausing</c> before it is <c>paused</c>.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan PauseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets whether result files (<c>step_metrics.csv</c>) are served base64-encoded, as the real service
    /// serves them: the CSV text only appears after decoding the downloaded content.</summary>
    /// <value>Defaults to <see langword="true"/> (faithful); <see langword="false"/> serves the plain CSV.</value>
    public bool Base64ResultFiles { get; set; } = true;

    /// <summary>Gets or sets the real clock that drives the simulated clock and slow-response faults.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>; tests can pass a fake clock.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the simulated time at start-up.</summary>
    /// <value>Defaults to <see langword="null"/>: the current time of <see cref="TimeProvider"/>.</value>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Gets or sets the logger factory for the emulator and its web server.</summary>
    /// <value>Defaults to <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets the base models chat completions answer for, besides fine-tuned models.</summary>
    /// <value>Defaults to the current and dated names of gpt-4o-mini, gpt-4o, gpt-4.1(-mini, -nano) and gpt-3.5-turbo.</value>
    public IList<string> BaseModels { get; } = new List<string>
    {
        "gpt-4o-mini", "gpt-4o-mini-2024-07-18", "gpt-4o", "gpt-4o-2024-08-06",
        "gpt-4.1", "gpt-4.1-2025-04-14", "gpt-4.1-mini", "gpt-4.1-mini-2025-04-14",
        "gpt-4.1-nano", "gpt-4.1-nano-2025-04-14", "gpt-3.5-turbo", "gpt-3.5-turbo-0125",
    };

    /// <summary>Gets the models fine-tuning jobs accept (an undated name resolves to its dated snapshot),
    /// besides fine-tuned models of this emulator.</summary>
    /// <value>Defaults to gpt-4o-mini-2024-07-18, gpt-4o-2024-08-06, gpt-4.1-2025-04-14, gpt-4.1-mini-2025-04-14,
    /// gpt-4.1-nano-2025-04-14 and gpt-3.5-turbo-0125.</value>
    public IList<string> FineTunableModels { get; } = new List<string>
    {
        "gpt-4o-mini-2024-07-18", "gpt-4o-2024-08-06", "gpt-4.1-2025-04-14",
        "gpt-4.1-mini-2025-04-14", "gpt-4.1-nano-2025-04-14", "gpt-3.5-turbo-0125",
    };
}
