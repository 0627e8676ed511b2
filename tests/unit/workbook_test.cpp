// What a workbook shows: the reports behind its sheets and the sheet it opens on.

#include "carecast/workbook.hpp"

#include "carecast/savings.hpp"

#include "test_model.hpp"

#include <doctest/doctest.h>
#include <string>

using carecast::Evaluator;
using carecast::Model;
using carecast::Outcome;
using carecast::Report;
using carecast::ReportKind;
using carecast::Workbook;

namespace {

// One flat line, a budget, and two options, the second adding 1.2 a year.
const std::string k_scenario = R"(
[scenario]
name = "Workbook test"
base_year = "2021/22"
horizon = "2022/23"
[lines.a]
base = 12.0
[budget.years]
"2021/22" = 15.0
[options.base]
name = "Base"
[options.extra]
name = "Extra"
extends = "base"
[options.extra.overlays.more]
type = "recurring"
line = "a"
amount = 1.2
from = "2021-04"
)";

} // namespace

TEST_CASE("a workbook opens on its analysis's sheet, or on the Summary")
{
  Workbook book;
  CHECK(carecast::opening_sheet(book) == "Summary");
  const carecast::SobolReport sobol;
  book.sobol = &sobol;
  CHECK(carecast::opening_sheet(book) == "Sobol");
  book.sobol = nullptr;
  const carecast::SensitivityReport sensitivity;
  book.sensitivity = &sensitivity;
  CHECK(carecast::opening_sheet(book) == "Tornado");
  book.sensitivity = nullptr;
  const carecast::SimulationReport simulation;
  book.simulation = &simulation;
  CHECK(carecast::opening_sheet(book) == "Monte Carlo");
}

TEST_CASE("a compare report is the Summary of its workbook, and a run report its Lines")
{
  const Model model = carecast::test::model_from(k_scenario);
  const Outcome outcome = Evaluator(model).evaluate(model.values());
  const Report run = carecast::run_report(model, outcome, "test", {1});
  const Workbook of_run = carecast::workbook(model, outcome, run);
  CHECK(of_run.lines.kind == ReportKind::run);
  REQUIRE(of_run.lines.options.size() == 1); // the option the run chose
  CHECK(of_run.lines.options.front().id == "extra");
  CHECK(of_run.summary.kind == ReportKind::compare);
  CHECK(of_run.summary.options.size() == 2); // the Summary compares them all

  Report compare = carecast::compare_with_savings(model, outcome, "test");
  compare.title = "as the command made it";
  const Workbook of_compare = carecast::workbook(model, outcome, compare);
  CHECK(of_compare.summary.title == "as the command made it");
  CHECK(of_compare.lines.kind == ReportKind::run);
  CHECK(of_compare.lines.options.size() == 2);
}
