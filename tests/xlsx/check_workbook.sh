#!/bin/bash
# The workbooks `--format xlsx` writes, checked inside their zip: the sheets and the
# one each opens on; the Summary's totals and comparisons as formulas whose cached
# values are carecast's figures; number formats; the charts' axes near their data, the
# fans on one scale; the tornado chart of one bar per parameter with every label left
# of the plot; explain's waterfall; hidden helper columns; landscape pages one wide with the header
# row repeated; frozen headers, the provenance, and text that could pass for a formula
# neutralised. When LibreOffice is installed, every workbook is also converted to PDF,
# its page count checked and, with poppler-utils, its pages rendered to PNG in the work
# folder for review. Run from the repository root: check_workbook.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
inspect="python3 $(dirname "${BASH_SOURCE[0]}")/inspect_workbook.py"
part() { unzip -p "$1" "$2"; } # one file inside the workbook
sheets() { part "$1" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | cut -d'"' -f2 | tr '\n' ' '; }
number_format() { $inspect format "$@"; } # BOOK SHEET CELL

book=$work/compare.xlsx
"$carecast" compare scenarios/dcst_2022.toml --format xlsx -o "$book" > "$work/stdout" \
  || fail "compare --format xlsx failed"
[[ ! -s "$work/stdout" ]] || fail "a workbook written to a file also printed to stdout"
[[ $(sheets "$book") == "Summary Lines Assumptions Provenance " ]] || fail "sheets are '$(sheets "$book")'"

# The Summary: every total, difference, variance, cumulative cost, shortfall and rank
# a formula whose cached value is what it computes, and what carecast computes.
"$carecast" compare scenarios/dcst_2022.toml --format csv > "$work/compare.csv"
$inspect summary "$book" "$work/compare.csv" || fail "the Summary's formulas or figures are wrong"
summary=$(part "$book" xl/worksheets/sheet1.xml)
grep -q 'state="frozen"' <<<"$summary" || fail "the summary's header row is not frozen"
# The 2022/23 budget of £65.15m (cabinet report, para 44) as a number, in row 3, column C.
grep -qE '<c r="C3" s="[0-9]+"><v>65.15[0-9]*</v></c>' <<<"$summary" || fail "C3 is not the 2022/23 budget as a number"
grep -q '<f>SUM(B4:G4)</f><v>438.66' <<<"$summary" || fail "do_nothing's total is not SUM(B4:G4) with £438.66m cached"
grep -q '<f>RANK(' <<<"$summary" || fail "the net present costs are not ranked by a formula"
[[ $(number_format "$book" Summary C4) == "#,##0.00" ]] || fail "£m amounts are not to 2 decimals"
[[ $(number_format "$book" Lines D15) == "0" ]] || fail "children on the Lines sheet are not whole numbers"

# The Summary's line chart: the options and the budget, on an axis near the data (the
# budget's £58.17m to contract management's £82.55m: 55 to 85 in steps of 5).
chart=$(part "$book" xl/charts/chart1.xml)
grep -q "<c:lineChart>" <<<"$chart" || fail "the summary has no line chart"
[[ $(grep -o "<c:ser>" <<<"$chart" | wc -l) == 4 ]] || fail "the chart has not a line per option (3) and the budget"
grep -q "Summary!\$B\$3:\$G\$3" <<<"$chart" || fail "the chart has no budget line (row 3)"
grep -q '<a:prstDash val="dash"/>' <<<"$chart" || fail "the budget is not dashed"
grep -q '<c:min val="55"/>' <<<"$chart" && grep -q '<c:max val="85"/>' <<<"$chart" \
  || fail "the summary chart's axis is not 55 to 85"

part "$book" xl/sharedStrings.xml | grep -q "$(sha256sum scenarios/dcst_2022.toml | cut -d' ' -f1)" \
  || fail "the provenance sheet lacks the scenario's SHA-256"
grep -q '<autoFilter ref="A1:I' <(part "$book" xl/worksheets/sheet2.xml) || fail "the lines have no filter"

"$carecast" run scenarios/dcst_2022.toml --option transfer --format xlsx -o "$work/run.xlsx" \
  || fail "run --format xlsx failed"
unzip -l "$work/run.xlsx" | grep -q "xl/charts/chart1.xml" || fail "run's workbook has no chart"
part "$work/run.xlsx" xl/sharedStrings.xml | grep -q "<t>do_nothing</t>" \
  && fail "run --option transfer's Lines show other options"

