#!/usr/bin/env python3
"""Turns the raw data of benches/run.sh (hyperfine JSON, GNU time peaks, facts)
into the Markdown report: medians, ratios, scale, checks, targets.

  report.py WORK "500 1000 2000" BATCH LONG_COPIES
"""

import json
import math
import os
import statistics
import sys

WORK, SIZES, BATCH, COPIES = sys.argv[1], [int(x) for x in sys.argv[2].split()], int(sys.argv[3]), int(sys.argv[4])


def tsv(name, cols):
    out = {}
    path = os.path.join(WORK, name)
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            parts = line.rstrip("\n").split("\t")
            if parts and parts[0]:
                out[parts[0]] = parts[1:] if cols > 2 else (parts[1] if len(parts) > 1 else "")
    return out


FACTS = tsv("facts.tsv", 2)
MEM = tsv("mem.tsv", 3)
FAIL = {}
if os.path.exists(os.path.join(WORK, "fail.tsv")):
    for line in open(os.path.join(WORK, "fail.tsv"), encoding="utf-8"):
        k, _, v = line.rstrip("\n").partition("\t")
        FAIL.setdefault(k, []).append(v)


def load(name):
    """Times of a row; a row measured in two passes (NAME and NAME__b) pools both."""
    t = []
    for suffix in ("", "__b"):
        path = os.path.join(WORK, "json", name + suffix + ".json")
        if os.path.exists(path):
            t += json.load(open(path))["results"][0]["times"]
    if not t:
        return None
    t.sort()
    q = statistics.quantiles(t, n=4) if len(t) >= 2 else [t[0], t[0], t[0]]
    return {"median": statistics.median(t), "q1": q[0], "q3": q[2], "n": len(t), "min": t[0], "max": t[-1]}


def med(name):
    r = load(name)
    return r["median"] if r else None


def fmt_t(s):
    if s is None:
        return "—"
    if s < 1:
        return f"{s * 1000:.0f} ms" if s >= 0.01 else f"{s * 1000:.1f} ms"
    return f"{s:.2f} s"


def fmt_ms(s):
    return "—" if s is None else (f"{s * 1000:.2f}" if s < 0.01 else f"{s * 1000:.1f}")


def mib(name):
    m = MEM.get(name)
    if not m or not m[0] or m[0] == "0":
        return None
    return int(m[0]) / 1024


def fmt_mib(x):
    return "—" if x is None else f"{x:.0f} MiB"


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt_r(x, digits=2):
    return "—" if x is None else f"{x:.{digits}f}×"


def spread(name):
    r = load(name)
    return "—" if not r else f"{fmt_t(r['q1'])} – {fmt_t(r['q3'])}"


def runs(name):
    r = load(name)
    return "—" if not r else str(r["n"])


def status(ok):
    return "—" if ok is None else ("**met**" if ok else "**NOT met**")


out = []
p = out.append

# ---------------------------------------------------------------------------
p("# vanban benchmark results")
p("")
p(f"Written by `benches/run.sh` on {FACTS.get('date', '?')}, from one run on one machine. "
  f"Raw data (hyperfine JSON, GNU time logs, inputs, outputs) in `{os.path.relpath(WORK, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))}/`.")
p("")
p("## Machine and tools")
p("")
p(f"- Machine: {FACTS.get('nproc')} CPUs ({FACTS.get('cpu')}), {FACTS.get('mem')} RAM, {FACTS.get('kernel')}; "
  f"shared and noisy: load averages (1, 5, 15 min) {FACTS.get('load_start')} at the start, {FACTS.get('load_end')} "
  f"at the end; 1-min load when the seed rows began {FACTS.get('load_seed', '?')}, the batch "
  f"{FACTS.get('load_batch', '?')}, the scale inputs {FACTS.get('load_scale', '?')}.")
