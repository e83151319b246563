using Daybreak.Rules.Sigma;

namespace Daybreak.Decoders;

/// <summary>
/// Raw fields that a consumer of the decoded events reads from every sign-in (community Sigma rules, through the
/// sign-in field mapping), for the single-pass sign-in reader to find in the pass over the record it makes anyway:
/// the answers travel with the event (<see cref="DecodeOptions.Preread"/>), and the consumer does not read the record
/// again. A detection says what it reads (<see cref="Detection.IDetection.Preread"/>; community Sigma rules do), and
/// the hunt passes it on (<see cref="Pipeline.HuntAnalysis.Preread"/>).
/// </summary>
public sealed class PrereadFields
{
    internal PrereadFields(JsonFieldPlan signIns) => SignIns = signIns;

    /// <summary>The sign-in mapping's raw paths.</summary>
    internal JsonFieldPlan SignIns { get; }
}
