#include "carecast/model.hpp"

#include "test_model.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using carecast::k_none;
using carecast::Model;
using carecast::OverlayKind;
using carecast::test::model_from;

namespace {

// Every kind of number the format has, once each: 18 numbers in all (counted by hand:
// 3 index rates, 2 line bases, 2 price shares, 3 budget figures, budget growth, and
// 7 overlay values and ramp fractions).
const std::string k_every_number = R"(
[scenario]
name = "Model test"
base_year = "2021/22"
horizon = "2024/25"
unit = "£k"

[indices.demand]
rates."2022/23" = { value = 0.04, source = "Local trend" }
default = { value = 0.03, assumption = "Long-run trend" }

[indices.pay]
default = 0.02

[lines.staff]
name = "Staff"
base = { value = 24.6, source = "Budget book" }
demand = "demand"
prices = { pay = 0.7, demand = 0.3 }

[lines.grant]
base = -0.7
until = "2022-03"

[budget]
growth = 0.03

[budget.years]
"2021/22" = 20.0

[budget.years."2022/23"]
contract = { name = "Contract", value = 20.0 }
uplift = 1.5

[options.base]
name = "Base"

[options.change]
name = "Change"
extends = "base"

[options.change.overlays.team]
type = "recurring"
line = "staff"
amount = 0.35
from = "2022-04"
indexed = "pay"

[options.change.overlays.setup]
type = "one_off"
line = "staff"
amount = 0.6
from = "2022-04"
until = "2022-09"

[options.change.overlays.cut]
type = "saving"
line = "staff"
target = 0.8
from = "2022-10"
ramp = { "2022/23" = 0.5, "2024/25" = 1.0 }

[options.change.overlays.stop]
type = "stop_line"
line = "grant"
from = "2021-10"
keep = 0.25

[options.change.overlays.slow]
type = "index_rate"
index = "demand"
rate = 0.01
from = "2023-04"
until = "2024-03"
)";

struct Expected
{
  std::string path;
  std::string unit;
  double value;
};

// The parameter at `path`, which must exist.
const carecast::Parameter& parameter(const Model& model, const std::string& path)
{
  const auto found = model.find_parameter(path);
  REQUIRE_MESSAGE(found.has_value(), path);
  return model.parameters()[static_cast<std::size_t>(*found)];
}

} // namespace

TEST_CASE("every number of a scenario becomes a parameter with its path, unit and value")
{
  const Model model = model_from(k_every_number);
  // Addresses and units as docs/scenario-format.md section 2 lists them, with the
  // scenario's unit £k; values copied from the text above.
  const std::vector<Expected> expected{
    {"indices.demand.rates.2022/23", "rate/yr", 0.04},
    {"indices.demand.default", "rate/yr", 0.03},
    {"indices.pay.default", "rate/yr", 0.02},
    {"lines.staff.base", "£k/yr", 24.6},
    {"lines.staff.prices.pay", "share", 0.7},
    {"lines.staff.prices.demand", "share", 0.3},
    {"lines.grant.base", "£k/yr", -0.7},
    {"budget.growth", "rate/yr", 0.03},
    {"budget.years.2021/22", "£k", 20.0},
    {"budget.years.2022/23.contract", "£k", 20.0},
    {"budget.years.2022/23.uplift", "£k", 1.5},
    {"options.change.overlays.team.amount", "£k/yr", 0.35},
    {"options.change.overlays.setup.amount", "£k", 0.6},
    {"options.change.overlays.cut.target", "£k/yr", 0.8},
    {"options.change.overlays.cut.ramp.2022/23", "fraction", 0.5},
    {"options.change.overlays.cut.ramp.2024/25", "fraction", 1.0},
    {"options.change.overlays.stop.keep", "share", 0.25},
    {"options.change.overlays.slow.rate", "rate/yr", 0.01},
    // Not in the text: the Green Book's 3.5% when a scenario states no discount rate.
    {"appraisal.discount_rate", "rate/yr", 0.035},
  };
  // One parameter per number, plus the default discount rate, no more.
  CHECK(model.parameters().size() == expected.size());
  for (const Expected& e : expected) {
    CAPTURE(e.path);
    const carecast::Parameter& p = parameter(model, e.path);
    CHECK(p.unit == e.unit);
    // The value is the literal read from the text, so the same double.
    CHECK(p.value == doctest::Approx(e.value).epsilon(1e-15));
    // The default discount rate is written nowhere.
    CHECK(p.pos.file == (e.path == "appraisal.discount_rate" ? "" : "test.toml"));
  }
}

