namespace TechFlow.SupportAssistant;

/// <summary>How this run of the lab is set up (decided in Program.cs from the command line and the environment).</summary>
internal sealed record LabSettings
{
    /// <summary>Gets the model the lab fine-tunes (Exercise 2, Step 3): gpt-4o-mini on OpenAI and Azure, Llama 3.1 8B on Together.</summary>
    public string FineTuneBaseModel => Provider == "together" ? "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference" : "gpt-4o-mini-2024-07-18";

    /// <summary>Gets the base model the lab compares against (Exercise 3); on Azure a deployment of that name.</summary>
    public string ComparisonBaseModel => Provider == "together" ? "meta-llama/Meta-Llama-3.1-8B-Instruct-Reference" : "gpt-4o-mini";

    /// <summary>Gets where the lab trains: <c>openai</c>, <c>azure</c> or <c>together</c>.</summary>
    public string Provider { get; init; } = "openai";

    /// <summary>Gets whether the run talks to OpenAI rather than the embedded emulator.</summary>
    public required bool Live { get; init; }

    /// <summary>Gets whether the live run starts without asking.</summary>
    public bool AssumeYes { get; init; }

    /// <summary>Gets whether uploaded files and fine-tuned models are kept at the end.</summary>
    public bool Keep { get; init; }

    /// <summary>Gets the folder for the JSONL files and the HTML report.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Gets whether standard output is a terminal (a redrawn progress line) or redirected (plain lines).</summary>
    public required bool Interactive { get; init; }

    /// <summary>Gets the golden record a migration run compares its retrained model with, or <see langword="null"/> for the lab.</summary>
    public string? MigrateFrom { get; init; }

    /// <summary>Gets the folder holding the test suites and the product catalog.</summary>
    public required string DataDirectory { get; init; }
}
