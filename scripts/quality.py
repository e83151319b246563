#!/usr/bin/env python3
"""Score a hunt report against the simulator's truth.json (the CLI twin of tests/Daybreak.Core.Tests/Quality).

    ./daybreak simulate --users 200 --days 14 --scenario midnight-blizzard --out sim
    ./daybreak hunt sim/logs --db sim.duckdb --json > hunt.json
    scripts/quality.py sim/truth.json hunt.json

Prints a markdown table: per attack scenario the incidents holding its malicious records (want 1), the scenarios it
merged with, steps covered, severity, blast radius against truth (mailboxes, message-id precision/recall, folders
synced, throttled windows) and the event time from its first mailbox read to high severity (an upper bound: the first
alert of high severity or more; the chain can reach high earlier); then false incidents per 10,000 user-days.
"""
import json
import sys
from datetime import datetime, timezone

RANK = {"informational": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


def t(s):
    s = s.replace("Z", "+00:00")
    if "." in s:
        head, tail = s.split(".", 1)
        frac, zone = (tail.split("+", 1) + [""])[:2] if "+" in tail else (tail, "")
        s = head + "." + frac[:6] + ("+" + zone if zone else "")
    d = datetime.fromisoformat(s)
    return (d if d.tzinfo else d.replace(tzinfo=timezone.utc)).replace(microsecond=0)


def main(truth_path, hunt_path):
    truth = json.load(open(truth_path))
    hunt = json.load(open(hunt_path))
    gen = truth["generator"]
    user_days = gen["users"] * gen["days"]
    records = {(r["source"] + ":" + r["id"]).lower(): (r["scenario"], r["step"]) for r in truth["records"]}
    alerts = {a["id"]: a for a in hunt["alerts"]}

    def evidence(inc):
        for s in inc["steps"]:
            a = alerts.get(s["alert"])
            if a:
                yield from a["evidence"]

    def scen_steps(inc):
        return {records[e] for e in evidence(inc) if e in records}

    # Scenarios whose truth incidents share a user or app are one campaign in the logs: they must merge.
    ids = {i["scenario"]: {x.lower() for x in i["entities"]["users"] + i["entities"]["apps"]} for i in truth["incidents"]}
    together = {(a, b) for a in ids for b in ids if a != b and ids[a] & ids[b]}
    scenarios = sorted({s for s, _ in records.values()})
    print(f"### {gen['users']} users x {gen['days']} days, seed {gen['seed']}, scenarios: {','.join(gen['scenarios'])}")
    false = [i for i in hunt["incidents"] if not scen_steps(i)]
    print(f"{hunt['input']['accepted']:,} records accepted, {len(hunt['alerts'])} alerts, {len(hunt['incidents'])} incidents, "
          f"{len(false)} false ({len(false) * 10000 / user_days:.2f} per 10k user-days, {user_days:,} user-days)\n")
    print("| scenario | incidents | merged with | steps covered | severity | mailboxes (found/true/both) | msg-id precision | msg-id recall "
          "| folders synced (ok/got/true) | throttled windows (ok/got/true) | first read → high (≤) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for sc in scenarios:
        want = {st for s, st in records.values() if s == sc}
        holding = [i for i in hunt["incidents"] if any(s == sc for s, _ in scen_steps(i))]
        main_inc = max(holding, key=lambda i: len({st for s, st in scen_steps(i) if s == sc}), default=None)
        covered = {st for s, st in scen_steps(main_inc) if s == sc} if main_inc else set()
        merged = sorted({s for s, _ in scen_steps(main_inc)} - {sc}) if main_inc else []
        partners = {sc} | {m for m in merged if (sc, m) in together}
        tm = [m for m in truth["mailboxes"] if m["scenario"] in partners]
        t_ids = {(m["owner"].lower(), x) for m in tm for x in m["message_ids"]}
        t_fold = {(m["owner"].lower(), f) for m in tm for f in m["folders_synced"]}
        t_win = {(m["owner"].lower(), t(w["from"])) for m in tm for w in m["unknown_windows"]}
        t_own = {m["owner"].lower() for m in tm}
        got = [m for i in holding for m in i["blast_radius"]["mailboxes"]]
        g_ids = {(m["owner"].lower(), x) for m in got for x in m["message_ids"]}
        g_fold = {(m["owner"].lower(), f) for m in got for f in m["folders_synced"]}
        g_win = {(m["owner"].lower(), t(w["from"])) for m in got for w in m["unknown_windows"]}
        g_own = {m["owner"].lower() for m in got}
        ok = len(g_ids & t_ids)
        prec = f"{ok / len(g_ids):.3f}" if g_ids else "–"
        rec = f"{ok / len(t_ids):.3f}" if t_ids else "–"
        to_high = "–"
        reads = [t(m["first_access"]) for m in tm]
        if main_inc and reads:
            highs = sorted(t(alerts[s["alert"]]["time"]) for s in main_inc["steps"]
                           if s["alert"] in alerts and RANK.get(alerts[s["alert"]]["severity"], 0) >= 3)
            if highs:
                d = highs[0] - min(reads)
                to_high = f"{d}" if d.total_seconds() >= 0 else f"before ({-d})"
        print(f"| {sc} | {len(holding)} | {', '.join(merged) or '–'} | {len(covered)}/{len(want)} | {main_inc['severity'] if main_inc else '–'} "
              f"| {len(g_own)}/{len(t_own)}/{len(g_own & t_own)} | {prec} | {rec} | {len(g_fold & t_fold)}/{len(g_fold)}/{len(t_fold)} "
              f"| {len(g_win & t_win)}/{len(g_win)}/{len(t_win)} | {to_high} |")
    for i in false[:20]:
        print(f"- false: {i['severity']} {i['first_seen']} {i['title'][:140]}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
