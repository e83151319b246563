namespace Daybreak.Detection.Builtin;

/// <summary>
/// A window's failures as <see cref="SprayCampaignPattern.Find"/> reads them many times over: by the ids of their
/// account, IP and ASN, sorted by account and then IP, so a narrowing pass is a few walks over arrays instead of
/// string hashing over events scattered across the heap (the pattern scans were 6.7 s of a 9 s spray detection over
/// 487,000 sign-ins with 13,000 failures in the window). One table is loaded again for every scan and keeps its
/// arrays: a scan's arrays are large objects, and allocating them afresh for every scan set off full collections.
/// </summary>
internal sealed class SprayFailureTable
{
    private SprayKeys _keys = new();
    // Each failure's row in the loaded list, not its KeptSignIn: sorting and loading references cost a type check and a
    // write barrier per store, a tenth of the detection's time; only Members reads the failures themselves.
    private List<SprayFailureRow> _rows = [];
    private int[] _row = [];
    private int[] _account = [];
    private int[] _ip = [];
    private int[] _asn = [];        // -1: no ASN
    private int[] _groupEnd = [];   // for each failure, where its account's failures end
    private int[] _starts = [];
    private int _missingIp;         // the id of SprayKeys.MissingIp, -1 if no failure lacks an IP
    private int[] _ipSeenBy = [];
    private int[] _asnSeenBy = [];
    private bool[] _alive = [];

    public int Count { get; private set; }

    /// <summary>Per failure: still part of the pattern being narrowed.</summary>
    public bool[] Alive => _alive;

    // Per IP id and per ASN id: how many accounts have a live failure from it (CountAccounts).
    private int[] _ipAccounts = [];
    private int[] _asnAccounts = [];

    /// <summary>Loads <paramref name="rows"/>, whose ids are <paramref name="keys"/>'; every failure starts live.</summary>
    public void Load(List<SprayFailureRow> rows, SprayKeys keys)
    {
        _keys = keys;
        _rows = rows;
        var n = Count = rows.Count;
        Fit(ref _row, n);
        Fit(ref _account, n);
        Fit(ref _ip, n);
        Fit(ref _asn, n);
        Fit(ref _groupEnd, n);
        Fit(ref _alive, n);
        Array.Fill(_alive, true, 0, n);
        Fit(ref _ipAccounts, keys.Ips.Capacity);
        Fit(ref _asnAccounts, keys.Asns.Capacity);
        Fit(ref _ipSeenBy, keys.Ips.Capacity);
        Fit(ref _asnSeenBy, keys.Asns.Capacity);
        _missingIp = keys.Ips.TryGetId(SprayKeys.MissingIp, out var missing) ? missing : -1;
        // Sorted by account, then IP: an account's failures are one run, and its distinct IPs are the changes along it.
        // Account ids are dense, so a counting sort places each account's run; a run is a handful of failures.
        Fit(ref _starts, keys.Accounts.Capacity + 1);
        Array.Clear(_starts, 0, keys.Accounts.Capacity + 1);
        foreach (var row in rows) _starts[row.Account + 1]++;
        for (var a = 1; a <= keys.Accounts.Capacity; a++) _starts[a] += _starts[a - 1];
        for (var r = 0; r < n; r++)
        {
            var row = rows[r];
            var i = _starts[row.Account]++;
            (_row[i], _account[i], _ip[i], _asn[i]) = (r, row.Account, row.Ip, row.Asn);
        }
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && _account[end] == _account[start]) end++;
            for (var i = start; i < end; i++) _groupEnd[i] = end;
            SortByIp(start, end);
            start = end;
        }
    }

    private static void Fit<T>(ref T[] array, int length)
    {
        if (array.Length < length) array = new T[Math.Max(length, array.Length * 2)];
    }

    /// <summary>Insertion sort of one account's run by IP, stable, so equal IPs keep their arrival order.</summary>
    private void SortByIp(int start, int end)
    {
        for (var i = start + 1; i < end; i++)
        {
            var (row, ip, asn) = (_row[i], _ip[i], _asn[i]);
            var j = i - 1;
            for (; j >= start && _ip[j] > ip; j--) (_row[j + 1], _ip[j + 1], _asn[j + 1]) = (_row[j], _ip[j], _asn[j]);
            (_row[j + 1], _ip[j + 1], _asn[j + 1]) = (row, ip, asn);
        }
    }

    /// <summary>Where the failures of the account whose failures start at <paramref name="start"/> end.</summary>
    public int GroupEnd(int start) => _groupEnd[start];

    /// <summary>Distinct IPs (the missing IP counting as one) among the live failures of the account that starts at
    /// <paramref name="start"/>.</summary>
    public int DistinctIps(int start)
    {
        var distinct = 0;
        var last = -1;
        for (var i = start; i < _groupEnd[start]; i++)
        {
            if (!Alive[i] || _ip[i] == last) continue;
            last = _ip[i];
            distinct++;
        }
        return distinct;
    }

    /// <summary>Counts, for each IP and ASN, the accounts with a live failure from it.</summary>
    public void CountAccounts()
    {
        var (ips, asns) = (_keys.Ips.Capacity, _keys.Asns.Capacity);
        Array.Clear(_ipAccounts, 0, ips);
        Array.Clear(_asnAccounts, 0, asns);
        Array.Fill(_ipSeenBy, -1, 0, ips);
        Array.Fill(_asnSeenBy, -1, 0, asns);
        for (var i = 0; i < Count; i++)
        {
            if (!Alive[i]) continue;
            var a = _account[i];
            if (_ip[i] != _missingIp && _ipSeenBy[_ip[i]] != a)
            {
                _ipSeenBy[_ip[i]] = a;
                _ipAccounts[_ip[i]]++;
            }
            if (_asn[i] >= 0 && _asnSeenBy[_asn[i]] != a)
            {
                _asnSeenBy[_asn[i]] = a;
                _asnAccounts[_asn[i]]++;
            }
        }
    }

    /// <summary>True when failure <paramref name="i"/> comes from an IP or ASN that at least <paramref name="min"/> accounts fail from.</summary>
    public bool Matches(int i, int min) =>
        _ip[i] != _missingIp && _ipAccounts[_ip[i]] >= min || _asn[i] >= 0 && _asnAccounts[_asn[i]] >= min;

    public HashSet<string> SharedIps(int min)
    {
        var shared = new HashSet<string>(StringComparer.Ordinal);
        for (var ip = 0; ip < _keys.Ips.Capacity; ip++)
        {
            if (_ipAccounts[ip] >= min && ip != _missingIp) shared.Add(_keys.Ips.KeyOf(ip));
        }
        return shared;
    }

    public HashSet<long> SharedAsns(int min)
    {
        var shared = new HashSet<long>();
        for (var asn = 0; asn < _keys.Asns.Capacity; asn++)
        {
            if (_asnAccounts[asn] >= min) shared.Add(_keys.Asns.KeyOf(asn));
        }
        return shared;
    }

    /// <summary>The accounts with live failures, each with those failures in time order.</summary>
    public Dictionary<string, List<KeptSignIn>> Members()
    {
        var members = new Dictionary<string, List<KeptSignIn>>(StringComparer.Ordinal);
        for (var i = 0; i < Count; i++)
        {
            if (!Alive[i]) continue;
            var name = _keys.Accounts.KeyOf(_account[i]);
            if (!members.TryGetValue(name, out var list)) members[name] = list = [];
            list.Add(_rows[_row[i]].Failure);
        }
        foreach (var list in members.Values) list.Sort((x, y) => x.Time.CompareTo(y.Time));
        return members;
    }
}
