#include "carecast/loader.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace carecast;

// Positions in these tests are counted by hand in the inline TOML: each raw string starts
// with its line 1 right after R"(, lines and columns count from 1, and a column counts
// characters (toml++ counts '£' as one column).

namespace {

LoadResult load(std::string text)
{
  return load_scenario_text(std::move(text), "test.toml");
}

// Every diagnostic rendered, to show in a failing check.
std::string rendered(const LoadResult& result)
{
  std::string text;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    text += render(diagnostic, result.sources);
  }
  return text;
}

const Diagnostic& only_diagnostic(const LoadResult& result)
{
  INFO(rendered(result));
  REQUIRE(result.diagnostics.size() == 1);
  return result.diagnostics.front();
}

bool mentions(const LoadResult& result, std::string_view part)
{
  for (const Diagnostic& diagnostic : result.diagnostics) {
    if (diagnostic.message.find(part) != std::string::npos) {
      return true;
    }
  }
  return false;
}

// A fresh directory under the system's temporary directory, removed with everything in it
// at the end of the test.
class TempDir
{
public:
  TempDir()
  {
    // Test cases may run in parallel processes: the clock, a random number and a counter
    // keep their directories apart.
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    m_path = (std::filesystem::temp_directory_path()
              / ("carecast-loader-test-" + std::to_string(stamp) + "-"
                 + std::to_string(std::random_device{}()) + "-" + std::to_string(counter++)))
               .lexically_normal();
    std::filesystem::create_directories(m_path);
  }
  ~TempDir()
  {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::filesystem::path write(const std::string& name, const std::string& text) const
  {
    const std::filesystem::path path = m_path / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
  std::filesystem::path m_path;
};

// One of every kind of number the format has.
const std::string k_full = R"([scenario]
name = "Full"
description = "Every kind of number."
base_year = "2021/22"
horizon = "2023/24"

[indices.pay]
name = "Pay award"
rates."2022/23" = { value = 0.03, source = "Pay deal 2022" }
default = { value = 0.02, assumption = "The 2% inflation target" }

[indices.demand]
default = 0.033

[indices.cpi]
default = 0.02

[lines.staffing]
name = "Staff"
base = { value = 24.6, assumption = "450 posts at £55k" }
demand = "demand"
prices = { pay = 0.7, cpi = 0.3 }
until = "2023-03"

[budget]
growth = 0.03

[budget.years]
"2021/22" = 58.17

[budget.years."2022/23"]
contract = { name = "Contract value", value = 58.17, source = "Cabinet report, para 44" }
demand = 3.54

[options.baseline]
name = "Baseline"
description = "Nothing changes."

[options.change]
name = "Change"
extends = "baseline"

[options.change.overlays.team]
type = "recurring"
line = "staffing"
amount = 0.35
from = "2022-04"
until = "2023-09"
indexed = "pay"

[options.change.overlays.setup]
type = "one_off"
line = "staffing"
amount = 1.5
from = "2022-04"
until = "2022-09"

[options.change.overlays.cut]
type = "saving"
line = "staffing"
target = 0.8
from = "2022-10"
ramp = { "2022/23" = 0.5, "2023/24" = 1.0 }

[options.change.overlays.stop]
type = "stop_line"
line = "staffing"
keep = 0.25
from = "2022-10"

[options.change.overlays.grip]
type = "index_rate"
index = "pay"
rate = 0.01
from = "2023-04"
)";

// The base of the `extends` tests.
const std::string k_base = R"([scenario]
name = "Base"
base_year = "2021/22"
horizon = "2023/24"

[indices.pay]
rates."2022/23" = 0.03
default = 0.02

[lines.staffing]
base = { value = 24.6, source = "Budget book" }
prices = { pay = 1.0 }

[options.baseline]
name = "Baseline"
)";

} // namespace

// --- A scenario that loads ------------------------------------------------------------

TEST_CASE("a scenario with every kind of number loads without diagnostics")
{
  const LoadResult result = load(k_full);
  INFO(rendered(result));
  CHECK(result.diagnostics.empty());
  REQUIRE(result.scenario);
  CHECK(result.scenario->files == std::vector<std::string>{"test.toml"});
}

