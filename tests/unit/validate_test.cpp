#include "carecast/validate.hpp"

#include "test_model.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

using namespace carecast;
using namespace carecast::test;

// Positions are counted by hand: each raw string starts with its line 1 right after R"(,
// lines and columns count from 1. test::k_valid, the scenario most tests extend, has 14
// lines, so what check_with appends to it starts at line 15.

namespace {

// A valid scenario with the base year and horizon a test chooses: the horizon is on line
// 4, its value at column 11 (after "horizon = ").
std::string over_years(std::string_view base_year, std::string_view horizon)
{
  return "[scenario]\nname = \"Years\"\nbase_year = \"" + std::string(base_year)
         + "\"\nhorizon = \"" + std::string(horizon)
         + "\"\n\n[lines.staffing]\nbase = 10.0\n\n[options.baseline]\nname = \"Baseline\"\n";
}

} // namespace

TEST_CASE("the valid scenario these tests extend has no problems")
{
  check_valid(check(k_valid));
}

// --- Ranges ---------------------------------------------------------------------------

TEST_CASE("a rate of 35 is an error that hints at 0.35")
{
  const Diagnostic problem = only_problem(check_with(R"([indices.cpi]
rates."2022/23" = 35
default = 0.02
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 16, 19}); // after `rates."2022/23" = `
  CHECK(problem.message
        == "'indices.cpi.rates.2022/23' = 35 is out of range: an annual rate is a fraction "
           "between -1 and 1, so 3.5% is written 0.035 (did you mean 0.35?)");
}

TEST_CASE("a rate must lie strictly between -1 and 1")
{
  for (const std::string rate : {"1.0", "-1.0"}) {
    INFO("rate: ", rate);
    const Diagnostic problem = only_problem(check_with("[indices.cpi]\ndefault = " + rate + "\n"));
    CHECK(problem.pos == SourcePos{"test.toml", 16, 11}); // after "default = "
    CHECK(problem.message.find("'indices.cpi.default' = ") == 0);
    CHECK(problem.message.find("is out of range") != std::string::npos);
  }
  for (const std::string rate : {"0.99", "-0.99", "0"}) {
    INFO("rate: ", rate);
    check_valid(check_with("[indices.cpi]\ndefault = " + rate + "\n"));
  }
}