TEST_CASE("a parameter keeps its source, assumption and position in the file")
{
  const Model model = model_from(k_every_number);
  const carecast::Parameter& rate = parameter(model, "indices.demand.rates.2022/23");
  CHECK(rate.provenance.source == "Local trend");
  CHECK(rate.provenance.assumption.empty());
  const carecast::Parameter& fallback = parameter(model, "indices.demand.default");
  CHECK(fallback.provenance.assumption == "Long-run trend");
  CHECK(fallback.provenance.source.empty());
  const carecast::Parameter& base = parameter(model, "lines.staff.base");
  CHECK(base.provenance.source == "Budget book");
  // Text line 1 is empty (the raw string starts with a newline): `base = { value = 24.6`
  // is line 17, and its value follows the 17 characters `base = { value = `.
  CHECK(base.pos.line == 17);
  CHECK(base.pos.column == 18);
  // `default = 0.02` is line 13; the value starts at column 11.
  const carecast::Parameter& pay = parameter(model, "indices.pay.default");
  CHECK(pay.pos.line == 13);
  CHECK(pay.pos.column == 11);
  CHECK(pay.provenance.source.empty());
  CHECK(pay.provenance.assumption.empty());
}

TEST_CASE("values() lists every parameter's value in parameter order")
{
  const Model model = model_from(k_every_number);
  const Eigen::VectorXd values = model.values();
  REQUIRE(values.size() == static_cast<Eigen::Index>(model.parameters().size()));
  for (std::size_t i = 0; i < model.parameters().size(); ++i) {
    CAPTURE(i);
    // A copy of the stored double: bit identity is the point.
    CHECK(values[static_cast<Eigen::Index>(i)] == model.parameters()[i].value);
  }
}

TEST_CASE("find_parameter and find_option give positions, or nothing for unknown names")
{
  const Model model = model_from(k_every_number);
  const auto base = model.find_parameter("lines.staff.base");
  REQUIRE(base.has_value());
  CHECK(model.parameters()[static_cast<std::size_t>(*base)].path == "lines.staff.base");
  CHECK(model.lines()[0].base == *base);
  CHECK_FALSE(model.find_parameter("lines.staff").has_value());
  CHECK_FALSE(model.find_parameter("lines.staff.base.value").has_value());
  CHECK_FALSE(model.find_parameter("").has_value());

  CHECK(model.find_option("base") == std::optional<int>(0));
  CHECK(model.find_option("change") == std::optional<int>(1));
  CHECK_FALSE(model.find_option("Base").has_value()); // ids are case-sensitive
  CHECK_FALSE(model.find_option("missing").has_value());
}

TEST_CASE("the model keeps the scenario's name, unit and grid")
{
  const Model model = model_from(k_every_number);
  CHECK(model.name() == "Model test");
  CHECK(model.unit() == "£k");
  // 2021/22 to 2024/25: four years, 48 months.
  CHECK(model.grid().years() == 4);
  CHECK(model.grid().months() == 48);
}

