namespace Daybreak.Rules.Sigma;

/// <summary>The JSON-like shape of a value read from an event.</summary>
public enum FieldKind
{
    Null,
    String,
    Number,
    Boolean,
    /// <summary>An object; its text is the raw JSON so that string matchers can still search it.</summary>
    Object,
    /// <summary>Several values (a JSON array, or a path that descended through one): any element may match.</summary>
    Array,
}
