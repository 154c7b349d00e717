#!/usr/bin/env bash
# vanban benchmark: one command, one machine, one run.
#
#   benches/run.sh            build (cargo build --release), measure, print the
#                             Markdown report and write it to benches/RESULTS.md
#
# Needs: hyperfine, python3 (standard library), pdfinfo/pdftotext (poppler),
# /usr/bin/time (GNU), pandoc, soffice (LibreOffice), and the typst CLI 0.15.1
# on PATH or in benches/.tools/bin (rows that need a missing tool are skipped
# and say so). Install it there (git-ignored) with
#   cargo install typst-cli --version 0.15.1 --locked --root benches/.tools
#
# The hand-written baselines (what a typst user would type by hand for the same
# content: ../shared/bench/seed-by-hand.typ and table-2000-by-hand.typ, see the
# README there) are read from ../shared/bench beside the repository; when that
# folder is missing the script says so and uses the copies in benches/by-hand/.
#
# Takes about 15 minutes on 2 cores (2026-12-02: the batch loop, the 5 000-row
# table and the 2 000-row diagnostics dominate). Helpers: benches/gen.py (inputs, page checks), benches/report.py
# (medians, ratios, targets). Diagnostic rows run the typst CLI on patched copies
# of the exported template, to show where the table's PDF time goes.
#
# Knobs (environment):
#   RUNS=10 WARMUP=2        hyperfine runs / warmup runs for the batch
#   SEED_RUNS=30            runs of each seed row in each of its two passes (a
#                           seed render is ~0.1 s; 10 runs left the ratio to the
#                           typst CLI within the noise of a shared machine)
#   BIG_RUNS=10 BIG_WARMUP=1  the same for the scale inputs (500–2000 rows, ~200 pages)
#   HUGE_RUNS=3             runs for a table of more than 2000 rows (5000: ~400 pages)
#   TABLE_SIZES="500 1000 2000 5000"   LONG_COPIES=18 (seed body copies → ~200 pages)
#   DIAG_SIZES="2000"       table sizes that also get the diagnostic template variants
#   BYHAND=../shared/bench  folder of the hand-written typst baselines
#   BATCH=100               reports in the batch comparison
#   TIMEOUT=900             seconds before a single verification render is called hung
#   WORK=benches/.work      scratch folder (inputs, outputs, hyperfine JSON); wiped first
#   RESULTS=benches/RESULTS.md   where the report goes ("-" for stdout only)
#   SKIP_BUILD=1            use target/release/vanban as it is (for trying the script)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/benches
RUNS=${RUNS:-10}
SEED_RUNS=${SEED_RUNS:-30}
WARMUP=${WARMUP:-2}
BIG_RUNS=${BIG_RUNS:-10}
BIG_WARMUP=${BIG_WARMUP:-1}
HUGE_RUNS=${HUGE_RUNS:-3}
TABLE_SIZES=${TABLE_SIZES:-"500 1000 2000 5000"}
DIAG_SIZES=${DIAG_SIZES:-"2000"}
LONG_COPIES=${LONG_COPIES:-18}
BATCH=${BATCH:-100}
TIMEOUT=${TIMEOUT:-900}
WORK=${WORK:-$BENCH/.work}
RESULTS=${RESULTS:-$BENCH/RESULTS.md}
SEED=$ROOT/content/but-son-2023-6-thang.yaml
FONTS=$ROOT/fonts
NPROC=$(nproc)
BYHAND=${BYHAND:-$(cd "$ROOT/.." && pwd)/shared/bench}

say() { printf '\n== %s\n' "$*" >&2; }
need() { command -v "$1" >/dev/null 2>&1; }

for tool in hyperfine python3 pdfinfo pdftotext; do
    need "$tool" || { echo "run.sh: $tool is required" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "run.sh: GNU time (/usr/bin/time) is required" >&2; exit 2; }

