#!/usr/bin/env python3
"""Generate a differential test fixture for Gantry's Primavera P6 scheduling, with MPXJ as the oracle.

What it makes
  --count seeded, random, *progressed* P6 networks, one XER file each (net-0001.xer, ...), plus a README.md.
  Every file is scheduled by MPXJ's PrimaveraScheduler (org.mpxj.cpm.PrimaveraScheduler, the scheduler MPXJ
  tunes against real P6 exports) and the dates MPXJ computes are written back into the file as the dates P6
  would have stored. `gantry verify DIR` re-schedules each file with Gantry's engine and compares Gantry's
  dates with the stored ones, so on this fixture it measures Gantry-versus-MPXJ agreement.

How one network is made (seed = --seed + i, Python random.Random(seed), so a file can be regenerated alone)
  * a project with a plan start (a Monday, 08:00 or 00:00) and a data date (last_recalc_date) 25-65 % of the
    way through the planned work, at 08:00, 00:00, 13:00 or 17:00 of a working day;
  * one or two calendars in P6's packed clndr_data text: the project's 5-day 08:00-12:00 / 13:00-17:00 week,
    maybe a 6-day or 7-day one with the same hours, maybe a few holidays (day-off exceptions);
  * 8-40 activities: task dependent (TT_Task, durations in hours, multiples of 8 mostly, some of 4), start
    milestones (TT_Mile) and finish milestones (TT_FinMile); a minority constrained with CS_MSO (Start On),
    CS_MSOA (start on or after), CS_MSOB (start on or before), CS_MEOA (finish on or after) or CS_MEOB
    (finish on or before);
  * an acyclic set of links: FS mostly, some SS / FF / SF; lag 0 mostly, some 8-80 h, a few negative;
  * progress against a simple planned (forward pass) schedule: work planned well before the data date is
    completed (TK_Complete, act_start_date, act_end_date, remain 0), work straddling it is under way
    (TK_Active, act_start_date before the data date, 0 < remain_drtn_hr_cnt < target_drtn_hr_cnt), a few
    activities progressed out of sequence (started or finished while a predecessor is not), the rest not
    started; complete_pct_type CP_Drtn with phys_complete_pct = (target - remain) / target;
  * SCHEDOPTIONS: retained logic for most, progress override (sched_retained_logic N,
    sched_progress_override Y) for --override-share of them; lags on the predecessor's calendar
    (rcal_Predecessor) for most, on the successor's, the project's or a 24-hour calendar for a few
    (--lag-calendars); total float as finish float (FT_FF); critical = total float <= 0 (CT_TotFloat).
    MPXJ's PrimaveraScheduler reads the progress-override option but schedules every file with retained
    logic, so on the override files its answer is not P6's: the README lists them apart.

With --features (the second fixture, Tests/GantryServicesTests/p6-differential-features)
  The same network (same ordinary activities, links, calendars and progress for a seed) with, each drawn from its
  own random stream (see add_features): 0-3 level-of-effort activities (TT_LOE) linked to ordinary activities
  only; a PROJWBS tree of 2-4 nodes (maybe one deeper) holding the activities, and 0-2 WBS-summary activities
  (TT_WBS, no links); 0-3 secondary constraints (CS_MSOA/CS_MEOA with cstr_type2 CS_MSOB/CS_MEOB) on
  not-started activities; 0-2 suspended activities under way (suspend_date, resume_date before the data date);
  sched_use_expect_end_flag Y on about half the networks with 0-3 expect_end_date there; sched_float_type
  FT_FF, FT_SS or FT_Min. Secondary-constraint dates and expected finishes are dated from MPXJ's first pass
  (so they are near the dates they act on), then the file is settled as usual. LOE and WBS-summary activities
  get MPXJ's actual start/finish, status and spans written back with their dates (apply_summary_results). The
  extra TASK columns are written in P6's column order. Without --features the output is byte for byte what it
  was before the option existed.

How MPXJ's answer is written back (the XER columns and the MPXJ fields MPXJ's own XER reader maps them to)
  early_start_date/early_end_date      EarlyStart/EarlyFinish
  late_start_date/late_end_date        LateStart/LateFinish
  restart_date/reend_date              RemainingEarlyStart/RemainingEarlyFinish (empty once complete)
  rem_late_start_date/rem_late_end_date RemainingLateStart/RemainingLateFinish (empty once complete)
  total_float_hr_cnt/free_float_hr_cnt TotalSlack/FreeSlack in hours (empty once complete, as P6 writes them)
  PROJECT.scd_end_date                 the project's scheduled finish
  A reader takes an activity's Start as act_start_date, else restart_date (Finish likewise), which is what
  MPXJ's scheduler sets Start/Finish to; planned dates (target_start_date/target_end_date) are left out.
  MPXJ reads some of these back when it schedules (an activity under way takes its at-completion duration
  from its actual start to its stored finish), so each file is rewritten until MPXJ, reading the file,
  computes exactly the dates the file stores (a fixpoint, usually on the second pass). A seed MPXJ throws on,
  or that does not settle within --passes, is skipped, reported, and replaced by the next seed.

Keeping the two readers on the same network (why some fields are written the way they are)
  * MPXJ schedules unstarted work by remain_drtn_hr_cnt, Gantry by target_drtn_hr_cnt: they are kept equal
    until work starts; milestones have both 0.
  * MPXJ's duration percent complete is (target - remain) / target, and it recomputes the remaining duration
    of work under way from it: remain is kept a multiple of 4 h strictly between 0 and the target.
  * An activity under way is written with reend_date = its remaining work from the data date (pass 0), since
    MPXJ derives its at-completion duration from act_start_date to the stored finish.
  * The file is read with org.mpxj.primavera.PrimaveraXERFileReader and nothing is filled in, as MPXJ's own
    PrimaveraSchedulerComparator does. (../shared/tools/mpxj_oracle.py compare sets a zero ActualDuration on
    unstarted activities first, which changes MPXJ's free float across some links: it reports a few
    free_slack misses on this fixture that MPXJ does not make when reading the file plainly.)
  * Gantry reads CS_MSO (P6 "Start On") as must-start-on, MPXJ as a Start On that logic may push later;
    both tools read CS_MSOA/CS_MSOB/CS_MEOA/CS_MEOB alike.

Usage
  python3 scripts/p6-differential.py --count 500 --seed 1 --out Tests/GantryServicesTests/p6-differential
  python3 scripts/p6-differential.py --count 5 --seed 40 --out /tmp/p6d --no-readme    # a quick look
  python3 scripts/p6-differential.py --features --count 200 --seed 1001 --override-share 0 \
      --out Tests/GantryServicesTests/p6-differential-features
  gantry verify Tests/GantryServicesTests/p6-differential --json > /tmp/diff.json     # then measure

Needs: pip install mpxj JPype1 (mpxj bundles its jars) and a Java 11+ runtime. Progress goes to stderr every
50 files; a summary at the end. Existing net-*.xer files in --out are replaced.
"""
import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import time

# ----------------------------------------------------------------------------------------------------------
# Working time (only to lay out the planned schedule the progress is drawn from; MPXJ computes the dates)
# ----------------------------------------------------------------------------------------------------------

DAY = dt.timedelta(days=1)
OLE_EPOCH = dt.date(1899, 12, 30)  # P6's exception day numbers count from here
STD_HOURS = [(8 * 60, 12 * 60), (13 * 60, 17 * 60)]


