using System.Globalization;

namespace Daybreak.Rules.Sigma;

/// <summary>
/// One value read from an event. Strings, numbers and booleans all carry their text, because Sigma compares values as
/// case-insensitive strings unless a modifier asks for a number; arrays carry their items so "any element" matching
/// stays with the matcher, not with every event implementation.
/// </summary>
public readonly struct FieldValue
{
    private readonly string? _text;
    private readonly IReadOnlyList<FieldValue>? _items;
    private readonly double _number;

    private FieldValue(FieldKind kind, string? text, double number, IReadOnlyList<FieldValue>? items)
    {
        Kind = kind;
        _text = text;
        _number = number;
        _items = items;
    }

    public static FieldValue Null { get; } = new(FieldKind.Null, null, 0, null);

    public FieldKind Kind { get; }

    /// <summary>The text of a scalar or the raw JSON of an object; null for null and arrays.</summary>
    public string? Text => _text;

    /// <summary>The elements of an array value; empty for anything else.</summary>
    public IReadOnlyList<FieldValue> Items => _items ?? [];

    public bool IsNull => Kind == FieldKind.Null;

    public static FieldValue FromString(string? text) => text is null ? Null : new(FieldKind.String, text, 0, null);

    public static FieldValue FromNumber(double number, string? text = null) =>
        new(FieldKind.Number, text ?? number.ToString("R", CultureInfo.InvariantCulture), number, null);

    public static FieldValue FromBoolean(bool value) => new(FieldKind.Boolean, value ? "true" : "false", value ? 1 : 0, null);

    public static FieldValue FromObjectJson(string rawJson) => new(FieldKind.Object, rawJson, 0, null);

    public static FieldValue FromItems(IReadOnlyList<FieldValue> items) => new(FieldKind.Array, null, 0, items);

    /// <summary>
    /// The same value held the same way: kind, number and the very same text and items (compared by reference, so this
    /// is cheap and may say false for equal values; for sharing values that repeat, never for matching).
    /// </summary>
    internal bool IsSameAs(in FieldValue other) =>
        Kind == other.Kind && ReferenceEquals(_text, other._text) && ReferenceEquals(_items, other._items)
        && BitConverter.DoubleToInt64Bits(_number) == BitConverter.DoubleToInt64Bits(other._number);

    /// <summary>Numeric view: numbers as they are, strings when they parse as a number (decimal or 0x hex).</summary>
    public bool TryGetNumber(out double number)
    {
        switch (Kind)
        {
            case FieldKind.Number:
                number = _number;
                return true;
            case FieldKind.String:
                return TryParseNumber(_text, out number);
            default:
                number = 0;
                return false;
        }
    }

    internal static bool TryParseNumber(string? text, out double number)
    {
        number = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var span = text.AsSpan().Trim();
        if (span.StartsWith("0x", StringComparison.OrdinalIgnoreCase) &&
            long.TryParse(span[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            number = hex;
            return true;
        }
        return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    public override string ToString() => Kind switch
    {
        FieldKind.Null => "null",
        FieldKind.Array => "[" + string.Join(", ", Items.Select(i => i.ToString())) + "]",
        _ => _text ?? string.Empty,
    };
}
