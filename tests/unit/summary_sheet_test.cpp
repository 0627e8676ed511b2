// The Summary sheet as cells: a compare report's measures by year, totals and
// comparisons as formulas of the sheet's own cells carrying carecast's figures, blocks
// kept whole on printed pages.

#include "carecast/summary_sheet.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <string>
#include <vector>

using carecast::cell_name;
using carecast::CellStyle;
using carecast::Report;
using carecast::ReportKind;
using carecast::SheetCell;
using carecast::summary_sheet;
using carecast::SummarySheet;

namespace {

const std::vector<std::string> k_years{"2021/22", "2022/23", "2023/24"};

void add(Report& report, const std::string& option, const std::string& year,
         const std::string& measure, double value)
{
  report.rows.push_back({option, year, "total", measure, value});
}

// Two options over three years, as compare_with_savings reports them: A costs 10, 11
// and 12, B 10, 12.5 and 11.5, against a budget of 9.5, 11 and 12; the budget's saving
// steps set a target of 0.5 and then 1, which B delivers from 2022/23 and A never.
Report two_options(bool budget = true)
{
  Report report;
  report.kind = ReportKind::compare;
  report.unit = "£m";
  report.years = k_years;
  report.options = {{"a", "Option A"}, {"b", ""}};
  report.appraisal = "discounted at 3.5% a year from 2022/23";
  report.savings_basis = "the budget's saving steps";
  const std::vector<std::vector<double>> costs{{10.0, 11.0, 12.0}, {10.0, 12.5, 11.5}};
  const std::vector<double> budgets{9.5, 11.0, 12.0};
  for (std::size_t o = 0; o < 2; ++o) {
    const std::string& id = report.options[o].id;
    double cumulative = 0.0;
    for (std::size_t y = 0; y < 3; ++y) {
      cumulative += costs[o][y];
      add(report, id, k_years[y], "cost", costs[o][y]);
      add(report, id, k_years[y], "difference", costs[o][y] - costs[0][y]);
      add(report, id, k_years[y], "cumulative", cumulative);
      if (budget) {
        add(report, id, k_years[y], "budget", budgets[y]);
        add(report, id, k_years[y], "variance", costs[o][y] - budgets[y]);
      }
    }
    add(report, id, "all", "npc", o == 0 ? 30.0 : 31.0);
  }
  for (std::size_t y = 1; y < 3; ++y) {
    const double target = y == 1 ? 0.5 : 1.0;
    add(report, "a", k_years[y], "savings_target", target);
    add(report, "a", k_years[y], "savings_delivered", 0.0);
    add(report, "a", k_years[y], "savings_shortfall", target);
    add(report, "b", k_years[y], "savings_target", target);
    add(report, "b", k_years[y], "savings_delivered", target);
    add(report, "b", k_years[y], "savings_shortfall", 0.0);
  }
  add(report, "b", "2022/23", "savings_met_from", 1.0);
  return report;
}

// The row labelled `label` in the block whose title starts with `title`.
int row_of(const SummarySheet& sheet, const std::string& title, const std::string& label)
{
  int r = 0;
  while (r < static_cast<int>(sheet.rows.size())
         && sheet.rows[r][0].text.rfind(title, 0) == std::string::npos) {
    ++r;
  }
  for (++r; r < static_cast<int>(sheet.rows.size()) && !sheet.rows[r][0].text.empty(); ++r) {
    if (sheet.rows[r][0].text == label) {
      return r;
    }
  }
  FAIL("no row ", label, " in the block ", title);
  return -1;
}

void check_formula(const SheetCell& cell, const std::string& formula, double value)
{
  CHECK(cell.formula);
  CHECK(cell.text == formula);
  REQUIRE(cell.value);
  CHECK(*cell.value == doctest::Approx(value).epsilon(1e-12));
}

} // namespace

TEST_CASE("cells are named as a spreadsheet names them")
{
  CHECK(cell_name(0, 0) == "A1");
  CHECK(cell_name(9, 27) == "AB10");
  CHECK(cell_name(2, 25) == "Z3");
  CHECK(cell_name(0, 26 + 26 * 26) == "AAA1");
}

