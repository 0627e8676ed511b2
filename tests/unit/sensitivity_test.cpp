#include "carecast/sensitivity.hpp"

#include "carecast/evaluator.hpp"
#include "test_model.hpp"

#include <cmath>
#include <doctest/doctest.h>

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

TEST_CASE("a tornado ranks parameters by the swing they cause, from P10-P90 or +/- the swing")
{
  const Model model = test::model_from(k_scenario);
  const Sensitivity result = sensitivity(model, total_of(0));
  CHECK(result.base == doctest::Approx(15.0)); // 10 + 5
  REQUIRE(result.tornado.size() >= 3);
  // a: 10 +/- 10% moves cheap's cost 14..16 (swing 2); b: 5 +/- 10% 14.5..15.5 (swing 1).
  CHECK(model.parameters()[result.tornado[0].parameter].path == "lines.a.base");
  CHECK(result.tornado[0].low_value == doctest::Approx(9.0));
  CHECK(result.tornado[0].metric_low == doctest::Approx(14.0));
  CHECK(result.tornado[0].metric_high == doctest::Approx(16.0));
  CHECK(result.tornado[0].swing == doctest::Approx(2.0));
  CHECK(model.parameters()[result.tornado[1].parameter].path == "lines.b.base");
  CHECK(result.tornado[1].swing == doctest::Approx(1.0));
  // The overlay is dear's: it does not move cheap at all. Its range is the uniform's
  // P10 and P90: -1 + 4 x 0.1 = -0.6 and -1 + 4 x 0.9 = 2.6.
  const auto extra = *std::find_if(result.tornado.begin(), result.tornado.end(),
                                   [](const TornadoBar& bar) { return bar.input == "extra"; });
  CHECK(extra.low_value == doctest::Approx(-0.6));
  CHECK(extra.high_value == doctest::Approx(2.6));
  CHECK(extra.swing == 0.0);
}

TEST_CASE("the tornado of a difference of options swings by the parameters that differ")
{
  const Model model = test::model_from(k_scenario);
  SensitivitySettings settings = total_of(1);
  settings.versus = 0;
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
