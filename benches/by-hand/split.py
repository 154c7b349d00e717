#!/usr/bin/env python3
"""Splits table-2000-by-hand.typ into page-sized typst tables.

    split.py BY-HAND.typ SINGLE.pdf OUT.typ

Reads which rows the single-table PDF put on each page (pdftotext; the rows are
numbered "Chỉ tiêu thứ N:"), then writes the same rows as one table per page,
each with its own header, a pagebreak between: the same pages, if typst breaks
the single table where it fits a page's rows.
"""
import re
import subprocess
import sys

src, pdf, out = sys.argv[1:4]
lines = open(src, encoding="utf-8").read().split("\n")
# The table's opening line and its header line, repeated for every page's table.
open_line = next(l for l in lines if l.startswith("#table("))
header_line = next(l for l in lines if "table.header(" in l)
rows = [l for l in lines if re.match(r"^\[\d+\], ", l)]
rows[-1] = rows[-1].rstrip()
if rows[-1].endswith(")"):
    rows[-1] = rows[-1][:-1]
text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
pages = text.split("\f")
last = []
for p in pages:
    nums = [int(n) for n in re.findall(r"thứ\s+(\d+):", p)]
    if nums:
        last.append(max(nums))
assert last[-1] == len(rows), (last[-1], len(rows))
with open(out, "w", encoding="utf-8") as f:
    for l in lines:
        if l.startswith("#table("):
            break
        f.write(l + "\n")
    start = 0
    for k, end in enumerate(last):
        if k:
            f.write("#pagebreak()\n")
        f.write(open_line + "\n" + header_line + "\n")
        for r in rows[start:end]:
            f.write(r + "\n")
        f.write(")\n")
        start = end
print(f"{out}: {len(last)} tables of {min(b - a for a, b in zip([0] + last, last))}–{max(b - a for a, b in zip([0] + last, last))} rows")