TEST_CASE("the Summary has the years across, with a total, under the report's unit")
{
  const SummarySheet sheet = summary_sheet(two_options());
  const std::vector<SheetCell>& header = sheet.rows.front();
  REQUIRE(header.size() == 5);
  CHECK(header[0].text == "£m");
  CHECK(header[1].text == "2021/22");
  CHECK(header[3].text == "2023/24");
  CHECK(header[4].text == "Total");
  CHECK(sheet.years == 3);
  CHECK(sheet.first_year_column == 1);
}

TEST_CASE("costs and the budget are numbers, and each row's total a SUM of its years")
{
  const SummarySheet sheet = summary_sheet(two_options());
  const int budget = row_of(sheet, "Cost", "Budget");
  const int a = row_of(sheet, "Cost", "Option A");
  const int b = row_of(sheet, "Cost", "b"); // an option without a name goes by its id
  CHECK_FALSE(sheet.rows[a][2].formula);
  CHECK(*sheet.rows[a][2].value == 11.0);
  CHECK(*sheet.rows[budget][1].value == 9.5);
  check_formula(sheet.rows[a][4], fmt::format("SUM({}:{})", cell_name(a, 1), cell_name(a, 3)),
                33.0);
  check_formula(sheet.rows[b][4], fmt::format("SUM({}:{})", cell_name(b, 1), cell_name(b, 3)),
                34.0);
  check_formula(sheet.rows[budget][4],
                fmt::format("SUM({}:{})", cell_name(budget, 1), cell_name(budget, 3)), 32.5);
}

TEST_CASE("difference, variance and cumulative cost are formulas of the cost rows")
{
  const SummarySheet sheet = summary_sheet(two_options());
  const int budget = row_of(sheet, "Cost", "Budget");
  const int a = row_of(sheet, "Cost", "Option A");
  const int b = row_of(sheet, "Cost", "b");
  const int difference = row_of(sheet, "Difference from Option A", "b");
  check_formula(sheet.rows[difference][2], fmt::format("{}-{}", cell_name(b, 2), cell_name(a, 2)),
                1.5);
  check_formula(sheet.rows[difference][4],
                fmt::format("SUM({}:{})", cell_name(difference, 1), cell_name(difference, 3)), 1.0);
  const int variance = row_of(sheet, "Variance against budget", "b");
  check_formula(sheet.rows[variance][3],
                fmt::format("{}-{}", cell_name(b, 3), cell_name(budget, 3)), -0.5);
  check_formula(sheet.rows[variance][4],
                fmt::format("SUM({}:{})", cell_name(variance, 1), cell_name(variance, 3)),
                0.5 + 1.5 - 0.5);
  const int cumulative = row_of(sheet, "Cumulative cost", "Option A");
  check_formula(sheet.rows[cumulative][1], cell_name(a, 1), 10.0);
  check_formula(sheet.rows[cumulative][3],
                fmt::format("{}+{}", cell_name(cumulative, 2), cell_name(a, 3)), 33.0);
  CHECK_FALSE(sheet.rows[cumulative][4].value); // the last year is the total
}

TEST_CASE("a shared savings target is one row; the shortfall is target less delivered")
{
  const SummarySheet sheet = summary_sheet(two_options());
  const int target = row_of(sheet, "Savings target: the budget's saving steps", "All options");
  CHECK_FALSE(sheet.rows[target][1].value); // no target in 2021/22
  CHECK(*sheet.rows[target][2].value == 0.5);
  const int delivered = row_of(sheet, "Savings delivered", "Option A");
  const int shortfall = row_of(sheet, "Savings shortfall", "Option A");
  check_formula(sheet.rows[shortfall][3],
                fmt::format("MAX(0,{}-{})", cell_name(target, 3), cell_name(delivered, 3)), 1.0);
  check_formula(sheet.rows[shortfall][4],
                fmt::format("SUM({}:{})", cell_name(shortfall, 1), cell_name(shortfall, 3)), 1.5);
}

TEST_CASE("each option's own target is a row of its own, and an option without one is left out")
{
  Report report = two_options();
  report.savings_basis = "each option's saving overlays";
  std::erase_if(report.rows, [](const auto& row) {
    return row.option == "a" && row.measure.starts_with("savings");
  });
  for (auto& row : report.rows) {
    if (row.measure == "savings_target") {
      row.value *= 2.0;
    }
  }
  const SummarySheet sheet = summary_sheet(report);
  const int target = row_of(sheet, "Savings target: each option's saving overlays", "b");
  CHECK(*sheet.rows[target][3].value == 2.0);
  CHECK(sheet.rows[target + 1][0].text.empty()); // B alone
  const int shortfall = row_of(sheet, "Savings shortfall", "b");
  CHECK(sheet.rows[shortfall][3].text.find(cell_name(target, 3)) != std::string::npos);
}

