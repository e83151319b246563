using Daybreak.Detection.Builtin;
using Daybreak.Events;

namespace Daybreak.Tests.Detection.Builtin;

/// <summary>
/// The table of kept sign-ins keeps keys and sign-ins as characters and numbers; it must answer as the per-entity table
/// of kept sign-ins it replaces: the same keys known and forgotten at the same times, the same evidence, the same
/// flags, through sweeps, growth, late sets and the moving of texts out of mostly forgotten chunks.
/// </summary>
public sealed class KeptSignInTableTests
{
    private sealed class Model(KeptSignIn kept, int network)
    {
        public readonly KeptSignIn Kept = kept;
        public readonly int Network = network;
        public bool SessionRaised, TokenRaised;
    }

    private static AuditEvent SignIn(Random rng, int n, DateTime time, int user)
    {
        string? Maybe(string value) => rng.Next(8) == 0 ? null : value;
        var e = new AuditEvent
        {
            RecordId = $"rec-{n}-{new string('x', rng.Next(0, 40))}", Time = time, TenantId = Maybe("t" + rng.Next(2)), Source = SourceKind.SignIn,
            Format = "entra.signin.diagnostic", Operation = rng.Next(2) == 0 ? "Sign-in activity" : "Sign-in", Raw = "",
        };
        e.Outcome.Status = rng.Next(3) == 0 ? OutcomeStatus.Failure : OutcomeStatus.Success;
        e.Outcome.Code = Maybe(rng.Next(3) == 0 ? "50126" : "0");
        e.Actor.Kind = ActorKind.User;
        // A user's names mostly repeat, and sometimes change (a renamed account, another app).
        e.Actor.ObjectId = Maybe("oid-" + user);
        e.Actor.Upn = Maybe(rng.Next(10) == 0 ? $"renamed{user}@contoso.example" : $"user{user}@contoso.example");
        e.Actor.AppId = Maybe("app-" + rng.Next(3));
        e.Network.Ip = Maybe($"203.0.113.{rng.Next(256)}");
        e.Network.Asn = rng.Next(4) == 0 ? null : rng.Next(64500, 64510);
        e.Network.Country = Maybe(rng.Next(2) == 0 ? "NL" : "Ü");
        e.Auth.SessionId = rng.Next(20) == 0 ? "" : Maybe("sess-" + n);
        e.Auth.UniqueTokenId = Maybe("Tok-" + n);
        e.Auth.CredentialKeyId = rng.Next(10) == 0 ? "key-" + n : null;
        if (rng.Next(10) == 0) e.Targets.Add(new Target { Kind = "User", Id = "target-" + n });
        return e;
    }

    private static string Evidence(AuditEvent e) => string.Join("|", e.RecordId, e.Time.Ticks, e.TenantId, e.Source, e.Format, e.Operation, e.Outcome.Status,
        e.Outcome.Code, e.Actor.Kind, e.Actor.ObjectId, e.Actor.Upn, e.Actor.AppId, e.Network.Ip, e.Network.Asn, e.Network.Country, e.Auth.SessionId is null,
        e.Auth.SessionId, e.Auth.UniqueTokenId, e.Auth.CredentialKeyId, e.Raw, string.Join(",", e.Targets.Select(t => t.Kind + ":" + t.Id)));

    [Fact]
    public void Answers_as_the_entity_table_of_kept_sign_ins_through_sweeps_and_moves()
    {
        var rng = new Random(5);
        var ttl = TimeSpan.FromHours(3);
        var model = EntityTable.SetOnly<Model>(ttl);
        var table = new KeptSignInTable(ttl);
        var users = Enumerable.Range(0, 30).Select(_ => new KeptSignInTable.UserNumbers()).ToArray();
        var ids = new List<string>();
        var time = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        var known = 0;
        var maxChunks = 0;
        var keeperTouches = 0;
        for (var n = 0; n < 60_000; n++)
        {
            // Mostly forward in event time, sometimes back within minutes (late events).
            time += TimeSpan.FromSeconds(rng.Next(-120, 200));
            var user = rng.Next(users.Length);
            var evt = SignIn(rng, n, time, user);
            var network = rng.Next(5);
            Model? issuedModel = null;
            var issued = -1;
            foreach (var token in new[] { false, true })
            {
                // New ids (some long enough for a chunk of their own), and ids seen before, recently or long ago.
                // A few ids are used all through the run: their texts outlive the chunks they were written to.
                var id = rng.Next(3) == 0 || ids.Count == 0
                    ? $"id-{n}-{token}-{new string('é', rng.Next(500) == 0 ? 20_000 : rng.Next(0, 60))}"
                    : rng.Next(10) == 0 ? $"keeper-{keeperTouches++ % (1 + n / 1_500)}" : ids[rng.Next(Math.Max(0, ids.Count - 400), ids.Count)];
                ids.Add(id);
                ref var slot = ref model.Slot(id, time, out var modelKnows);
                var r = table.Touch(id, time, evt, network, users[user], ref issued);
                Assert.Equal(modelKnows, r >= 0);
                if (!modelKnows)
                {
                    slot = issuedModel ??= new Model(new KeptSignIn(evt), network);
                    continue;
                }
                known++;
                var m = slot;
                Assert.Equal(m.Network, table.NetworkOf(r));
                Assert.Equal(m.TokenRaised, table.Raised(r, token: true));
                Assert.Equal(m.SessionRaised, table.Raised(r, token: false));
                Assert.Equal(Evidence(m.Kept.ToEvent()), Evidence(table.ToEvent(r)));
                if (rng.Next(4) == 0)
                {
                    table.MarkRaised(r, token);
                    if (token) m.TokenRaised = true; else m.SessionRaised = true;
                }
            }
            Assert.Equal(model.Count, table.Count);
            maxChunks = Math.Max(maxChunks, table.ArenaChunks);
        }
        Assert.True(known > 20_000, $"only {known} lookups found a kept id");
        // What is kept at any time (three hours of ids) fits in a few chunks; without freeing and moving the arena
        // would hold every text of the run (well over 100 chunks).
        Assert.True(maxChunks < 40, $"the arena grew to {maxChunks} chunks");
    }

