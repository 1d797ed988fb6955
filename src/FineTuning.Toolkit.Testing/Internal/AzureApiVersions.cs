namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>The API versions the emulated Azure planes speak.</summary>
internal static class AzureApiVersions
{
    /// <summary>The Microsoft.CognitiveServices management API version used in URLs the emulator hands out (any version is accepted).</summary>
    public const string Management = "2024-10-01";
}