TEST_CASE("net present costs are ranked by a RANK formula, 1 the cheapest")
{
  Report report = two_options();
  const SummarySheet sheet = summary_sheet(report);
  const int a = row_of(sheet, "Net present cost, discounted at 3.5%", "Option A");
  const int b = a + 1;
  CHECK(*sheet.rows[a][1].value == 30.0);
  const std::string range = fmt::format("$B${}:$B${}", a + 1, b + 1);
  check_formula(sheet.rows[a][2], fmt::format("RANK({},{},1)", cell_name(a, 1), range), 1.0);
  check_formula(sheet.rows[b][2], fmt::format("RANK({},{},1)", cell_name(b, 1), range), 2.0);
  CHECK(sheet.rows[a][2].style == CellStyle::whole);
  CHECK(sheet.rows[a][4].text == "not met within horizon");
  CHECK(sheet.rows[b][4].text == "met from 2022/23");

  for (auto& row : report.rows) { // a tie shares the rank, as RANK gives it
    if (row.measure == "npc") {
      row.value = 30.0;
    }
  }
  const SummarySheet tied = summary_sheet(report);
  CHECK(*tied.rows[a][2].value == 1.0);
  CHECK(*tied.rows[b][2].value == 1.0);
}

TEST_CASE("a one-year horizon still has a column for the year each option meets its target")
{
  Report report = two_options();
  report.years = {"2022/23"};
  std::erase_if(report.rows,
                [](const auto& row) { return row.year != "2022/23" && row.year != "all"; });
  const SummarySheet sheet = summary_sheet(report);
  const int b = row_of(sheet, "Net present cost", "b");
  REQUIRE(sheet.rows[b].size() == 5);
  CHECK(sheet.rows[b][4].text == "met from 2022/23");
  CHECK(sheet.rows.front().size() == 3); // the label, the year and its total
}

TEST_CASE("the chart draws each option's cost and the budget, and knows their range")
{
  const SummarySheet sheet = summary_sheet(two_options());
  REQUIRE(sheet.lines.size() == 3);
  CHECK(sheet.lines[0].budget);
  CHECK(sheet.lines[0].row == row_of(sheet, "Cost", "Budget"));
  CHECK(sheet.lines[1].name == "Option A");
  CHECK(sheet.lines[2].row == row_of(sheet, "Cost", "b"));
  CHECK(sheet.low == 9.5);
  CHECK(sheet.high == 12.5);
  CHECK(sheet.chart_row == static_cast<int>(sheet.rows.size()));
}

TEST_CASE("without a budget there is no budget row, variance or budget line")
{
  const SummarySheet sheet = summary_sheet(two_options(false));
  for (const auto& row : sheet.rows) {
    CHECK(row[0].text != "Budget");
    CHECK(row[0].text.rfind("Variance", 0) == std::string::npos);
  }
  CHECK(sheet.lines.size() == 2);
  CHECK(sheet.low == 10.0);
}

TEST_CASE("no page break falls inside a block or the chart")
{
  Report report = two_options();
  for (int o = 0; o < 10; ++o) { // twelve options: every block is a third of a page or more
    const std::string id = fmt::format("extra_{}", o);
    report.options.push_back({id, ""});
    for (const auto& row : std::vector(report.rows)) {
      if (row.option == "b") {
        report.rows.push_back({id, row.year, row.line, row.measure, row.value});
      }
    }
  }
  const SummarySheet sheet = summary_sheet(report);
  const std::vector<int>& breaks = sheet.pages.breaks();
  CHECK(breaks.size() >= 2);
  for (int r = 1; r < static_cast<int>(sheet.rows.size()); ++r) {
    if (sheet.rows[r][0].style != CellStyle::title) {
      continue;
    }
    int last = r;
    while (last + 1 < static_cast<int>(sheet.rows.size())
           && !sheet.rows[last + 1][0].text.empty()) {
      ++last;
    }
    for (const int at : breaks) {
      CHECK_FALSE((at > r && at <= last));
    }
  }
  for (const int at : breaks) {
    CHECK_FALSE((at > sheet.chart_row && at < sheet.chart_row + carecast::k_summary_chart_rows));
  }
}