# The analyses add their sheet and chart to the scenario's own.
"$carecast" simulate scenarios/dcst_2022.toml --draws 200 --seed 5 --format xlsx -o "$work/simulate.xlsx" \
  || fail "simulate --format xlsx failed"
[[ $(sheets "$work/simulate.xlsx") == "Summary Lines Assumptions Monte Carlo Differences Provenance " ]] \
  || fail "simulate's sheets are '$(sheets "$work/simulate.xlsx")'"
fans=$(for i in 2 3 4; do part "$work/simulate.xlsx" xl/charts/chart$i.xml; done)
[[ $(grep -c '<c:grouping val="stacked"/>' <<<"$fans") == 3 ]] \
  || fail "simulate's workbook has not one stacked fan chart per option (3)"
# One scale for every fan, near the data, and the hidden helper columns still drawn.
[[ $(grep -o '<c:min val="[^"]*"/>' <<<"$fans" | sort -u | wc -l) == 1 \
  && $(grep -o '<c:max val="[^"]*"/>' <<<"$fans" | sort -u | wc -l) == 1 \
  && $(grep -c '<c:max val=' <<<"$fans") == 3 ]] || fail "the fans are not on one scale"
grep -q '<c:min val="0"/>' <<<"$fans" && fail "the fans' axis starts at 0"
# A chart that draws only visible cells says so; one that draws hidden cells too does not.
grep -q '<c:plotVisOnly' <<<"$fans" && fail "the fans do not draw their hidden helper columns"
monte_carlo=$(part "$work/simulate.xlsx" xl/worksheets/sheet4.xml)
for column in 11 12; do
  grep -qE "<col min=\"$column\" max=\"$column\"[^>]* hidden=\"1\"" <<<"$monte_carlo" \
    || fail "the fans' helper column $column is not hidden"
done
[[ $(number_format "$work/simulate.xlsx" "Monte Carlo" I2) == "0.0%" ]] \
  || fail "P(over budget) is not a percentage"
[[ $(number_format "$work/simulate.xlsx" "Monte Carlo" J20) == "0.0%" ]] \
  || fail "P(cheapest) is not a percentage"
grep -q '<t>5</t>' <(part "$work/simulate.xlsx" xl/sharedStrings.xml) || fail "the seed is not recorded"
# The Differences sheet: transfer against do_nothing in net present cost (its 16th row:
# 8 rows of contract_management's years, total and net present cost before transfer's
# 8) carries the simulate CSV's figures, its P(cheaper) as a percentage.
"$carecast" simulate scenarios/dcst_2022.toml --draws 200 --seed 5 --format csv \
  > "$work/simulate.csv" || fail "simulate --format csv failed"
expected=$(grep '^dcst_2022,5,200,transfer,do_nothing,all,npc_difference,' "$work/simulate.csv" \
  | cut -d, -f8,18)
value() { python3 "$(dirname "${BASH_SOURCE[0]}")/inspect_workbook.py" value "$@"; }
got=$(printf '%s,%s' "$(value "$work/simulate.xlsx" Differences D17)" \
  "$(value "$work/simulate.xlsx" Differences K17)")
awk -F, -v a="$expected" -v b="$got" 'BEGIN { split(a, x, ","); split(b, y, ",");
  exit !(x[1] - y[1] < 1e-9 && y[1] - x[1] < 1e-9 && x[2] == y[2]) }' \
  || fail "Differences' net present cost row of transfer is '$got', not the CSV's '$expected'"
[[ $(number_format "$work/simulate.xlsx" Differences K17) == "0.0%" ]] \
  || fail "P(cheaper) is not shown as a percentage"

"$carecast" sensitivity scenarios/dcst_2022.toml --format xlsx -o "$work/sensitivity.xlsx" \
  || fail "sensitivity --format xlsx failed"
part "$work/sensitivity.xlsx" xl/workbook.xml | grep -q '<sheet name="Tornado"' || fail "no Tornado sheet"
tornado=$(part "$work/sensitivity.xlsx" xl/charts/chart2.xml)
grep -q '<c:barDir val="bar"/>' <<<"$tornado" || fail "the tornado is not a bar chart"
# One bar per parameter: stacked series overlapping fully, the first of them (the gap
# from the base to a bar's nearer end) unfilled, the others filled, all over the same
# categories, one per parameter.
grep -q '<c:grouping val="stacked"/>' <<<"$tornado" || fail "the tornado's series are not stacked"
grep -q '<c:overlap val="100"/>' <<<"$tornado" || fail "the tornado's series do not overlap fully"
series=$(sed 's/<c:ser>/\n<c:ser>/g' <<<"$tornado" | grep '^<c:ser>')
[[ $(wc -l <<<"$series") == 3 ]] || fail "the tornado has not three stacked series"
head -1 <<<"$series" | grep -q '<c:spPr><a:noFill/></c:spPr>' || fail "the tornado's first series is visible"
[[ $(tail -2 <<<"$series" | grep -c '<a:solidFill>') == 2 ]] || fail "the tornado's bars are not filled"
[[ $(grep -o '<c:cat><c:strRef><c:f>[^<]*' <<<"$series" | sort -u | wc -l) == 1 ]] \
  || fail "the tornado's series have different categories"