p(f"- vanban: `{FACTS.get('v_vanban')}`, commit {FACTS.get('git')}; `cargo build --release`; {FACTS.get('v_rustc')}.")
p(f"- typst CLI: {FACTS.get('v_typst')}; pandoc: {FACTS.get('v_pandoc')}; LibreOffice: {FACTS.get('v_soffice')}.")
p(f"- {FACTS.get('v_hyperfine')}; {FACTS.get('v_poppler')}; {FACTS.get('v_python')}; GNU time for peak memory.")
if FACTS.get("template_patch"):
    p(f"- {FACTS['template_patch']}")
if FACTS.get("byhand_missing"):
    p(f"- **{FACTS['byhand_missing']}**")
elif FACTS.get("byhand_dir"):
    p(f"- Hand-written typst baselines from `{FACTS['byhand_dir']}`.")
if FACTS.get("typst_missing"):
    p(f"- **{FACTS['typst_missing']}**")
p("")
p("Method: every time is the **median** of the hyperfine runs counted in its row (after warmup runs); the "
  "seed rows of sections 1–2 pool two passes run in opposite orders (A B … B A). q1 – q3 is the interquartile "
  "range. Whole processes, wall clock, output files written to disk. Peak memory is GNU time's \"Maximum "
  "resident set size\" of the whole process (the largest of the runs named). Ratios are ratios of medians "
  "of this one run. The machine is shared: slow drift in its load can still bias a ratio by several percent; "
  "the q1 – q3 columns show how noisy each row was.")
p("")

# ---------------------------------------------------------------------------
vb = med("vb_seed_pdf_docx")
vb_pdf, vb_docx = med("vb_seed_pdf"), med("vb_seed_docx")
ty = med("typst_seed")
lo = med("soffice_seed")
pd = med("pandoc_seed")
one, loop, xargs = med("batch_one_call"), med("batch_loop"), med("batch_xargs")
one_mem = mib("batch_one_call")

t1 = ratio(vb, ty)
t2 = ratio(lo, vb)
t3 = ratio(loop, one)
bh_seed = med("typst_byhand_seed")
bh_table = med("typst_byhand_table")
b2000 = med("vb_bang-2000_pdf")
b2000_mem = mib("vb_bang-2000_pdf")
# Like for like: the hand-written table's own rows through vanban (gen.py same-rows).
same = med("vb_same_rows_pdf_docx")
same_pdf = med("vb_same_rows_pdf")
same_mem = max([m for m in (mib("vb_same_rows_pdf_docx"), mib("vb_same_rows_pdf")) if m is not None], default=None)
h1 = ratio(vb, bh_seed)
h2 = ratio(b2000, bh_table)
hs = ratio(same, bh_table)
hs_pdf = ratio(same_pdf, bh_table)
p("## Targets")
p("")
p("| target | measured | status |")
p("|---|---|---|")
p(f"| seed → PDF + DOCX in one `vanban render` no slower than the typst CLI compiling the same report typed by hand "
  f"(`seed-by-hand.typ`, PDF only; ratio ≤ 1.0) | {fmt_t(vb)} vs {fmt_t(bh_seed)}: ratio **{fmt_r(h1)}** "
  f"| {status(None if h1 is None else h1 <= 1.0)} |")
p(f"| the 2 000 rows of `table-2000-by-hand.typ` as a vanban indicator table → PDF + DOCX in one `vanban render` no slower "
  f"than the typst CLI on `table-2000-by-hand.typ` (PDF only; ratio ≤ 1.0) "
  f"| {fmt_t(same)} vs {fmt_t(bh_table)}: ratio **{fmt_r(hs)}** (PDF only: {fmt_r(hs_pdf)}) | {status(None if hs is None else hs <= 1.0)} |")
p(f"| … and under 300 MiB peak | **{fmt_mib(same_mem)}** (typst CLI by hand: {fmt_mib(mib('typst_byhand_table'))}) "
  f"| {status(None if same_mem is None else same_mem < 300)} |")
