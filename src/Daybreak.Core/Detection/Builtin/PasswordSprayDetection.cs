using Daybreak.Events;

namespace Daybreak.Detection.Builtin;

/// <summary>
/// Password spray that is not keyed on IP. A failure (50126/50053/50055/50056) counts as <em>foreign</em> when it comes
/// from an IP where no account of the tenant has signed in successfully lately, and no success of the same account
/// from that IP follows within minutes (a typo). Foreign failures accumulate per account for days, whatever IP and ASN
/// each came from. Raises: an account that collected foreign failures from many IPs (a spray target); a tenant-wide
/// campaign (many accounts failing from foreign IPs); and, most important, a success of an account after foreign
/// failures, raised on the success. A campaign holds only accounts whose failures share its pattern (IPs or ASNs that
/// fail for other accounts of the campaign too, see <see cref="SprayCampaignPattern"/>), so a traveller failing from a
/// hotel while a spray runs stays out of it. A campaign has an id (<see cref="AlertEntities.Campaigns"/>) that its own alert and
/// every target and success alert raised while it is live carry, so the campaign, its targets and the account it won are
/// one incident; a campaign stays live while foreign failures keep arriving within the campaign window. Failures are kept
/// as <see cref="KeptSignIn"/>s: a spray's window holds them for days, and whole events (even without their raw text)
/// kept the old generation full of objects that only full collections reclaim.
/// </summary>
public sealed class PasswordSprayDetection : IDetection
{
    private static readonly string[] Techniques = ["T1110.003"];
    private static readonly string[] SuccessTechniques = ["T1110.003", "T1078.004"];

    private readonly PasswordSprayDetectionOptions _o;
    private readonly HashSet<string> _codes;
    private readonly EntityTable<AccountState> _accounts;
    private readonly SeenTexts _knownIps;
    private readonly SprayCampaignWindow _campaign;
    private DateTime _campaignAlertedUntil = DateTime.MinValue;
    private string? _campaignId;
    private DateTime _campaignLastFailure = DateTime.MinValue;
    private DateTime _nextCampaignScan = DateTime.MinValue;
    private long _failuresAddedAtEmptyScan = -1;
    private readonly SprayPatternCache _patterns;
    // Scratch of the pattern scans, kept between them (see SprayFailureTable).
    private readonly List<SprayFailureRow> _scanRows = [];
    private readonly SprayFailureTable _scanTable = new();
    private HashSet<string?> _ipScratch = new(StringComparer.Ordinal);

    /// <summary>After a scan that found no campaign, the next one waits this long in event time: on data where foreign
    /// failures are common but unrelated, scanning every account on every failure would dominate the hunt.</summary>
    private static readonly TimeSpan CampaignRescanInterval = TimeSpan.FromMinutes(1);

    public PasswordSprayDetection(PasswordSprayDetectionOptions? options = null)
    {
        _o = options ?? new PasswordSprayDetectionOptions();
        _o.Validate();
        _codes = new HashSet<string>(_o.FailureCodes, StringComparer.Ordinal);
        _accounts = new EntityTable<AccountState>(_o.Lookback, () => new AccountState());
        _knownIps = new SeenTexts(_o.KnownIpRetention);
        _campaign = new SprayCampaignWindow(_o.CampaignWindow);
        _patterns = new SprayPatternCache(_o.CampaignWindow, _o.ResolveWindow, FindPattern);
    }

    public string Name => "password-spray";

    private sealed class AccountState
    {
        public readonly List<KeptSignIn> Pending = [];   // failures still inside the resolve window
        public readonly List<KeptSignIn> Foreign = [];   // failures that did not resolve
        public readonly UserNames Names = new();         // the account's names, kept once for all its failures
        public DateTime TargetAlertedUntil = DateTime.MinValue;
    }

