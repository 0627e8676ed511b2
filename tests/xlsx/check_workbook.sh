#!/bin/bash
# The workbook `--format xlsx` writes, checked inside its zip: the sheets, the line
# chart with a series per option, frozen headers, £m number formats, numbers stored as
# numbers, the provenance, explain's waterfall, and text that could pass for a formula
# neutralised. When
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
part "$work/sensitivity.xlsx" xl/charts/chart2.xml | grep -q '<c:barDir val="bar"/>' \
  || fail "the tornado is not a bar chart"

"$carecast" sobol scenarios/dcst_2022.toml --samples 64 --format xlsx -o "$work/sobol.xlsx" 2> /dev/null \
  || fail "sobol --format xlsx failed"
part "$work/sobol.xlsx" xl/workbook.xml | grep -q '<sheet name="Sobol"' || fail "no Sobol sheet"

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

"$carecast" compare scenarios/dcst_2022.toml --format xlsx > /dev/null 2> "$work/no_path"
code=$?
[[ $code == 2 ]] || fail "--format xlsx without -o exits $code, not 2"

if command -v libreoffice > /dev/null; then
  libreoffice --headless --convert-to pdf --outdir "$work" "$book" "$work/simulate.xlsx" \
    "$work/sensitivity.xlsx" "$bridge" > /dev/null 2>&1
  for pdf in compare simulate sensitivity bridge; do
    [[ -s "$work/$pdf.pdf" ]] || fail "LibreOffice did not convert $pdf.xlsx to PDF"
  done
else
  echo "LibreOffice is not installed: the PDF conversion was not tried"
fi
exit $failed
