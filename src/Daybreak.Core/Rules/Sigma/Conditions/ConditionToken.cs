namespace Daybreak.Rules.Sigma;

/// <summary>One word or bracket of a condition, with its offset for error positions.</summary>
internal readonly record struct ConditionToken(string Text, int Offset)
{
    public bool Is(string keyword) => string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
}
