#include "carecast/sensitivity.hpp"

#include "carecast/evaluator.hpp"
#include "test_model.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <string>

using namespace carecast;

namespace {

// One year, no indices: each option's cost is the plain sum of its amounts, so every
// figure below is a hand sum. `cheap` costs a + b = 10 + 5 = 15; `dear` adds an
// overlay of `extra` (2) to a, so costs 17.
const std::string k_scenario = R"([scenario]
name = "Sensitivity test"
base_year = "2021/22"
horizon = "2021/22"

[lines.a]
base = 10.0

[lines.b]
base = 5.0

[options.cheap]
name = "Cheap"

[options.dear]
name = "Dear"

[options.dear.overlays.extra]
type = "recurring"
line = "a"
amount = 2.0
from = "2021-04"

[uncertainty.extra]
parameter = "options.dear.overlays.extra.amount"
distribution = "uniform"
low = -1.0
high = 3.0
)";

SensitivitySettings total_of(int option)
{
  SensitivitySettings settings;
  settings.metric = Metric{MetricKind::total, 0, "cost over the horizon"};
  settings.option = option;
  return settings;
}

} // namespace

TEST_CASE("the tornado holds the uncertain inputs, each from its P10 to its P90")
{
  const Model model = test::model_from(k_scenario);
  const Sensitivity result = sensitivity(model, total_of(1));
  CHECK(result.scope == TornadoScope::uncertain);
  CHECK(result.base == doctest::Approx(17.0)); // dear: 10 + 5 + 2
  REQUIRE(result.tornado.size() == 1);
  // The uniform's P10 and P90: -1 + 4 x 0.1 = -0.6 and -1 + 4 x 0.9 = 2.6, so dear costs
  // 15 - 0.6 and 15 + 2.6.
  const TornadoBar& extra = result.tornado[0];
  CHECK(extra.input == "extra");
  CHECK(extra.low_value == doctest::Approx(-0.6));
  CHECK(extra.high_value == doctest::Approx(2.6));
  CHECK(extra.metric_low == doctest::Approx(14.4));
  CHECK(extra.metric_high == doctest::Approx(17.6));
  CHECK(extra.swing == doctest::Approx(3.2));
}

TEST_CASE("with all, the tornado ranks every parameter, the others moved +/- the swing")
{
  const Model model = test::model_from(k_scenario);
  SensitivitySettings settings = total_of(0);
  settings.all = true;
  const Sensitivity result = sensitivity(model, settings);
  CHECK(result.scope == TornadoScope::all);
  CHECK(result.base == doctest::Approx(15.0)); // 10 + 5
  // a, b, extra and the discount rate (the Green Book's 3.5%, there unless a scenario
  // gives its own).
  REQUIRE(result.tornado.size() == 4);
  // a: 10 +/- 10% moves cheap's cost 14..16 (swing 2); b: 5 +/- 10% 14.5..15.5 (swing 1).
  CHECK(model.parameters()[result.tornado[0].parameter].path == "lines.a.base");
  CHECK(result.tornado[0].input.empty());
  CHECK(result.tornado[0].low_value == doctest::Approx(9.0));
  CHECK(result.tornado[0].metric_low == doctest::Approx(14.0));
  CHECK(result.tornado[0].metric_high == doctest::Approx(16.0));
  CHECK(result.tornado[0].swing == doctest::Approx(2.0));
  CHECK(model.parameters()[result.tornado[1].parameter].path == "lines.b.base");
  CHECK(result.tornado[1].swing == doctest::Approx(1.0));
  // The overlay is dear's: it does not move cheap at all, and keeps its P10 to P90.
  CHECK(result.tornado[2].input == "extra");
  CHECK(result.tornado[2].low_value == doctest::Approx(-0.6));
  CHECK(result.tornado[2].swing == 0.0);
  CHECK(result.tornado[3].swing == 0.0); // the discount rate: the metric is undiscounted
}

TEST_CASE("switching values cover every parameter, whatever the tornado holds")
{
  // The tornado holds extra alone; a, b, extra and the discount rate are all searched.
  const Model model = test::model_from(k_scenario);
  const Sensitivity result = sensitivity(model, total_of(0));
  REQUIRE(result.tornado.size() == 1);
  REQUIRE(result.switching.size() == 4);
  for (const char* path : {"lines.a.base", "lines.b.base", "options.dear.overlays.extra.amount",
                           "appraisal.discount_rate"}) {
    CAPTURE(path);
    const int parameter = *model.find_parameter(path);
    CHECK(std::any_of(result.switching.begin(), result.switching.end(),
                      [&](const SwitchingValue& sv) { return sv.parameter == parameter; }));
  }
  SensitivitySettings settings = total_of(0);
  settings.all = true;
  CHECK(sensitivity(model, settings).switching.size() == 4);
}