TEST_CASE("a loaded scenario holds the values its file states")
{
  const LoadResult result = load(k_full);
  REQUIRE(result.scenario);
  const Scenario& scenario = *result.scenario;

  CHECK(scenario.name == "Full");
  CHECK(scenario.description == "Every kind of number.");
  CHECK(scenario.unit == "£m"); // the default, as the file states none
  CHECK(scenario.base_year == FinancialYear{2021});
  CHECK(scenario.horizon == FinancialYear{2023});

  REQUIRE(scenario.indices.size() == 3);
  const Index& pay = scenario.indices[0];
  CHECK(pay.id == "pay");
  CHECK(pay.name == "Pay award");
  REQUIRE(pay.rates.size() == 1);
  CHECK(pay.rates[0].year == FinancialYear{2022});
  CHECK(pay.rates[0].rate.value == 0.03);
  REQUIRE(pay.default_rate);
  CHECK(pay.default_rate->value == 0.02);
  CHECK(scenario.indices[1].rates.empty());
  CHECK(scenario.indices[1].default_rate->value == 0.033);

  REQUIRE(scenario.lines.size() == 1);
  const Line& staffing = scenario.lines[0];
  CHECK(staffing.id == "staffing");
  CHECK(staffing.name == "Staff");
  CHECK(staffing.base->value == 24.6);
  REQUIRE(staffing.demand);
  CHECK(staffing.demand->id == "demand");
  REQUIRE(staffing.prices.size() == 2);
  CHECK(staffing.prices[0].index.id == "pay");
  CHECK(staffing.prices[0].share.value == 0.7);
  CHECK(staffing.prices[1].index.id == "cpi");
  CHECK(staffing.prices[1].share.value == 0.3);
  REQUIRE(staffing.until);
  CHECK(to_string(staffing.until->month) == "2023-03");

  REQUIRE(scenario.budget.growth);
  CHECK(scenario.budget.growth->value == 0.03);
  REQUIRE(scenario.budget.years.size() == 2);
  // A year given as one figure is a build-up of one step named "budget".
  const BudgetYear& first = scenario.budget.years[0];
  CHECK(first.year == FinancialYear{2021});
  REQUIRE(first.steps.size() == 1);
  CHECK(first.steps[0].id == "budget");
  CHECK(first.steps[0].amount.value == 58.17);
  const BudgetYear& second = scenario.budget.years[1];
  CHECK(second.year == FinancialYear{2022});
  REQUIRE(second.steps.size() == 2);
  CHECK(second.steps[0].id == "contract");
  CHECK(second.steps[0].name == "Contract value");
  CHECK(second.steps[0].amount.value == 58.17);
  CHECK(second.steps[1].id == "demand");
  CHECK(second.steps[1].name == "demand"); // a step without a name is named by its id
  CHECK(second.steps[1].amount.value == 3.54);

  REQUIRE(scenario.options.size() == 2);
  CHECK(scenario.options[0].id == "baseline");
  CHECK(scenario.options[0].name == "Baseline");
  CHECK(scenario.options[0].description == "Nothing changes.");
  CHECK(scenario.options[0].overlays.empty());
  CHECK_FALSE(scenario.options[0].extends);
  const Option& change = scenario.options[1];
  REQUIRE(change.extends);
  CHECK(change.extends->id == "baseline");
  REQUIRE(change.overlays.size() == 5);

  const Overlay& team = change.overlays[0];
  CHECK(team.id == "team");
  CHECK(team.kind == OverlayKind::recurring);
  CHECK(team.target.id == "staffing");
  CHECK(team.value.value == 0.35);
  REQUIRE(team.from);
  REQUIRE(team.until);
  CHECK(to_string(team.from->month) == "2022-04");
  CHECK(to_string(team.until->month) == "2023-09");
  REQUIRE(team.indexed_by);
  CHECK(team.indexed_by->id == "pay");

  const Overlay& setup = change.overlays[1];
  CHECK(setup.kind == OverlayKind::one_off);
  CHECK(setup.value.value == 1.5);

  const Overlay& cut = change.overlays[2];
  CHECK(cut.kind == OverlayKind::saving);
  CHECK(cut.value.value == 0.8);
  REQUIRE(cut.ramp.size() == 2);
  CHECK(cut.ramp[0].year == FinancialYear{2022});
  CHECK(cut.ramp[0].fraction.value == 0.5);
  CHECK(cut.ramp[1].year == FinancialYear{2023});
  CHECK(cut.ramp[1].fraction.value == 1.0);

  const Overlay& stop = change.overlays[3];
  CHECK(stop.kind == OverlayKind::stop_line);
  CHECK(stop.value.value == 0.25);
  CHECK_FALSE(stop.until);

  const Overlay& grip = change.overlays[4];
  CHECK(grip.kind == OverlayKind::index_rate);
  CHECK(grip.target.id == "pay");
  CHECK(grip.value.value == 0.01);
}