# The DCST tornado of do_nothing: 12 of the 17 uncertain inputs move its net present cost.
grep -q '<c:cat><c:strRef><c:f>Tornado!\$A\$2:\$A\$13</c:f><c:strCache><c:ptCount val="12"/>' <<<"$series" \
  || fail "the tornado's categories are not the 12 inputs that move the metric"
# Its labels sit left of the plot, never on the bars, every one shown, the largest
# swing at the top.
axis=$(grep -o '<c:catAx>.*</c:catAx>' <<<"$tornado")
grep -q '<c:tickLblPos val="low"/>' <<<"$axis" || fail "the tornado's labels are not at the low position"
grep -q '<c:tickLblSkip val="1"/>' <<<"$axis" || fail "the tornado's labels may skip"
grep -q '<c:orientation val="maxMin"/>' <<<"$axis" || fail "the tornado's largest swing is not at the top"
styles=$(part "$work/sensitivity.xlsx" xl/styles.xml)
for format in 'formatCode="0.0%"' 'formatCode="&quot;£&quot;#,##0&quot;/week&quot;"' 'formatCode="#,##0"'; do
  grep -q "$format" <<<"$styles" || fail "the tornado sheet has no number format $format"
done

"$carecast" sobol scenarios/dcst_2022.toml --samples 64 --format xlsx -o "$work/sobol.xlsx" 2> /dev/null \
  || fail "sobol --format xlsx failed"
part "$work/sobol.xlsx" xl/workbook.xml | grep -q '<sheet name="Sobol"' || fail "no Sobol sheet"
$inspect sobol "$work/sobol.xlsx" || fail "the Sobol sheet is not sorted by total index, or cuts names"
[[ $(number_format "$work/sobol.xlsx" Sobol D2) == "0.000" ]] || fail "Sobol indices are not to 3 decimals"