TEST_CASE("price shares that add up to 1 only within the tolerance are valid")
{
  check_valid(check_with(R"([indices.cpi]
default = 0.02

[lines.support]
base = 5.0
prices = { pay = 0.7, cpi = 0.3 }
)"));
  // In binary floating point 0.7 + 0.2 + 0.1 is 0.9999999999999999, not 1: only the 1e-9
  // tolerance lets this line pass.
  CHECK(0.7 + 0.2 + 0.1 != 1.0);
  check_valid(check_with(R"([indices.cpi]
default = 0.02

[indices.rent]
default = 0.02

[lines.support]
base = 5.0
prices = { pay = 0.7, cpi = 0.2, rent = 0.1 }
)"));
}

TEST_CASE("price shares of 0.7 and 0.2 are an error at the first share")
{
  const Diagnostic problem = only_problem(check_with(R"([indices.cpi]
default = 0.02

[lines.support]
base = 5.0
prices = { pay = 0.7, cpi = 0.2 }
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 20, 18}); // after "prices = { pay = "
  CHECK(problem.message == "the price shares of line 'support' add up to 0.9, not 1");
}

TEST_CASE("a negative saving target is an error at the target")
{
  const Diagnostic problem = only_problem(check_with(R"([options.change]
name = "Change"

[options.change.overlays.cut]
type = "saving"
line = "staffing"
target = -0.5
ramp = { "2022/23" = 1.0 }
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 21, 10}); // after "target = "
  CHECK(problem.message
        == "'options.change.overlays.cut.target' = -0.5 is negative: a saving's target is "
           "written as a positive amount and taken off the line");
}

TEST_CASE("a stopped line's keep must lie between 0 and 1, both included")
{
  const auto stop_keeping = [](const std::string& keep) {
    return check_with(R"([options.change]
name = "Change"

[options.change.overlays.stop]
type = "stop_line"
line = "staffing"
keep = )" + keep + R"(
from = "2022-10"
)");
  };
  for (const std::string keep : {"1.5", "-0.1"}) {
    INFO("keep: ", keep);
    const Diagnostic problem = only_problem(stop_keeping(keep));
    CHECK(problem.pos == SourcePos{"test.toml", 21, 8}); // after "keep = "
    CHECK(problem.message
          == "'options.change.overlays.stop.keep' = " + keep
               + " is out of range: a share is between 0 and 1, so 30% is written 0.3");
  }
  for (const std::string keep : {"0", "1", "0.25"}) {
    INFO("keep: ", keep);
    check_valid(stop_keeping(keep));
  }
}

// --- References -----------------------------------------------------------------------

TEST_CASE("a reference to an undefined index is an error that suggests the nearest index")
{
  const LoadResult result = check_with(R"([lines.support]
base = 5.0
demand = "pya"
prices = { cpi = 1.0 }
)");
  INFO(rendered(result));
  REQUIRE(result.diagnostics.size() == 2);
  CHECK(result.diagnostics[0].pos == SourcePos{"test.toml", 17, 10}); // after "demand = "
  CHECK(result.diagnostics[0].message == "no index named 'pya' is defined; did you mean 'pay'?");
  // 'cpi' is 3 edits from 'pay', too far to suggest.
  CHECK(result.diagnostics[1].pos == SourcePos{"test.toml", 18, 12}); // after "prices = { "
  CHECK(result.diagnostics[1].message == "no index named 'cpi' is defined");
}

TEST_CASE("a reference to an undefined line is an error that suggests the nearest line")
{
  const Diagnostic problem = only_problem(check_with(R"([options.change]
name = "Change"

[options.change.overlays.team]
type = "recurring"
line = "stafing"
amount = 0.35
from = "2022-04"
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 20, 8}); // after "line = "
  CHECK(problem.message == "no line named 'stafing' is defined; did you mean 'staffing'?");
}

TEST_CASE("a reference to an undefined option is an error that suggests the nearest option")
{
  const Diagnostic problem = only_problem(check_with(R"([options.change]
name = "Change"
extends = "baselin"
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 17, 11}); // after "extends = "
  CHECK(problem.message == "no option named 'baselin' is defined; did you mean 'baseline'?");
}

TEST_CASE("options that extend each other in a cycle are one error")
{
  const Diagnostic problem = only_problem(check_with(R"([options.first]
name = "First"
extends = "second"

[options.second]
name = "Second"
extends = "first"
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 17, 11}); // first's extends, after "extends = "
  CHECK(problem.message == "options extend each other in a cycle: first -> second -> first");
}

TEST_CASE("an option that extends itself is a cycle")
{
  const Diagnostic problem = only_problem(check_with(R"([options.own]
name = "Own"
extends = "own"
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 17, 11});
  CHECK(problem.message == "options extend each other in a cycle: own -> own");
}

// --- Dates ----------------------------------------------------------------------------

TEST_CASE("a month off the grid is an error that names the scenario's years and months")
{
  const LoadResult result = check_with(R"([lines.grant]
base = -0.7
until = "2024-04"

[options.change]
name = "Change"

[options.change.overlays.team]
type = "recurring"
line = "staffing"
amount = 0.35
from = "2021-03"
until = "2024-03"
)");
  INFO(rendered(result));
  CHECK_FALSE(result.scenario);
  // 2024-04 is the month after the grid, 2021-03 the month before; 2024-03 is its last.
  REQUIRE(result.diagnostics.size() == 2);
  CHECK(result.diagnostics[0].pos == SourcePos{"test.toml", 17, 9}); // after "until = "
  CHECK(result.diagnostics[0].message
        == "'lines.grant.until' 2024-04 is outside the scenario's years 2021/22 to 2023/24 "
           "(2021-04 to 2024-03)");
  CHECK(result.diagnostics[1].pos == SourcePos{"test.toml", 26, 8}); // after "from = "
  CHECK(result.diagnostics[1].message
        == "'options.change.overlays.team.from' 2021-03 is outside the scenario's years "
           "2021/22 to 2023/24 (2021-04 to 2024-03)");
}

TEST_CASE("a budget year or ramp year outside the scenario's years is an error")
{
  const LoadResult result = check_with(R"([budget.years]
"2024/25" = 60.0
"2021/22" = 58.0

[options.change]
name = "Change"

[options.change.overlays.cut]
type = "saving"
line = "staffing"
target = 0.5
ramp = { "2020/21" = 0.5, "2023/24" = 1.0 }
)");
  INFO(rendered(result));
  CHECK_FALSE(result.scenario);
  REQUIRE(result.diagnostics.size() == 2);
  CHECK(result.diagnostics[0].pos == SourcePos{"test.toml", 16, 1}); // the year's key
  CHECK(result.diagnostics[0].message
        == "budget year 2024/25 is outside the scenario's years 2021/22 to 2023/24");
  // The fraction's value: after `ramp = { "2020/21" = `, 21 characters.
  CHECK(result.diagnostics[1].pos == SourcePos{"test.toml", 26, 22});
  CHECK(result.diagnostics[1].message
        == "ramp year 2020/21 is outside the scenario's years 2021/22 to 2023/24");
}

TEST_CASE("an until before its from is an error at the until")
{
  const auto window = [](const std::string& until) {
    return check_with(R"([options.change]
name = "Change"

[options.change.overlays.setup]
type = "one_off"
line = "staffing"
amount = 1.5
from = "2022-09"
until = ")" + until + R"("
)");
  };
  const Diagnostic problem = only_problem(window("2022-04"));
  CHECK(problem.pos == SourcePos{"test.toml", 23, 9}); // after "until = "
  CHECK(problem.message
        == "'options.change.overlays.setup.until' 2022-04 is before its 'from' 2022-09");
  // Both months are included, so a window of one month is valid.
  check_valid(window("2022-09"));
}

TEST_CASE("an index without a rate for a year after the base year and no default is an error")
{
  const Diagnostic problem = only_problem(check_with(R"([indices.cpi]
rates."2022/23" = 0.05
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 15, 10}); // the id in "[indices.cpi]"
  CHECK(problem.message == "index 'cpi' has no rate for 2023/24 and no 'default'");
  // With a rate for each year after the base year, no default is needed.
  check_valid(check_with(R"([indices.cpi]
rates."2022/23" = 0.05
rates."2023/24" = 0.04
)"));
}

TEST_CASE("an index rate for the base year is an error")
{
  const Diagnostic problem = only_problem(check_with(R"([indices.cpi]
rates."2021/22" = 0.05
default = 0.02
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 16, 19}); // after `rates."2021/22" = `
  CHECK(problem.message
        == "'indices.cpi.rates.2021/22': rates apply to the years after the base year, "
           "2022/23 to 2023/24");
}

TEST_CASE("an index_rate that starts in the base year is an error naming the earliest month")
{
  const auto grip_from = [](const std::string& from) {
    return check_with(R"([options.change]
name = "Change"

[options.change.overlays.grip]
type = "index_rate"
index = "pay"
rate = 0.01
from = ")" + from + R"("
)");
  };
  // 2022-03 is the last month of the base year 2021/22.
  const Diagnostic problem = only_problem(grip_from("2022-03"));
  CHECK(problem.pos == SourcePos{"test.toml", 22, 8}); // after "from = "
  CHECK(problem.message
        == "'options.change.overlays.grip.from' 2022-03 is in the base year: the base year's "
           "amounts fix every index's level in it, so a rate can change from 2022-04 at the "
           "earliest");
  check_valid(grip_from("2022-04"));
}

// --- Index timing ---------------------------------------------------------------------

TEST_CASE("an index's timing is annual or monthly, written plain or with its reason")
{
  check_valid(check_with("[indices.cpi]\ndefault = 0.02\ntiming = \"monthly\"\n"));
  check_valid(check_with("[indices.cpi]\ndefault = 0.02\ntiming = { value = \"annual\", "
                         "assumption = \"Fee uplifts from 1 April.\" }\nstep_month = 10\n"));
  const Diagnostic problem =
    only_problem(check_with("[indices.cpi]\ndefault = 0.02\ntiming = \"anual\"\n"));
  CHECK(problem.pos == SourcePos{"test.toml", 17, 10}); // after "timing = "
  CHECK(problem.message
        == "'indices.cpi.timing' = \"anual\" is not a timing (one of annual, monthly); did you "
           "mean 'annual'?");
}

TEST_CASE("step_month is a calendar month, and only an annual index has one")
{
  const Diagnostic outside =
    only_problem(check_with("[indices.cpi]\ndefault = 0.02\nstep_month = 13\n"));
  CHECK(outside.pos == SourcePos{"test.toml", 17, 14}); // after "step_month = "
  CHECK(outside.message.find("'indices.cpi.step_month' = 13 is not a month") == 0);
  const Diagnostic monthly = only_problem(
    check_with("[indices.cpi]\ndefault = 0.02\ntiming = \"monthly\"\nstep_month = 4\n"));
  CHECK(monthly.pos == SourcePos{"test.toml", 18, 14});
  CHECK(monthly.message.find("the index's timing is monthly") != std::string::npos);
  const Diagnostic text =
    only_problem(check_with("[indices.cpi]\ndefault = 0.02\nstep_month = \"April\"\n"));
  CHECK(text.message == "'indices.cpi.step_month' must be an integer (4 for April), not a string");
}

// --- Calibration to the known base year -------------------------------------------------

TEST_CASE("a known base-year total must be above 0")
{
  const Diagnostic problem =
    only_problem(check_with("[uncertainty]\nknown_base_year = { value = 0.0, sd = 0.5 }\n"));
  CHECK(problem.pos == SourcePos{"test.toml", 16, 29}); // the value inside the inline table
  CHECK(problem.message.find("'uncertainty.known_base_year' = 0 must be above 0") == 0);
  check_valid(check_with("[uncertainty]\nknown_base_year = 10.0\n"));
}

TEST_CASE("a known base-year total takes only value, sd, source and assumption")
{
  const Diagnostic problem =
    only_problem(check_with("[uncertainty]\nknown_base_year = { value = 10.0, sigma = 0.5 }\n"));
  CHECK(problem.message.find("unknown key 'sigma' in uncertainty.known_base_year") == 0);
}

// --- The horizon ----------------------------------------------------------------------

TEST_CASE("a horizon before the base year is an error at the horizon")
{
  const Diagnostic problem = only_problem(check(over_years("2022/23", "2021/22")));
  CHECK(problem.pos == SourcePos{"test.toml", 4, 11});
  CHECK(problem.message == "horizon 2021/22 is before the base year 2022/23");
}

TEST_CASE("a horizon in the base year makes a valid one-year scenario")
{
  check_valid(check(over_years("2021/22", "2021/22")));
}

TEST_CASE("a scenario may span 30 financial years but not 31")
{
  // 2021/22 to 2050/51 is 30 years, both included; to 2051/52 is 31.
  check_valid(check(over_years("2021/22", "2050/51")));
  const Diagnostic problem = only_problem(check(over_years("2021/22", "2051/52")));
  CHECK(problem.pos == SourcePos{"test.toml", 4, 11});
  CHECK(problem.message
        == "the scenario spans more than 30 financial years from its base year to its horizon");
}

TEST_CASE("a malformed base year is reported once, not again as every date off the grid")
{
  // Without a base year there is no grid to check the months and years against.
  const LoadResult result = check(R"([scenario]
name = "Unknown years"
base_year = "2021-22"
horizon = "2023/24"

[indices.pay]
rates."2022/23" = 0.03
default = 0.02

[lines.staffing]
base = 10.0
until = "2023-03"

[budget.years]
"2022/23" = 10.0

[options.baseline]
name = "Baseline"
)");
  const Diagnostic problem = only_problem(result);
  CHECK(problem.pos == SourcePos{"test.toml", 3, 13}); // after "base_year = "
  CHECK(problem.message.find("is not a financial year") != std::string::npos);
}

// --- The whole scenario ---------------------------------------------------------------

TEST_CASE("a scenario without lines or options is an error at the top of its file")
{
  const LoadResult result = check(R"([scenario]
name = "Empty"
base_year = "2021/22"
horizon = "2023/24"
)");
  INFO(rendered(result));
  CHECK_FALSE(result.scenario);
  REQUIRE(result.diagnostics.size() == 2);
  CHECK(result.diagnostics[0].pos == SourcePos{"test.toml", 1, 1});
  CHECK(result.diagnostics[0].message == "the scenario defines no cost lines under [lines]");
  CHECK(result.diagnostics[1].pos == SourcePos{"test.toml", 1, 1});
  CHECK(result.diagnostics[1].message == "the scenario defines no options under [options]");
}

TEST_CASE("read_scenario_text gives no scenario and every problem sorted by position")
{
  // The loader finds line 13's unknown key; validation then finds line 12's index (lines
  // are checked before options) and line 8's option. Sorted, they run 8, 12, 13.
  const LoadResult result = check(R"([scenario]
name = "Sorted"
base_year = "2021/22"
horizon = "2023/24"

[options.baseline]
name = "Baseline"
extends = "nothing"

[lines.staffing]
base = 10.0
demand = "pya"
bsae = 1.0
)");
  INFO(rendered(result));
  CHECK_FALSE(result.scenario);
  REQUIRE(result.diagnostics.size() == 3);
  CHECK(result.diagnostics[0].pos == SourcePos{"test.toml", 8, 11});
  CHECK(result.diagnostics[0].message == "no option named 'nothing' is defined");
  CHECK(result.diagnostics[1].pos == SourcePos{"test.toml", 12, 10});
  CHECK(result.diagnostics[1].message == "no index named 'pya' is defined");
  CHECK(result.diagnostics[2].pos == SourcePos{"test.toml", 13, 1});
  CHECK(result.diagnostics[2].message.find("unknown key 'bsae'") == 0);
}

TEST_CASE("the shipped scenarios validate without diagnostics")
{
  const std::filesystem::path scenarios =
    std::filesystem::path(__FILE__).parent_path() / "../../scenarios";
  for (const char* name :
       {"dcst_2022.toml", "dcst_2022_high_demand.toml", "dcst_2022_high_inflation.toml"}) {
    INFO("scenario: ", name);
    const LoadResult result = read_scenario(scenarios / name);
    INFO(rendered(result));
    CHECK(result.diagnostics.empty());
    REQUIRE(result.scenario);
    // dcst_2022.toml has 8 lines and 3 options; the variants only override values.
    CHECK(result.scenario->lines.size() == 8);
    CHECK(result.scenario->options.size() == 3);
  }
}

TEST_CASE("a scenario with more figures a draw than carecast evaluates is refused at its start")
{
  // 1 option x N lines x 30 years (2021/22 to 2050/51): 666 lines are 19,980 figures,
  // within the limit of 20,000; 667 lines are 20,010.
  const auto scenario = [](int lines) {
    std::string text = "[scenario]\nname = \"Large\"\nbase_year = \"2021/22\"\n"
                       "horizon = \"2050/51\"\n\n[options.baseline]\nname = \"Baseline\"\n";
    for (int l = 0; l < lines; ++l) {
      text += fmt::format("[lines.line_{}]\nbase = 1.0\n", l);
    }
    return text;
  };
  check_valid(check(scenario(666)));
  const Diagnostic problem = only_problem(check(scenario(667)));
  CHECK(problem.pos == SourcePos{"test.toml", 1, 1});
  CHECK(problem.message
        == "the scenario is too large to evaluate: 1 options x 667 lines and placement types x 30 "
           "years is 20010 figures a draw, and carecast evaluates at most 20000");
}

TEST_CASE("with roll-forward, a first budget year without a base step is an error at the year")
{
  const Diagnostic problem = only_problem(check_with(R"(
[budget]
roll_forward = true
[budget.years."2021/22"]
demand = { kind = "demand", value = 1.0 }
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 18, 15}); // the year's key
  CHECK(problem.message
        == "budget year 2021/22 has no step of kind \"base\": with 'budget.roll_forward' = true a "
           "year without one starts from the year before's budget, and 2021/22 is the first "
           "budget year");
}

TEST_CASE("with roll-forward, a year with nothing before it to roll forward is an error")
{
  // 2022/23 has no entry and there is no growth to fill it.
  const Diagnostic problem = only_problem(check_with(R"(
[budget]
roll_forward = true
[budget.years."2021/22"]
base = { kind = "base", value = 10.0 }
[budget.years."2023/24"]
demand = { kind = "demand", value = 1.0 }
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 20, 15});
  CHECK(problem.message
        == "budget year 2023/24 has no step of kind \"base\" and nothing to roll forward from: "
           "2022/23 has no budget (write it, or give 'budget.growth' to fill it)");
  // With growth, 2022/23 is grown and 2023/24 rolls forward from it.
  check_valid(check_with(R"(
[budget]
roll_forward = true
growth = 0.02
[budget.years."2021/22"]
base = { kind = "base", value = 10.0 }
[budget.years."2023/24"]
demand = { kind = "demand", value = 1.0 }
)"));
}

TEST_CASE("with roll-forward, no step may take the rolled-forward step's id")
{
  const Diagnostic problem = only_problem(check_with(R"(
[budget]
roll_forward = true
[budget.years."2021/22"]
rolled_forward = { kind = "base", value = 10.0 }
)"));
  CHECK(problem.message.find("the step id 'rolled_forward' is carecast's own")
        != std::string::npos);
}

TEST_CASE("a positive saving step is an error that suggests the negative amount")
{
  const Diagnostic problem = only_problem(check_with(R"(
[budget.years."2021/22"]
base = { kind = "base", value = 10.0 }
cut = { kind = "saving", value = 0.8 }
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 18, 34});
  CHECK(problem.message
        == "'budget.years.2021/22.cut' = 0.8 is positive: a saving step comes off the budget, so "
           "it is written as a negative amount (did you mean -0.8?)");
}

TEST_CASE("an overlay that adds cost cannot deliver a saving")
{
  const Diagnostic problem = only_problem(check_with(R"(
[options.baseline.overlays.team]
type = "recurring"
line = "staffing"
amount = 0.5
from = "2022-04"
delivers_saving = true
)"));
  CHECK(problem.pos == SourcePos{"test.toml", 21, 19});
  CHECK(problem.message
        == "'options.baseline.overlays.team.delivers_saving': "
           "'options.baseline.overlays.team.amount' = 0.5 adds cost, so it delivers no saving; an "
           "amount that saves is written as a negative amount");
}