    [Fact]
    public void Set_and_peek_answer_as_the_entity_table_of_kept_sign_ins()
    {
        // Mail forwarding's use: the latest sign-in per key, replaced on every sign-in, late ones moving a key's time back.
        var rng = new Random(9);
        var ttl = TimeSpan.FromHours(5);
        var model = EntityTable.SetOnly<KeptSignIn>(ttl);
        var table = new KeptSignInTable(ttl);
        var names = new KeptSignInTable.UserNumbers();
        var time = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        var found = 0;
        for (var n = 0; n < 40_000; n++)
        {
            time += TimeSpan.FromSeconds(rng.Next(0, 120));
            // Now and then a sign-in hours late: its set moves the key's time back.
            var at = rng.Next(50) == 0 ? time - TimeSpan.FromMinutes(rng.Next(1, 300)) : time;
            var key = $"user{rng.Next(30)}@contoso.example|203.0.113.{rng.Next(4)}";
            if (rng.Next(3) == 0)
            {
                var expected = model.Peek(key);
                var r = table.Peek(key);
                Assert.Equal(expected is not null, r >= 0);
                if (expected is null) continue;
                found++;
                Assert.Equal(expected.Time, table.TimeOf(r));
                Assert.Equal(Evidence(expected.ToEvent()), Evidence(table.ToEvent(r)));
                continue;
            }
            var evt = SignIn(rng, n, at, rng.Next(300));
            model.Set(key, new KeptSignIn(evt), at);
            table.Set(key, evt, at, names);
            Assert.Equal(model.Count, table.Count);
        }
        Assert.True(found > 3_000, $"only {found} peeks found a kept sign-in");
    }

    [Fact]
    public void Long_lived_sessions_do_not_keep_their_chunks()
    {
        // One session used every hour for weeks among thousands that expire: the chunk it was first written to must be
        // freed once mostly forgotten (its texts moved), or memory would grow with the input, not with what is live.
        var rng = new Random(3);
        var table = new KeptSignInTable(TimeSpan.FromHours(2));
        var user = new KeptSignInTable.UserNumbers();
        var time = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        var chunks = new List<int>();
        for (var n = 0; n < 200_000; n++)
        {
            time += TimeSpan.FromSeconds(10);
            var issued = -1;
            // A session that stays in use starts every 5,000 sign-ins (each in a chunk of its own time), and every one
            // of them is used at least every 4,000 seconds (within the two hours); the rest are used once.
            var id = n % 10 == 0 ? "keeper-" + (n / 10 % (1 + n / 5_000)) : $"short-lived-session-{n:D12}";
            table.Touch(id, time, SignIn(rng, n, time, 1), 0, user, ref issued);
            if (n % 10_000 == 0) chunks.Add(table.ArenaChunks);
        }
        Assert.True(chunks.Max() <= 10, $"chunks over the run: {string.Join(", ", chunks)}");
    }

    [Fact]
    public void Event_times_at_the_ends_of_the_calendar_do_not_throw()
    {
        // Times are read from logs: a record of year 1 is attacker-controlled input, and a sweep must not subtract past it.
        var table = new KeptSignInTable(TimeSpan.FromDays(2));
        var user = new KeptSignInTable.UserNumbers();
        var rng = new Random(1);
        var start = DateTime.MinValue.AddHours(1);
        Touch("a", start);
        Touch("b", start.AddDays(3));
        Assert.Equal(1, table.Count); // "a" expired
        Touch("c", DateTime.MaxValue);
        Assert.Equal(1, table.Count);

        void Touch(string id, DateTime time)
        {
            var issued = -1;
            Assert.Equal(-1, table.Touch(id, time, SignIn(rng, 1, time, 0), 0, user, ref issued));
        }
    }
}
