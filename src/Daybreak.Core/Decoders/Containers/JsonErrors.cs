using System.Text.Json;
using System.Text;

namespace Daybreak.Decoders.Containers;

/// <summary>Turns System.Text.Json's exceptions into one-line reasons for the error report.</summary>
internal static class JsonErrors
{
    public static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        if (ex.InnerException is ArgumentException or DecoderFallbackException or InvalidOperationException)
            message += " (" + ex.InnerException.Message + ")";
        var column = ex.BytePositionInLine is { } col ? $" at byte {col + 1}" : "";
        return "malformed JSON" + column + ": " + message.TrimEnd('.');
    }
}