p(f"| a generated 2 000-row table with longer rows (`bang-2000`: 4 groups, {FACTS.get('bang-2000_pages', '?')} pages against "
  f"{FACTS.get('typst_byhand_table_pages', '?')}) → PDF no slower than the typst CLI on `table-2000-by-hand.typ` (ratio ≤ 1.0) "
  f"| {fmt_t(b2000)} vs {fmt_t(bh_table)}: ratio **{fmt_r(h2)}** | {status(None if h2 is None else h2 <= 1.0)} |")
p(f"| … and under 300 MiB peak | **{fmt_mib(b2000_mem)}** "
  f"| {status(None if b2000_mem is None else b2000_mem < 300)} |")
p(f"| seed → PDF + DOCX in one `vanban render` no slower than the typst CLI making the PDF alone (ratio ≤ 1.0) "
  f"| {fmt_t(vb)} vs {fmt_t(ty)}: ratio **{fmt_r(t1)}** | {status(None if t1 is None else t1 <= 1.0)} |")
p(f"| ≥ 10× faster than LibreOffice converting the same DOCX to PDF "
  f"| {fmt_t(vb)} vs {fmt_t(lo)}: **{fmt_r(t2, 1)}** faster | {status(None if t2 is None else t2 >= 10)} |")
p(f"| {BATCH} reports in one call ≥ 3× the throughput of {BATCH} processes "
  f"| {fmt_t(one)} vs {fmt_t(loop)}: **{fmt_r(t3, 1)}** | {status(None if t3 is None else t3 >= 3)} |")
p(f"| … with peak memory below 200 MB (one call) | **{fmt_mib(one_mem)}** "
  f"({'—' if one_mem is None else f'{one_mem * 1.048576:.0f} MB'}) | {status(None if one_mem is None else one_mem * 1.048576 < 200)} |")
p("")

# ---------------------------------------------------------------------------
p(f"## 1–2. The seed report ({FACTS.get('seed_pages', '?')} pages, 29-indicator table) against the alternatives")
p("")
p("| case | median | q1 – q3 | runs | peak RSS | ÷ vanban PDF+DOCX |")
p("|---|---|---|---|---|---|")
rows = [
    ("vb_seed_pdf_docx", "`vanban render` → PDF + DOCX (one process)"),
    ("vb_seed_pdf", "`vanban render --format pdf` → PDF"),
    ("vb_seed_docx", "`vanban render --format docx` → DOCX"),
    ("vb_seed_check", "`vanban check` (load, validate, compute; no output)"),
    ("vb_seed_pdf_docx_tmpfs", f"diagnostic: `vanban render` → PDF + DOCX into a tmpfs folder, {FACTS.get('tmpfs_dir', '')} (its fsync costs nothing; the other rows write to {FACTS.get('bench_fs', '?')})"),
    ("typst_seed", "typst CLI: `typst compile --root DIR --font-path fonts DIR/main.typ` on the `--typst` export → PDF"),
    ("typst_seed_pdfa", "typst CLI, same, plus `--pdf-standard a-2a,ua-1` (the standards vanban's PDF meets; informative)"),
    ("typst_seed_onlyfonts", "typst CLI, same, plus `--ignore-system-fonts --ignore-embedded-fonts` (only our 4 fonts; informative)"),
    ("typst_byhand_seed", "typst CLI: `typst compile --font-path fonts --ignore-system-fonts seed-by-hand.typ` (the seed typed by hand, no template; PDF only)"),
    ("pandoc_seed", "pandoc: the same text as Markdown → DOCX"),
    ("soffice_seed", "LibreOffice: `soffice --headless --convert-to pdf` of our DOCX (own profile, after a warmup)"),
]
for name, label in rows:
    if load(name) is None and name not in FAIL:
        continue
    p(f"| {label} | {fmt_t(med(name))} | {spread(name)} | {runs(name)} | {fmt_mib(mib(name))} | {fmt_r(ratio(med(name), vb))} |")