class Calendar:
    """A week of working periods (minutes after midnight) per weekday (0 = Monday) and day-off exceptions."""

    def __init__(self, clndr_id, name, workdays, holidays=()):
        self.id = clndr_id
        self.name = name
        self.week = {d: (list(STD_HOURS) if d in workdays else []) for d in range(7)}
        self.holidays = set(holidays)
        self.days_per_week = len(workdays)

    def periods(self, day):
        if day in self.holidays:
            return []
        return self.week[day.weekday()]

    def is_workday(self, day):
        return bool(self.periods(day))

    def next_work_start(self, t):
        """t itself when it is in working time, else the start of the next working period."""
        day = t.date()
        m = t.hour * 60 + t.minute
        for _ in range(3660):
            for s, f in self.periods(day):
                if m < f:
                    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=max(s, m))
            day += DAY
            m = 0
        raise ValueError("no working time")

    def prev_work_finish(self, t):
        """t itself when it is in (or ends) working time, else the end of the previous working period."""
        day = t.date()
        m = t.hour * 60 + t.minute
        for _ in range(3660):
            for s, f in reversed(self.periods(day)):
                if m > s:
                    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=min(f, m))
            day -= DAY
            m = 24 * 60
        raise ValueError("no working time")

    def add(self, t, minutes):
        """t moved by `minutes` of working time (forwards or backwards)."""
        if minutes >= 0:
            t = self.next_work_start(t)
            left = minutes
            while True:
                day = t.date()
                m = t.hour * 60 + t.minute
                for s, f in self.periods(day):
                    if m >= f:
                        continue
                    a = max(s, m)
                    if f - a >= left:
                        return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=a + left)
                    left -= f - a
                t = self.next_work_start(dt.datetime.combine(day + DAY, dt.time()))
        t = self.prev_work_finish(t)
        left = -minutes
        while True:
            day = t.date()
            m = t.hour * 60 + t.minute
            for s, f in reversed(self.periods(day)):
                if m <= s:
                    continue
                b = min(f, m)
                if b - s >= left:
                    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=b - left)
                left -= b - s
            t = self.prev_work_finish(dt.datetime.combine(day, dt.time()))

    def work(self, a, b):
        """Working minutes from a to b (a <= b)."""
        total = 0
        day = a.date()
        while day <= b.date():
            base = dt.datetime.combine(day, dt.time())
            for s, f in self.periods(day):
                lo = max(base + dt.timedelta(minutes=s), a)
                hi = min(base + dt.timedelta(minutes=f), b)
                if hi > lo:
                    total += int((hi - lo).total_seconds() // 60)
            day += DAY
        return total

    def clndr_data(self):
        """P6's packed calendar text: DaysOfWeek 1 = Sunday ... 7 = Saturday, then the exceptions."""
        days = []
        for n in range(1, 8):
            weekday = (n + 5) % 7  # 1 (Sunday) -> 6, 2 (Monday) -> 0, ...
            ps = "".join("(0||%d(s|%02d:%02d|f|%02d:%02d)())" % (k, s // 60, s % 60, f // 60, f % 60)
                         for k, (s, f) in enumerate(self.week[weekday]))
            days.append("(0||%d()(%s))" % (n, ps))
        exc = "".join("(0||%d(d|%d)())" % (k, (d - OLE_EPOCH).days) for k, d in enumerate(sorted(self.holidays)))
        return "(0||CalendarData()((0||DaysOfWeek()(%s))(0||Exceptions()(%s))))" % ("".join(days), exc)


def fmt(t):
    return "" if t is None else t.strftime("%Y-%m-%d %H:%M")


def hours(x):
    """Hours as P6 writes them: no trailing zeros."""
    if x is None:
        return ""
    x = round(float(x), 6)
    if x == int(x):
        return str(int(x))
    return ("%.6f" % x).rstrip("0").rstrip(".")


# ----------------------------------------------------------------------------------------------------------
# One random network
# ----------------------------------------------------------------------------------------------------------

CONSTRAINTS = ["CS_MSO", "CS_MSOA", "CS_MSOB", "CS_MEOA", "CS_MEOB"]


class Network:
    pass


def generate(seed, override_share, lag_calendars, features=()):
    rng = random.Random(seed)
    net = Network()
    net.seed = seed
    net.features = tuple(features)

    # Project start: a Monday between 2024 and 2026.
    first = dt.date(2024, 1, 1) + dt.timedelta(weeks=rng.randrange(0, 150))
    first -= dt.timedelta(days=first.weekday())
    start_time = dt.time(8, 0) if rng.random() < 0.6 else dt.time(0, 0)
    net.plan_start = dt.datetime.combine(first, start_time)

    # Calendars: the project's 5-day week, maybe with holidays; maybe a 6- or 7-day one for some activities.
    holidays = set()
    if rng.random() < 0.5:
        for _ in range(rng.randint(1, 4)):
            d = first + dt.timedelta(days=rng.randrange(1, 120))
            if d.weekday() < 5:
                holidays.add(d)
    cals = [Calendar(1, "5 Day Week", {0, 1, 2, 3, 4}, holidays)]
    r = rng.random()
    if r < 0.25:
        cals.append(Calendar(2, "6 Day Week", {0, 1, 2, 3, 4, 5}, holidays if rng.random() < 0.5 else ()))
    elif r < 0.4:
        cals.append(Calendar(2, "7 Day Week", {0, 1, 2, 3, 4, 5, 6}))
    net.calendars = cals
    proj_cal = cals[0]

    # Activities.
    n = 8 + int(33 * rng.random() ** 2.2)
    tasks = []
    for k in range(n):
        t = Network()
        t.id = 1000 + k
        t.code = "A%d" % (1000 + 10 * k)
        r = rng.random()
        if k == 0 and rng.random() < 0.5:
            t.type = "TT_Mile"
        elif k == n - 1 and rng.random() < 0.5:
            t.type = "TT_FinMile"
        elif r < 0.07:
            t.type = "TT_Mile"
        elif r < 0.14:
            t.type = "TT_FinMile"
        else:
            t.type = "TT_Task"
        t.name = {"TT_Task": "Task %d", "TT_Mile": "Start MS %d", "TT_FinMile": "Finish MS %d"}[t.type] % k
        if t.type == "TT_Task":
            t.target = 8 * rng.randint(1, 10) if rng.random() < 0.8 else 4 * rng.choice([1, 3, 5, 7, 9, 11])
        else:
            t.target = 0
        t.cal = cals[1] if len(cals) > 1 and rng.random() < 0.3 else proj_cal
        t.cstr = None
        t.cstr_date = None
        t.preds = []
        t.succs = []
        tasks.append(t)
    net.tasks = tasks

    # Links: each activity after the first few takes 1-3 predecessors among the earlier ones (so no cycle),
    # mostly near it; some activities stay open-ended.
    links = []
    seen = set()
    for j in range(1, n):
        if j > 1 and rng.random() < 0.1:
            continue  # an open start
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            i = max(0, j - 1 - int(rng.expovariate(0.5)))
            if (i, j) in seen:
                continue
            seen.add((i, j))
            r = rng.random()
            kind = "PR_FS" if r < 0.72 else "PR_SS" if r < 0.84 else "PR_FF" if r < 0.95 else "PR_SF"
            r = rng.random()
            lag = 0 if r < 0.8 else 8 * rng.randint(1, 10) if r < 0.95 else -8 * rng.randint(1, 3)
            if lag and rng.random() < 0.2:
                lag = lag // 2 if lag > 0 else lag  # some in half days
            links.append((tasks[i], tasks[j], kind, lag))
            tasks[j].preds.append(links[-1])
            tasks[i].succs.append(links[-1])
    net.links = links

    # A planned schedule: a plain forward pass on each activity's calendar, lags on the predecessor's.
    for t in tasks:
        es = net.plan_start
        for p, _, kind, lag in t.preds:
            if kind == "PR_FS":
                c = p.cal.add(p.ef, lag * 60)
            elif kind == "PR_SS":
                c = p.cal.add(p.es, lag * 60)
            elif kind == "PR_FF":
                c = t.cal.add(p.cal.add(p.ef, lag * 60), -t.target * 60)
            else:
                c = t.cal.add(p.cal.add(p.es, lag * 60), -t.target * 60)
            es = max(es, c)
        t.es = t.cal.next_work_start(es)
        t.ef = t.cal.add(t.es, t.target * 60)
    finish = max(t.ef for t in tasks)
    span = proj_cal.work(net.plan_start, finish)

    # Data date: 25-65 % of the way through the planned work, on a working day of the project calendar.
    dd = proj_cal.add(net.plan_start, int(span * rng.uniform(0.25, 0.65)))
    day = dd.date()
    while not proj_cal.is_workday(day):
        day += DAY
    hour = rng.choices([8, 0, 13, 17], weights=[55, 25, 10, 10])[0]
    net.data_date = dt.datetime.combine(day, dt.time(hour, 0))
    if net.data_date <= net.plan_start:
        net.data_date = dt.datetime.combine(first + 7 * DAY, dt.time(8, 0))
    dd = net.data_date

    # Constraints on a minority, dated near the planned dates.
    for t in tasks:
        if rng.random() < 0.12:
            t.cstr = rng.choice(CONSTRAINTS)
            shift = 8 * 60 * rng.randint(-5, 10)
            if t.cstr in ("CS_MSO", "CS_MSOA", "CS_MSOB"):
                d = t.cal.add(t.es, shift)
                t.cstr_date = dt.datetime.combine(d.date(), dt.time(8, 0))
            else:
                d = t.cal.add(t.ef, shift)
                t.cstr_date = dt.datetime.combine(d.date(), dt.time(17, 0))
            if rng.random() < 0.15:
                t.cstr_date = dt.datetime.combine(t.cstr_date.date(), dt.time(0, 0))

    # Progress, in activity order (predecessors first).
    for t in tasks:
        t.status = "TK_NotStart"
        t.act_start = t.act_end = None
        t.remain = t.target
    margin = 8 * 60
    for t in tasks:
        cal = t.cal
        jitter = 4 * 60 * rng.randint(-2, 4)
        a_start = cal.next_work_start(max(net.plan_start, cal.add(t.es, jitter)))
        if a_start >= dd or cal.work(a_start, dd) < (margin if t.target else 1):
            continue
        # Only activities whose predecessors have started (or that are picked to run out of sequence).
        in_seq = all(p.status != "TK_NotStart" for p, _, _, _ in t.preds)
        if not in_seq and rng.random() > 0.15:
            continue
        if t.target == 0:
            t.status = "TK_Complete"
            t.act_start = t.act_end = a_start
            t.remain = 0
            continue
        actual = max(4, t.target + 4 * rng.randint(-2, 2)) * 60
        a_end = cal.add(a_start, actual)
        if a_end <= dd and rng.random() < 0.92:
            t.status = "TK_Complete"
            t.act_start, t.act_end = a_start, a_end
            t.remain = 0
        else:
            done = cal.work(a_start, dd) // 60
            remain = t.target - done + 4 * rng.randint(-2, 2)
            remain = 4 * ((remain + 3) // 4)
            remain = min(max(4, remain), t.target - 4)
            if remain <= 0 or t.target <= 4:
                continue
            t.status = "TK_Active"
            t.act_start = a_start
            t.remain = remain

    # A few extra out-of-sequence starts: an activity started while a predecessor has not finished.
    if rng.random() < 0.3:
        cands = [t for t in tasks if t.status == "TK_NotStart" and t.target >= 8
                 and any(p.status != "TK_Complete" for p, _, _, _ in t.preds)]
        for t in rng.sample(cands, min(len(cands), rng.randint(1, 2))):
            back = 8 * 60 * rng.randint(1, 3)
            a_start = t.cal.next_work_start(max(net.plan_start, t.cal.add(dd, -back)))
            if a_start >= dd:
                continue
            done = t.cal.work(a_start, dd) // 60
            if done >= t.target:
                continue
            t.status = "TK_Active"
            t.act_start = a_start
            t.remain = max(4, 4 * ((t.target - done) // 4))
            if t.remain >= t.target:
                t.remain = t.target - 4

    # Pass-0 stored dates, for work under way only: its remaining work from the data date (MPXJ takes an
    # activity's at-completion duration from its actual start to its stored finish, reend_date).
    for t in tasks:
        t.stored = {}
        if t.status == "TK_Active":
            rs = t.cal.next_work_start(max(dd, t.act_start))
            t.stored["restart_date"] = rs
            t.stored["reend_date"] = t.cal.add(rs, t.remain * 60)
    net.scd_end = None

    net.override = rng.random() < override_share
    names, weights = zip(*lag_calendars)
    net.lag_calendar = rng.choices(names, weights=weights)[0]
    for t in tasks:
        t.wbs = WBS_ID
        t.cstr2 = t.cstr_date2 = t.suspend = t.resume = t.expect_end = None
    net.wbs_nodes = [(WBS_ID, None, "P6DIFF-%d" % seed, "Differential network, seed %d" % seed)]
    net.float_type = "FT_FF"
    net.use_expect = True
    net.pending = []
    if net.features:
        add_features(net, net.features)
    return net


# ----------------------------------------------------------------------------------------------------------
# --features: the P6 features the plain networks leave out
# ----------------------------------------------------------------------------------------------------------

FEATURES = ("loe", "wbs", "secondary", "suspend", "expected", "float")
# P6's XER codes for SCHEDOPTIONS.sched_float_type (MPXJ's TotalSlackCalculationTypeHelper reads and writes
# these): finish float, start float, the smaller of the two.
FLOAT_TYPES = [("FT_FF", 34), ("FT_SS", 33), ("FT_Min", 33)]


def add_features(net, features):
    """Mix the --features into a network made as without them. Each feature draws from its own
    random.Random("<feature>-<seed>"), so the ordinary network is the same whichever features are asked for
    (`--features loe,wbs` and plain runs of a seed can be compared activity by activity), and so is each
    feature, except that an LOE's WBS node is drawn from the tree there is and expected finishes avoid the
    activities given a secondary constraint.
    Dates that depend on MPXJ's answer (secondary constraint dates, expected finishes) are left in net.pending
    and set after MPXJ's first pass (see resolve_pending)."""
    seed = net.seed
    tasks = net.tasks
    ordinary = list(tasks)
    cals = net.calendars
    proj_cal = cals[0]
    dd = net.data_date

    def subtree(node_id):
        ids = {node_id}
        grew = True
        while grew:
            grew = False
            for nid, parent, _, _ in net.wbs_nodes:
                if parent in ids and nid not in ids:
                    ids.add(nid)
                    grew = True
        return ids

    def new_task(kind, name):
        t = Network()
        t.id = 1000 + len(tasks)
        t.code = "A%d" % (1000 + 10 * len(tasks))
        t.type = kind
        t.name = name
        t.target = t.remain = 0
        t.cal = proj_cal
        t.cstr = t.cstr_date = t.cstr2 = t.cstr_date2 = None
        t.suspend = t.resume = t.expect_end = None
        t.preds, t.succs = [], []
        t.status = "TK_NotStart"
        t.act_start = t.act_end = None
        t.stored = {}
        t.wbs = WBS_ID
        tasks.append(t)
        return t

    def link(p, s, kind, lag):
        net.links.append((p, s, kind, lag))
        s.preds.append(net.links[-1])
        p.succs.append(net.links[-1])

    # WBS: 2-4 nodes under the project node, maybe one a level deeper; the activities in contiguous blocks
    # (in node order, a deeper node's block right after its parent's), sometimes the first one left in the
    # project node.
    if "wbs" in features:
        r = random.Random("wbs-%d" % seed)
        k = r.randint(2, 4)
        level1 = [(WBS_ID + 1 + i, WBS_ID, "P%d" % (i + 1), "Phase %d" % (i + 1)) for i in range(k)]
        order = list(level1)
        if r.random() < 0.5:
            at = r.randrange(k)
            parent = level1[at]
            deep = (WBS_ID + 1 + k, parent[0], "D1", parent[3] + " detail")
            order.insert(order.index(parent) + 1, deep)
        net.wbs_nodes += order
        first = 1 if r.random() < 0.3 else 0
        cuts = sorted(r.sample(range(first + 1, len(ordinary)), len(order) - 1))
        bounds = [first] + cuts + [len(ordinary)]
        for i, node in enumerate(order):
            for t in ordinary[bounds[i]:bounds[i + 1]]:
                t.wbs = node[0]

    # Level of effort: 0-3, each with 1-3 predecessors (SS/FS mostly) among the ordinary activities just before
    # its earliest successor, and 1-3 successors (FS/FF mostly) among the not-started ordinary activities (an
    # LOE whose successor has started would be finished by MPXJ as soon as that start is before the data date).
    # Durations and progress are MPXJ's: written back after each pass (see apply_summary_results).
    if "loe" in features:
        r = random.Random("loe-%d" % seed)
        for j in range(r.choices([0, 1, 2, 3], weights=[15, 40, 30, 15])[0]):
            succ_cands = [t for t in ordinary[1:] if t.status == "TK_NotStart"]
            if not succ_cands:
                break
            succs = r.sample(succ_cands, min(len(succ_cands), r.choice([1, 1, 2, 2, 3])))
            m = min(ordinary.index(t) for t in succs)
            pool = ordinary[max(0, m - 10):m]
            preds = r.sample(pool, min(len(pool), r.choice([1, 1, 2, 3])))
            t = new_task("TT_LOE", "Level of effort %d" % j)
            t.cal = cals[1] if len(cals) > 1 and r.random() < 0.2 else proj_cal
            t.target = t.remain = 8  # a placeholder until MPXJ's first pass
            t.wbs = r.choice(net.wbs_nodes)[0]
            for p in sorted(preds, key=ordinary.index):
                kind = r.choices(["PR_SS", "PR_FS", "PR_FF", "PR_SF"], weights=[50, 35, 10, 5])[0]
                lag = 0 if r.random() < 0.8 else 8 * r.randint(1, 5)
                link(p, t, kind, lag)
            for k, s in enumerate(sorted(succs, key=ordinary.index)):
                # The first is FS or FF: an LOE with no finish driver (no FS/FF successor, no FF/SF predecessor)
                # gets MPXJ's finish = its start, and is finished at once when that start is an actual date.
                kinds = ["PR_FS", "PR_FF"] if k == 0 else ["PR_FS", "PR_FF", "PR_SS", "PR_SF"]
                kind = r.choices(kinds, weights=[55, 35, 5, 5][:len(kinds)])[0]
                lag = 0 if r.random() < 0.8 else 8 * r.randint(1, 5)
                link(t, s, kind, lag)

    # WBS summary: 0-2, each in a (non-project) node with unfinished ordinary activities below it; no links.
    if "wbs" in features:
        r = random.Random("wbs-summary-%d" % seed)
        nodes = [nd for nd in net.wbs_nodes[1:]
                 if any(t.wbs in subtree(nd[0]) and t.status != "TK_Complete" for t in ordinary)]
        for j, nd in enumerate(r.sample(nodes, min(len(nodes), r.choices([0, 1, 2], weights=[25, 45, 30])[0]))):
            t = new_task("TT_WBS", "WBS summary %s" % nd[2])
            t.wbs = nd[0]

    # Secondary constraints: on 0-3 not-started ordinary activities, a primary start/finish on or after (the
    # one they have, or a new one dated like the others) and a secondary start/finish on or before, dated from
    # MPXJ's early start/finish of the first pass, -4..+8 working days of the activity's calendar (so it binds
    # sometimes), never before the primary date when both are start or both are finish constraints.
    if "secondary" in features:
        r = random.Random("secondary-%d" % seed)
        cands = [t for t in ordinary if t.status == "TK_NotStart"]
        for t in r.sample(cands, min(len(cands), r.choices([0, 1, 2, 3], weights=[30, 35, 25, 10])[0])):
            if t.cstr not in ("CS_MSOA", "CS_MEOA"):
                t.cstr = r.choice(["CS_MSOA", "CS_MEOA"])
                shift = 8 * 60 * r.randint(-3, 5)
                if t.cstr == "CS_MSOA":
                    t.cstr_date = dt.datetime.combine(t.cal.add(t.es, shift).date(), dt.time(8, 0))
                else:
                    t.cstr_date = dt.datetime.combine(t.cal.add(t.ef, shift).date(), dt.time(17, 0))
            t.cstr2 = r.choice(["CS_MSOB", "CS_MEOB"])
            net.pending.append(("secondary", t, 8 * r.randint(-4, 8)))

    # Suspend / resume: on 0-2 activities under way with at least 16 h of work from their actual start to the
    # data date: suspended after s h of work, resumed g h of working time later, with work left before the
    # data date. The remaining duration follows the work actually done (the time worked less the suspension),
    # a multiple of 4 h strictly between 0 and the target, as for the other activities under way.
    if "suspend" in features:
        r = random.Random("suspend-%d" % seed)
        cands = [t for t in ordinary if t.status == "TK_Active" and t.type == "TT_Task" and t.target >= 8
                 and t.cal.work(t.act_start, dd) >= 16 * 60]
        for t in r.sample(cands, min(len(cands), r.choices([0, 1, 2], weights=[40, 45, 15])[0])):
            cal = t.cal
            worked = cal.work(t.act_start, dd) // 60
            s = 4 * r.randint(1, (worked - 12) // 4)
            g = 8 * r.randint(1, max(1, min(5, (worked - s - 4) // 8)))
            t.suspend = cal.add(t.act_start, s * 60)
            t.resume = cal.next_work_start(cal.add(t.suspend, g * 60))
            done = cal.work(t.act_start, t.suspend) // 60 + cal.work(t.resume, dd) // 60
            remain = 4 * ((t.target - done + 3) // 4) + 4 * r.randint(-1, 1)
            t.remain = min(max(4, remain), t.target - 4)
            rs = cal.next_work_start(max(dd, t.act_start))
            t.stored["restart_date"] = rs
            t.stored["reend_date"] = cal.add(rs, t.remain * 60)

    # Expected finish: SCHEDOPTIONS.sched_use_expect_end_flag Y on about half the networks, and there 0-3
    # expect_end_date on not-started activities or activities under way that have a predecessor (MPXJ takes an
    # activity under way without one at its stored finish), 1-10 working days after the activity's early
    # finish in MPXJ's first pass. Not on the activities given a secondary constraint.
    if "expected" in features:
        r = random.Random("expected-%d" % seed)
        net.use_expect = r.random() < 0.5
        if net.use_expect:
            cands = [t for t in ordinary if t.type == "TT_Task" and t.cstr2 is None
                     and (t.status == "TK_NotStart" or (t.status == "TK_Active" and t.preds))]
            for t in r.sample(cands, min(len(cands), r.choices([0, 1, 2, 3], weights=[15, 40, 30, 15])[0])):
                net.pending.append(("expected", t, 8 * r.randint(1, 10)))
        else:
            net.use_expect = False

    if "float" in features:
        r = random.Random("float-%d" % seed)
        names, weights = zip(*FLOAT_TYPES)
        net.float_type = r.choices(names, weights=weights)[0]


def resolve_pending(net, result):
    """Date the secondary constraints and expected finishes from MPXJ's first answer (before they apply)."""
    for what, t, shift in net.pending:
        d = result[t.id]
        cal = t.cal
        if what == "secondary":
            if t.cstr2 == "CS_MSOB":
                date = dt.datetime.combine(cal.add(d["early_start_date"], shift * 60).date(), dt.time(8, 0))
                if t.cstr == "CS_MSOA":
                    date = max(date, t.cstr_date)
            else:
                date = cal.add(d["early_end_date"], shift * 60)
                date = dt.datetime.combine(cal.prev_work_finish(date).date(), dt.time(17, 0))
                if t.cstr == "CS_MEOA":
                    date = max(date, t.cstr_date)
            t.cstr_date2 = date
        else:
            t.expect_end = cal.add(d["early_end_date"], shift * 60)
    net.pending = []


def apply_summary_results(net, result):
    """Level-of-effort and WBS-summary activities take their progress and durations from MPXJ: an actual start
    (and finish) when MPXJ sets one, target_drtn_hr_cnt = the span from start to finish, remain_drtn_hr_cnt =
    the span from the remaining early start to the remaining early finish, on the activity's calendar."""
    for t in net.tasks:
        if t.type not in ("TT_LOE", "TT_WBS"):
            continue
        d = result[t.id]
        t.act_start = d.get("_act_start")
        t.act_end = d.get("_act_end")
        t.status = "TK_Complete" if t.act_end else "TK_Active" if t.act_start else "TK_NotStart"
        t.target = d.get("_duration", 0) or 0
        t.remain = 0 if t.act_end else (d.get("_remaining", 0) or 0)


# ----------------------------------------------------------------------------------------------------------
# XER text
# ----------------------------------------------------------------------------------------------------------

PROJ_ID = 100
WBS_ID = 10

# P6 writes some sixty TASK columns; these are the ones that shape or record the schedule. Left out to keep the
# fixture small: target_start_date/target_end_date (planned dates: a reader falls back to them for Start/Finish
# only when restart_date/reend_date are empty, which they never are for unfinished work here), duration_type,
# priority_type, the work and cost quantities.
TASK_FIELDS = [
    "task_id", "proj_id", "wbs_id", "clndr_id", "phys_complete_pct", "complete_pct_type", "task_type",
    "status_code", "task_code", "task_name", "total_float_hr_cnt", "free_float_hr_cnt",
    "remain_drtn_hr_cnt", "target_drtn_hr_cnt", "cstr_date", "act_start_date", "act_end_date",
    "late_start_date", "late_end_date", "early_start_date", "early_end_date", "restart_date", "reend_date",
    "rem_late_start_date", "rem_late_end_date", "cstr_type",
]
# With --features: the columns those need, where P6 puts them (expect_end_date after late_end_date,
# suspend_date/resume_date after cstr_type, cstr_date2/cstr_type2 later still).
FEATURE_TASK_FIELDS = TASK_FIELDS[:TASK_FIELDS.index("late_end_date") + 1] + ["expect_end_date"] + \
    TASK_FIELDS[TASK_FIELDS.index("late_end_date") + 1:] + ["suspend_date", "resume_date", "cstr_date2", "cstr_type2"]


def table(name, fields, rows):
    out = ["%T\t" + name, "%F\t" + "\t".join(fields)]
    for r in rows:
        out.append("%R\t" + "\t".join(str(r.get(f, "")) for f in fields))
    return out


def xer_text(net):
    lines = ["ERMHDR\t19.12\t%s\tProject\tadmin\tGantry\tdbxDatabaseNoName\tProject Management\tUSD"
             % dt.date(2025, 1, 1).isoformat()]
    lines += table("PROJECT", [
        "proj_id", "proj_short_name", "clndr_id", "plan_start_date", "plan_end_date", "scd_end_date",
        "last_recalc_date", "export_flag", "critical_path_type", "critical_drtn_hr_cnt", "def_complete_pct_type",
        "name_sep_char",
    ], [{
        "proj_id": PROJ_ID, "proj_short_name": "P6DIFF-%d" % net.seed, "clndr_id": net.calendars[0].id,
        "plan_start_date": fmt(net.plan_start), "scd_end_date": fmt(net.scd_end),
        "last_recalc_date": fmt(net.data_date), "export_flag": "Y", "critical_path_type": "CT_TotFloat",
        "critical_drtn_hr_cnt": 0, "def_complete_pct_type": "CP_Drtn", "name_sep_char": ".",
    }])
    lines += table("CALENDAR", [
        "clndr_id", "default_flag", "clndr_name", "proj_id", "base_clndr_id", "clndr_type", "day_hr_cnt",
        "week_hr_cnt", "month_hr_cnt", "year_hr_cnt", "rsrc_private", "clndr_data",
    ], [{
        "clndr_id": c.id, "default_flag": "Y" if k == 0 else "N", "clndr_name": c.name, "clndr_type": "CA_Base",
        "day_hr_cnt": 8, "week_hr_cnt": 8 * c.days_per_week, "month_hr_cnt": 172, "year_hr_cnt": 2000,
        "rsrc_private": "N", "clndr_data": c.clndr_data(),
    } for k, c in enumerate(net.calendars)])
    lines += table("SCHEDOPTIONS", [
        "schedoptions_id", "proj_id", "sched_outer_depend_type", "sched_open_critical_flag",
        "sched_lag_early_start_flag", "sched_retained_logic", "sched_setplantoforecast", "sched_float_type",
        "sched_calendar_on_relationship_lag", "sched_use_expect_end_flag", "sched_progress_override",
        "sched_use_project_end_date_for_float",
    ], [{
        "schedoptions_id": 1, "proj_id": PROJ_ID, "sched_outer_depend_type": "SD_Both",
        "sched_open_critical_flag": "N", "sched_lag_early_start_flag": "Y",
        "sched_retained_logic": "N" if net.override else "Y", "sched_setplantoforecast": "N",
        "sched_float_type": net.float_type, "sched_calendar_on_relationship_lag": net.lag_calendar,
        "sched_use_expect_end_flag": "Y" if net.use_expect else "N",
        "sched_progress_override": "Y" if net.override else "N",
        "sched_use_project_end_date_for_float": "N",
    }])
    lines += table("PROJWBS", [
        "wbs_id", "proj_id", "obs_id", "seq_num", "proj_node_flag", "sum_data_flag", "status_code",
        "wbs_short_name", "wbs_name", "parent_wbs_id",
    ], [{
        "wbs_id": wbs_id, "proj_id": PROJ_ID, "obs_id": 1, "seq_num": k + 1,
        "proj_node_flag": "Y" if parent is None else "N", "sum_data_flag": "N", "status_code": "WS_Open",
        "wbs_short_name": short, "wbs_name": name, "parent_wbs_id": "" if parent is None else parent,
    } for k, (wbs_id, parent, short, name) in enumerate(net.wbs_nodes)])
    fields = FEATURE_TASK_FIELDS if net.features else TASK_FIELDS
    rows = []
    for t in net.tasks:
        pct = 100 if t.status == "TK_Complete" else 0 if t.status == "TK_NotStart" or not t.target \
            else (t.target - t.remain) * 100.0 / t.target
        row = {
            "task_id": t.id, "proj_id": PROJ_ID, "wbs_id": t.wbs, "clndr_id": t.cal.id,
            "phys_complete_pct": hours(pct), "complete_pct_type": "CP_Drtn", "task_type": t.type,
            "status_code": t.status, "task_code": t.code, "task_name": t.name,
            "remain_drtn_hr_cnt": hours(t.remain), "target_drtn_hr_cnt": hours(t.target),
            "cstr_type": t.cstr or "", "cstr_date": fmt(t.cstr_date), "act_start_date": fmt(t.act_start),
            "act_end_date": fmt(t.act_end), "expect_end_date": fmt(t.expect_end), "suspend_date": fmt(t.suspend),
            "resume_date": fmt(t.resume), "cstr_type2": t.cstr2 if t.cstr_date2 else "", "cstr_date2": fmt(t.cstr_date2),
        }
        for k, v in t.stored.items():
            if k in fields:
                row[k] = hours(v) if k.endswith("_hr_cnt") else fmt(v)
        rows.append(row)
    lines += table("TASK", fields, rows)
    lines += table("TASKPRED", ["task_pred_id", "task_id", "pred_task_id", "proj_id", "pred_proj_id", "pred_type",
                                "lag_hr_cnt"],
                   [{"task_pred_id": 5000 + k, "task_id": s.id, "pred_task_id": p.id, "proj_id": PROJ_ID,
                     "pred_proj_id": PROJ_ID, "pred_type": kind, "lag_hr_cnt": hours(lag)}
                    for k, (p, s, kind, lag) in enumerate(net.links)])
    lines.append("%E")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------------------------
# MPXJ
# ----------------------------------------------------------------------------------------------------------

class Mpxj:
    def __init__(self):
        import jpype
        import mpxj  # noqa: F401  (puts the bundled jars on the class path)
        jpype.startJVM("-Xmx1g", "-Djava.awt.headless=true")
        from org.mpxj import ActivityType, TimeUnit
        self.summary_types = (ActivityType.LEVEL_OF_EFFORT, ActivityType.WBS_SUMMARY)
        from org.mpxj.cpm import PrimaveraScheduler
        from org.mpxj.primavera import PrimaveraXERFileReader
        self.TimeUnit = TimeUnit
        self.Scheduler = PrimaveraScheduler
        self.Reader = PrimaveraXERFileReader

    @staticmethod
    def date(v):
        if v is None:
            return None
        return dt.datetime(v.getYear(), v.getMonthValue(), v.getDayOfMonth(), v.getHour(), v.getMinute())

    def hours(self, d, props):
        if d is None:
            return None
        if d.getUnits() != self.TimeUnit.HOURS:
            d = d.convertUnits(self.TimeUnit.HOURS, props)
        return round(float(d.getDuration()), 6)

    def schedule(self, path):
        """MPXJ's dates for every activity of the file (by task_id), and the project's scheduled finish."""
        project = self.Reader().read(path)
        props = project.getProjectProperties()
        start = props.getPlannedStart() or props.getStartDate()
        self.Scheduler().schedule(project, start)
        out = {}
        for task in project.getTasks():
            if task.getSummary() or task.getUniqueID() is None:
                continue
            done = task.getActualFinish() is not None
            d = {
                "early_start_date": self.date(task.getEarlyStart()),
                "early_end_date": self.date(task.getEarlyFinish()),
                "late_start_date": self.date(task.getLateStart()),
                "late_end_date": self.date(task.getLateFinish()),
                "restart_date": self.date(task.getRemainingEarlyStart()),
                "reend_date": self.date(task.getRemainingEarlyFinish()),
                "rem_late_start_date": self.date(task.getRemainingLateStart()),
                "rem_late_end_date": self.date(task.getRemainingLateFinish()),
                "total_float_hr_cnt": None if done else self.hours(task.getTotalSlack(), props),
                "free_float_hr_cnt": None if done else self.hours(task.getFreeSlack(), props),
            }
            if task.getActivityType() in self.summary_types:
                # Level of effort / WBS summary: MPXJ's progress and spans too (see apply_summary_results).
                cal = task.getEffectiveCalendar()
                d["_act_start"] = self.date(task.getActualStart())
                d["_act_end"] = self.date(task.getActualFinish())
                s, f = task.getStart(), task.getFinish()
                d["_duration"] = self.hours(cal.getWork(s, f, self.TimeUnit.HOURS), props) if s and f else None
                rs, rf = task.getRemainingEarlyStart(), task.getRemainingEarlyFinish()
                d["_remaining"] = self.hours(cal.getWork(rs, rf, self.TimeUnit.HOURS), props) \
                    if rs and rf and not done else None
            out[int(task.getUniqueID())] = {k: v for k, v in d.items() if v is not None}
        return out, self.date(props.getScheduledFinish())


def settle(mpxj, net, path, passes):
    """Rewrite the file with MPXJ's dates until MPXJ, reading it, computes the dates it stores.
    Returns the number of passes, or raises with the reason."""
    stored = None
    if net.pending:
        passes += 1  # the first pass only dates the secondary constraints and expected finishes
    for k in range(1, passes + 1):
        with open(path, "w", newline="") as fh:
            fh.write(xer_text(net))
        result, finish = mpxj.schedule(path)
        if stored is not None and result == stored and finish == net.scd_end:
            return k
        stored = result
        for t in net.tasks:
            if t.id not in result:
                raise RuntimeError("MPXJ lost activity %d" % t.id)
            t.stored = result[t.id]
        net.scd_end = finish
        if net.features:
            apply_summary_results(net, result)
        if net.pending:
            resolve_pending(net, result)
            stored = None
    raise RuntimeError("MPXJ's dates did not settle in %d passes" % passes)


# ----------------------------------------------------------------------------------------------------------

README = """# P6 differential fixture (Gantry vs MPXJ)

{count} seeded, randomly generated, progressed Primavera P6 networks (`net-0001.xer` ...), each scheduled by
MPXJ's `org.mpxj.cpm.PrimaveraScheduler`, with MPXJ's dates written back into the file as its stored dates
(early/late start and finish, remaining early/late dates, total and free
float, the project's scheduled finish). `gantry verify` on this folder therefore measures how often Gantry's
P6 scheduling agrees with MPXJ's, activity by activity.

Generated by `scripts/p6-differential.py` (see its `--help` for what a network contains and how the dates are
written back):

    {command}

- MPXJ {mpxj_version} (Python package `mpxj`, `pip show mpxj`), JPype1 {jpype_version}, {java}
- generated {date}
- seeds {first_seed}-{last_seed}; file `net-NNNN.xer` holds project `P6DIFF-<seed>`
- skipped seeds ({skipped_count}): {skipped}

Each file is a fixpoint: MPXJ, reading the file, computes exactly the dates the file stores. The activity mix
over the fixture: {mix}.

Every file schedules with retained logic, total float as finish float (FT_FF) and lags on the predecessor's
calendar, except these. MPXJ's PrimaveraScheduler applies retained logic whatever the file says, so on the
progress-override files MPXJ's dates are not what P6 would compute; Gantry is expected to differ there.

{options}

Measure with:

    gantry verify Tests/GantryServicesTests/p6-differential --json > /tmp/diff.json
"""


def count_features(fmix, net, name):
    """Tally the --features of one written network (ints, and lists of file names)."""
    def add(key, n=1):
        fmix[key] = fmix.get(key, 0) + n

    def listed(key):
        fmix.setdefault(key, []).append(name)

    for key in ("LOE activities", "LOE not started", "LOE under way", "LOE complete", "LOE links",
                "WBS nodes below the project node", "WBS-summary activities", "WBS summary not started",
                "WBS summary under way", "WBS summary complete", "secondary constraints",
                "suspended activities", "expected finishes", "expected finishes MPXJ applies"):
        fmix.setdefault(key, 0)
    state = {"TK_NotStart": "not started", "TK_Active": "under way", "TK_Complete": "complete"}
    for t in net.tasks:
        if t.type == "TT_LOE":
            add("LOE activities")
            add("LOE %s" % state[t.status])
            add("LOE links", len(t.preds) + len(t.succs))
        elif t.type == "TT_WBS":
            add("WBS-summary activities")
            add("WBS summary %s" % state[t.status])
        if t.cstr2:
            add("secondary constraints")
            add("secondary %s + %s" % (t.cstr, t.cstr2))
        if t.suspend:
            add("suspended activities")
        if t.expect_end:
            add("expected finishes")
            if t.stored.get("early_end_date") == t.expect_end or t.stored.get("reend_date") == t.expect_end:
                add("expected finishes MPXJ applies")
    add("WBS nodes below the project node", len(net.wbs_nodes) - 1)
    if any(t.type == "TT_LOE" for t in net.tasks):
        listed("files with LOE")
    if any(t.type == "TT_WBS" for t in net.tasks):
        listed("files with WBS summary")
    if net.use_expect:
        listed("sched_use_expect_end_flag Y")
    listed("sched_float_type %s" % net.float_type)


FEATURE_README = """# P6 differential fixture with the harder P6 features (Gantry vs MPXJ)

{count} seeded, randomly generated, progressed Primavera P6 networks (`net-0001.xer` ...) like those of
`../p6-differential/`, with the P6 features that fixture leaves out mixed in: level-of-effort activities,
a WBS tree with WBS-summary activities, secondary constraints, suspended activities, expected finishes and the
three total float types. Each is scheduled by MPXJ's `org.mpxj.cpm.PrimaveraScheduler`, with MPXJ's dates
written back into the file as its stored dates (early/late start and finish, remaining early/late dates, total
and free float, the project's scheduled finish; for LOE and WBS-summary activities also the actual start/finish,
status and durations MPXJ gives them). `gantry verify` on this folder measures how often Gantry's P6
scheduling agrees with MPXJ's on these features, activity by activity.

Generated by `scripts/p6-differential.py --features` (see its `--help` and the comments of `add_features` for
how each feature is drawn):

    {command}

- MPXJ {mpxj_version} (Python package `mpxj`, `pip show mpxj`), JPype1 {jpype_version}, {java}
- generated {date}
- seeds {first_seed}-{last_seed}; file `net-NNNN.xer` holds project `P6DIFF-<seed>`; its ordinary activities
  and links are those the plain generator makes for the same seed (each feature draws from its own random
  stream), so a file can be compared with `--features` off or with fewer features
- skipped seeds ({skipped_count}): {skipped}

Each file is a fixpoint: MPXJ, reading the file, computes exactly the dates the file stores. The activity mix
over the fixture (LOE and WBS-summary activities included): {mix}.

Every file schedules with retained logic and no progress override. The features over the fixture:

{features}

How the features are written (the XER columns are P6's, in P6's column order):

- Level of effort: `task_type` TT_LOE, 1-3 predecessors (SS/FS mostly, some FF/SF) and 1-3 successors
  (FS/FF mostly, some SS/SF) among the ordinary activities, never another LOE or a WBS summary; the successors
  are activities not yet started. MPXJ schedules them after the forward and backward passes and sets an actual
  start on an LOE whose earliest driver is before the data date: that is written as `act_start_date`,
  `status_code` TK_Active. `target_drtn_hr_cnt` is the LOE's span from start to finish and
  `remain_drtn_hr_cnt` the span from its remaining early start to its remaining early finish, on its calendar.
- WBS: `PROJWBS` has the project node (`proj_node_flag` Y) and 2-4 nodes below it (`parent_wbs_id` the
  project node's), sometimes one more a level deeper; activities sit in them (`TASK.wbs_id`) in contiguous
  blocks. WBS-summary activities (`task_type` TT_WBS, no links) sit in a node with unfinished activities below
  it; their actual start/finish, status and durations are MPXJ's, like an LOE's.
- Secondary constraints: `cstr_type` CS_MSOA or CS_MEOA with `cstr_date`, and `cstr_type2` CS_MSOB or
  CS_MEOB with `cstr_date2`, on activities not started; the secondary date is -4..+8 working days from the
  activity's early start (CS_MSOB, 08:00) or early finish (CS_MEOB, 17:00) without it, never before a primary
  date of the same kind.
- Suspend/resume: `suspend_date` and `resume_date` on activities under way, both between the actual start and
  the data date; `remain_drtn_hr_cnt` follows the work done outside the suspension.
- Expected finish: `SCHEDOPTIONS.sched_use_expect_end_flag` Y on the files listed, N on the others; there,
  `expect_end_date` on a few activities not started, or under way with a predecessor, 1-10 working days after
  the early finish they have without it. `remain_drtn_hr_cnt` stays the activity's own (P6 would stretch it
  to the expected finish): a scheduler has to apply the expected finish to agree. MPXJ does not apply one on an
  activity with an FF or SF predecessor (the count of those it applies is above).
- Float type: `SCHEDOPTIONS.sched_float_type` FT_FF (finish float), FT_SS (start float) or FT_Min (the smaller
  of the two; MPXJ takes finish float for an activity under way), the codes MPXJ's XER reader and writer use.

What MPXJ's PrimaveraScheduler does with them (what a scheduler must do to agree; read from its source and
checked on these files):

- Level of effort is scheduled after the forward and backward passes: links to and from an LOE never move an
  ordinary activity, an ordinary activity's free float ignores LOE successors, the project's finish ignores
  LOE, and an LOE's own free float is 0. Its early start is the earliest of its start drivers (SS
  predecessor: start + lag; FS predecessor: finish + lag; SS successor: start - lag; SF successor:
  finish - lag; actual dates where the other activity has them), else the data date; its early finish the
  latest of its finish drivers (FF/SF predecessors, FS/FF successors, moved back to a working-time finish),
  else its early start. Its late finish is the latest finish driver on late dates (none: the project's
  finish), its late start the earliest start driver on late dates (a finished FS predecessor gives its actual
  finish) or, with none, the late finish itself.
- An LOE whose earliest start driver is before the data date is under way: its actual start is that driver's
  date (a finished predecessor's actual finish, 17:00 say) and its early start the data date's next working
  time; an early finish before the data date moves to the data date; an early finish that comes from an actual
  date at or before the data date finishes the LOE. Start float can therefore be far below finish float.
- A WBS summary takes its start, finish and actual start from its WBS node's roll-up of every activity below
  it (finished ones and LOE included: an LOE's actual start can be the summary's actual start); its
  early/late/remaining dates are the earliest start and latest finish of the unfinished activities below the
  node at any depth (LOE included, WBS summaries not). It is never finished by MPXJ while it has no
  act_end_date itself (the node counts it among its children).
- A secondary constraint acts on the late dates only, after the primary one: CS_MEOB caps the late finish;
  CS_MSOB caps the late finish at its date plus the duration, and the late start becomes the date itself when
  a successor link set it. (MPXJ's CS_MSOA also pulls the early start back to the constraint date when logic
  puts it later on the same day, as in the plain fixture.)
- With sched_use_expect_end_flag Y, an unfinished activity with no FF or SF predecessor whose expected finish
  is not before its early start or the data date gets that early finish, and its remaining duration becomes
  the work from its remaining early start to it (which the backward pass then uses). Its free float is 0.
- Suspend and resume only change the actual duration (the work from the actual start to the suspension plus
  from the resumption to the data date); the dates follow remain_drtn_hr_cnt as for any activity under way.
- Start float and finish float differ for few ordinary activities (3 of 3,523 on these seeds without the other
  features): the float type mostly changes LOE and WBS-summary floats. FT_Min takes finish float for an
  activity under way.

Measure with:

    gantry verify {out} --json > /tmp/features.json
"""


def feature_readme(fmix, features, **kw):
    lines = []
    counts = [k for k, v in fmix.items() if isinstance(v, int)]
    for k in counts:  # in count_features' order, then the combinations of secondary constraints
        if not k.startswith("secondary CS_"):
            lines.append("- %s: %d" % (k, fmix[k]))
    for k in sorted(k for k in counts if k.startswith("secondary CS_")):
        lines.append("- %s: %d" % (k, fmix[k]))
    for k in sorted(k for k, v in fmix.items() if not isinstance(v, int)):
        lines.append("- %s (%d): %s" % (k, len(fmix[k]), ", ".join(fmix[k])))
    kw["features"] = "features asked for: %s\n\n" % ", ".join(features) + "\n".join(lines)
    return FEATURE_README.format(**kw)


def tool_versions():
    def pkg(name):
        try:
            out = subprocess.run([sys.executable, "-m", "pip", "show", name], capture_output=True, text=True).stdout
            return next((ln.split(":", 1)[1].strip() for ln in out.splitlines() if ln.startswith("Version:")), "?")
        except Exception:  # noqa: BLE001
            return "?"
    try:
        java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    except Exception:  # noqa: BLE001
        java = "java ?"
    return pkg("mpxj"), pkg("JPype1"), java.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=500, help="networks to write (default 500)")
    ap.add_argument("--seed", type=int, default=1, help="base seed: network i uses seed + i (default 1)")
    ap.add_argument("--out", required=True, help="folder for net-NNNN.xer and README.md")
    ap.add_argument("--override-share", type=float, default=0.15,
                    help="share of networks scheduled with progress override rather than retained logic "
                         "(default 0.15; MPXJ's scheduler applies retained logic either way)")
    ap.add_argument("--lag-calendars", default="rcal_Predecessor:80,rcal_Successor:7,rcal_ProjDefault:6,rcal_24Hour:7",
                    help="SCHEDOPTIONS.sched_calendar_on_relationship_lag values with weights (default "
                         "rcal_Predecessor:80,rcal_Successor:7,rcal_ProjDefault:6,rcal_24Hour:7; "
                         "rcal_Predecessor:1 for the predecessor's calendar only)")
    ap.add_argument("--passes", type=int, default=4, help="rewrite passes before a seed is given up (default 4)")
    ap.add_argument("--max-skips", type=int, default=1000, help="stop after this many skipped seeds")
    ap.add_argument("--no-readme", action="store_true", help="do not write README.md")
    ap.add_argument("--features", nargs="?", const="all", default="",
                    help="also mix in the P6 features the plain networks lack: level of effort (loe), a WBS tree "
                         "with WBS-summary activities (wbs), secondary constraints (secondary), suspend/resume "
                         "(suspend), expected finishes (expected), start/smallest float types (float); "
                         "--features alone means all of them, or a comma list (--features loe,wbs). The ordinary "
                         "network of a seed is the one made without --features")
    ns = ap.parse_args()
    features = FEATURES if ns.features == "all" else tuple(f for f in ns.features.split(",") if f)
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        ap.error("unknown --features %s (known: %s)" % (",".join(unknown), ",".join(FEATURES)))

    lag_calendars = [(kv.split(":")[0], float(kv.split(":")[1]) if ":" in kv else 1.0)
                     for kv in ns.lag_calendars.split(",") if kv]
    os.makedirs(ns.out, exist_ok=True)
    for fn in os.listdir(ns.out):
        if fn.startswith("net-") and fn.endswith(".xer"):
            os.remove(os.path.join(ns.out, fn))

    t0 = time.time()
    mpxj = Mpxj()
    written = 0
    seed = ns.seed
    skipped = []
    passes = {}
    by_option = {}
    mix = {"activities": 0, "links": 0, "TK_Complete": 0, "TK_Active": 0, "TK_NotStart": 0, "constrained": 0,
           "override files": 0, "two-calendar files": 0}
    fmix = {}
    while written < ns.count:
        if len(skipped) > ns.max_skips:
            sys.exit("too many skipped seeds (%d); last: %s" % (len(skipped), skipped[-1]))
        net = generate(seed, ns.override_share, lag_calendars, features)
        path = os.path.join(ns.out, "net-%04d.xer" % (written + 1))
        try:
            k = settle(mpxj, net, path, ns.passes)
        except Exception as ex:  # noqa: BLE001  (a Java exception or no fixpoint: skip the seed)
            skipped.append("%d (%s)" % (seed, str(ex).splitlines()[0][:120] if str(ex) else type(ex).__name__))
            print("skipped seed %d: %s" % (seed, skipped[-1]), file=sys.stderr)
            if os.path.exists(path):
                os.remove(path)
            seed += 1
            continue
        written += 1
        passes[k] = passes.get(k, 0) + 1
        mix["activities"] += len(net.tasks)
        mix["links"] += len(net.links)
        for t in net.tasks:
            mix[t.status] += 1
            mix["constrained"] += 1 if t.cstr else 0
        mix["override files"] += 1 if net.override else 0
        name = "net-%04d" % written
        if features:
            count_features(fmix, net, name)
        if net.override:
            by_option.setdefault("progress override (sched_progress_override Y)", []).append(name)
        if net.lag_calendar != "rcal_Predecessor":
            by_option.setdefault("lags on %s" % net.lag_calendar, []).append(name)
        mix["two-calendar files"] += 1 if len(net.calendars) > 1 else 0
        if written % 50 == 0:
            print("%d files (seed %d, %d skipped, %.0fs)" % (written, seed, len(skipped), time.time() - t0),
                  file=sys.stderr)
        seed += 1

    size = sum(os.path.getsize(os.path.join(ns.out, f)) for f in os.listdir(ns.out) if f.endswith(".xer"))
    mix_text = ", ".join("%s %d" % kv for kv in mix.items())
    print("written %d files (%.1f KB) in %.0fs; seeds %d-%d; skipped %d%s; settled after %s; %s"
          % (written, size / 1024, time.time() - t0, ns.seed, seed - 1, len(skipped),
             (": " + "; ".join(skipped)) if skipped else "",
             ", ".join("%d passes: %d files" % kv for kv in sorted(passes.items())), mix_text), file=sys.stderr)
    if features:
        print("features: " + "; ".join("%s %s" % (k, v if isinstance(v, int) else len(v))
                                       for k, v in fmix.items()), file=sys.stderr)
    if not ns.no_readme:
        mv, jv, java = tool_versions()
        command = "python3 scripts/p6-differential.py " + " ".join(
            a if " " not in a else repr(a) for a in sys.argv[1:])
        if features:
            with open(os.path.join(ns.out, "README.md"), "w") as fh:
                fh.write(feature_readme(fmix, features, count=written, command=command, mpxj_version=mv,
                                        jpype_version=jv, java=java, date=dt.date.today().isoformat(),
                                        first_seed=ns.seed, last_seed=seed - 1, skipped_count=len(skipped),
                                        skipped="; ".join(skipped) or "none", mix=mix_text,
                                        out=ns.out.rstrip("/")))
            return
        with open(os.path.join(ns.out, "README.md"), "w") as fh:
            fh.write(README.format(count=written, command=command, mpxj_version=mv, jpype_version=jv, java=java,
                                   date=dt.date.today().isoformat(), first_seed=ns.seed, last_seed=seed - 1,
                                   skipped_count=len(skipped), skipped="; ".join(skipped) or "none",
                                   mix=mix_text,
                                   options="\n".join("- %s (%d): %s" % (k, len(v), ", ".join(v))
                                                     for k, v in sorted(by_option.items()))))


if __name__ == "__main__":
    main()
