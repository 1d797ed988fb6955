namespace FineTuning.Toolkit.Cli.Providers;

/// <summary>A provider the tool can talk to: its name, and the environment variables its key and endpoint are read
/// from (first set wins).</summary>
internal sealed record ProviderInfo(string Name, IReadOnlyList<string> KeyVariables, string[] EndpointVariables);