TEST_CASE("lines and indices refer to their parameters by position")
{
  const Model model = model_from(k_every_number);
  REQUIRE(model.indices().size() == 2);
  const carecast::ModelIndex& demand = model.indices()[0];
  CHECK(demand.id == "demand");
  REQUIRE(demand.rate_by_year.size() == 4);
  // The base year does not grow; 2022/23 has its own rate; later years the default.
  CHECK(demand.rate_by_year[0] == k_none);
  CHECK(demand.rate_by_year[1] == *model.find_parameter("indices.demand.rates.2022/23"));
  CHECK(demand.rate_by_year[2] == *model.find_parameter("indices.demand.default"));
  CHECK(demand.rate_by_year[3] == *model.find_parameter("indices.demand.default"));

  REQUIRE(model.lines().size() == 2);
  const carecast::ModelLine& staff = model.lines()[0];
  CHECK(staff.id == "staff");
  CHECK(staff.name == "Staff");
  CHECK(staff.demand_index == 0);
  REQUIRE(staff.prices.size() == 2);
  for (const auto& [index, share] : staff.prices) {
    const std::string& id = model.indices()[static_cast<std::size_t>(index)].id;
    CHECK(model.parameters()[static_cast<std::size_t>(share)].path == "lines.staff.prices." + id);
  }
  // No `until`: the line runs to the end of the grid (48 months).
  CHECK(staff.end_month == 48);
  // `until = "2022-03"` is month 11 of the grid (April 2021 is month 0), so month 12
  // is the first without cost.
  const carecast::ModelLine& grant = model.lines()[1];
  CHECK(grant.demand_index == k_none);
  CHECK(grant.prices.empty());
  CHECK(grant.end_month == 12);
}

TEST_CASE("budget years refer to their steps and growth")
{
  const Model model = model_from(k_every_number);
  const carecast::ModelBudget& budget = model.budget();
  using Source = carecast::BudgetSource;
  // Two stated years, then two grown by `growth`.
  CHECK(budget.source_by_year
        == std::vector<Source>{Source::stated, Source::stated, Source::grown, Source::grown});
  CHECK(budget.rolled_forward == std::vector<int>(4, k_none));
  REQUIRE(budget.steps_by_year.size() == 4);
  CHECK(budget.steps_by_year[0] == std::vector<int>{*model.find_parameter("budget.years.2021/22")});
  CHECK(budget.steps_by_year[1].size() == 2);
  CHECK(budget.steps_by_year[2].empty());
  CHECK(budget.growth == *model.find_parameter("budget.growth"));
}

TEST_CASE("overlays compile to their kind, target, value and month window")
{
  const Model model = model_from(k_every_number);
  const carecast::ModelOption& change = model.options()[1];
  REQUIRE(change.overlays.size() == 5);
  const carecast::ModelOverlay& team = change.overlays[0];
  CHECK(team.id == "team");
  CHECK(team.name == "team"); // no name: the id
  CHECK(team.kind == OverlayKind::recurring);
  CHECK(team.target == 0); // line staff
  CHECK(team.value == *model.find_parameter("options.change.overlays.team.amount"));
  CHECK(team.first_month == 12); // 2022-04
  CHECK(team.end_month == 48);   // no until: to the end of the grid
  CHECK(team.indexed_by == 1);   // index pay

  const carecast::ModelOverlay& setup = change.overlays[1];
  CHECK(setup.kind == OverlayKind::one_off);
  CHECK(setup.first_month == 12); // 2022-04
  CHECK(setup.end_month == 18);   // until 2022-09 (month 17) inclusive
  CHECK(setup.indexed_by == k_none);

  const carecast::ModelOverlay& stop = change.overlays[3];
  CHECK(stop.kind == OverlayKind::stop_line);
  CHECK(stop.target == 1);      // line grant
  CHECK(stop.first_month == 6); // 2021-10
  CHECK(stop.end_month == 48);

  const carecast::ModelOverlay& slow = change.overlays[4];
  CHECK(slow.kind == OverlayKind::index_rate);
  CHECK(slow.target == 0);       // index demand, not line staff
  CHECK(slow.first_month == 24); // 2023-04
  CHECK(slow.end_month == 36);   // until 2024-03 (month 35) inclusive
}

