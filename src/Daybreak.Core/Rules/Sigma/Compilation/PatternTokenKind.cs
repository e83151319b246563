namespace Daybreak.Rules.Sigma;

internal enum PatternTokenKind
{
    Literal,
    /// <summary><c>*</c></summary>
    AnyChars,
    /// <summary><c>?</c></summary>
    AnyChar,
    /// <summary>One character out of a set (windash alternatives).</summary>
    CharSet,
}
