using System.Globalization;

namespace FineTuning.Toolkit.Comparison.Reports;

/// <summary>The culture of report text: invariant, with percentages written "90%" rather than "90 %".</summary>
internal static class ReportFormat
{
    public static readonly CultureInfo Culture = CreateCulture();

    public static string Format(FormattableString text) => text.ToString(Culture);

    private static CultureInfo CreateCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.PercentPositivePattern = 1;
        culture.NumberFormat.PercentNegativePattern = 1;
        return CultureInfo.ReadOnly(culture);
    }
}