TEST_CASE("every number has its parameter address and unit")
{
  const LoadResult result = load(k_full);
  REQUIRE(result.scenario);
  const Scenario& scenario = *result.scenario;
  const Line& staffing = scenario.lines.at(0);
  const std::vector<Overlay>& overlays = scenario.options.at(1).overlays;
  REQUIRE(overlays.size() == 5);
  REQUIRE(scenario.indices.at(0).default_rate);
  REQUIRE(scenario.budget.growth);

  // Addresses and units as the table in docs/scenario-format.md section 2 gives them.
  const std::vector<std::pair<const Number*, std::pair<std::string, std::string>>> expected{
    {&scenario.indices[0].rates.at(0).rate, {"indices.pay.rates.2022/23", "rate/yr"}},
    {&*scenario.indices[0].default_rate, {"indices.pay.default", "rate/yr"}},
    {&*staffing.base, {"lines.staffing.base", "£m/yr"}},
    {&staffing.prices.at(0).share, {"lines.staffing.prices.pay", "share"}},
    {&*scenario.budget.growth, {"budget.growth", "rate/yr"}},
    {&scenario.budget.years.at(0).steps.at(0).amount, {"budget.years.2021/22", "£m"}},
    {&scenario.budget.years.at(1).steps.at(0).amount, {"budget.years.2022/23.contract", "£m"}},
    {&scenario.budget.years.at(1).steps.at(1).amount, {"budget.years.2022/23.demand", "£m"}},
    {&overlays[0].value, {"options.change.overlays.team.amount", "£m/yr"}},
    {&overlays[1].value, {"options.change.overlays.setup.amount", "£m"}},
    {&overlays[2].value, {"options.change.overlays.cut.target", "£m/yr"}},
    {&overlays[2].ramp.at(0).fraction, {"options.change.overlays.cut.ramp.2022/23", "fraction"}},
    {&overlays[3].value, {"options.change.overlays.stop.keep", "share"}},
    {&overlays[4].value, {"options.change.overlays.grip.rate", "rate/yr"}},
  };
  for (const auto& [number, address] : expected) {
    INFO("expected address: ", address.first);
    CHECK(number->path == address.first);
    CHECK(number->unit == address.second);
  }
}

TEST_CASE("a number keeps the source or assumption written beside it")
{
  const LoadResult result = load(k_full);
  REQUIRE(result.scenario);
  const Scenario& scenario = *result.scenario;

  const Provenance& sourced = scenario.indices.at(0).rates.at(0).rate.provenance;
  CHECK(sourced.source == "Pay deal 2022");
  CHECK(sourced.assumption.empty());

  const Provenance& assumed = scenario.lines.at(0).base->provenance;
  CHECK(assumed.source.empty());
  CHECK(assumed.assumption == "450 posts at £55k");

  const Provenance& step = scenario.budget.years.at(1).steps.at(0).amount.provenance;
  CHECK(step.source == "Cabinet report, para 44");

  // A plain number has neither.
  const Provenance& plain = scenario.indices.at(1).default_rate->provenance;
  CHECK(plain.source.empty());
  CHECK(plain.assumption.empty());
}

TEST_CASE("a number is located at its value, also inside a { value = ... } table")
{
  const LoadResult result = load(k_full);
  REQUIRE(result.scenario);
  // Line 9: rates."2022/23" = { value = 0.03, ... }; 0.03 starts at column 29.
  const SourcePos& rate = result.scenario->indices.at(0).rates.at(0).rate.pos;
  CHECK(rate == SourcePos{"test.toml", 9, 29});
  // Line 13: default = 0.033; the value starts at column 11.
  const SourcePos& plain = result.scenario->indices.at(1).default_rate->pos;
  CHECK(plain == SourcePos{"test.toml", 13, 11});
}

TEST_CASE("the scenario's unit is the unit of every amount")
{
  const LoadResult result = load(R"([scenario]
name = "Thousands of euros"
base_year = "2021/22"
horizon = "2023/24"
unit = "€k"

[lines.staffing]
base = 100.0

[budget.years]
"2021/22" = 100.0

[options.change]
name = "Change"

[options.change.overlays.setup]
type = "one_off"
line = "staffing"
amount = 10.0
from = "2022-04"
until = "2022-09"
)");
  INFO(rendered(result));
  REQUIRE(result.scenario);
  CHECK(result.diagnostics.empty());
  CHECK(result.scenario->unit == "€k");
  CHECK(result.scenario->lines.at(0).base->unit == "€k/yr");
  CHECK(result.scenario->budget.years.at(0).steps.at(0).amount.unit == "€k");
  CHECK(result.scenario->options.at(0).overlays.at(0).value.unit == "€k");
}

