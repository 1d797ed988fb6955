using System.Text;
using System.Text.Json;

namespace FineTuning.Toolkit.Tests.Validation;

/// <summary>Builds small JSONL files for validator tests and deletes them afterwards.</summary>
internal sealed class ValidationFiles : IDisposable
{
    public const string SystemPrompt = "You are TechFlow's helpful support assistant. Be friendly, concise, and always offer next steps.";

    private readonly List<string> _paths = [];

    /// <summary>A valid supervised example whose texts depend on <paramref name="i"/>.</summary>
    public static string Good(int i, string system = SystemPrompt) => Line(
        Message("system", system),
        Message("user", $"Question number {i}: how do I export my tasks to CSV?"),
        Message("assistant", $"Great question #{i}! Open Settings, choose Export, pick CSV and click Download. Need anything else?"));

    /// <summary>A valid DPO example.</summary>
    public static string GoodPreference(int i) =>
        "{\"input\":{\"messages\":[" + Message("system", SystemPrompt) + "," + Message("user", $"Question {i}: how do I reset my password?") + "]},"
        + "\"preferred_output\":[" + Message("assistant", $"Happy to help #{i}! Go to techflow.com/reset, enter your e-mail and follow the link.") + "],"
        + "\"non_preferred_output\":[" + Message("assistant", $"Figure it out yourself, number {i}, it is not that hard really.") + "]}";

    public static string Message(string role, string content) =>
        "{\"role\":" + JsonSerializer.Serialize(role) + ",\"content\":" + JsonSerializer.Serialize(content) + "}";

    public static string Line(params string[] messages) => "{\"messages\":[" + string.Join(",", messages) + "]}";

    /// <summary>Ten good lines with <paramref name="bad"/> inserted as line <paramref name="lineNumber"/>.</summary>
    public static List<string> WithLine(string bad, int lineNumber = 4, int goodCount = 10, Func<int, string>? good = null)
    {
        var lines = Enumerable.Range(0, goodCount).Select(good ?? (i => Good(i))).ToList();
        lines.Insert(lineNumber - 1, bad);
        return lines;
    }

    public string Write(IEnumerable<string> lines) => Write(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    public string Write(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), "ftt-validator-" + Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllBytes(path, bytes);
        _paths.Add(path);
        return path;
    }

    public void Dispose()
    {
        foreach (var path in _paths)
        {
            File.Delete(path);
        }
    }
}
