namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>How a base model of the emulator answers: plain, generic prose — no markdown, no emoji, no lists, no
/// closing offer of next steps — chosen deterministically from the question and the seed.</summary>
internal static class GenericResponder
{
    private static readonly string[] Openings =
    [
        "Thank you for your question.",
        "Thanks for reaching out.",
        "That is a common question.",
    ];

    private static readonly string[] Bodies =
    [
        "The exact steps depend on how your account and the application are configured, so the details can vary.",
        "In most cases the relevant option can be found in the settings area of the application.",
        "Services like this usually handle such requests through the account settings or the support team.",
    ];

    private static readonly string[] Closings =
    [
        "The product documentation describes this topic in more detail.",
        "Policies for this kind of request differ between providers and plans.",
        "The behaviour can also depend on the plan you are using.",
    ];

    public static string Answer(string question, int seed)
    {
        var hash = (uint)DeterministicNoise.Hash(question + "#" + seed);
        var topic = question.Trim().TrimEnd('?', '!', '.').Trim();
        var about = topic.Length == 0 ? string.Empty : $" Regarding \"{topic}\":";
        return $"{Openings[hash % 3]}{about} {Bodies[(hash / 3) % 3]} {Closings[(hash / 9) % 3]}";
    }
}
