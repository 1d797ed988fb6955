namespace TechFlow.SupportAssistant;

/// <summary>Where the sample writes its files.</summary>
internal static class SampleFolders
{
    private const string ProjectFile = "TechFlow.SupportAssistant.csproj";

    /// <summary>
    /// The "output" folder beside the sample's project file (ignored by git) when the sample runs from its build
    /// folder, as with <c>dotnet run</c>; otherwise "techflow-output" in the current directory.
    /// </summary>
    public static string DefaultOutputDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ProjectFile)))
            {
                return Path.Combine(dir.FullName, "output");
            }
        }

        return Path.Combine(Directory.GetCurrentDirectory(), "techflow-output");
    }
}
