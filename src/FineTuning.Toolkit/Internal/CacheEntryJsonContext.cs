using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.Internal;

/// <summary>Source-generated JSON for the comparer's answer-cache entries (dictionaries of strings and numbers), so no reflection serializer runs.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
internal sealed partial class CacheEntryJsonContext : JsonSerializerContext;