TEST_CASE("a saving's ramp fraction carries forward to later years until the next one")
{
  const Model model = model_from(k_every_number);
  const carecast::ModelOverlay& cut = model.options()[1].overlays[2];
  REQUIRE(cut.kind == OverlayKind::saving);
  const int half = *model.find_parameter("options.change.overlays.cut.ramp.2022/23");
  const int full = *model.find_parameter("options.change.overlays.cut.ramp.2024/25");
  // ramp = { 2022/23 = 0.5, 2024/25 = 1.0 }: none in 2021/22, 0.5 in 2022/23 and (carried
  // forward) 2023/24, 1.0 in 2024/25.
  CHECK(cut.ramp_by_year == std::vector<int>{k_none, half, half, full});
}

TEST_CASE("ramp years take effect in year order, whatever order they are written in")
{
  // Each fraction is in force from April of its year until the next listed year
  // (docs/scenario-format.md 8.3), so writing 2024/25 before 2023/24 changes nothing:
  // 0.5 in 2023/24, 1.0 from 2024/25.
  const Model model = model_from(R"(
[scenario]
name = "Ramp order"
base_year = "2021/22"
horizon = "2025/26"
[lines.a]
base = 1.0
[options.o]
name = "O"
[options.o.overlays.s]
type = "saving"
line = "a"
target = 1.0
ramp = { "2024/25" = 1.0, "2023/24" = 0.5 }
)");
  const carecast::ModelOverlay& saving = model.options()[0].overlays[0];
  const int half = *model.find_parameter("options.o.overlays.s.ramp.2023/24");
  const int full = *model.find_parameter("options.o.overlays.s.ramp.2024/25");
  CHECK(saving.ramp_by_year == std::vector<int>{k_none, k_none, half, full, full});
  CHECK(saving.first_month == 0); // no `from`: April of the base year
}

namespace {

const std::string k_inheritance = R"(
[scenario]
name = "Inheritance"
base_year = "2021/22"
horizon = "2022/23"
[lines.a]
base = 1.0
[lines.b]
base = 2.0
[options.parent]
name = "Parent"
[options.parent.overlays.team]
type = "recurring"
line = "a"
amount = 0.35
from = "2021-04"
[options.parent.overlays.setup]
type = "one_off"
line = "b"
amount = 0.6
from = "2021-04"
until = "2021-09"
[options.child]
name = "Child"
extends = "parent"
[options.child.overlays.team]
type = "recurring"
line = "a"
amount = 0.5
from = "2022-04"
[options.child.overlays.extra]
type = "stop_line"
line = "b"
keep = 0.0
from = "2022-10"
[options.grandchild]
name = "Grandchild"
extends = "child"
)";

} // namespace

TEST_CASE("an option that extends another inherits its overlays and their parameters")
{
  const Model model = model_from(k_inheritance);
  const carecast::ModelOption& parent = model.options()[0];
  const carecast::ModelOption& child = model.options()[1];
  REQUIRE(parent.overlays.size() == 2);
  // Inherited first, in the parent's order, then the child's own.
  REQUIRE(child.overlays.size() == 3);
  CHECK(child.overlays[1].id == "setup");
  CHECK(child.overlays[1].kind == OverlayKind::one_off);
  CHECK(child.overlays[2].id == "extra");
  // An inherited overlay is the same parameter as in the option that defines it.
  CHECK(child.overlays[1].value == parent.overlays[1].value);
  CHECK(model.parameters()[static_cast<std::size_t>(child.overlays[1].value)].path
        == "options.parent.overlays.setup.amount");
}

TEST_CASE(
  "an overlay with an inherited overlay's id replaces it in place with the child's parameter")
{
  const Model model = model_from(k_inheritance);
  const carecast::ModelOption& parent = model.options()[0];
  const carecast::ModelOption& child = model.options()[1];
  const int parent_amount = *model.find_parameter("options.parent.overlays.team.amount");
  const int child_amount = *model.find_parameter("options.child.overlays.team.amount");
  // The parent keeps its own overlay.
  CHECK(parent.overlays[0].value == parent_amount);
  CHECK(parent.overlays[0].first_month == 0);
  // The child's `team` stands where the parent's was (first), with the child's amount
  // and `from` (2022-04 = month 12).
  REQUIRE(child.overlays.size() == 3);
  CHECK(child.overlays[0].id == "team");
  CHECK(child.overlays[0].value == child_amount);
  CHECK(child.overlays[0].first_month == 12);
  CHECK(model.parameters()[static_cast<std::size_t>(child_amount)].value
        == doctest::Approx(0.5).epsilon(1e-15));
}

