namespace Daybreak.Rules.Sigma;

/// <summary>A condition syntax error at a character offset inside the condition text.</summary>
internal sealed class ConditionException(int offset, string reason) : Exception(reason)
{
    public int Offset { get; } = offset;
}