TEST_CASE("the tornado of a difference of options swings by the parameters that differ")
{
  const Model model = test::model_from(k_scenario);
  SensitivitySettings settings = total_of(1);
  settings.versus = 0;
  settings.all = true;
  const Sensitivity result = sensitivity(model, settings);
  CHECK(result.subject == "dear - cheap");
  CHECK(result.base == doctest::Approx(2.0)); // 17 - 15
  // Only the overlay moves the difference: from -0.6 to 2.6, a swing of 3.2.
  CHECK(model.parameters()[result.tornado[0].parameter].path
        == "options.dear.overlays.extra.amount");
  CHECK(result.tornado[0].swing == doctest::Approx(3.2));
  CHECK(result.tornado[1].swing == doctest::Approx(0.0).epsilon(1e-12));
}

TEST_CASE("a switching value really flips which option is cheapest")
{
  const Model model = test::model_from(k_scenario);
  const Sensitivity result = sensitivity(model, total_of(0));
  CHECK(result.preferred == "cheap");
  const int extra = *model.find_parameter("options.dear.overlays.extra.amount");
  const auto found = std::find_if(result.switching.begin(), result.switching.end(),
                                  [&](const SwitchingValue& sv) { return sv.parameter == extra; });
  REQUIRE(found != result.switching.end());
  REQUIRE(found->value.has_value());
  // By hand: dear costs 15 + extra, so it is the cheaper once extra falls below 0.
  CHECK(std::abs(*found->value) < 1e-9);
  CHECK(found->becomes_cheapest == "dear");
  CHECK(found->input == "extra");
  // Either side of the switching value, the ranking is the other way round.
  for (const auto& [value, cheapest] :
       {std::pair{*found->value - 1e-6, 1}, std::pair{*found->value + 1e-6, 0}}) {
    Eigen::VectorXd values = model.values();
    values[extra] = value;
    const Outcome outcome = Evaluator(model).evaluate(values, Period::year);
    CAPTURE(value);
    CHECK((outcome.total(cheapest, 0)[0] < outcome.total(1 - cheapest, 0)[0]));
  }
  // The bases of a and b, moved alone within +/- 100%, never make dear cheaper: it
  // always costs 2 more.
  for (const SwitchingValue& sv : result.switching) {
    if (sv.parameter != extra) {
      CHECK_FALSE(sv.value.has_value());
    }
  }
}

TEST_CASE("metrics are npc, total or a year of the grid")
{
  const Model model = test::model_from(k_scenario);
  CHECK(parse_metric(model, "npc")->kind == MetricKind::npc);
  CHECK(parse_metric(model, "total")->kind == MetricKind::total);
  CHECK(parse_metric(model, "2021/22")->kind == MetricKind::year);
  CHECK_FALSE(parse_metric(model, "2030/31").has_value());
  CHECK_FALSE(parse_metric(model, "cost").has_value());
}

namespace {

// One year: `base` costs a + grant = 10 - 4 = 6; `saving` takes a fully ramped saving of
// 3 off a, so costs 3.
const std::string k_bounded = R"([scenario]
name = "Sensitivity bounds test"
base_year = "2021/22"
horizon = "2021/22"

[lines.a]
base = 10.0

[lines.grant]
base = -4.0

[options.base]
name = "Base"

[options.saving]
name = "Saving"

[options.saving.overlays.cut]
type = "saving"
line = "a"
target = 3.0
from = "2021-04"
ramp = { "2021/22" = 1.0 }
)";

// Two placement types: `home` loses 85% of its children a year to exits and 10% to
// `away`, `away` 70% to exits. Two options without overlays, so neither is ever dearer.
const std::string k_ladder = R"([scenario]
name = "Sensitivity ladder test"
base_year = "2021/22"
horizon = "2021/22"

[lines.placements]
name = "Placements"

[ladder]
line = "placements"
order = ["home", "away"]

[ladder.entries]
per_year = 10

[ladder.types.home]
weekly_cost = 100
children = 10
entry_share = 1.0
exit_rate = 0.85

[ladder.types.away]
weekly_cost = 200
children = 10
entry_share = 0.0
exit_rate = 0.7

[ladder.moves]
home = [0, 0.1]
away = [0, 0]

[options.one]
name = "One"

[options.other]
name = "Other"
)";

const TornadoBar& bar_for(const Model& model, const Sensitivity& result, const std::string& path)
{
  const int parameter = *model.find_parameter(path);
  const auto found =
    std::find_if(result.tornado.begin(), result.tornado.end(),
                 [&](const TornadoBar& bar) { return bar.parameter == parameter; });
  REQUIRE(found != result.tornado.end());
  return *found;
}

const SwitchingValue& switching_for(const Model& model, const Sensitivity& result,
                                    const std::string& path)
{
  const int parameter = *model.find_parameter(path);
  const auto found =
    std::find_if(result.switching.begin(), result.switching.end(),
                 [&](const SwitchingValue& sv) { return sv.parameter == parameter; });
  REQUIRE(found != result.switching.end());
  return *found;
}

} // namespace

