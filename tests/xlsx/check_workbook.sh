#!/bin/bash
# The workbook `--format xlsx` writes, checked inside its zip: the sheets, the line
# chart with a series per option, the tornado chart of one bar per parameter with every
# label left of the plot, frozen headers, £m number formats, numbers stored as numbers,
# the provenance, and text that could pass for a formula neutralised. When
# LibreOffice is installed, the workbook must also convert to PDF. Run from the
# repository root: check_workbook.sh CARECAST WORK_DIR
source "$(dirname "${BASH_SOURCE[0]}")/../check_lib.sh"
part() { unzip -p "$1" "$2"; } # one file inside the workbook

book=$work/compare.xlsx
"$carecast" compare scenarios/dcst_2022.toml --format xlsx -o "$book" > "$work/stdout" \
  || fail "compare --format xlsx failed"
[[ ! -s "$work/stdout" ]] || fail "a workbook written to a file also printed to stdout"
sheets=$(part "$book" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | cut -d'"' -f2 | tr '\n' ' ')
[[ "$sheets" == "Summary Lines Assumptions Provenance " ]] || fail "sheets are '$sheets'"

chart=$(part "$book" xl/charts/chart1.xml)
grep -q "<c:lineChart>" <<<"$chart" || fail "the summary has no line chart"
[[ $(grep -o "<c:ser>" <<<"$chart" | wc -l) == 3 ]] || fail "the chart has not one series per option (3)"
grep -q "Summary!\$C\$2:\$C\$7" <<<"$chart" || fail "the first option's series is not its six years"

summary=$(part "$book" xl/worksheets/sheet1.xml)
grep -q 'state="frozen"' <<<"$summary" || fail "the summary's header row is not frozen"
# The 2022/23 budget of £65.15m (cabinet report, para 44) as a number, in row 3, column B.
grep -qE '<c r="B3" s="[0-9]+"><v>65.15[0-9]*</v></c>' <<<"$summary" || fail "B3 is not the 2022/23 budget as a number"
part "$book" xl/styles.xml | grep -q 'formatCode="&quot;£&quot;#,##0.00&quot;m&quot;"' \
  || fail "there is no £m number format"
part "$book" xl/sharedStrings.xml | grep -q "$(sha256sum scenarios/dcst_2022.toml | cut -d' ' -f1)" \
  || fail "the provenance sheet lacks the scenario's SHA-256"
grep -q '<autoFilter ref="A1:E' <(part "$book" xl/worksheets/sheet2.xml) || fail "the lines have no filter"

"$carecast" run scenarios/dcst_2022.toml --option transfer --format xlsx -o "$work/run.xlsx" \
  || fail "run --format xlsx failed"
unzip -l "$work/run.xlsx" | grep -q "xl/charts/chart1.xml" || fail "run's workbook has no chart"

# The analyses add their sheet and chart to the scenario's own.
"$carecast" simulate scenarios/dcst_2022.toml --draws 200 --seed 5 --format xlsx -o "$work/simulate.xlsx" \
  || fail "simulate --format xlsx failed"
sheets=$(part "$work/simulate.xlsx" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | cut -d'"' -f2 | tr '\n' ' ')
[[ "$sheets" == "Summary Lines Assumptions Monte Carlo Provenance " ]] || fail "simulate's sheets are '$sheets'"
fans=$(for i in 2 3 4; do part "$work/simulate.xlsx" xl/charts/chart$i.xml; done | grep -c '<c:grouping val="stacked"/>')
[[ $fans == 3 ]] || fail "simulate's workbook has $fans stacked fan charts, not one per option (3)"
grep -q '<t>5</t>' <(part "$work/simulate.xlsx" xl/sharedStrings.xml) || fail "the seed is not recorded"

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

# An option named like a formula is written as text with a leading apostrophe.
sed 's/^name = "Option 3: Serve notice and transfer"$/name = "=HYPERLINK(\\"http:\/\/example.invalid\\")"/' \
  scenarios/dcst_2022.toml > "$work/formula_name.toml"
grep -q '^name = "=HYPERLINK' "$work/formula_name.toml" || fail "the formula name was not put in"
"$carecast" compare "$work/formula_name.toml" --format xlsx -o "$work/formula_name.xlsx" \
  || fail "compare of a scenario with a formula for a name failed"
part "$work/formula_name.xlsx" xl/sharedStrings.xml | grep -q "<t>'=HYPERLINK(" \
  || fail "the formula-like option name is not neutralised in the workbook"

"$carecast" compare scenarios/dcst_2022.toml --format xlsx > /dev/null 2> "$work/no_path"
code=$?
[[ $code == 2 ]] || fail "--format xlsx without -o exits $code, not 2"

if command -v libreoffice > /dev/null; then
  libreoffice --headless --convert-to pdf --outdir "$work" "$book" "$work/simulate.xlsx" \
    "$work/sensitivity.xlsx" > /dev/null 2>&1
  for pdf in compare simulate sensitivity; do
    [[ -s "$work/$pdf.pdf" ]] || fail "LibreOffice did not convert $pdf.xlsx to PDF"
  done
else
  echo "LibreOffice is not installed: the PDF conversion was not tried"
fi
exit $failed