p("")
p("Ratios:")
p("")
p(f"- vanban PDF + DOCX ÷ typst CLI PDF = **{fmt_r(t1)}**; vanban PDF only ÷ typst CLI = **{fmt_r(ratio(vb_pdf, ty))}**; "
  f"vanban PDF only ÷ typst CLI with only our fonts = {fmt_r(ratio(vb_pdf, med('typst_seed_onlyfonts')))}.")
p(f"- vanban PDF + DOCX into tmpfs (no fsync cost) ÷ typst CLI PDF = {fmt_r(ratio(med('vb_seed_pdf_docx_tmpfs'), ty))}; "
  f"the durable writes (fsync of each output before its rename) cost {fmt_t(None if vb is None or med('vb_seed_pdf_docx_tmpfs') is None else vb - med('vb_seed_pdf_docx_tmpfs'))} "
  f"per seed render on this disk; the typst CLI does not fsync.")
p(f"- vanban PDF + DOCX ÷ typst CLI on the seed typed by hand = **{fmt_r(h1)}**; vanban PDF only ÷ by hand = "
  f"{fmt_r(ratio(vb_pdf, bh_seed))}; the `--typst` export on the typst CLI ÷ by hand = {fmt_r(ratio(ty, bh_seed))} "
  f"(the template's cost over typst's own layout of the same text).")
p(f"- LibreOffice DOCX → PDF ÷ vanban PDF + DOCX = **{fmt_r(t2, 1)}**; ÷ vanban PDF only = {fmt_r(ratio(lo, vb_pdf), 1)}.")
p(f"- pandoc Markdown → DOCX ÷ vanban DOCX only = **{fmt_r(ratio(pd, vb_docx), 1)}**; ÷ vanban PDF + DOCX = {fmt_r(ratio(pd, vb), 2)}.")
p("")
p(f"Same text: the pandoc input is generated from the report's view model (`--typst` export, `data.json`): "
  f"{FACTS.get('seed_md_chars', '?')} characters of Markdown (headings, lists, a pipe table) vs "
  f"{FACTS.get('seed_pdftext_chars', '?')} characters in `pdftotext` of our PDF. "
  f"Pages: vanban {FACTS.get('seed_pages', '?')}, typst CLI {FACTS.get('typst_seed_pages', '—')} "
  f"(same text as vanban's PDF by `pdftotext`: {FACTS.get('typst_seed_same_text', '—')}), "
  f"LibreOffice from our DOCX {FACTS.get('soffice_seed_pages', '—')}.")
p("")

# ---------------------------------------------------------------------------
p(f"## 3. {BATCH} reports: one `render` call vs {BATCH} processes")
p("")
p(f"{BATCH} copies of the seed under {BATCH} names in one folder, the indicator file beside them; PDF + DOCX each. "
  "The one call is measured before and after the loop (A B A), its median pools both passes.")
p("")
p("| case | median | q1 – q3 | runs | reports / s | peak RSS | throughput ÷ loop |")
p("|---|---|---|---|---|---|---|")
for name, label, memnote in [
    ("batch_one_call", f"one call: `vanban render DIR/*.yaml` (rayon, {FACTS.get('nproc')} threads)", ""),
    ("batch_loop", f"{BATCH} processes, a sequential shell loop", " (largest single process)"),
    ("batch_xargs", f"{BATCH} processes, `xargs -P {FACTS.get('nproc')}` (informative: same parallelism as the one call)", " (not measured)"),
]:
    m = med(name)
    mm = mib(name) if name != "batch_xargs" else None
    p(f"| {label} | {fmt_t(m)} | {spread(name)} | {runs(name)} | {'—' if not m else f'{BATCH / m:.1f}'} | "
      f"{fmt_mib(mm)}{memnote if mm is not None else ''} | {fmt_r(ratio(loop, m), 1)} |")
