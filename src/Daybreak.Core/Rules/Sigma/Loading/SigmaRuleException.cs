using YamlDotNet.Core;

namespace Daybreak.Rules.Sigma;

/// <summary>Raised while reading one document; the loader turns it into a diagnostic and moves on to the next one.</summary>
internal sealed class SigmaRuleException(Mark position, string reason) : Exception(reason)
{
    public Mark Position { get; } = position;
}