TEST_CASE("tables come out in the order of the file, not alphabetically")
{
  const LoadResult result = load(R"([scenario]
name = "Order"
base_year = "2021/22"
horizon = "2023/24"

[indices.zeta]
rates."2023/24" = 0.02
rates."2022/23" = 0.03

[indices.alpha]
default = 0.02

[lines.zulu]
base = 1.0
prices = { zeta = 0.5, alpha = 0.5 }

[lines.mike]
base = 2.0

[lines.alpha]
base = 3.0

[budget.years."2023/24"]
zz = 1.0
aa = 2.0

[budget.years."2022/23"]
only = 1.0

[options.zulu]
name = "Listed first"

[options.alpha]
name = "Listed second"

[options.alpha.overlays.z_team]
type = "recurring"
line = "zulu"
amount = 1.0
from = "2022-04"

[options.alpha.overlays.a_team]
type = "recurring"
line = "alpha"
amount = 1.0
from = "2022-04"
)");
  INFO(rendered(result));
  CHECK(result.diagnostics.empty());
  REQUIRE(result.scenario);
  const Scenario& scenario = *result.scenario;

  const auto ids = [](const auto& items) {
    std::vector<std::string> out;
    for (const auto& item : items) {
      out.push_back(item.id);
    }
    return out;
  };
  using Ids = std::vector<std::string>;
  CHECK(ids(scenario.indices) == Ids{"zeta", "alpha"});
  CHECK(ids(scenario.lines) == Ids{"zulu", "mike", "alpha"});
  CHECK(ids(scenario.options) == Ids{"zulu", "alpha"});
  CHECK(ids(scenario.options.at(1).overlays) == Ids{"z_team", "a_team"});

  const Index& zeta = scenario.indices.at(0);
  REQUIRE(zeta.rates.size() == 2);
  CHECK(zeta.rates[0].year == FinancialYear{2023});
  CHECK(zeta.rates[1].year == FinancialYear{2022});

  const Line& zulu = scenario.lines.at(0);
  REQUIRE(zulu.prices.size() == 2);
  CHECK(zulu.prices[0].index.id == "zeta");
  CHECK(zulu.prices[1].index.id == "alpha");

  REQUIRE(scenario.budget.years.size() == 2);
  CHECK(scenario.budget.years[0].year == FinancialYear{2023});
  CHECK(scenario.budget.years[1].year == FinancialYear{2022});
  CHECK(ids(scenario.budget.years[0].steps) == Ids{"zz", "aa"});
}

// --- Structural errors, each at its exact line and column -------------------------------

TEST_CASE("an unknown key is an error at the key that suggests the nearest known key")
{
  const LoadResult result = load(R"([scenario]
name = "Unknown key"
base_year = "2021/22"
horizon = "2023/24"

[lines.staffing]
bsae = 10.0
base = 10.0

[options.baseline]
name = "Baseline"
)");
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{"test.toml", 7, 1});
  CHECK(diagnostic.message == "unknown key 'bsae' in [lines.staffing]; did you mean 'base'?");
}

TEST_CASE("an unknown key inside a { value = ... } number is an error at that key")
{
  const LoadResult result = load(R"([scenario]
name = "Unknown provenance key"
base_year = "2021/22"
horizon = "2023/24"

[lines.staffing]
base = { value = 10.0, sorce = "Budget book" }

[options.baseline]
name = "Baseline"
)");
  const Diagnostic& diagnostic = only_diagnostic(result);
  // Line 7: "base = { value = 10.0, " is 23 characters, so 'sorce' starts at column 24.
  CHECK(diagnostic.pos == SourcePos{"test.toml", 7, 24});
  CHECK(diagnostic.message == "unknown key 'sorce' in lines.staffing.base; did you mean 'source'?");
}

TEST_CASE("a value of the wrong type is an error at the value")
{
  const LoadResult result = load(R"([scenario]
name = "Wrong types"
base_year = "2021/22"
horizon = "2023/24"

[lines.staffing]
name = 12
base = "ten million"
prices = 1.0

[options.baseline]
name = "Baseline"
)");
  INFO(rendered(result));
  REQUIRE(result.diagnostics.size() == 3);
  // "name = " and "base = " are 7 characters, "prices = " 9.
  CHECK(result.diagnostics[0].pos == SourcePos{"test.toml", 7, 8});
  CHECK(result.diagnostics[0].message == "'lines.staffing.name' must be a string, not an integer");
  CHECK(result.diagnostics[1].pos == SourcePos{"test.toml", 8, 8});
  CHECK(result.diagnostics[1].message == "'lines.staffing.base' must be a number, not a string");
  CHECK(result.diagnostics[2].pos == SourcePos{"test.toml", 9, 10});
  CHECK(result.diagnostics[2].message == "'lines.staffing.prices' must be a table, not a number");
}

TEST_CASE("a missing required key is an error at the header of its table")
{
  const LoadResult result = load(R"([scenario]
name = "Missing keys"
base_year = "2021/22"
horizon = "2023/24"

[lines.staffing]
name = "Staff"

[options.baseline]
description = "No name."
)");
  INFO(rendered(result));
  // A line's base is checked by validation, which knows whether the care ladder feeds it.
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].pos == SourcePos{"test.toml", 9, 1});
  CHECK(result.diagnostics[0].message == "missing key 'options.baseline.name'");
}

TEST_CASE("a text without a [scenario] table is an error at its start")
{
  const LoadResult result = load(R"([lines.staffing]
base = 10.0

[options.baseline]
name = "Baseline"
)");
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{"test.toml", 1, 1});
  CHECK(diagnostic.message == "missing table [scenario]");
}

TEST_CASE("a malformed month is an error at the month")
{
  const LoadResult result = load(R"([scenario]
name = "Bad month"
base_year = "2021/22"
horizon = "2023/24"

[lines.staffing]
base = 10.0
until = "2022-13"

[options.baseline]
name = "Baseline"
)");
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{"test.toml", 8, 9}); // after "until = ", 8 characters
  CHECK(diagnostic.message
        == "'lines.staffing.until' = \"2022-13\" is not a month; write months as YYYY-MM, "
           "e.g. \"2022-10\"");
  REQUIRE(result.scenario);
  CHECK_FALSE(result.scenario->lines.at(0).until);
}

