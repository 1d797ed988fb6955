namespace FineTuning.Toolkit.Tests.Validation;

/// <summary>Locates the validation test data in the source tree and writes scratch files.</summary>
internal static class ValidationTestData
{
    public static string Directory { get; } = Find();

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "FineTuning.Toolkit.Tests", "Validation", "TestData");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/FineTuning.Toolkit.Tests/Validation/TestData not found above " + AppContext.BaseDirectory);
    }
}
