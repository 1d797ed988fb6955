namespace FineTuning.Toolkit.Testing;

internal static class EmulatorPlaceholder
{
}