TEST_CASE("an empty month is an error, not a month left out")
{
  // `from` is required for a recurring overlay; "" is no month at all.
  const LoadResult result = load(R"([scenario]
name = "Empty month"
base_year = "2021/22"
horizon = "2023/24"

[lines.staffing]
base = 10.0

[options.baseline]
name = "Baseline"

[options.baseline.overlays.team]
type = "recurring"
line = "staffing"
amount = 0.35
from = ""
)");
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{"test.toml", 16, 8}); // after "from = ", 7 characters
  CHECK(diagnostic.message.find("is not a month") != std::string::npos);
}

TEST_CASE("a base year that is not YYYY/YY is an error at the value")
{
  const LoadResult result = load(R"([scenario]
name = "Bad base year"
base_year = "2021-22"
horizon = "2023/24"

[lines.staffing]
base = 10.0

[options.baseline]
name = "Baseline"
)");
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{"test.toml", 3, 13}); // after "base_year = ", 12 characters
  CHECK(diagnostic.message
        == "'scenario.base_year' = \"2021-22\" is not a financial year; write years as "
           "YYYY/YY between 1900/01 and 2200/01, e.g. \"2021/22\"");
}

TEST_CASE("a base year or horizon outside 1900/01 to 2200/01 is an error at the value")
{
  // The base year's value is at line 3, column 13 (after "base_year = "), the horizon's
  // at line 4, column 11 (after "horizon = ").
  const auto with_years = [](const std::string& base_year, const std::string& horizon) {
    return load(
      "[scenario]\nname = \"Far years\"\nbase_year = \"" + base_year + "\"\nhorizon = \"" + horizon
      + "\"\n\n[lines.staffing]\nbase = 10.0\n\n[options.baseline]\nname = \"Baseline\"\n");
  };
  const LoadResult early = with_years("1899/00", "1900/01");
  CHECK(only_diagnostic(early).pos == SourcePos{"test.toml", 3, 13});
  CHECK(early.diagnostics.front().message.find("is not a financial year") != std::string::npos);
  const LoadResult late = with_years("2200/01", "2201/02");
  CHECK(only_diagnostic(late).pos == SourcePos{"test.toml", 4, 11});
  // The first and last years allowed load without a problem.
  const LoadResult edges = with_years("1900/01", "2200/01");
  INFO(rendered(edges));
  CHECK(edges.diagnostics.empty());
}

TEST_CASE("an empty horizon is an error, not a year left out")
{
  const LoadResult result = load(R"([scenario]
name = "Empty horizon"
base_year = "2021/22"
horizon = ""

[lines.staffing]
base = 10.0

[options.baseline]
name = "Baseline"
)");
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{"test.toml", 4, 11}); // after "horizon = ", 10 characters
  CHECK(diagnostic.message.find("is not a financial year") != std::string::npos);
}

TEST_CASE("a financial-year key that is not YYYY/YY is an error at the key")
{
  const LoadResult result = load(R"([scenario]
name = "Bad year keys"
base_year = "2021/22"
horizon = "2023/24"

[indices.pay]
rates."2022-23" = 0.03
default = 0.02

[lines.staffing]
base = 10.0

[budget.years."2022/2023"]
contract = 58.17

[options.baseline]
name = "Baseline"
)");
  INFO(rendered(result));
  REQUIRE(result.diagnostics.size() == 2);
  // The key's opening quote: after `rates.` (6 characters) and after `[budget.years.` (14).
  CHECK(result.diagnostics[0].pos == SourcePos{"test.toml", 7, 7});
  CHECK(result.diagnostics[0].message
        == "'2022-23' is not a financial year; write years as YYYY/YY, e.g. \"2022/23\"");
  CHECK(result.diagnostics[1].pos == SourcePos{"test.toml", 13, 15});
  CHECK(result.diagnostics[1].message
        == "'2022/2023' is not a financial year; write years as YYYY/YY, e.g. \"2022/23\"");
  REQUIRE(result.scenario);
  CHECK(result.scenario->indices.at(0).rates.empty());
  CHECK(result.scenario->budget.years.empty());
}

TEST_CASE("an unknown overlay type is an error at the type that suggests the nearest type")
{
  const LoadResult result = load(R"([scenario]
name = "Overlay type"
base_year = "2021/22"
horizon = "2023/24"

[lines.staffing]
base = 10.0

[options.baseline]
name = "Baseline"

[options.baseline.overlays.team]
type = "reccuring"
line = "staffing"
amount = 0.35
from = "2022-04"
)");
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{"test.toml", 13, 8}); // after "type = "
  CHECK(diagnostic.message
        == "'options.baseline.overlays.team.type' = \"reccuring\" is not an overlay type (one "
           "of recurring, one_off, saving, stop_line, index_rate, shift_entries, shift_moves, "
           "entries, unit_cost, capacity); did you mean 'recurring'?");
  REQUIRE(result.scenario);
  CHECK(result.scenario->options.at(0).overlays.empty());
}

