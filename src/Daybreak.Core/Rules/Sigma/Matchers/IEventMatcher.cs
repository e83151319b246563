namespace Daybreak.Rules.Sigma;

/// <summary>A node of the compiled matcher tree (hayabusa's SelectionNode): built once, only matched afterwards.</summary>
internal interface IEventMatcher
{
    bool IsMatch(ISigmaEvent evt);
}
