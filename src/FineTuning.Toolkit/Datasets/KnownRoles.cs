using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Datasets;

/// <summary>The roles OpenAI's chat fine-tuning format accepts, as <see cref="ChatRole"/> values.</summary>
internal static class KnownRoles
{
    /// <summary>A <c>developer</c> message: instructions from the application developer (newer models' name for system).</summary>
    public static readonly ChatRole Developer = new("developer");

    /// <summary>Gets the format's name of a role (<c>system</c>, <c>developer</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>), or <see langword="null"/> for any other.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The lower-case name, or <see langword="null"/>.</returns>
    public static string? NameOf(ChatRole role) =>
        role == ChatRole.User ? "user"
        : role == ChatRole.Assistant ? "assistant"
        : role == ChatRole.System ? "system"
        : role == Developer ? "developer"
        : role == ChatRole.Tool ? "tool"
        : null;
}