# ---------------------------------------------------------------------------
VB=$ROOT/target/release/vanban
if [ "${SKIP_BUILD:-0}" = 1 ]; then
    say "SKIP_BUILD=1: using the existing $VB"
else
    say "cargo build --release"
    (cd "$ROOT" && cargo build --release)
fi

rm -rf "$WORK"
mkdir -p "$WORK"/{json,in,out,typ,txt,logs}
FACTS=$WORK/facts.tsv      # key <TAB> value
MEM=$WORK/mem.tsv          # case <TAB> peak RSS in KiB <TAB> note
FAIL=$WORK/fail.tsv        # case <TAB> what failed
: >"$FACTS"; : >"$MEM"; : >"$FAIL"
fact() { printf '%s\t%s\n' "$1" "$2" >>"$FACTS"; }

# ---------------------------------------------------------------------------
# The machine and the tools.
fact date "$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
fact nproc "$NPROC"
fact cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
fact mem "$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
fact kernel "$(uname -sr)"
fact load_start "$(cut -d' ' -f1-3 /proc/loadavg)"
dirty=$(cd "$ROOT" && git status --porcelain --untracked-files=no -- src layouts Cargo.toml Cargo.lock 2>/dev/null | awk '{print $2}' | tr '\n' ' ' | sed 's/ $//')
fact git "$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)${dirty:+ + uncommitted changes to: $dirty}"
fact v_vanban "$("$VB" --version)"
fact v_rustc "$(rustc --version)"
fact v_hyperfine "$(hyperfine --version)"
fact v_python "$(python3 --version 2>&1)"
fact v_poppler "$(pdfinfo -v 2>&1 | head -1)"

TYPST=""
if need typst; then TYPST=$(command -v typst)
elif [ -x "$BENCH/.tools/bin/typst" ]; then TYPST=$BENCH/.tools/bin/typst
fi
TYPST_MISSING="typst CLI not found (looked on PATH and in benches/.tools/bin). Install it with:
  cargo install typst-cli --version 0.15.1 --locked --root $BENCH/.tools
(about 10 minutes on 2 cores). The typst CLI rows are skipped."
if [ -n "$TYPST" ]; then
    fact v_typst "$("$TYPST" --version)"
    case "$("$TYPST" --version)" in *0.15.*) ;; *) echo "run.sh: warning: $TYPST is not typst 0.15.x (vanban uses typst 0.15)" >&2 ;; esac
else
    echo "run.sh: $TYPST_MISSING" >&2
    fact v_typst "missing"
    fact typst_missing "$(echo "$TYPST_MISSING" | tr '\n' ' ' | tr -s ' ')"
fi
# The hand-written baselines.
BYHAND_SEED=""; BYHAND_TABLE=""
if [ -f "$BYHAND/seed-by-hand.typ" ] && [ -f "$BYHAND/table-2000-by-hand.typ" ]; then
    fact byhand_dir "$BYHAND"
else
    msg="the hand-written baselines are missing from $BYHAND (expected seed-by-hand.typ and table-2000-by-hand.typ, see benches/by-hand/README.md)"
    if [ -f "$BENCH/by-hand/seed-by-hand.typ" ] && [ -f "$BENCH/by-hand/table-2000-by-hand.typ" ]; then
        echo "run.sh: WARNING: $msg; using the copies in benches/by-hand/ instead" >&2
        fact byhand_dir "$BENCH/by-hand (copies: $BYHAND is missing)"
        BYHAND=$BENCH/by-hand
    else
        echo "run.sh: WARNING: $msg, and so are the copies in benches/by-hand/: the hand-written baseline rows are skipped" >&2
        fact byhand_missing "$msg; no copies in benches/by-hand/ either: the hand-written baseline rows are skipped"
        BYHAND=""
    fi