p("")
p(f"Outputs: one call {FACTS.get('batch_one_call_outputs', '?')}; loop {FACTS.get('batch_loop_outputs', '?')}. "
  f"Per report: one call {fmt_ms(ratio(one, BATCH))} ms, loop {fmt_ms(ratio(loop, BATCH))} ms, "
  f"single seed render {fmt_ms(vb)} ms.")
p("")

# ---------------------------------------------------------------------------
p("## 4. Scale")
p("")
p(f"`bang-N`: a short report around a generated N-row indicator table (4 groups; numbers as quoted Vietnamese "
  f"strings such as \"195.631\", \"87,4\" or integers). `dai`: the seed's body repeated {COPIES} times (one 29-row "
  "table). Stages: `check` = load + validate + compute (no output); DOCX only; PDF only; PDF + DOCX in one "
  "process; typst CLI on the `--typst` export of the same input.")
p("")
STAGES = [("pdf_docx", "PDF + DOCX"), ("pdf", "PDF only"), ("docx", "DOCX only"), ("check", "check"),
          ("typst", "typst CLI (PDF)"),
          ("typst_measure", "diagnostic: typst CLI, every body cell measured by `fitted()` (the template before resolve marked the cells it knows fit; same output)"),
          ("typst_plain", "diagnostic: typst CLI, every cell set as plain text, no fitting at all (not the same output)")]


def case_name(c, stage):
    if stage == "typst":
        return f"typst_{c}"
    if stage.startswith("typst_"):
        return f"typst_{c}_{stage[6:]}"
    return f"vb_{c}_{stage}"


p("| input | rows | pages | stage | median | q1 – q3 | runs | ms / row | marginal ms / row | peak RSS | KiB / row |")
p("|---|---|---|---|---|---|---|---|---|---|---|")
prev = {}
growth = {}  # stage -> list of (n, median)
for n in SIZES:
    c = f"bang-{n}"
    for stage, label in STAGES:
        name = case_name(c, stage)
        m = med(name)
        mm = mib(name)
        if m is None and mm is None:
            continue
        growth.setdefault(stage, []).append((n, m, mm))
        marg = "—"
        if stage in prev and m is not None and prev[stage][1] is not None:
            pn, pm = prev[stage]
            marg = fmt_ms((m - pm) / (n - pn))
        pg = FACTS.get(f"{name}_pages") if stage.startswith("typst") else FACTS.get(c + "_pages")
        p(f"| {c} | {n} | {pg or '—'} | {label} | {fmt_t(m)} | {spread(name)} | {runs(name)} | "
          f"{fmt_ms(None if m is None else m / n)} | {marg} | {fmt_mib(mm)} | {'—' if mm is None else f'{mm * 1024 / n:.0f}'} |")
        prev[stage] = (n, m)
c = "dai"
dai_pages = FACTS.get("dai_pages")
for stage, label in STAGES:
    name = case_name(c, stage)
    m = med(name)
    mm = mib(name)
    if m is None and mm is None:
        continue
    per_page = f"{m * 1000 / int(dai_pages):.1f} ms/page" if (m is not None and dai_pages) else "—"
    p(f"| dai ({COPIES}× seed body) | 29 | {dai_pages or '—'} | {label} | {fmt_t(m)} | {spread(name)} | {runs(name)} | "
      f"{per_page} | | {fmt_mib(mm)} | |")