TEST_CASE("without uncertain inputs, the tornado swings every parameter")
{
  // k_bounded has no [uncertainty]: a, the grant, the saving's target and ramp, and the
  // discount rate (the Green Book's 3.5%, there unless a scenario gives its own) are
  // the five parameters that are not 0, and all move +/- 10%.
  const Model model = test::model_from(k_bounded);
  const Sensitivity result = sensitivity(model, total_of(0));
  CHECK(result.scope == TornadoScope::no_uncertainty);
  CHECK(result.tornado.size() == 5);
  for (const TornadoBar& bar : result.tornado) {
    CHECK(bar.input.empty());
  }
}

TEST_CASE("a negative amount's low value lies below its high value")
{
  // A regression: -4 x (1 - 10%) = -3.6 was reported as the low value.
  const Model model = test::model_from(k_bounded);
  const Sensitivity analysis = sensitivity(model, total_of(0));
  const TornadoBar& grant = bar_for(model, analysis, "lines.grant.base");
  CHECK(grant.low_value == doctest::Approx(-4.4));
  CHECK(grant.high_value == doctest::Approx(-3.6));
  CHECK(grant.metric_low == doctest::Approx(5.6)); // 10 - 4.4
  CHECK(grant.metric_high == doctest::Approx(6.4));
  CHECK(grant.swing == doctest::Approx(0.8));
}

TEST_CASE("a fraction's made-up range stays within 0 to 1")
{
  // A regression: a ramp of 1 was moved to 1.1 for the tornado and searched up to 2,
  // values validation refuses, so more than the whole saving was taken off.
  const Model model = test::model_from(k_bounded);
  const Sensitivity result = sensitivity(model, total_of(1));
  const std::string ramp = "options.saving.overlays.cut.ramp.2021/22";
  const TornadoBar& bar = bar_for(model, result, ramp);
  CHECK(bar.low_value == doctest::Approx(0.9));
  CHECK(bar.high_value == 1.0);
  CHECK(bar.metric_low == doctest::Approx(3.3)); // 6 - 0.9 x 3
  CHECK(bar.metric_high == doctest::Approx(3.0));
  const SwitchingValue& sv = switching_for(model, result, ramp);
  CHECK(sv.range_low == 0.0);
  CHECK(sv.range_high == 1.0);
  // The target has no upper bound: 0 to twice its value.
  CHECK(switching_for(model, result, "options.saving.overlays.cut.target").range_high
        == doctest::Approx(6.0));
}

TEST_CASE("a placement type's exit and move rates are searched only while it keeps children")
{
  // Outflows may add up to 1 at most: home's exit rate up to 1 - 0.1, its move to away
  // up to 1 - 0.85, away's exit rate up to 1 (twice 0.7 would be more).
  const Model model = test::model_from(k_ladder);
  const Sensitivity result = sensitivity(model, total_of(0));
  CHECK(switching_for(model, result, "ladder.types.home.exit_rate").range_high
        == doctest::Approx(0.9));
  CHECK(switching_for(model, result, "ladder.moves.home.away").range_high == doctest::Approx(0.15));
  CHECK(switching_for(model, result, "ladder.types.away.exit_rate").range_high
        == doctest::Approx(1.0));
  CHECK(switching_for(model, result, "ladder.types.away.exit_rate").range_low == 0.0);
  // So is the tornado's: 0.85 + 10% = 0.935 would pass 0.9.
  CHECK(bar_for(model, result, "ladder.types.home.exit_rate").high_value == doctest::Approx(0.9));
}

TEST_CASE("the thread count changes no figure")
{
  const Model model = test::dcst_model();
  SensitivitySettings settings = total_of(2);
  settings.metric = *parse_metric(model, "2022/23");
  const Sensitivity one = sensitivity(model, settings);
  settings.threads = 2;
  const Sensitivity two = sensitivity(model, settings);
  REQUIRE(one.tornado.size() == two.tornado.size());
  for (std::size_t i = 0; i < one.tornado.size(); ++i) {
    CHECK(one.tornado[i].parameter == two.tornado[i].parameter);
    CHECK(one.tornado[i].metric_low == two.tornado[i].metric_low);
    CHECK(one.tornado[i].metric_high == two.tornado[i].metric_high);
  }
  REQUIRE(one.switching.size() == two.switching.size());
  for (std::size_t i = 0; i < one.switching.size(); ++i) {
    CHECK(one.switching[i].value == two.switching[i].value);
  }
}

TEST_CASE("a derived parameter is never a bar of the tornado")
{
  // 2021/22's budget rolls into 2022/23: the rolled-forward start moves nothing alone.
  const Model model = test::model_from(R"([scenario]
name = "Derived"
base_year = "2021/22"
horizon = "2022/23"
[lines.a]
base = 10.0
[budget]
roll_forward = true
[budget.years."2021/22"]
base = { kind = "base", value = 10.0 }
[budget.years."2022/23"]
demand = { kind = "demand", value = 1.0 }
[options.o]
name = "O"
)");
  const int rolled = *model.find_parameter("budget.years.2022/23.rolled_forward");
  const Sensitivity result = sensitivity(model, total_of(0));
  REQUIRE_FALSE(result.tornado.empty());
  for (const TornadoBar& bar : result.tornado) {
    CHECK(bar.parameter != rolled);
  }
}
