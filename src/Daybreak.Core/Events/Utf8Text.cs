using System.Text;

namespace Daybreak.Events;

/// <summary>
/// A text value held either as .NET text or as the valid UTF-8 bytes a reader found it as, made text on first read
/// (and kept). Reading it from two threads at once may make the text twice; both make the same text.
/// </summary>
internal struct Utf8Text
{
    private string? _text;
    private readonly ReadOnlyMemory<byte> _utf8;

    public Utf8Text(string? text) => _text = text;

    /// <summary>From bytes the caller has checked to be valid UTF-8; empty bytes are no value (null text).</summary>
    public Utf8Text(ReadOnlyMemory<byte> utf8) => _utf8 = utf8;

    public string? Text => _text ??= _utf8.IsEmpty ? null : Encoding.UTF8.GetString(_utf8.Span);

    /// <summary>The bytes when the value was given as bytes; empty when it was given as text.</summary>
    public readonly ReadOnlyMemory<byte> Utf8 => _utf8;
}
