namespace FineTuning.Toolkit.Cli.Tests;

/// <summary>Datasets and folders for the tests.</summary>
internal static class TestData
{
    public const string SystemPrompt = "You are TechFlow's helpful support assistant.";

    /// <summary>Twelve valid TechFlow-style chat examples.</summary>
    public static string ValidJsonl() => string.Join('\n', Enumerable.Range(1, 12).Select(i =>
        $$"""{"messages":[{"role":"system","content":"{{SystemPrompt}}"},{"role":"user","content":"How do I export report {{i}}?"},{"role":"assistant","content":"📊 **Export report {{i}}**\n\n1. Open **Reports**.\n2. Pick report {{i}} and click **Export**.\n\nAnything else I can help you with? 😊"}]}""")) + "\n";

    /// <summary>Valid examples with an example without an answer on line 3 and a broken line on line 5.</summary>
    public static string JsonlWithErrors()
    {
        var lines = ValidJsonl().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        lines[2] = $$"""{"messages":[{"role":"system","content":"{{SystemPrompt}}"},{"role":"user","content":"Hello?"}]}""";
        lines[4] = """{"messages": [ this is not json""";
        return string.Join('\n', lines) + "\n";
    }

    public static string NewFolder() => Directory.CreateTempSubdirectory("ftk-tests-").FullName;
}
