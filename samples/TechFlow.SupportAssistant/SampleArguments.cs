namespace TechFlow.SupportAssistant;

/// <summary>The sample's command line: offline on the embedded emulator by default, <c>--live</c> for the real service,
/// <c>--provider</c> for where to train (OpenAI, Azure OpenAI or Together AI).</summary>
internal sealed record SampleArguments
{
    public const string Usage = """
        TechFlow support assistant: the "Fine-tune with OpenAI API" lab, end to end.

        Usage: dotnet run --project samples/TechFlow.SupportAssistant -c Release [-- options]

          (no options)      run offline against the embedded emulator (no API key, no cost)
          --provider <p>    where to train: openai, azure (Azure OpenAI: train, deploy, chat, delete the deployment) or
                            together (Together AI); offline, the emulator speaks that provider's dialect. Default:
                            openai while OpenAI takes fine-tuning jobs (until 2027-01-06), then azure (until
                            2027-04-01), then together
          --live            run against the real service (shows the cost estimate and asks first):
                              openai   OPENAI_API_KEY
                              azure    AZURE_OPENAI_ENDPOINT (https://{resource}.openai.azure.com/openai/v1/),
                                       AZURE_OPENAI_API_KEY (or Entra ID through DefaultAzureCredential),
                                       AZURE_SUBSCRIPTION_ID, AZURE_RESOURCE_GROUP, AZURE_OPENAI_ACCOUNT
                              together TOGETHER_API_KEY
          --yes             with --live: skip the confirmation
          --output <dir>    where to write the JSONL files and the HTML report (default: the sample's output folder)
          --keep            keep the uploaded files, fine-tuned models and deployments instead of deleting them at the end
          --migrate-from <golden.jsonl>
                            migration check: retrain the dataset recorded beside a golden record (every full run
                            writes output/golden/techflow-support-v2.jsonl), compare the new model with the recorded
                            answers and print the go/no-go with its reasons. Exit 0 on a go, or offline (informational);
                            7 on a live no-go
          --help            show this text
        """;

    public bool Live { get; init; }

    /// <summary>Gets where to train: <c>openai</c>, <c>azure</c> or <c>together</c>; <see langword="null"/> when not given
    /// (see <see cref="DefaultProvider"/>).</summary>
    public string? Provider { get; init; }

    public bool AssumeYes { get; init; }

    public bool Keep { get; init; }

    public bool Help { get; init; }

    public string? OutputDirectory { get; init; }

    public string? MigrateFrom { get; init; }

    /// <summary>Parses the arguments; an unknown argument is an error with a message, not an exception.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out SampleArguments result, out string? error)
    {
        result = new SampleArguments();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--live":
                    result = result with { Live = true };
                    break;
                case "--yes" or "-y":
                    result = result with { AssumeYes = true };
                    break;
                case "--keep":
                    result = result with { Keep = true };
                    break;
                case "--help" or "-h" or "-?":
                    result = result with { Help = true };
                    break;
                case "--provider" or "-p":
                    if (i + 1 >= args.Count || args[i + 1] is not ("openai" or "azure" or "together"))
                    {
                        error = "--provider needs one of openai, azure, together, e.g. --provider azure";
                        return false;
                    }

                    result = result with { Provider = args[++i] };
                    break;
                case "--output" or "-o":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith('-'))
                    {
                        error = "--output needs a directory, e.g. --output ./techflow-output";
                        return false;
                    }

                    result = result with { OutputDirectory = args[++i] };
                    break;
                case "--migrate-from":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith('-'))
                    {
                        error = "--migrate-from needs a golden record, e.g. --migrate-from output/golden/techflow-support-v2.jsonl";
                        return false;
                    }

                    result = result with { MigrateFrom = args[++i] };
                    break;
                default:
                    // Host-style configuration switches (--Key=Value, --Key Value) are left to the generic host.
                    if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains('=', StringComparison.Ordinal))
                    {
                        break;
                    }

                    error = $"Unknown argument '{args[i]}'. Run with --help to see the options.";
                    return false;
            }
        }

        return true;
    }
}
