namespace FineTuning.Toolkit.Validation;

/// <summary>Where a message of an example comes from.</summary>
internal enum MessageOrigin
{
    /// <summary>The conversation (<c>messages</c>, or <c>input.messages</c> for DPO).</summary>
    Conversation,

    /// <summary>A DPO <c>preferred_output</c> message.</summary>
    Preferred,

    /// <summary>A DPO <c>non_preferred_output</c> message.</summary>
    NonPreferred,
}