fi
if [ -n "$BYHAND" ] && [ -n "$TYPST" ]; then
    BYHAND_SEED=$BYHAND/seed-by-hand.typ; BYHAND_TABLE=$BYHAND/table-2000-by-hand.typ
fi

if need pandoc; then fact v_pandoc "$(pandoc --version | head -1)"; else fact v_pandoc missing; fi
if need soffice; then fact v_soffice "$(soffice --version 2>/dev/null | head -1)"; else fact v_soffice missing; fi

# ---------------------------------------------------------------------------
# Helpers.

# bench NAME RUNS WARMUP [--shell] COMMAND: hyperfine → json/NAME.json.
# Without --shell the command is run directly (-N, no shell in between).
bench() {
    local name=$1 runs=$2 warmup=$3; shift 3
    local shell=(-N)
    if [ "$1" = --shell ]; then shell=(--shell=bash); shift; fi
    say "hyperfine: $name"
    if ! hyperfine "${shell[@]}" --style basic --warmup "$warmup" --runs "$runs" \
            --export-json "$WORK/json/$name.json" --command-name "$name" "$1" >&2; then
        printf '%s\thyperfine failed (a run exited non-zero?)\n' "$name" >>"$FAIL"
        rm -f "$WORK/json/$name.json"
    fi
}

# queue NAME WARMUP COMMAND: a seed row, measured later in two passes (see below).
Q_NAMES=(); Q_WARM=(); Q_CMDS=()
queue() { Q_NAMES+=("$1"); Q_WARM+=("$2"); Q_CMDS+=("$3"); }

# peak NAME REPEATS COMMAND…: runs the command REPEATS times under GNU time,
# keeps the largest "Maximum resident set size", the wall time and the exit code
# of the last run in $LAST_RC / $LAST_WALL. Output goes to logs/NAME.log.
LAST_RC=0; LAST_WALL=0
peak() {
    local name=$1 repeats=$2; shift 2
    local max=0 i kb
    for ((i = 0; i < repeats; i++)); do
        set +e
        /usr/bin/time -o "$WORK/logs/$name.time" -f '%M %e' timeout "$TIMEOUT" "$@" >"$WORK/logs/$name.log" 2>&1
        LAST_RC=$?
        set -e
        read -r kb LAST_WALL < <(tail -1 "$WORK/logs/$name.time" | grep -Eo '^[0-9]+ [0-9.]+$' || echo "0 0")
        [ "$kb" -gt "$max" ] && max=$kb
        [ "$LAST_RC" -ne 0 ] && break
    done
    printf '%s\t%s\t%s\n' "$name" "$max" "max of $repeats run(s)" >>"$MEM"
}

# A failed verification render: say which stage, how long, and the last stderr line.
failed() {
    local name=$1 stage=$2
    local why
    why=$(grep -v '^Command exited' "$WORK/logs/$name.log" | tail -1 | cut -c1-200)
    [ "$LAST_RC" -eq 124 ] && why="timed out after ${TIMEOUT}s"
    printf '%s\t%s failed: exit %s after %ss: %s\n' "$name" "$stage" "$LAST_RC" "$LAST_WALL" "$why" >>"$FAIL"
    echo "run.sh: $name: $stage failed (exit $LAST_RC after ${LAST_WALL}s): $why" >&2
}

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# ---------------------------------------------------------------------------
# 1. The seed: vanban (PDF+DOCX, PDF, DOCX) vs the typst CLI on its --typst export.
say "seed: verify"
STEM=$(basename "$SEED" .yaml)
peak seed_typst_export 1 "$VB" render "$SEED" -o "$WORK/out/seed-export" --format pdf --typst "$WORK/typ/seed"
[ "$LAST_RC" -eq 0 ] || { failed seed_typst_export "vanban render --typst"; }
peak vb_seed_pdf_docx 3 "$VB" render "$SEED" -o "$WORK/out/seed"
[ "$LAST_RC" -eq 0 ] || { failed vb_seed_pdf_docx "vanban render"; echo "run.sh: the seed does not render; stopping" >&2; exit 1; }
peak vb_seed_pdf 3 "$VB" render "$SEED" -o "$WORK/out/seed-pdf" --format pdf
peak vb_seed_docx 3 "$VB" render "$SEED" -o "$WORK/out/seed-docx" --format docx
SEED_PDF=$WORK/out/seed/$STEM.pdf
SEED_DOCX=$WORK/out/seed/$STEM.docx
fact seed_pages "$(pages "$SEED_PDF")"
fact seed_yaml_bytes "$(cat "$SEED" "$(dirname "$SEED")/$STEM.chi-tieu.yaml" | wc -c)"
fact seed_docx "$(python3 "$BENCH/gen.py" docx-info "$SEED_DOCX")"

