using Daybreak.Detection.Sigma;
using Daybreak.Events;
using Daybreak.Rules.Sigma;

namespace Daybreak.Detection.Builtin;

/// <summary>Daybreak's own detections: the stateful ones in C#, and the YAML rules under rules/ through the Sigma engine.</summary>
public static class BuiltinDetections
{
    /// <summary>Name of the detection that runs the rules/ folder.</summary>
    public const string SigmaName = "sigma.builtin";

    /// <summary>
    /// The built-in detections: the C# ones, then one <see cref="SigmaDetection"/> over the rules in
    /// <paramref name="rulesDir"/> (logsource product <c>daybreak</c>, service = the event's source, normalised view).
    /// Rules that fail to load are in that detection's <c>Engine.Report</c>; they never stop the others.
    /// </summary>
    public static IReadOnlyList<IDetection> Create(BuiltinOptions? options, string rulesDir)
    {
        var o = options ?? new BuiltinOptions();
        var all = new List<IDetection>
        {
            new PasswordSprayDetection(o.PasswordSpray),
            new RiskyAccountSignInDetection(o.RiskyAccountSignIn),
            new AppCredentialAddedDetection(o.AppCredentialAdded),
            new UserCreatedByAppDetection(o.UserCreatedByApp),
            new NewMailReaderAppDetection(o.NewMailReaderApp),
            new AppReadingManyMailboxesDetection(o.AppReadingManyMailboxes),
            new VipMailboxAccessDetection(o.VipMailboxAccess),
            new MailForwardingDetection(o.MailForwarding),
            new MfaFatigueDetection(o.MfaFatigue),
            new SessionReplayDetection(o.SessionReplay),
        };
        if (Directory.Exists(rulesDir)) all.Add(CreateSigma(rulesDir));
        return all.Where(d => !o.Disabled.Contains(d.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The rules/ folder as a detection whose alerts also name the targets of the matched event.</summary>
    public static IDetection CreateSigma(string rulesDir)
    {
        var engine = SigmaEngine.CreateBuilder().AddDirectory(rulesDir).Build();
        var sources = Enum.GetValues<SourceKind>().ToDictionary(k => k, k => (IReadOnlyList<SigmaLogSource>)[new SigmaLogSource("daybreak", k.Name(), null)]);
        var sigma = new SigmaDetection(SigmaName, engine, evt => sources[evt.Source], evt => new NormalisedSigmaEvent(evt));
        return new TargetEnrichedDetection(sigma);
    }
}