TEST_CASE("a TOML syntax error is the only problem reported and leaves no scenario")
{
  const LoadResult result = load(R"([scenario]
name = "Unclosed
base_year = "2021/22"
bsae = 1
)");
  CHECK_FALSE(result.scenario);
  const Diagnostic& diagnostic = only_diagnostic(result);
  // `name = "Unclosed` is 16 characters; the parser stops at the newline after them.
  CHECK(diagnostic.pos == SourcePos{"test.toml", 2, 17});
  CHECK_FALSE(diagnostic.message.empty());
}

TEST_CASE("a number that is not finite is an error at the value")
{
  for (const std::string literal : {"nan", "+nan", "inf", "-inf"}) {
    INFO("literal: ", literal);
    const LoadResult result = load(R"([scenario]
name = "Not finite"
base_year = "2021/22"
horizon = "2023/24"

[lines.staffing]
base = )" + literal + R"(

[options.baseline]
name = "Baseline"
)");
    const Diagnostic& diagnostic = only_diagnostic(result);
    CHECK(diagnostic.pos == SourcePos{"test.toml", 7, 8});
    CHECK(diagnostic.message == "'lines.staffing.base' must be a finite number");
  }
  // The same inside a { value = ... } table: the value starts at column 18.
  const LoadResult result = load(R"([scenario]
name = "Not finite"
base_year = "2021/22"
horizon = "2023/24"

[lines.staffing]
base = { value = inf, source = "?" }

[options.baseline]
name = "Baseline"
)");
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{"test.toml", 7, 18});
  CHECK(diagnostic.message == "'lines.staffing.base' must be a finite number");
}

TEST_CASE("a { ... } number without a value is an error at the table")
{
  const LoadResult result = load(R"([scenario]
name = "No value"
base_year = "2021/22"
horizon = "2023/24"

[lines.staffing]
base = { source = "Budget book" }

[options.baseline]
name = "Baseline"
)");
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{"test.toml", 7, 8});
  CHECK(diagnostic.message == "'lines.staffing.base' has no 'value'");
}

TEST_CASE("an empty reference is an error at the value")
{
  const LoadResult result = load(R"([scenario]
name = "Empty reference"
base_year = "2021/22"
horizon = "2023/24"

[lines.staffing]
base = 10.0
demand = ""

[options.baseline]
name = "Baseline"
)");
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{"test.toml", 8, 10}); // after "demand = "
  CHECK(diagnostic.message == "'lines.staffing.demand' must not be empty");
}

TEST_CASE("every problem in a text is reported in one pass")
{
  const LoadResult result = load(R"([scenario]
name = "Many problems"
base_year = "2021/22"
horizon = "2023/24"
unti = "£m"

[indices.pay]
rates."2022-23" = 0.03
default = nan

[lines.staffing]
base = "ten"
until = "2022-13"

[options.baseline]
name = "Baseline"

[options.baseline.overlays.team]
type = "reccuring"
)");
  INFO(rendered(result));
  std::vector<SourcePos> positions;
  for (const Diagnostic& diagnostic : result.diagnostics) {
    positions.push_back(diagnostic.pos);
  }
  CHECK(positions
        == std::vector<SourcePos>{{"test.toml", 5, 1},    // unknown key 'unti'
                                  {"test.toml", 8, 7},    // '2022-23' is not a financial year
                                  {"test.toml", 9, 11},   // nan
                                  {"test.toml", 12, 8},   // a string for a number
                                  {"test.toml", 13, 9},   // 2022-13 is not a month
                                  {"test.toml", 19, 8}}); // "reccuring" is not an overlay type
  // The scenario is still read as far as the file allows.
  CHECK(result.scenario);
}

// --- extends ---------------------------------------------------------------------------

TEST_CASE("a variant overrides one rate and inherits the rest of the scenario it extends")
{
  const TempDir dir;
  dir.write("base.toml", k_base);
  const auto variant = dir.write("variant.toml", R"(extends = "base.toml"

[indices.pay]
rates."2022/23" = 0.05
)");
  const LoadResult result = load_scenario_file(variant);
  INFO(rendered(result));
  CHECK(result.diagnostics.empty());
  REQUIRE(result.scenario);
  const Index& pay = result.scenario->indices.at(0);
  REQUIRE(pay.rates.size() == 1);
  CHECK(pay.rates[0].rate.value == 0.05);
  CHECK(pay.rates[0].rate.path == "indices.pay.rates.2022/23"); // the same address as in the base
  // The overridden value is located in the variant, the inherited one in the base.
  CHECK(pay.rates[0].rate.pos == SourcePos{variant.string(), 4, 19});
  REQUIRE(pay.default_rate);
  CHECK(pay.default_rate->value == 0.02);
  CHECK(pay.default_rate->pos == SourcePos{dir.file("base.toml"), 8, 11});
  CHECK(result.scenario->name == "Base");
  CHECK(result.scenario->lines.at(0).base->value == 24.6);
}