queue vb_seed_pdf_docx "$WARMUP" "$VB render $SEED -o $WORK/out/seed"
queue vb_seed_pdf "$WARMUP" "$VB render $SEED -o $WORK/out/seed-pdf --format pdf"
queue vb_seed_docx "$WARMUP" "$VB render $SEED -o $WORK/out/seed-docx --format docx"
queue vb_seed_check "$WARMUP" "$VB check $SEED"
# Diagnostic: vanban writes each output durably (fsync before rename); on tmpfs
# fsync costs nothing, so this row shows what the durability costs here.
SHM=${TMPFS_DIR:-/dev/shm}
if [ -d "$SHM" ] && [ -w "$SHM" ]; then
    SHM_OUT=$(mktemp -d "$SHM/vanban-bench.XXXXXX")
    trap 'rm -rf "$SHM_OUT"' EXIT
    fact tmpfs_dir "$SHM ($(df -T "$SHM" | awk 'NR == 2 {print $2}'))"
    fact bench_fs "$(df -T "$WORK" | awk 'NR == 2 {print $2}')"
    queue vb_seed_pdf_docx_tmpfs "$WARMUP" "$VB render $SEED -o $SHM_OUT"
fi
peak vb_seed_check 3 "$VB" check "$SEED"

TYPST_IGNORE_EMBEDDED=""
if [ -n "$TYPST" ]; then
    "$TYPST" compile --help 2>/dev/null | grep -q -- '--ignore-embedded-fonts' && TYPST_IGNORE_EMBEDDED=--ignore-embedded-fonts
    T=$WORK/typ/seed
    peak typst_seed 3 "$TYPST" compile --root "$T" --font-path "$FONTS" "$T/main.typ" "$WORK/out/typst-seed.pdf"
    if [ "$LAST_RC" -eq 0 ]; then
        fact typst_seed_pages "$(pages "$WORK/out/typst-seed.pdf")"
        # Same text as vanban's PDF? (The bytes differ: creator, document id.)
        if [ "$(pdftotext "$WORK/out/typst-seed.pdf" - 2>/dev/null | md5sum)" = "$(pdftotext "$WORK/out/seed-export/$STEM.pdf" - 2>/dev/null | md5sum)" ]; then
            fact typst_seed_same_text yes
        else
            fact typst_seed_same_text no
        fi
        queue typst_seed "$WARMUP" "$TYPST compile --root $T --font-path $FONTS $T/main.typ $WORK/out/typst-seed.pdf"
        # The same with only our fonts (no system-font scan, no typst's embedded fonts): informative.
        # The same with the PDF standards vanban asks for (PDF/A-2a + PDF/UA-1): informative.
        queue typst_seed_pdfa "$WARMUP" "$TYPST compile --root $T --font-path $FONTS --pdf-standard a-2a,ua-1 $T/main.typ $WORK/out/typst-seed-pdfa.pdf"
        queue typst_seed_onlyfonts "$WARMUP" "$TYPST compile --root $T --font-path $FONTS --ignore-system-fonts $TYPST_IGNORE_EMBEDDED $T/main.typ $WORK/out/typst-seed-onlyfonts.pdf"
    else
        failed typst_seed "typst compile"
    fi
