using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Tests.Contracts;

/// <summary>The two steps every contract test class shares: skip (saying why) when a spec is not beside the
/// repository, and assert that a body conforms to a named schema of it.</summary>
internal static class ContractAssert
{
    public static OpenApiContract Require(OpenApiContract? contract)
    {
        Skip.If(contract is null, OpenApiContract.MissingSpecReason);
        return contract!;
    }

    public static void Conforms(OpenApiContract contract, string schema, JsonNode body, bool allowDeviations = false)
    {
        var result = contract.Validate(schema, body, allowDeviations);
        Assert.True(result.IsValid, result + "\n" + body.ToJsonString());
    }
}
