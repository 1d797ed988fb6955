namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>One way a body breaks its schema.</summary>
/// <param name="InstanceLocation">The JSON pointer into the body, for example <c>/error</c>.</param>
/// <param name="Keyword">The schema keyword that failed, for example <c>required</c>.</param>
/// <param name="Message">The validator's message.</param>
/// <param name="SchemaLocation">Where in the (adapted) schema the keyword is.</param>
public sealed record ContractViolation(string InstanceLocation, string Keyword, string Message, string SchemaLocation)
{
    public override string ToString() => $"{InstanceLocation}: {Keyword}: {Message} ({SchemaLocation})";
}