fi

# The seed typed by hand in typst (no template), PDF only: the floor of target 1.
if [ -n "$BYHAND_SEED" ]; then
    BH_SEED=(compile --font-path "$FONTS" --ignore-system-fonts "$BYHAND_SEED" "$WORK/out/byhand-seed.pdf")
    peak typst_byhand_seed 3 "$TYPST" "${BH_SEED[@]}"
    if [ "$LAST_RC" -eq 0 ]; then
        fact typst_byhand_seed_pages "$(pages "$WORK/out/byhand-seed.pdf")"
        queue typst_byhand_seed "$WARMUP" "$TYPST ${BH_SEED[*]}"
    else failed typst_byhand_seed "typst compile seed-by-hand.typ"; fi
fi

# ---------------------------------------------------------------------------
# 2. The usual alternatives: pandoc (Markdown → DOCX) and LibreOffice (our DOCX → PDF).
say "alternatives"
python3 "$BENCH/gen.py" markdown "$WORK/typ/seed/data.json" "$WORK/in/seed.md"
pdftotext "$SEED_PDF" "$WORK/txt/seed.txt" 2>/dev/null
fact seed_md_chars "$(wc -m <"$WORK/in/seed.md")"
fact seed_pdftext_chars "$(wc -m <"$WORK/txt/seed.txt")"
if need pandoc; then
    peak pandoc_seed 3 pandoc -f markdown -t docx "$WORK/in/seed.md" -o "$WORK/out/pandoc-seed.docx"
    if [ "$LAST_RC" -eq 0 ]; then
        queue pandoc_seed "$WARMUP" "pandoc -f markdown -t docx $WORK/in/seed.md -o $WORK/out/pandoc-seed.docx"
    else failed pandoc_seed "pandoc"; fi
else
    printf 'pandoc_seed\tpandoc not installed: row skipped\n' >>"$FAIL"
fi
if need soffice; then
    LO_PROFILE="file://$WORK/lo-profile"
    LO=(soffice "-env:UserInstallation=$LO_PROFILE" --headless --convert-to pdf --outdir "$WORK/out/lo" "$SEED_DOCX")
    # Warmup run: creates the profile (slow the first time); not measured.
    "${LO[@]}" >"$WORK/logs/lo-warmup.log" 2>&1 || true
    peak soffice_seed 3 "${LO[@]}"
    if [ "$LAST_RC" -eq 0 ] && [ -s "$WORK/out/lo/$STEM.pdf" ]; then
        fact soffice_seed_pages "$(pages "$WORK/out/lo/$STEM.pdf")"
        queue soffice_seed 1 "${LO[*]}"
    else failed soffice_seed "soffice --convert-to pdf"; fi
else
    printf 'soffice_seed\tLibreOffice not installed: row skipped\n' >>"$FAIL"
fi