    public void Observe(AuditEvent evt, IAlertSink alerts)
    {
        if (!SignIns.IsUserSignIn(evt)) return;
        _patterns.Saw(evt.Time);
        var key = SignIns.UserKey(evt)!;
        var ip = evt.Network.Ip;
        if (SignIns.IsSuccess(evt))
        {
            var knownIp = ip is not null && _knownIps.TouchWasLive(ip, evt.Time);
            if (_accounts.Peek(key) is not { } s) return;
            ResolveTypos(s, ip, evt.Time);
            Mature(s, evt.Time, force: true);
            Prune(s, evt.Time);
            var ips = DistinctIps(s.Foreign);
            // A sprayed account's owner signing in from the office is not the sprayer getting in.
            if (ips < _o.SuccessMinDistinctIps || (knownIp && _o.IgnoreSuccessFromKnownIps)) return;
            var asns = s.Foreign.Select(f => f.Asn).Where(a => a is not null).Distinct().Count();
            var success = BuiltinAlert.Create(Name + ".success", "Successful sign-in after password spray", Severity.High, SuccessTechniques, evt, s.Foreign.Select(f => f.ToEvent()),
                $"{evt.Actor.Upn ?? key} signed in successfully ({evt.Auth.Requirement ?? "unknown requirement"}) from {ip} after {s.Foreign.Count} failed password attempts " +
                $"from {ips} other IPs in {asns} ASNs over {(evt.Time - s.Foreign[0].Time).TotalDays:0.#} days.");
            if (CampaignOf(s, s.Foreign[^1].Time) is { } campaign) success.Entities.Campaigns.Add(campaign);
            alerts.Raise(success);
            foreach (var f in s.Foreign) _campaign.Remove(f);
            s.Foreign.Clear();
            return;
        }
        if (evt.Outcome.Code is not { } code || !_codes.Contains(code)) return;
        if (ip is not null && _knownIps.IsLive(ip, evt.Time)) return;
        var state = _accounts.Touch(key, evt.Time);
        var failure = new KeptSignIn(evt, state.Names);
        state.Pending.Add(failure);
        _campaign.Add(key, failure);
        if (LiveCampaign(evt.Time) is not null) _campaignLastFailure = evt.Time;
        Mature(state, evt.Time, force: false);
        Prune(state, evt.Time);
        CheckTarget(key, state, evt, alerts);
        CheckCampaign(evt, alerts);
    }

    public void Flush(IAlertSink alerts)
    {
    }

    /// <summary>The account's own successes resolve its recent failures from the same IP: typos, not guesses. (A method of
    /// its own: a lambda over Observe's locals made a closure on every sign-in.)</summary>
    private void ResolveTypos(AccountState s, string? ip, DateTime success)
    {
        for (var i = 0; i < s.Pending.Count; i++)
        {
            var f = s.Pending[i];
            if (f.Ip != ip || success - f.Time > _o.ResolveWindow) continue;
            s.Pending.RemoveAt(i--);
            _campaign.Remove(f);
        }
    }

    /// <summary>Pending failures older than the resolve window (or all of them, at a success from elsewhere) become foreign.</summary>
    private void Mature(AccountState s, DateTime now, bool force)
    {
        for (var i = 0; i < s.Pending.Count; i++)
        {
            var f = s.Pending[i];
            if (!force && now - f.Time < _o.ResolveWindow) continue;
            // Kept in time order (Prune relies on it): a failure matures after those before it, so its place is nearly
            // always the end, where sorting the whole list each time cost a sprayed account's size on every failure.
            var at = s.Foreign.Count;
            while (at > 0 && s.Foreign[at - 1].Time > f.Time) at--;
            s.Foreign.Insert(at, f);
            s.Pending.RemoveAt(i--);
        }
    }

    /// <summary>Drops the foreign failures older than the lookback; they are in time order (<see cref="Mature"/>).</summary>
    private void Prune(AccountState s, DateTime now)
    {
        var stale = 0;
        while (stale < s.Foreign.Count && now - s.Foreign[stale].Time > _o.Lookback) stale++;
        s.Foreign.RemoveRange(0, stale);
    }

    /// <summary>
    /// How many distinct IPs (no IP counting as one) the two lists' failures came from. Asked on every failure, so it
    /// counts in a set kept for it rather than through LINQ's Distinct (a set and its arrays per failure were most of
    /// this detection's allocation); a set grown by one large account is dropped rather than cleared at full size.
    /// </summary>
    private int DistinctIps(List<KeptSignIn> a, List<KeptSignIn>? b = null)
    {
        if (_ipScratch.Count > 4096) _ipScratch = new HashSet<string?>(StringComparer.Ordinal);
        else _ipScratch.Clear();
        foreach (var f in a) _ipScratch.Add(f.Ip);
        if (b is not null) foreach (var f in b) _ipScratch.Add(f.Ip);
        return _ipScratch.Count;
    }

    private void CheckTarget(string key, AccountState s, AuditEvent evt, IAlertSink alerts)
    {
        if (evt.Time < s.TargetAlertedUntil) return;
        var ips = DistinctIps(s.Foreign, s.Pending);
        if (ips < _o.TargetMinDistinctIps) return;
        var all = s.Foreign.Concat(s.Pending).ToList();
        s.TargetAlertedUntil = EventTimes.Plus(evt.Time, _o.Lookback);
        var asns = all.Select(f => f.Asn).Where(a => a is not null).Distinct().Count();
        var target = BuiltinAlert.Create(Name + ".target", "Account targeted by a distributed password spray", Severity.Medium, Techniques, evt, all.Select(f => f.ToEvent()),
            $"{evt.Actor.Upn ?? key}: {all.Count} failed password attempts from {ips} IPs in {asns} ASNs that never signed in successfully, " +
            $"over {(evt.Time - all.Min(f => f.Time)).TotalHours:0.#} hours.");
        if (CampaignOf(s, evt.Time) is { } campaign) target.Entities.Campaigns.Add(campaign);
        alerts.Raise(target);
    }