TEST_CASE("a plain number in a variant replaces a { value = ... } number whole")
{
  const TempDir dir;
  dir.write("base.toml", k_base);
  const auto variant = dir.write("variant.toml", R"(extends = "base.toml"

[lines.staffing]
base = 30.0
)");
  const LoadResult result = load_scenario_file(variant);
  INFO(rendered(result));
  CHECK(result.diagnostics.empty());
  REQUIRE(result.scenario);
  REQUIRE(result.scenario->lines.at(0).base);
  const Number& base = *result.scenario->lines.at(0).base;
  CHECK(base.value == 30.0);
  CHECK(base.path == "lines.staffing.base");
  CHECK(base.provenance.source.empty()); // the base's "Budget book" went with its value
  CHECK(base.pos == SourcePos{variant.string(), 4, 8});
}

TEST_CASE("an override of a key the base lacks is an error in the variant with a suggestion")
{
  const TempDir dir;
  dir.write("base.toml", k_base);
  const auto variant = dir.write("variant.toml", R"(extends = "base.toml"

[indices.pay]
defualt = 0.05
)");
  const LoadResult result = load_scenario_file(variant);
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{variant.string(), 4, 1});
  CHECK(diagnostic.message
        == "'indices.pay.defualt' does not exist in the extended scenario '" + dir.file("base.toml")
             + "'; an override must name an existing key; did you mean 'default'?");
}

TEST_CASE("two files that extend each other are an error")
{
  const TempDir dir;
  const auto first = dir.write("a.toml", "extends = \"b.toml\"\n" + k_base);
  dir.write("b.toml", "extends = \"a.toml\"\n" + k_base);
  const LoadResult result = load_scenario_file(first);
  CHECK_FALSE(result.scenario);
  const Diagnostic& diagnostic = only_diagnostic(result);
  // Reading a.toml reads b.toml, whose `extends` value (column 11) names a.toml again.
  CHECK(diagnostic.pos == SourcePos{dir.file("b.toml"), 1, 11});
  CHECK(diagnostic.message
        == "'extends' makes a cycle: '" + dir.file("a.toml") + "' is already being extended");
}

TEST_CASE("a missing base file is an error at the extends value")
{
  const TempDir dir;
  const auto variant = dir.write("variant.toml", R"(# The base is missing.
extends = "no_such_base.toml"
)");
  const LoadResult result = load_scenario_file(variant);
  CHECK_FALSE(result.scenario);
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{variant.string(), 2, 11}); // after `extends = `
  CHECK(diagnostic.message == "cannot read scenario file '" + dir.file("no_such_base.toml") + "'");
}

TEST_CASE("a variant's scenario lists its own file, then the file it extends")
{
  const TempDir dir;
  dir.write("base.toml", k_base);
  const auto variant = dir.write("variant.toml", R"(extends = "base.toml"

[scenario]
name = "Variant"
)");
  const LoadResult result = load_scenario_file(variant);
  INFO(rendered(result));
  REQUIRE(result.scenario);
  CHECK(result.scenario->name == "Variant");
  CHECK(result.scenario->files
        == std::vector<std::string>{variant.string(), dir.file("base.toml")});
}

TEST_CASE("a scenario file that does not exist is an error without a line")
{
  const TempDir dir;
  const LoadResult result = load_scenario_file(dir.file("absent.toml"));
  CHECK_FALSE(result.scenario);
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{dir.file("absent.toml"), 0, 0});
  CHECK(diagnostic.message == "cannot read scenario file '" + dir.file("absent.toml") + "'");
}

TEST_CASE("an empty scenario file is read, and reported as lacking [scenario]")
{
  // An empty file is readable and valid TOML: its problem is what it lacks.
  const TempDir dir;
  const auto empty = dir.write("empty.toml", "");
  const LoadResult result = load_scenario_file(empty);
  INFO(rendered(result));
  CHECK_FALSE(mentions(result, "cannot read"));
  CHECK(mentions(result, "missing table [scenario]"));
}

TEST_CASE("a line longer than 4,096 bytes is refused at its first byte past the limit")
{
  // Line 2 is a comment of 4,097 bytes: "#" and 4,096 "x".
  const LoadResult result = load("[scenario]\n#" + std::string(k_max_line_bytes, 'x') + "\n");
  CHECK_FALSE(result.scenario);
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].pos == SourcePos{"test.toml", 2, 4097});
  CHECK(result.diagnostics[0].message.starts_with("line is longer than 4096 bytes"));
}

TEST_CASE("a line of exactly 4,096 bytes is read")
{
  const LoadResult result = load("#" + std::string(k_max_line_bytes - 1, 'x') + "\n");
  for (const Diagnostic& diagnostic : result.diagnostics) {
    CHECK_FALSE(diagnostic.message.starts_with("line is longer"));
  }
}