# The seed rows are measured in two passes, in opposite orders (A B … B A), and
# each row's median is taken over both: slow drift in a shared machine's load
# then biases the ratios less than one pass in one order would.
fact load_seed "$(cut -d' ' -f1 /proc/loadavg)"
say "seed rows: pass 1 of 2"
for ((i = 0; i < ${#Q_NAMES[@]}; i++)); do bench "${Q_NAMES[$i]}" "$SEED_RUNS" "${Q_WARM[$i]}" "${Q_CMDS[$i]}"; done
say "seed rows: pass 2 of 2 (reverse order)"
for ((i = ${#Q_NAMES[@]} - 1; i >= 0; i--)); do bench "${Q_NAMES[$i]}__b" "$SEED_RUNS" "${Q_WARM[$i]}" "${Q_CMDS[$i]}"; done

# ---------------------------------------------------------------------------
# 3. BATCH reports: one render call vs BATCH processes.
say "batch of $BATCH"
B=$WORK/in/batch
python3 "$BENCH/gen.py" batch "$BATCH" "$SEED" "$B"
peak batch_one_call 3 "$VB" render "$B"/bao-cao-*.yaml -o "$WORK/out/batch1"
if [ "$LAST_RC" -eq 0 ]; then
    fact batch_one_call_outputs "$(ls "$WORK/out/batch1" | grep -c '\.pdf$') PDF, $(ls "$WORK/out/batch1" | grep -c '\.docx$') DOCX"
    fact load_batch "$(cut -d' ' -f1 /proc/loadavg)"
    bench batch_one_call "$RUNS" "$WARMUP" --shell "$VB render $B/bao-cao-*.yaml -o $WORK/out/batch1"
else failed batch_one_call "vanban render (one call, $BATCH files)"; fi
batch_ok=$LAST_RC
# The loop's peak: the largest peak of any single process.
: >"$WORK/logs/loop.mem"
loop_rc=0
for f in "$B"/bao-cao-*.yaml; do
    /usr/bin/time -a -o "$WORK/logs/loop.mem" -f '%M' "$VB" render "$f" -o "$WORK/out/batchN" 2>/dev/null || loop_rc=$?
done
printf 'batch_loop\t%s\t%s\n' "$(grep -Eo '^[0-9]+$' "$WORK/logs/loop.mem" | sort -n | tail -1)" "max over the $BATCH processes" >>"$MEM"
fact batch_loop_outputs "$(ls "$WORK/out/batchN" | grep -c '\.pdf$') PDF, $(ls "$WORK/out/batchN" | grep -c '\.docx$') DOCX"
if [ "$loop_rc" -eq 0 ]; then
    bench batch_loop "$RUNS" 1 --shell "for f in $B/bao-cao-*.yaml; do $VB render \$f -o $WORK/out/batchN || exit 1; done"
    # The one call again after the loop (A B A): its median pools both passes.
    [ "$batch_ok" -eq 0 ] && bench batch_one_call__b "$RUNS" "$WARMUP" --shell "$VB render $B/bao-cao-*.yaml -o $WORK/out/batch1"
    bench batch_xargs "$RUNS" 1 --shell "ls $B/bao-cao-*.yaml | xargs -P $NPROC -n 1 $VB render -o $WORK/out/batchP"
else printf 'batch_loop\tone of the %s processes exited %s\n' "$BATCH" "$loop_rc" >>"$FAIL"; fi

# ---------------------------------------------------------------------------
# 4. Scale: tables of TABLE_SIZES rows, and a ~200-page report.
say "scale inputs"
fact load_scale "$(cut -d' ' -f1 /proc/loadavg)"
S=$WORK/in/scale
for n in $TABLE_SIZES; do python3 "$BENCH/gen.py" table "$n" "$S"; done
python3 "$BENCH/gen.py" long "$LONG_COPIES" "$SEED" "$S"
SCALE_CASES=""
for n in $TABLE_SIZES; do SCALE_CASES+=" bang-$n"; done
SCALE_CASES+=" dai"
for c in $SCALE_CASES; do
    in=$S/$c.yaml
    runs=$BIG_RUNS
    if [ "$c" != dai ] && [ "${c#bang-}" -gt 2000 ]; then runs=$HUGE_RUNS; fi
    if [ "$c" = dai ]; then fact dai_yaml_bytes "$(cat "$S/dai.yaml" "$S/$STEM.chi-tieu.yaml" | wc -c)"
    else fact "${c}_yaml_bytes" "$(cat "$S/$c.yaml" "$S/$c.chi-tieu.yaml" | wc -c)"; fi
    # Stage by stage, so that a failure names its stage: check (load, validate,
    # compute), DOCX only, PDF only, then both in one process.
    peak "vb_${c}_check" 1 "$VB" check "$in"
    [ "$LAST_RC" -eq 0 ] || { failed "vb_${c}_check" "vanban check"; continue; }
    peak "vb_${c}_docx" 1 "$VB" render "$in" -o "$WORK/out/$c-docx" --format docx
    [ "$LAST_RC" -eq 0 ] || failed "vb_${c}_docx" "DOCX"
    peak "vb_${c}_pdf" 1 "$VB" render "$in" -o "$WORK/out/$c-pdf" --format pdf --typst "$WORK/typ/$c"
    pdf_ok=$LAST_RC
    [ "$pdf_ok" -eq 0 ] || failed "vb_${c}_pdf" "PDF"
    peak "vb_${c}_pdf_docx" 1 "$VB" render "$in" -o "$WORK/out/$c"
    [ "$LAST_RC" -eq 0 ] || { failed "vb_${c}_pdf_docx" "PDF+DOCX"; continue; }
    pdf=$WORK/out/$c/$c.pdf
    fact "${c}_pages" "$(pages "$pdf")"
    pdftotext "$pdf" "$WORK/txt/$c.txt" 2>/dev/null
    fact "${c}_pagecheck" "$(python3 "$BENCH/gen.py" pages-with "$WORK/txt/$c.txt")"
    fact "${c}_docx" "$(python3 "$BENCH/gen.py" docx-info "$WORK/out/$c/$c.docx")"

    bench "vb_${c}_pdf_docx" "$runs" "$BIG_WARMUP" "$VB render $in -o $WORK/out/$c"
    bench "vb_${c}_pdf" "$runs" "$BIG_WARMUP" "$VB render $in -o $WORK/out/$c-pdf --format pdf"
    bench "vb_${c}_docx" "$runs" "$BIG_WARMUP" "$VB render $in -o $WORK/out/$c-docx --format docx"
    bench "vb_${c}_check" "$runs" "$BIG_WARMUP" "$VB check $in"
    if [ -n "$TYPST" ] && [ "$pdf_ok" -eq 0 ]; then
        T=$WORK/typ/$c
        peak "typst_$c" 1 "$TYPST" compile --root "$T" --font-path "$FONTS" "$T/main.typ" "$WORK/out/typst-$c.pdf"
        if [ "$LAST_RC" -eq 0 ]; then
            fact "typst_${c}_pages" "$(pages "$WORK/out/typst-$c.pdf")"
            bench "typst_$c" "$runs" "$BIG_WARMUP" "$TYPST compile --root $T --font-path $FONTS $T/main.typ $WORK/out/typst-$c.pdf"
        else failed "typst_$c" "typst compile"; fi
        # Diagnostics for the tables: where the PDF time goes in the template.
        case " $DIAG_SIZES " in *" ${c#bang-} "*)
            for v in measure plain; do
                rm -rf "$WORK/typ/$c-$v"; cp -r "$T" "$WORK/typ/$c-$v"
                if python3 "$BENCH/gen.py" patch-template "$v" "$WORK/typ/$c-$v/main.typ"; then
                    D=$WORK/typ/$c-$v
                    peak "typst_${c}_$v" 1 "$TYPST" compile --root "$D" --font-path "$FONTS" "$D/main.typ" "$WORK/out/typst-$c-$v.pdf"
                    if [ "$LAST_RC" -eq 0 ]; then
                        fact "typst_${c}_${v}_pages" "$(pages "$WORK/out/typst-$c-$v.pdf")"
                        bench "typst_${c}_$v" "$runs" "$BIG_WARMUP" "$TYPST compile --root $D --font-path $FONTS $D/main.typ $WORK/out/typst-$c-$v.pdf"
                    else failed "typst_${c}_$v" "typst compile (diagnostic variant $v)"; fi
                else
                    fact template_patch "the template no longer matches gen.py patch-template: diagnostic rows skipped"
                fi
            done ;;
        esac
    fi
done
# The 2 000-row table typed by hand in typst (no template): the floor of target 2.
# Like for like: the same 2 000 rows (names, units, numbers) as a vanban
# indicator table (gen.py same-rows), measured between two passes of the
# hand-written file (A B B A) so that drift in the load biases the ratio less.
if [ -n "$BYHAND_TABLE" ]; then
    BH_TABLE=(compile --font-path "$FONTS" --ignore-system-fonts "$BYHAND_TABLE" "$WORK/out/byhand-table-2000.pdf")
    peak typst_byhand_table 1 "$TYPST" "${BH_TABLE[@]}"
    if [ "$LAST_RC" -eq 0 ]; then
        fact typst_byhand_table_pages "$(pages "$WORK/out/byhand-table-2000.pdf")"
        SR=$WORK/in/same-rows
        python3 "$BENCH/gen.py" same-rows "$BYHAND_TABLE" "$SR"
        SR_IN=$SR/cung-bang.yaml
        peak vb_same_rows_pdf 1 "$VB" render "$SR_IN" -o "$WORK/out/same-rows-pdf" --format pdf
        sr_pdf_ok=$LAST_RC
        [ "$sr_pdf_ok" -eq 0 ] || failed vb_same_rows_pdf "PDF (same rows as by hand)"
        peak vb_same_rows_pdf_docx 1 "$VB" render "$SR_IN" -o "$WORK/out/same-rows"
        sr_ok=$LAST_RC
        [ "$sr_ok" -eq 0 ] || failed vb_same_rows_pdf_docx "PDF+DOCX (same rows as by hand)"
        if [ "$sr_ok" -eq 0 ]; then
            fact same_rows_pages "$(pages "$WORK/out/same-rows/cung-bang.pdf")"
            # The same words? Every row's name of the hand-written file is in vanban's PDF.
            pdftotext "$WORK/out/byhand-table-2000.pdf" "$WORK/txt/byhand-table.txt" 2>/dev/null
            pdftotext "$WORK/out/same-rows/cung-bang.pdf" "$WORK/txt/same-rows.txt" 2>/dev/null
            fact same_rows_names "$(grep -c 'Chỉ tiêu thứ' "$WORK/txt/byhand-table.txt") row names by hand, $(grep -c 'Chỉ tiêu thứ' "$WORK/txt/same-rows.txt") in vanban's PDF"
        fi
        bench typst_byhand_table "$BIG_RUNS" "$BIG_WARMUP" "$TYPST ${BH_TABLE[*]}"
        [ "$sr_ok" -eq 0 ] && bench vb_same_rows_pdf_docx "$BIG_RUNS" "$BIG_WARMUP" "$VB render $SR_IN -o $WORK/out/same-rows"
        [ "$sr_pdf_ok" -eq 0 ] && bench vb_same_rows_pdf "$BIG_RUNS" "$BIG_WARMUP" "$VB render $SR_IN -o $WORK/out/same-rows-pdf --format pdf"
        bench typst_byhand_table__b "$BIG_RUNS" "$BIG_WARMUP" "$TYPST ${BH_TABLE[*]}"
    else failed typst_byhand_table "typst compile table-2000-by-hand.typ"; fi
fi

# The seed's own check stage, as the zero point of the scale table.
pdftotext "$SEED_PDF" "$WORK/txt/seed.txt" 2>/dev/null
fact seed_pagecheck "$(python3 "$BENCH/gen.py" pages-with "$WORK/txt/seed.txt")"

fact load_end "$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------------------
say "report"
python3 "$BENCH/report.py" "$WORK" "$TABLE_SIZES" "$BATCH" "$LONG_COPIES" >"$WORK/RESULTS.md"
cat "$WORK/RESULTS.md"
if [ "$RESULTS" != "-" ]; then
    cp "$WORK/RESULTS.md" "$RESULTS"
    echo "run.sh: wrote $RESULTS (raw data in $WORK)" >&2
fi