bh = load("typst_byhand_table")
if bh is not None or mib("typst_byhand_table") is not None:
    m, mm = med("typst_byhand_table"), mib("typst_byhand_table")
    p(f"| `table-2000-by-hand.typ` (typed by hand, no template) | 2000 | {FACTS.get('typst_byhand_table_pages', '—')} | "
      f"typst CLI (PDF) | {fmt_t(m)} | {spread('typst_byhand_table')} | {runs('typst_byhand_table')} | "
      f"{fmt_ms(None if m is None else m / 2000)} | | {fmt_mib(mm)} | {'—' if mm is None else f'{mm * 1024 / 2000:.0f}'} |")
    for stage, label in (("pdf_docx", "PDF + DOCX"), ("pdf", "PDF only")):
        name = f"vb_same_rows_{stage}"
        m, mm = med(name), mib(name)
        if m is None and mm is None:
            continue
        p(f"| the same 2 000 rows as a vanban indicator table (`gen.py same-rows`) | 2000 | {FACTS.get('same_rows_pages', '—')} | "
          f"{label} | {fmt_t(m)} | {spread(name)} | {runs(name)} | "
          f"{fmt_ms(None if m is None else m / 2000)} | | {fmt_mib(mm)} | {'—' if mm is None else f'{mm * 1024 / 2000:.0f}'} |")
p("")
if FACTS.get("same_rows_names"):
    p(f"Same rows, same words: {FACTS['same_rows_names']} (`pdftotext`); vanban adds the group row and computes columns 5–7 "
      "from formulas that give the numbers typed by hand. Its pages: the NĐ 30 header block, the table's repeated heading "
      "with the column-number row, Nơi nhận and the signature; PDF/A-2a + PDF/UA-1; and the DOCX on the second core.")
    p("")
if bh is not None:
    bt = bh["median"]
    parts = []
    for stage, label in (("pdf", "vanban PDF only"), ("pdf_docx", "vanban PDF + DOCX"), ("typst", "the typst CLI on vanban's `--typst` export")):
        r = ratio(med(case_name("bang-2000", stage)), bt)
        if r is not None:
            parts.append(f"{label} ÷ by hand = **{fmt_r(r)}**" if stage == "pdf" else f"{label} ÷ by hand = {fmt_r(r)}")
    if parts:
        p("2 000 rows against the same size typed by hand (its rows are shorter: "
          f"{FACTS.get('typst_byhand_table_pages', '?')} pages against vanban's {FACTS.get('bang-2000_pages', '?')}): "
          + "; ".join(parts) + ".")
        p("")

# Linearity: the marginal cost per row of each doubling, and the growth exponent.
p("Growth (time and peak memory; exponent k in t ∝ n^k between consecutive sizes, 1.0 = linear; "
  "the marginal cost per row should stay flat if growth is linear):")
p("")
superlinear = []
for stage, label in STAGES:
    pts = [x for x in growth.get(stage, []) if x[1] is not None]
    if len(pts) < 2:
        continue
    parts, margs = [], []
    for (n1, t1_, m1), (n2, t2_, m2) in zip(pts, pts[1:]):
        k = math.log(t2_ / t1_) / math.log(n2 / n1) if t1_ > 0 and t2_ > 0 else float("nan")
        mg = (t2_ - t1_) / (n2 - n1)
        margs.append(mg)
        km = (math.log(m2 / m1) / math.log(n2 / n1)) if (m1 and m2) else None
        parts.append(f"{n1}→{n2}: time ×{t2_ / t1_:.2f} (k = {k:.2f}, marginal {mg * 1000:.2f} ms/row)"
                     + (f", memory ×{m2 / m1:.2f}" if km is not None else ""))
    verdict = "linear"
    if len(margs) >= 2 and margs[-1] > 1.3 * margs[0] and margs[-1] - margs[0] > 0.0002:
        verdict = f"**faster than linear**: the marginal cost per row grows ×{margs[-1] / margs[0]:.1f} from the first to the last step"
        superlinear.append((label, margs[0], margs[-1]))
    elif len(margs) >= 2 and margs[-1] > 1.15 * margs[0]:
        verdict = "about linear (marginal cost per row up a little)"
    p(f"- {label}: " + "; ".join(parts) + f". Verdict: {verdict}.")
p("")