TEST_CASE("keys nested as deep as a line allows are parsed, not followed until the stack runs out")
{
  // A header of 2,048 parts ("a." 2,047 times and "a": 4,095 bytes) is within the
  // line limit; it is an unknown table, reported like any other.
  std::string header = "[a";
  for (int part = 1; part < 2048; ++part) {
    header += ".a";
  }
  const LoadResult result = load(header + "]\n");
  CHECK_FALSE(result.scenario);
  CHECK_FALSE(result.diagnostics.empty());
}

TEST_CASE("a scenario in memory over the input size limit is refused")
{
  const LoadResult result = load(std::string(k_max_input_bytes + 1, '\n'));
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message
        == "the scenario is 4194305 bytes; carecast reads files of at most 4194304 bytes");
}

TEST_CASE("a key or text with a control character, written as a TOML escape, is refused there")
{
  // Line 2: the name holds ESC (U+001B) at column 8; line 3: a quoted key holds NUL.
  const LoadResult result = load("[scenario]\nname = \"x\\u001b[2J\"\n\"a\\u0000\" = 1\n"
                                 "description = \"tabs\\tand\\nnewlines are text\"\n");
  INFO(rendered(result));
  std::vector<Diagnostic> found = result.diagnostics;
  sort_by_position(found);
  REQUIRE(found.size() == 2);
  CHECK(found[0].pos == SourcePos{"test.toml", 2, 8});
  CHECK(found[0].message.starts_with(
    "'scenario.name' holds the control character U+001B; a scenario's keys and texts must be "
    "printable"));
  CHECK(found[1].pos == SourcePos{"test.toml", 3, 1});
  CHECK(found[1].message.starts_with("a key of [scenario] holds the control character U+0000"));
}

TEST_CASE("an extends the system refuses as a path is an error at the extends, not a crash")
{
  // A file name of 305 bytes is over Linux's 255: weakly_canonical fails with
  // ENAMETOOLONG (found by the fuzzer, tests/fuzz/regressions/extends_name_too_long.toml).
  const LoadResult result = load("extends = \"" + std::string(300, 'a') + ".toml\"\n");
  const Diagnostic& problem = only_diagnostic(result);
  CHECK(problem.pos == SourcePos{"test.toml", 1, 11});
  CHECK(problem.message.starts_with("cannot read scenario file '" + std::string(300, 'a')));
#ifdef _WIN32
  // Windows takes the name, and then has no such file.
  CHECK(problem.message == "cannot read scenario file '" + std::string(300, 'a') + ".toml'");
#else
  CHECK(problem.message.ends_with(": File name too long"));
#endif
}

namespace {

// A scenario of one line and one option, with `extra` after it (from line 9).
LoadResult load_with(const std::string& extra)
{
  return load(R"([scenario]
name = "Budget keys"
base_year = "2021/22"
horizon = "2022/23"
[lines.a]
base = 1.0
[options.o]
name = "O"
)" + extra);
}

} // namespace

TEST_CASE("roll_forward, one_off and delivers_saving are read as true or false")
{
  const LoadResult result = load_with(R"(
[budget]
roll_forward = true
[budget.years."2021/22"]
base = { kind = "base", value = 10.0 }
review = { value = 0.5, one_off = true }
[options.o.overlays.stop]
type = "stop_line"
line = "a"
from = "2022-04"
keep = 0.5
delivers_saving = true
)");
  INFO(rendered(result));
  REQUIRE(result.scenario);
  const Budget& budget = result.scenario->budget;
  CHECK(budget.roll_forward);
  REQUIRE(budget.years.size() == 1);
  CHECK_FALSE(budget.years[0].steps[0].one_off);
  CHECK(budget.years[0].steps[1].one_off);
  CHECK(result.scenario->options[0].overlays[0].delivers_saving);
}

TEST_CASE("roll_forward that is not a boolean is an error at its value")
{
  const LoadResult result = load_with(R"(
[budget]
roll_forward = "yes"
)");
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.pos == SourcePos{"test.toml", 11, 16});
  CHECK(diagnostic.message == "'budget.roll_forward' must be true or false, not a string");
}

TEST_CASE("a misspelt one_off on a budget step is an unknown key with a suggestion")
{
  const LoadResult result = load_with(R"(
[budget.years."2021/22"]
review = { value = 0.5, one_of = true }
)");
  const Diagnostic& diagnostic = only_diagnostic(result);
  CHECK(diagnostic.message
        == "unknown key 'one_of' in budget.years.2021/22.review; did you mean 'one_off'?");
}

TEST_CASE("delivers_saving is not a key of a saving, which always delivers")
{
  const LoadResult result = load_with(R"(
[options.o.overlays.s]
type = "saving"
line = "a"
target = 1.0
ramp = { "2022/23" = 1.0 }
delivers_saving = true
)");
  CHECK(
    mentions(result, "unknown key 'delivers_saving' in [options.o.overlays.s] (type \"saving\")"));
}
