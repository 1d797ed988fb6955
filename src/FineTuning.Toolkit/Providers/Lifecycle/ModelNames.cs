namespace FineTuning.Toolkit.Providers;

/// <summary>Model-name rules shared by the catalog: families, base models of fine-tuned names, matching.</summary>
internal static class ModelNames
{
    /// <summary>The name without a trailing date (<c>-2024-07-18</c>) or four-digit version (<c>-0125</c>).</summary>
    public static string Family(string model)
    {
        var parts = model.Split('-');
        var keep = parts.Length;
        if (keep >= 4 && IsDigits(parts[^3], 4) && IsDigits(parts[^2], 2) && IsDigits(parts[^1], 2))
        {
            keep -= 3;
        }
        else if (keep >= 2 && IsDigits(parts[^1], 4))
        {
            keep -= 1;
        }

        return string.Join('-', parts, 0, keep);
    }

    /// <summary>The base model of a fine-tuned name: <c>ft:base:org:suffix:id</c> (OpenAI) or <c>base.ft-id</c> (Azure OpenAI).</summary>
    public static string BaseModel(string model)
    {
        var name = model.Trim();
        if (name.StartsWith("ft:", StringComparison.OrdinalIgnoreCase))
        {
            name = name[3..];
            var colon = name.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 ? name[..colon] : name;
        }

        var azure = name.IndexOf(".ft-", StringComparison.OrdinalIgnoreCase);
        return azure > 0 ? name[..azure] : name;
    }

    /// <summary>Whether <paramref name="name"/> is <paramref name="family"/> or a dated/versioned snapshot of it
    /// (<c>gpt-4o-2024-08-06</c> is <c>gpt-4o</c>; <c>gpt-4o-mini-2024-07-18</c> is not).</summary>
    public static bool IsOfFamily(string name, string family)
    {
        if (!name.StartsWith(family, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (name.Length == family.Length)
        {
            return true;
        }

        return name[family.Length] == '-' && name.Length > family.Length + 1 && char.IsAsciiDigit(name[family.Length + 1]);
    }

    private static bool IsDigits(string part, int length) => part.Length == length && part.All(char.IsAsciiDigit);
}