# Each workbook opens on the sheet of its command, that sheet alone selected; and every
# sheet prints landscape on A4, one page wide, with its header row on every page.
for case in compare:0 run:0 simulate:3 sensitivity:3 sobol:3; do
  name=${case%:*} tab=${case#*:}
  file=$work/$name.xlsx
  active=$(part "$file" xl/workbook.xml | grep -o 'activeTab="[0-9]*"' | cut -d'"' -f2)
  [[ ${active:-0} == "$tab" ]] || fail "$name.xlsx opens on sheet ${active:-0}, not $tab"
  count=$(part "$file" xl/workbook.xml | grep -o '<sheet name=' | wc -l)
  selected=$(for i in $(seq 1 "$count"); do
    part "$file" xl/worksheets/sheet$i.xml | grep -q 'tabSelected="1"' && echo "$i"; done)
  [[ $selected == $((tab + 1)) ]] || fail "$name.xlsx selects sheets '$selected', not $((tab + 1))"
  for i in $(seq 1 "$count"); do
    sheet=$(part "$file" xl/worksheets/sheet$i.xml)
    grep -q '<pageSetUpPr fitToPage="1"/>' <<<"$sheet" \
      && grep -qE '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"' <<<"$sheet" \
      || fail "$name.xlsx: sheet $i does not print landscape on A4, one page wide"
  done
  $inspect columns "$file" || fail "$name.xlsx sets out a column twice"
  titles=$(part "$file" xl/workbook.xml | grep -o '_xlnm.Print_Titles[^<]*<' | grep -c '!\$1:\$1<')
  [[ $titles == "$count" ]] || fail "$name.xlsx repeats the header row on $titles of $count sheets"
done

# explain writes a bridge as a waterfall: stacked columns standing on a base series
# that has no fill, with the DCST options' £74.28m and £70.94m in 2024/25 as full columns.
bridge=$work/bridge.xlsx
"$carecast" explain scenarios/dcst_2022.toml --year 2024/25 --option transfer --vs do_nothing \
  -o "$bridge" || fail "explain -o bridge.xlsx failed"
sheets=$(part "$bridge" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | cut -d'"' -f2 | tr '\n' ' ')
[[ "$sheets" == "Waterfall Bridge Provenance " ]] || fail "the bridge's sheets are '$sheets'"
waterfall=$(part "$bridge" xl/charts/chart1.xml)
grep -q '<c:barDir val="col"/><c:grouping val="stacked"/>' <<<"$waterfall" \
  || fail "the waterfall is not a chart of stacked columns"
series=$(grep -o '<c:ser>.*</c:ser>' <<<"$waterfall" | sed 's|</c:ser>|&\n|g')
grep -q '^<c:ser><c:idx val="0"/>.*<c:v>Base (unfilled)</c:v>.*<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>' \
  <<<"$(sed -n 1p <<<"$series")" || fail "the waterfall's first series, its base, is filled"
[[ $(grep -c '<a:noFill/><a:ln>' <<<"$series") == 1 ]] || fail "a series other than the base is unfilled"
grep -q '<c:legendEntry><c:idx val="0"/><c:delete val="1"/>' <<<"$waterfall" \
  || fail "the legend lists the waterfall's base"
grep -q '<c:min val="0"/>' <<<"$waterfall" || fail "the waterfall's value axis does not start at 0"
grep -q 'formatCode="&quot;£&quot;0.00&quot;m&quot;"' <<<"$waterfall" \
  || fail "the waterfall's value axis is not in £m to 2 decimals"
table=$(part "$bridge" xl/worksheets/sheet2.xml)
grep -qE '<c r="C2" s="[0-9]+"><v>74.27[0-9]*</v></c>' <<<"$table" || fail "C2 is not do_nothing's cost"
grep -qE '<c r="C9" s="[0-9]+"><v>70.93[0-9]*</v></c>' <<<"$table" || fail "C9 is not transfer's cost"
grep -q '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>' <<<"$table" \
  || fail "the bridge does not print landscape, one page wide"
part "$bridge" xl/workbook.xml | grep -q '<definedName name="_xlnm.Print_Titles" localSheetId="1">Bridge!\$1:\$1</definedName>' \
  || fail "the bridge's header row is not printed on every page"
"$carecast" explain scenarios/dcst_2022.toml --year 2024/25 --format xlsx > /dev/null 2>&1
code=$?
[[ $code == 2 ]] || fail "explain --format xlsx without -o exits $code, not 2"

# An option named like a formula is written as text with a leading apostrophe.
sed 's/^name = "Option 3: Serve notice and transfer"$/name = "=HYPERLINK(\\"http:\/\/example.invalid\\")"/' \
  scenarios/dcst_2022.toml > "$work/formula_name.toml"
grep -q '^name = "=HYPERLINK' "$work/formula_name.toml" || fail "the formula name was not put in"
"$carecast" compare "$work/formula_name.toml" --format xlsx -o "$work/formula_name.xlsx" \
  || fail "compare of a scenario with a formula for a name failed"
part "$work/formula_name.xlsx" xl/sharedStrings.xml | grep -q "<t>'=HYPERLINK(" \
  || fail "the formula-like option name is not neutralised in the workbook"

# A title too long for a page's header (Excel keeps 255 characters) is cut short there,
# its ampersands doubled, as a header's codes start with one.
title=$(printf 'Children & families %.0s' {1..20})
while IFS= read -r line; do
  [[ $line == 'name = "A point forecast from 2017/18"' ]] && line="name = \"$title\""
  printf '%s\n' "$line"
done < tests/golden/point_forecast.toml > "$work/long_title.toml"
"$carecast" compare "$work/long_title.toml" --format xlsx -o "$work/long_title.xlsx" 2> "$work/long_title.err" \
  || fail "compare of a scenario with a long title failed"
[[ -s "$work/long_title.err" ]] && fail "a long title printed '$(head -c 200 "$work/long_title.err")'"
part "$work/long_title.xlsx" xl/worksheets/sheet1.xml | grep -q '<oddHeader>&amp;LChildren &amp;&amp; families .*…&amp;R&amp;A</oddHeader>' \
  || fail "a long title is not cut short in the page's header"

# outturn's monitoring report: the Monitoring sheet, landscape and one page wide, with
# the RAG as text (placements red at £5.96m over its £27.03m budget, staffing amber at
# £0.30m over £24.30m, the data's README and the scenario's [ledger.budgets]).
"$carecast" outturn scenarios/dcst_2022.toml --actuals data/dcst_ledger_2021_22.csv \
  --previous data/dcst_ledger_2021_22_p06.csv --draws 200 -o "$work/outturn.xlsx" > "$work/stdout" \
  || fail "outturn -o outturn.xlsx failed"
[[ $(sheets "$work/outturn.xlsx") == "Monitoring Provenance " ]] \
  || fail "outturn's sheets are '$(sheets "$work/outturn.xlsx")'"
monitoring=$(part "$work/outturn.xlsx" xl/worksheets/sheet1.xml)
grep -q 'orientation="landscape"' <<<"$monitoring" || fail "the monitoring report is not landscape"
grep -q 'fitToHeight="0"' <<<"$monitoring" || fail "the monitoring report is not one page wide"
for rag in Red Amber Green; do
  part "$work/outturn.xlsx" xl/sharedStrings.xml | grep -q "<t>$rag</t>" || fail "no line is $rag"
done

"$carecast" compare scenarios/dcst_2022.toml --format xlsx > /dev/null 2> "$work/no_path"
code=$?
[[ $code == 2 ]] || fail "--format xlsx without -o exits $code, not 2"

# As printed: each workbook a few pages (the Summary two, its chart whole on one), not
# dozens; the pages as PNG in the work folder, to look at.
if ! command -v soffice > /dev/null; then
  echo "LibreOffice is not installed: the workbooks were not printed to PDF"
  exit $failed
fi
soffice --headless --convert-to pdf --outdir "$work" \
  "$work"/{compare,run,simulate,sensitivity,sobol,bridge,outturn}.xlsx > /dev/null 2>&1
for name in compare run simulate sensitivity sobol bridge outturn; do
  [[ -s "$work/$name.pdf" ]] || fail "LibreOffice did not convert $name.xlsx to PDF"
done
if ! command -v pdfinfo > /dev/null || ! command -v pdftoppm > /dev/null; then
  echo "poppler-utils is not installed: the PDFs' pages were not counted nor rendered"
  exit $failed
fi
for limit in compare:12 run:10 simulate:14 sensitivity:14 sobol:15; do
  name=${limit%:*}
  pages=$(pdfinfo "$work/$name.pdf" | awk '/^Pages:/ { print $2 }')
  [[ $pages -ge 4 && $pages -le ${limit#*:} ]] || fail "$name.xlsx prints on $pages pages, not 4 to ${limit#*:}"
  mkdir -p "$work/png" && pdftoppm -png -r 60 "$work/$name.pdf" "$work/png/$name"
done
# The bridge: its waterfall on one page, then its table.
pages=$(pdfinfo "$work/bridge.pdf" | awk '/^Pages:/ { print $2 }')
[[ $pages -ge 2 && $pages -le 4 ]] || fail "bridge.xlsx prints on $pages pages, not 2 to 4"
pdftoppm -png -r 60 "$work/bridge.pdf" "$work/png/bridge"
# The monitoring report: its table, notes and by-period block on the first page, the
# chart after.
pages=$(pdfinfo "$work/outturn.pdf" | awk '/^Pages:/ { print $2 }')
[[ $pages -ge 1 && $pages -le 3 ]] || fail "outturn.xlsx prints on $pages pages, not 1 to 3"
pdftotext -f 1 -l 1 -layout "$work/outturn.pdf" - | grep -q "Placements (the care ladder) .* 27.03 .* 32.99 .* +5.96" \
  || fail "the monitoring report's first page lacks the placements row"
pdftoppm -png -r 60 "$work/outturn.pdf" "$work/png/outturn"
# page_of PDF TEXT: the pages whose text has TEXT.
page_of() {
  local pages page
  pages=$(pdfinfo "$1" | awk '/^Pages:/ { print $2 }')
  for page in $(seq 1 "$pages"); do
    pdftotext -f "$page" -l "$page" -layout "$1" - | grep -qF -- "$2" && echo "$page"
  done
}
title=$(page_of "$work/compare.pdf" "Cost by option and financial year")
[[ $title == 2 ]] || fail "the Summary's chart is on page(s) '$title', not page 2 with the Summary's end"
pdftotext -f 2 -l 2 -layout "$work/compare.pdf" - | sed -n '/Cost by option and financial year/,$p' \
  | grep -q "2026/27" || fail "the Summary's chart is cut: its years are not on its page"
for option in do_nothing contract_management transfer; do
  fan=$(page_of "$work/simulate.pdf" "$option: P10 to P90")
  [[ $(wc -w <<<"$fan") == 1 ]] || fail "$option's fan is on pages '$fan'"
  pdftotext -f "$fan" -l "$fan" -layout "$work/simulate.pdf" - | sed -n "/$option: P10 to P90/,\$p" \
    | grep -q "2026/27" || fail "$option's fan is cut: its years are not on its page"
done
exit $failed
