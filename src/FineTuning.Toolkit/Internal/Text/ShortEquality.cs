using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FineTuning.Toolkit.Internal.Text;

/// <summary>
/// Ordinal equality of short spans (a piece of text, a token's bytes, a JSON key), eight bytes at a time, inlined into its
/// caller. The validator's hot loops compare millions of these: inlined, they are compiled optimised with their caller
/// instead of calling the runtime's general <c>SequenceEqual</c>, which a short-lived process runs instrumented while it
/// warms up.
/// </summary>
internal static class ShortEquality
{
    /// <summary>Gets a value indicating whether two spans of characters hold the same code units.</summary>
    /// <param name="left">One span.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(ReadOnlySpan<char> left, ReadOnlySpan<char> right) =>
        left.Length == right.Length && Equal(MemoryMarshal.AsBytes(left), MemoryMarshal.AsBytes(right));

    /// <summary>Gets a value indicating whether two spans of characters hold the same code units, recognising the same
    /// memory (a repeated system prompt handed out as the same string) without reading it.</summary>
    /// <param name="left">One span.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SameOrEqual(ReadOnlySpan<char> left, ReadOnlySpan<char> right) =>
        left.Length == right.Length
        && (Unsafe.AreSame(ref MemoryMarshal.GetReference(left), ref MemoryMarshal.GetReference(right)) || Equal(left, right));

    /// <summary>Gets a value indicating whether two spans of bytes are equal.</summary>
    /// <param name="left">One span.</param>
    /// <param name="right">The other.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        ref var a = ref MemoryMarshal.GetReference(left);
        ref var b = ref MemoryMarshal.GetReference(right);
        var i = 0;
        for (; i + sizeof(ulong) <= left.Length; i += sizeof(ulong))
        {
            if (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref a, i)) != Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, i)))
            {
                return false;
            }
        }

        for (; i < left.Length; i++)
        {
            if (Unsafe.Add(ref a, i) != Unsafe.Add(ref b, i))
            {
                return false;
            }
        }

        return true;
    }
}