    private void CheckCampaign(AuditEvent evt, IAlertSink alerts)
    {
        _campaign.Expire(evt.Time);
        if (evt.Time < _campaignAlertedUntil) return;
        // Cheap incremental test first; the full scan below only runs when a campaign is likely.
        if (_campaign.SprayedAccounts < _o.CampaignMinAccounts || _campaign.DistinctIps < _o.TargetMinDistinctIps) return;
        if (evt.Time < _nextCampaignScan) return;
        // Failures resolved, won or expired only take accounts and keys away from a pattern, so after a scan that found
        // no campaign only new failures can make one: the next scan waits for as many new failures as a reused pattern
        // may miss (SprayPatternCache.Slack). This halved the scans of a hunt with constant noise.
        if (_failuresAddedAtEmptyScan >= 0 && _campaign.Added - _failuresAddedAtEmptyScan <= SprayPatternCache.Slack(_campaign.Failures))
        {
            _nextCampaignScan = EventTimes.Plus(evt.Time, CampaignRescanInterval);
            return;
        }
        var pattern = PatternAt(evt.Time);
        if (pattern.Members.Count < _o.CampaignMinAccounts || Ips(pattern.Members.Values.SelectMany(f => f)) < _o.TargetMinDistinctIps)
        {
            _failuresAddedAtEmptyScan = _campaign.Added;
            _nextCampaignScan = EventTimes.Plus(evt.Time, CampaignRescanInterval);
            return;
        }
        _failuresAddedAtEmptyScan = -1;
        var failures = pattern.Members.Values.SelectMany(f => f).ToList();
        var ips = Ips(failures);
        var asns = failures.Select(f => f.Asn).Where(a => a is not null).Distinct().Count();
        _campaignAlertedUntil = EventTimes.Plus(evt.Time, _o.CampaignWindow);
        var first = failures.MinBy(f => f.Time)!;
        // A campaign that is still live keeps its id when it is raised again; a new one takes the id of its first failure.
        _campaignId = LiveCampaign(evt.Time) ?? "spray:" + first.RecordId;
        _campaignLastFailure = evt.Time;
        // Raised on the campaign's latest failure, not on the one that arrived: that may be an account outside the pattern.
        var latest = failures.MaxBy(f => f.Time)!;
        var alert = BuiltinAlert.Create(Name + ".campaign", "Password spray campaign across accounts", Severity.Medium, Techniques, latest.ToEvent(), failures.Select(f => f.ToEvent()),
            $"{pattern.Members.Count} accounts failed {failures.Count} password attempts from {ips} IPs in {asns} ASNs that never signed in successfully " +
            $"and that failed for other accounts of the campaign too, within {_o.CampaignWindow.TotalDays:0.#} days.");
        alert.Entities.Campaigns.Add(_campaignId);
        alerts.Raise(alert);
    }

    /// <summary>The campaign pattern at <paramref name="to"/>, found again only when it may have changed (<see cref="SprayPatternCache"/>).</summary>
    private SprayCampaignPattern PatternAt(DateTime to) => _patterns.At(to, _campaign.Failures, _campaign.Changes);

    /// <summary>The failures of every account within the campaign window that ends at <paramref name="to"/>, narrowed to a campaign's pattern.</summary>
    private SprayCampaignPattern FindPattern(DateTime to)
    {
        var from = EventTimes.Minus(to, _o.CampaignWindow);
        // A window that ends where the incremental one does is all in it; an earlier one goes back to the accounts.
        if (to >= _campaign.ExpiredTo)
        {
            _campaign.Between(from, to, _scanRows);
            return SprayCampaignPattern.Find(_scanRows, _campaign.Keys, _o.CampaignSharedMinAccounts, _scanTable);
        }
        var (rows, keys) = SprayKeys.Of(AccountFailures(from, to));
        return SprayCampaignPattern.Find(rows, keys, _o.CampaignSharedMinAccounts, _scanTable);
    }

    private IEnumerable<(string Account, KeptSignIn Failure)> AccountFailures(DateTime from, DateTime to)
    {
        foreach (var (account, state) in _accounts.Entries)
        {
            foreach (var f in state.Foreign.Concat(state.Pending))
            {
                if (f.Time >= from && f.Time <= to) yield return (account, f);
            }
        }
    }

    /// <summary>The live campaign's id, when the account's failures share the campaign's pattern as it stood at <paramref name="at"/>.
    /// An account sprayed from the campaign's proxies over two weeks matches through its older failures too.</summary>
    private string? CampaignOf(AccountState s, DateTime at) =>
        LiveCampaign(at) is { } id && PatternAt(at).Covers(s.Foreign.Concat(s.Pending)) ? id : null;

    private static int Ips(IEnumerable<KeptSignIn> failures) => failures.Select(f => f.Ip).Distinct().Count();

    /// <summary>The id of the campaign when a foreign failure arrived within the campaign window before <paramref name="at"/>.</summary>
    private string? LiveCampaign(DateTime at) => _campaignId is not null && at - _campaignLastFailure <= _o.CampaignWindow ? _campaignId : null;
}
