namespace FineTuning.Toolkit.Cli.Output;

/// <summary>Paths as CI tools expect them: relative to the working directory (the repository root in CI) with
/// forward slashes, or absolute when outside it.</summary>
internal static class DisplayPath
{
    public static string Relative(string path, string currentDirectory)
    {
        var relative = Path.GetRelativePath(currentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? path.Replace('\\', '/')
            : relative.Replace('\\', '/');
    }

    /// <summary>A SARIF artifact URI: a relative reference when inside the working directory, else a file URI.</summary>
    public static string Uri(string path, string currentDirectory)
    {
        var relative = Relative(path, currentDirectory);
        return relative.StartsWith('/') || (relative.Length > 1 && relative[1] == ':')
            ? new Uri(path).AbsoluteUri
            : string.Join('/', relative.Split('/').Select(System.Uri.EscapeDataString));
    }
}