# Checks
p("Checks of the generated inputs (exit 0, page scale, the table header on every page with rows; from "
  "`pdfinfo` and `pdftotext`: a header page has the line \"CHỈ TIÊU\", a row page a line that is a unit or a "
  "generated ghi chú, see `gen.py pages-with`):")
p("")
p("| input | YAML (report + table) | exit 0 (all stages) | pages | pages / 100 rows | pages with header \"CHỈ TIÊU\" | pages with table rows | row pages that carry the header | DOCX `w:tblHeader` rows / table rows |")
p("|---|---|---|---|---|---|---|---|---|")
for n in SIZES + ["dai", "seed"]:
    c = f"bang-{n}" if isinstance(n, int) else n
    fails = [k for k in FAIL if k.startswith(f"vb_{c}_") or k == f"typst_{c}"]
    ok = "yes" if not fails else "**no**: " + "; ".join(FAIL[k][0] for k in fails)
    pages = FACTS.get(f"{c}_pages") if c != "seed" else FACTS.get("seed_pages")
    pc = FACTS.get(f"{c}_pagecheck", "").split()
    docx = FACTS.get(f"{c}_docx", "").split()
    if c == "seed":
        ok = "yes" if "vb_seed_pdf_docx" not in FAIL else "**no**"
    per100 = f"{int(pages) * 100 / n:.1f}" if (isinstance(n, int) and pages) else "—"
    hdr = pc[1] if len(pc) > 1 else "—"
    rowp = f"{pc[2]} (pages {pc[4]}–{pc[5]})" if len(pc) > 5 else "—"
    both = pc[3] if len(pc) > 3 else "—"
    d = f"{docx[0]} / {docx[1]}" if len(docx) > 1 else "—"
    yb = FACTS.get(f"{c}_yaml_bytes")
    p(f"| {c} | {'—' if not yb else f'{int(yb) / 1024:.0f} KiB'} | {ok} | {pages or '—'} | {per100} | {hdr} | {rowp} | {both} | {d} |")
p("")
scale_pages = [(n, FACTS.get(f"bang-{n}_pages")) for n in SIZES]
scale_pages = [(n, int(x)) for n, x in scale_pages if x]
if len(scale_pages) >= 2:
    (n1, p1), (n2, p2) = scale_pages[0], scale_pages[-1]
    p(f"Page scale: {n1} rows → {p1} pages, {n2} rows → {p2} pages (×{p2 / p1:.2f} for ×{n2 / n1:g} rows). "
      f"typst CLI pages: " + ", ".join(f"bang-{n}: {FACTS.get(f'typst_bang-{n}_pages', '—')}" for n in SIZES)
      + f", dai: {FACTS.get('typst_dai_pages', '—')}.")
    p("")

# ---------------------------------------------------------------------------
p("## Findings computed by the script")
p("")
findings = []
for label, a, b in superlinear:
    findings.append(f"{label} grows faster than linearly with the table's rows: marginal cost {a * 1000:.2f} → {b * 1000:.2f} ms per row.")
for n in SIZES + ["dai"]:
    c = f"bang-{n}" if isinstance(n, int) else n
    for stage, label in STAGES[:1]:
        mm = mib(case_name(c, stage))
        if mm is not None and mm * 1.048576 >= 200:
            findings.append(f"{c}, {label}: peak memory {mm:.0f} MiB (≥ 200 MB).")
for k, vs in FAIL.items():
    for v in vs:
        findings.append(f"`{k}`: {v}")
for c in [f"bang-{n}" for n in SIZES] + ["dai", "seed"]:
    pc = FACTS.get(f"{c}_pagecheck", "").split()
    if len(pc) > 3 and pc[2] != pc[3]:
        findings.append(f"{c}: {int(pc[2]) - int(pc[3])} of {pc[2]} pages with table rows lack the repeated header.")
if not findings:
    findings.append("No failure, no superlinear growth flagged, no input above 200 MB.")
for f in findings:
    p(f"- {f}")
p("")
print("\n".join(out))
