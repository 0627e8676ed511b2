#!/usr/bin/env python3
"""Reads a workbook's XML for check_workbook.sh. Each command prints what is wrong, one
line each, and exits 1 when anything is; or prints the value asked for.

  summary BOOK CSV      every formula of the Summary evaluated on the sheet's own cells
                        equals its cached value, and the cached values equal carecast's
                        figures (the compare report as CSV) to the penny
  format BOOK SHEET CELL   the number format of a cell
  value BOOK SHEET CELL    the value of a cell
  sobol BOOK            each output's inputs ordered by total index, largest first, and
                        the input and parameter columns as wide as their longest name
  columns BOOK          no column set out twice on a sheet, which Excel would repair
  text BOOK             every XML part of the workbook well-formed, no text cell longer
                        than Excel's 32,767 characters, and a cut one's marker present
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
# A penny in £m.
PENNY = 1e-8
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 9: "0%", 10: "0.00%"}


class Book:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self.strings = [
            "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))
            for si in self.xml("xl/sharedStrings.xml").findall("m:si", NS)]
        workbook = self.xml("xl/workbook.xml")
        # libxlsxwriter writes the sheets as sheet1.xml, sheet2.xml... in their order.
        self.sheets = {sheet.get("name"): "xl/worksheets/sheet%d.xml" % (i + 1)
                       for i, sheet in enumerate(workbook.find("m:sheets", NS))}

    def xml(self, name):
        return ET.fromstring(self.zip.read(name))

    def cells(self, sheet):
        """Each cell by its name: (value, formula, style index)."""
        cells = {}
        for c in self.xml(self.sheets[sheet]).iter("{%s}c" % NS["m"]):
            v = c.find("m:v", NS)
            f = c.find("m:f", NS)
            value = None
            if v is not None:
                value = self.strings[int(v.text)] if c.get("t") == "s" else float(v.text)
            cells[c.get("r")] = (value, f.text if f is not None else None, int(c.get("s", 0)))
        return cells

    def number_format(self, style):
        styles = self.xml("xl/styles.xml")
        codes = {int(f.get("numFmtId")): f.get("formatCode")
                 for f in styles.iter("{%s}numFmt" % NS["m"])}
        xf = styles.find("m:cellXfs", NS)[style]
        number = int(xf.get("numFmtId", 0))
        return codes.get(number, BUILTIN_FORMATS.get(number, str(number)))

    def column_widths(self, sheet):
        widths = {}
        for col in self.xml(self.sheets[sheet]).iter("{%s}col" % NS["m"]):
            for c in range(int(col.get("min")), int(col.get("max")) + 1):
                widths[c] = float(col.get("width"))
        return widths


def column_number(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n):
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Formula:
    """Evaluates the formulas the Summary writes (+, -, SUM, MAX, RANK, references and
    ranges) on the cached values of the cells they name."""
    TOKEN = re.compile(r"\s*(\$?[A-Z]+\$?\d+|\d+(?:\.\d+)?|[A-Z]+(?=\()|[-+(),:])")

    def __init__(self, text, values):
        self.tokens = self.TOKEN.findall(text)
        if "".join(self.tokens) != text.replace(" ", ""):
            raise ValueError("cannot read the formula " + text)
        self.values = values
        self.at = 0

    def value(self):
        result = self.expression()
        if self.at != len(self.tokens):
            raise ValueError("unexpected " + self.tokens[self.at])
        return result

    def peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, expected=None):
        token = self.tokens[self.at]
        if expected is not None and token != expected:
            raise ValueError("expected %s, not %s" % (expected, token))
        self.at += 1
        return token

    def expression(self):
        result = self.term()
        while self.peek() in ("+", "-"):
            result = result + self.term() if self.take() == "+" else result - self.term()
        return result

    def cell(self, name):
        value = self.values.get(name.replace("$", ""), (None,))[0]
        return 0.0 if value is None else value

    def argument(self):
        """A range as the list of its values, or one value."""
        if re.fullmatch(r"\$?[A-Z]+\$?\d+", self.peek() or "") and \
                self.at + 1 < len(self.tokens) and self.tokens[self.at + 1] == ":":
            first = self.take().replace("$", "")
            self.take(":")
            last = self.take().replace("$", "")
            (c1, r1), (c2, r2) = [re.fullmatch(r"([A-Z]+)(\d+)", x).groups() for x in (first, last)]
            return [self.cell(column_letters(c) + str(r))
                    for c in range(column_number(c1), column_number(c2) + 1)
                    for r in range(int(r1), int(r2) + 1)]
        return self.expression()

    def term(self):
        token = self.take()
        if token == "-":
            return -self.term()
        if token == "(":
            result = self.expression()
            self.take(")")
            return result
        if re.fullmatch(r"\d+(?:\.\d+)?", token):
            return float(token)
        if re.fullmatch(r"\$?[A-Z]+\$?\d+", token):
            return self.cell(token)
        self.take("(")
        args = [self.argument()]
        while self.peek() == ",":
            self.take(",")
            args.append(self.argument())
        self.take(")")
        if token == "SUM":
            return sum(x for a in args for x in (a if isinstance(a, list) else [a]))
        if token == "MAX":
            return max(x for a in args for x in (a if isinstance(a, list) else [a]))
        if token == "RANK" and args[2] == 1:
            return 1 + sum(1 for x in args[1] if x < args[0])
        raise ValueError("no function " + token)


def check_summary(book_path, csv_path):
    book = Book(book_path)
    cells = book.cells("Summary")
    problems = []
    formulas = {name: c for name, c in cells.items() if c[1] is not None}
    if len(formulas) < 40:
        problems.append("the Summary has %d formulas, not the 40 or more of its totals "
                        "and comparisons" % len(formulas))
    for name, (cached, formula, _) in sorted(formulas.items()):
        if cached is None:
            problems.append("%s: =%s has no cached value" % (name, formula))
            continue
        live = Formula(formula, cells).value()
        if abs(live - cached) > PENNY:
            problems.append("%s: =%s is %r, but its cached value is %r" % (name, formula, live,
                                                                           cached))

    figures = {}
    options = []
    with open(csv_path, newline="") as f:
        for row in csv.DictReader(f):
            if row["line"] == "total":
                figures[(row["option"], row["year"], row["measure"])] = float(row["value"])
                if row["option"] not in options:
                    options.append(row["option"])
    years = [cells[column_letters(c) + "1"][0] for c in range(2, 2 + 64)
             if column_letters(c) + "1" in cells and cells[column_letters(c) + "1"][0] != "Total"]
    total = column_letters(2 + len(years))
    labels = {}
    for name, (value, _, _) in cells.items():
        match = re.fullmatch(r"A(\d+)", name)
        if match and isinstance(value, str):
            labels[int(match.group(1))] = value

    def block(title):
        """The rows of the block whose title starts with `title`."""
        start = next((r for r, text in labels.items() if text.startswith(title)), None)
        if start is None:
            problems.append("the Summary has no block '%s'" % title)
            return []
        rows = []
        r = start + 1
        while r in labels:
            rows.append(r)
            r += 1
        return rows

    def compare(row, option, measure, with_total=True):
        for i, year in enumerate(years):
            expected = figures.get((option, year, measure))
            got = cells.get(column_letters(2 + i) + str(row), (None,))[0]
            if expected is None and got is None:
                continue
            if expected is None or got is None or abs(expected - got) > PENNY:
                problems.append("row %d (%s %s %s): %r in the workbook, %r from carecast"
                                % (row, option, measure, year, got, expected))
        if with_total:
            expected = sum(figures.get((option, y, measure), 0.0) for y in years)
            got = cells.get(total + str(row), (None,))[0]
            if got is None or abs(expected - got) > PENNY:
                problems.append("row %d (%s %s): a total of %r, not carecast's %r"
                                % (row, option, measure, got, expected))

    cost = block("Cost")
    compare(cost[0], options[0], "budget")
    for row, option in zip(cost[1:], options):
        compare(row, option, "cost")
    for row, option in zip(block("Difference from"), options[1:]):
        compare(row, option, "difference")
    for row, option in zip(block("Variance against budget"), options):
        compare(row, option, "variance")
    for row, option in zip(block("Cumulative cost"), options):
        compare(row, option, "cumulative", with_total=False)
    target = block("Savings target")
    if [labels[r] for r in target] == ["All options"]:
        compare(target[0], options[0], "savings_target")
    else:
        problems.append("the DCST options share one savings target, not %d" % len(target))
    for row, option in zip(block("Savings delivered"), options):
        compare(row, option, "savings_delivered")
    for row, option in zip(block("Savings shortfall"), options):
        compare(row, option, "savings_shortfall")
    npc = block("Net present cost")[1:]
    cheapest = sorted(options, key=lambda o: figures[(o, "all", "npc")])
    for row, option in zip(npc, options):
        got = cells.get("B%d" % row, (None,))[0]
        if got is None or abs(got - figures[(option, "all", "npc")]) > PENNY:
            problems.append("%s's net present cost is %r, not %r"
                            % (option, got, figures[(option, "all", "npc")]))
        rank = cells.get("C%d" % row, (None,))[0]
        if rank != cheapest.index(option) + 1:
            problems.append("%s is ranked %r, not %d" % (option, rank,
                                                          cheapest.index(option) + 1))
    return problems


def check_sobol(book_path):
    book = Book(book_path)
    cells = book.cells("Sobol")
    problems = []
    # The rows of indices: the note of the design below them has no output (column C).
    rows = sorted({int(re.sub(r"[A-Z]+", "", name)) for name in cells if name[0] == "C"} - {1})
    for r in rows[1:]:
        same_output = cells["C%d" % r][0] == cells["C%d" % (r - 1)][0]
        if same_output and cells["G%d" % r][0] > cells["G%d" % (r - 1)][0]:
            problems.append("row %d: a total index above the row before's, for the same output"
                            % r)
    widths = book.column_widths("Sobol")
    for column, name in ((1, "input"), (2, "parameter")):
        letter = column_letters(column)
        longest = max(len(cells["%s%d" % (letter, r)][0]) for r in rows)
        if widths.get(column, 0) < longest:
            problems.append("the %s column is %r wide, short of its longest name (%d)"
                            % (name, widths.get(column), longest))
    return problems


def check_columns(book_path):
    book = Book(book_path)
    problems = []
    for sheet, part in book.sheets.items():
        seen = set()
        for col in book.xml(part).iter("{%s}col" % NS["m"]):
            columns = set(range(int(col.get("min")), int(col.get("max")) + 1))
            if columns & seen:
                problems.append("%s: column %s is set out twice" % (sheet, min(columns & seen)))
            seen |= columns
    return problems


def check_text(book_path):
    problems = []
    with zipfile.ZipFile(book_path) as book:
        for name in book.namelist():
            if name.endswith((".xml", ".rels")):
                try:
                    ET.fromstring(book.read(name))
                except ET.ParseError as error:
                    problems.append("%s is not well-formed XML: %s" % (name, error))
    if problems:
        return problems
    strings = Book(book_path).strings
    problems += ["a text cell of %d characters, more than 32,767" % len(text)
                 for text in strings if len(text) > 32767]
    if not any(re.search(r" \[cut: \d+ characters\]$", text) for text in strings):
        problems.append("no text cell ends with the marker of a cut")
    return problems


def main(argv):
    command = argv[1]
    if command == "format":
        book = Book(argv[2])
        print(book.number_format(book.cells(argv[3])[argv[4]][2]))
        return 0
    if command == "value":
        print(Book(argv[2]).cells(argv[3])[argv[4]][0])
        return 0
    checks = {"summary": lambda: check_summary(argv[2], argv[3]),
              "sobol": lambda: check_sobol(argv[2]),
              "columns": lambda: check_columns(argv[2]),
              "text": lambda: check_text(argv[2])}
    problems = checks[command]()
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