TEST_CASE("inheritance is transitive, overrides included")
{
  const Model model = model_from(k_inheritance);
  const carecast::ModelOption& child = model.options()[1];
  const carecast::ModelOption& grandchild = model.options()[2];
  REQUIRE(grandchild.overlays.size() == child.overlays.size());
  for (std::size_t i = 0; i < child.overlays.size(); ++i) {
    CAPTURE(i);
    CHECK(grandchild.overlays[i].id == child.overlays[i].id);
    CHECK(grandchild.overlays[i].value == child.overlays[i].value);
  }
  CHECK(grandchild.overlays[0].value
        == *model.find_parameter("options.child.overlays.team.amount"));
}

TEST_CASE("an option may extend one written after it")
{
  const Model model = model_from(R"(
[scenario]
name = "Order"
base_year = "2021/22"
horizon = "2021/22"
[lines.a]
base = 1.0
[options.late_child]
name = "Child"
extends = "parent"
[options.parent]
name = "Parent"
[options.parent.overlays.x]
type = "recurring"
line = "a"
amount = 1.0
from = "2021-04"
)");
  REQUIRE(model.options().size() == 2);
  CHECK(model.options()[0].id == "late_child");
  REQUIRE(model.options()[0].overlays.size() == 1);
  CHECK(model.options()[0].overlays[0].value == model.options()[1].overlays[0].value);
}

TEST_CASE("an index compiles its timing and its annual step as months after April")
{
  const Model model = model_from(R"([scenario]
name = "Timing"
base_year = "2021/22"
horizon = "2022/23"
[indices.pay]
default = 0.03
[indices.fees]
default = 0.05
step_month = 10
[indices.cpi]
default = 0.02
timing = { value = "monthly", assumption = "Prices move month by month." }
[lines.a]
base = 1.0
[options.o]
name = "O"
)");
  REQUIRE(model.indices().size() == 3);
  CHECK(model.indices()[0].timing == carecast::IndexTiming::annual);
  CHECK(model.indices()[0].step == 0); // April, the default
  CHECK(model.indices()[1].step == 6); // October is six months after April
  CHECK(model.indices()[2].timing == carecast::IndexTiming::monthly);
}

TEST_CASE("a known base-year total is a parameter and a line; with an sd, a normal input too")
{
  const std::string head = R"([scenario]
name = "Known"
base_year = "2021/22"
horizon = "2022/23"
[lines.a]
base = 10.0
[options.o]
name = "O"
[uncertainty]
)";
  const Model plain = model_from(head + "known_base_year = 10.5\n");
  REQUIRE(plain.calibration().known != k_none);
  CHECK(plain.parameters()[plain.calibration().known].path == "uncertainty.known_base_year");
  CHECK(plain.lines()[plain.calibration().line].id == "base_year_calibration");
  CHECK(plain.inputs().empty());
  const Model drawn = model_from(head + "known_base_year = { value = 10.5, sd = 0.25 }\n");
  REQUIRE(drawn.inputs().size() == 1);
  const carecast::ModelInput& input = drawn.inputs()[0];
  CHECK(input.id == "known_base_year");
  CHECK(input.parameter == drawn.calibration().known);
  CHECK(input.distribution.kind == carecast::DistributionKind::normal);
  CHECK(input.distribution.mean == 10.5);
  CHECK(input.distribution.sd == 0.25);
  CHECK(input.distribution.low == 0.0);
  const Model none = model_from(head);
  CHECK(none.calibration().known == k_none);
  CHECK(none.lines().size() == 1);
}
