using System.Globalization;
using System.Text.Json;

namespace Daybreak.Simulation.Writers;

/// <summary>Allocation-free timestamp writing in the exact shapes each Microsoft export uses.</summary>
internal static class JsonText
{
    /// <summary>2024-01-08T09:12:33.1234567Z (diagnostic envelope, directory audits).</summary>
    public const string Ticks = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    /// <summary>2024-01-08T09:12:33.1234567+00:00 (diagnostic sign-in createdDateTime).</summary>
    public const string TicksOffset = "yyyy-MM-dd'T'HH:mm:ss.fffffff'+00:00'";
    /// <summary>2024-01-08T09:12:33Z (Graph signIns).</summary>
    public const string Seconds = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    /// <summary>2024-01-08T09:12:33 (UAL CreationTime: UTC without a zone).</summary>
    public const string Ual = "yyyy-MM-dd'T'HH:mm:ss";
    /// <summary>2024-01-08T09:12:33.123Z (Log Analytics TimeGenerated).</summary>
    public const string Millis = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static void Time(Utf8JsonWriter w, string name, DateTime t, string format)
    {
        Span<char> buf = stackalloc char[40];
        t.TryFormat(buf, out var n, format, CultureInfo.InvariantCulture);
        w.WriteString(name, buf[..n]);
    }

    public static string Format(DateTime t, string format) => t.ToString(format, CultureInfo.InvariantCulture);

    public static void Guid(Utf8JsonWriter w, string name, Guid? g)
    {
        if (g is { } v) w.WriteString(name, v);
        else w.WriteNull(name);
    }

    public static void StringOrNull(Utf8JsonWriter w, string name, string? s)
    {
        if (s is null) w.WriteNull(name);
        else w.WriteString(name, s);
    }
}
