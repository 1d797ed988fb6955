namespace FineTuning.Toolkit.Tests.Comparison;

/// <summary>Locates the comparison test data and gives each test its own temporary directory.</summary>
internal static class ComparisonTestFiles
{
    public static string Data(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FineTuning.Toolkit.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Path.Combine(directory.FullName, "tests", "FineTuning.Toolkit.Tests", "Comparison", "Data", name);
    }

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "ftt-comparison-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
