#include "carecast/evaluator.hpp"
#include "carecast/explain.hpp"

#include "test_model.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <string>

using carecast::Evaluator;
using carecast::Model;
using carecast::Outcome;
using carecast::Period;
using carecast::test::model_from;

namespace {

// Grid months used below, counted from April 2021 (base year 2021/22): 2022-04 is 12,
// 2022-09 is 17, 2022-10 is 18, 2023-03 is 23, 2023-04 is 24, 2024-03 is 35.
std::string header(const std::string& horizon)
{
  return "[scenario]\nname = \"Evaluator test\"\nbase_year = \"2021/22\"\nhorizon = \"" + horizon
         + "\"\n";
}

Outcome evaluate(const Model& model, Period period)
{
  return Evaluator(model).evaluate(model.values(), period);
}

// The first (only) draw of a cost.
double cost(const Outcome& outcome, int option, int line, int period)
{
  return outcome.cost(option, line, period)[0];
}

bool near(double actual, double expected, double tolerance = 1e-12)
{
  return std::fabs(actual - expected) < tolerance;
}

// Two lines of 14 a year to 2023/24 at 4%, `annual` uplifted on 1 April and `monthly`
// month by month, each with `line_extra` added to its table.
std::string uplifted_lines(const std::string& line_extra)
{
  return header("2023/24") + "[indices.step]\ndefault = 0.04\n[indices.smooth]\ndefault = 0.04\n"
         + "timing = \"monthly\"\n[lines.annual]\nbase = 14.0\nprices = { step = 1.0 }\n"
         + line_extra + "[lines.monthly]\nbase = 14.0\nprices = { smooth = 1.0 }\n" + line_extra
         + "[options.o]\nname = \"O\"\n";
}

} // namespace

TEST_CASE("zero rates keep a line flat: every year costs its base")
{
  const Model model = model_from(header("2024/25") + R"(
[indices.demand]
default = 0.0
[indices.price]
rates."2022/23" = 0.0
default = 0.0
[lines.a]
base = 12.0
demand = "demand"
prices = { price = 1.0 }
[lines.b]
base = -3.6
[options.o]
name = "O"
)");
  const Outcome years = evaluate(model, Period::year);
  REQUIRE(years.periods() == 4);
  for (int y = 0; y < 4; ++y) {
    CAPTURE(y);
    // Level 1 in every month: 12 months x base/12 = base.
    CHECK(near(cost(years, 0, 0, y), 12.0));
    CHECK(near(cost(years, 0, 1, y), -3.6));
    CHECK(near(years.total(0, y)[0], 8.4));
  }
  const Outcome months = evaluate(model, Period::month);
  REQUIRE(months.periods() == 48);
  for (int t = 0; t < 48; ++t) {
    CAPTURE(t);
    CHECK(near(cost(months, 0, 0, t), 1.0)); // 12 / 12
  }
}

TEST_CASE("a saving from October gives half its annual amount that year and all of it the next")
{
  const Model model = model_from(header("2023/24") + R"(
[lines.a]
base = 0.0
[options.o]
name = "O"
[options.o.overlays.cut]
type = "saving"
line = "a"
target = 1.2
from = "2022-10"
ramp = { "2022/23" = 1.0 }
)");
  const Outcome years = evaluate(model, Period::year);
  CHECK(near(cost(years, 0, 0, 0), 0.0));  // before `from`
  CHECK(near(cost(years, 0, 0, 1), -0.6)); // October to March: 6 x 1.2/12
  CHECK(near(cost(years, 0, 0, 2), -1.2)); // the ramp 1.0 carries forward: 12 x 0.1
  const Outcome months = evaluate(model, Period::month);
  CHECK(near(cost(months, 0, 0, 17), 0.0));  // September 2022
  CHECK(near(cost(months, 0, 0, 18), -0.1)); // October 2022
}

TEST_CASE("a ramped saving takes the ramp fraction of its target in each year")
{
  // DCST option 3 takes its savings off support_services, which no other overlay
  // touches: target 0.8 from October 2022, ramp 0.33, 0.67, 1.0.
  const Model model = carecast::test::dcst_model();
  const Outcome years = evaluate(model, Period::year);
  const int do_nothing = *model.find_option("do_nothing");
  const int transfer = *model.find_option("transfer");
  const int support = 2;
  REQUIRE(model.lines()[support].id == "support_services");
  const auto saving = [&](int year) {
    return cost(years, transfer, support, year) - cost(years, do_nothing, support, year);
  };
  CHECK(near(saving(0), 0.0, 1e-9));
  CHECK(near(saving(1), -0.8 * 0.33 * 6.0 / 12.0, 1e-9)); // -0.132
  CHECK(near(saving(2), -0.8 * 0.67, 1e-9));              // -0.536
  CHECK(near(saving(3), -0.8, 1e-9));
  CHECK(near(saving(5), -0.8, 1e-9)); // 1.0 carried forward to 2026/27
}

TEST_CASE(
  "financial-year totals equal the sum of their months for every DCST option, line and year")
{
  const Model model = carecast::test::dcst_model();
  const Outcome years = evaluate(model, Period::year);
  const Outcome months = evaluate(model, Period::month);
  REQUIRE(years.periods() == 6);
  REQUIRE(months.periods() == 72);
  REQUIRE(years.options() == 3);
  REQUIRE(years.lines() == 9); // eight lines and base_year_calibration
  for (int o = 0; o < years.options(); ++o) {
    for (int l = 0; l < years.lines(); ++l) {
      for (int y = 0; y < years.periods(); ++y) {
        double sum = 0.0;
        for (int m = 0; m < 12; ++m) {
          sum += cost(months, o, l, y * 12 + m);
        }
        CAPTURE(o);
        CAPTURE(l);
        CAPTURE(y);
        CHECK(near(cost(years, o, l, y), sum, 1e-9));
      }
    }
  }
}

TEST_CASE("a one-off spread over six months lands entirely in its window")
{
  const Model model = model_from(header("2023/24") + R"(
[lines.a]
base = 0.0
[options.o]
name = "O"
[options.o.overlays.setup]
type = "one_off"
line = "a"
amount = 0.6
from = "2022-04"
until = "2022-09"
)");
  const Outcome months = evaluate(model, Period::month);
  double sum = 0.0;
  for (int t = 0; t < 36; ++t) {
    CAPTURE(t);
    const double value = cost(months, 0, 0, t);
    sum += value;
    // 0.6 / 6 months = 0.1 in April to September 2022 (months 12..17), 0 elsewhere.
    CHECK(near(value, t >= 12 && t <= 17 ? 0.1 : 0.0));
  }
  CHECK(near(sum, 0.6));
  const Outcome years = evaluate(model, Period::year);
  CHECK(near(cost(years, 0, 0, 0), 0.0));
  CHECK(near(cost(years, 0, 0, 1), 0.6));
  CHECK(near(cost(years, 0, 0, 2), 0.0));
}

TEST_CASE("a 4% rate on a 14m line costs 14.56 in the first year and 15.14 in the second under "
          "both timings")
{
  // A rate is the change of a year's average level: 14 x 1.04 = 14.56, 14 x 1.04^2 = 15.1424.
  const Model model = model_from(uplifted_lines(""));
  const Outcome years = evaluate(model, Period::year);
  for (int line = 0; line < 2; ++line) {
    CAPTURE(line);
    CHECK(cost(years, 0, line, 0) == doctest::Approx(14.0).epsilon(1e-12));
    CHECK(cost(years, 0, line, 1) == doctest::Approx(14.56).epsilon(1e-12));
    CHECK(cost(years, 0, line, 2) == doctest::Approx(15.1424).epsilon(1e-12));
  }
  const Outcome months = evaluate(model, Period::month);
  for (int t = 0; t < 36; ++t) {
    CAPTURE(t);
    // Annual: flat within each year, the whole step on 1 April.
    CHECK(near(cost(months, 0, 0, t), 14.0 / 12.0 * std::pow(1.04, t / 12)));
    if (t > 0) {
      // Monthly: rising every month, by the twelfth root of 1.04 at a steady rate.
      CHECK(cost(months, 0, 1, t) / cost(months, 0, 1, t - 1)
            == doctest::Approx(std::pow(1.04, 1.0 / 12.0)).epsilon(1e-12));
    }
  }
}

TEST_CASE("a line that stops after September of the first year costs 7.28 under annual timing "
          "and less under monthly")
{
  // Annual: six months at 14 / 12 x 1.04 = 7.28. Monthly: April to September lie below
  // the year's average level of 1.04, which the later months are above.
  const Model model = model_from(uplifted_lines("until = \"2022-09\"\n"));
  const Outcome years = evaluate(model, Period::year);
  CHECK(cost(years, 0, 0, 1) == doctest::Approx(7.28).epsilon(1e-12));
  CHECK(cost(years, 0, 1, 1) < 7.28 - 0.01);
  CHECK(cost(years, 0, 1, 1) > 7.0); // still above the base year's half of 14
  CHECK(cost(years, 0, 0, 2) == 0.0);
  CHECK(cost(years, 0, 1, 2) == 0.0);
}

TEST_CASE("a monthly index keeps each year's average when its rate changes from year to year")
{
  // Averages 1, 1.10, 1.10 x 1.00, 1.10 x 0.95: the level may fall within a year after a
  // fast one, since it ends that year above its average.
  const Model model = model_from(header("2024/25") + R"(
[indices.smooth]
rates."2022/23" = 0.10
rates."2023/24" = 0.0
rates."2024/25" = -0.05
timing = "monthly"
[lines.a]
base = 12.0
prices = { smooth = 1.0 }
[options.o]
name = "O"
)");
  const Outcome years = evaluate(model, Period::year);
  CHECK(cost(years, 0, 0, 0) == doctest::Approx(12.0).epsilon(1e-12));
  CHECK(cost(years, 0, 0, 1) == doctest::Approx(13.2).epsilon(1e-12));
  CHECK(cost(years, 0, 0, 2) == doctest::Approx(13.2).epsilon(1e-12));
  CHECK(cost(years, 0, 0, 3) == doctest::Approx(12.54).epsilon(1e-12));
}

TEST_CASE("an annual index with step_month 10 steps each October and keeps the yearly averages "
          "at a steady rate")
{
  // The base year steps in October too, at the first year's rate, scaled to average 1:
  // 6 months at a and 6 at 1.04a with 6a + 6 x 1.04a = 12, so a = 1 / 1.02.
  const Model model = model_from(header("2023/24") + R"(
[indices.fees]
default = 0.04
step_month = 10
[lines.a]
base = 12.0
prices = { fees = 1.0 }
[options.o]
name = "O"
)");
  const Outcome months = evaluate(model, Period::month);
  const double a = 1.0 / 1.02;
  for (int t = 0; t < 36; ++t) {
    CAPTURE(t);
    const int steps = (t + 6) / 12; // steps taken by month t: October of each year
    CHECK(cost(months, 0, 0, t) == doctest::Approx(a * std::pow(1.04, steps)).epsilon(1e-12));
  }
  const Outcome years = evaluate(model, Period::year);
  CHECK(cost(years, 0, 0, 0) == doctest::Approx(12.0).epsilon(1e-12));
  CHECK(cost(years, 0, 0, 1) == doctest::Approx(12.48).epsilon(1e-12));
  CHECK(cost(years, 0, 0, 2) == doctest::Approx(12.48 * 1.04).epsilon(1e-12));
}

TEST_CASE("an annual index_rate overlay takes effect at the index's next step; a monthly one from "
          "its from month")
{
  const Model model = model_from(header("2024/25") + R"(
[indices.step]
default = 0.05
[indices.smooth]
default = 0.05
timing = "monthly"
[lines.annual]
base = 12.0
demand = "step"
[lines.monthly]
base = 12.0
demand = "smooth"
[options.base]
name = "Base"
[options.later]
name = "From October 2023"
[options.later.overlays.annual]
type = "index_rate"
index = "step"
rate = 0.10
from = "2023-10"
[options.later.overlays.monthly]
type = "index_rate"
index = "smooth"
rate = 0.10
from = "2023-10"
)");
  const Outcome months = evaluate(model, Period::month);
  // Annual: October 2023 is not a step, so 2023/24 keeps its 5%; the April 2024 step is 10%.
  for (int t = 0; t < 36; ++t) {
    CAPTURE(t);
    CHECK(near(cost(months, 1, 0, t), cost(months, 0, 0, t)));
  }
  CHECK(cost(months, 1, 0, 36) == doctest::Approx(1.05 * 1.05 * 1.10).epsilon(1e-12));
  // Monthly: the same as the base until September 2023, then up by 1.10^(1/12) a month.
  for (int t = 0; t < 30; ++t) {
    CAPTURE(t);
    CHECK(near(cost(months, 1, 1, t), cost(months, 0, 1, t)));
  }
  for (int t = 30; t < 48; ++t) {
    CAPTURE(t);
    CHECK(cost(months, 1, 1, t) / cost(months, 1, 1, t - 1)
          == doctest::Approx(std::pow(1.10, 1.0 / 12.0)).epsilon(1e-12));
  }
}

TEST_CASE("price shares mix index levels linearly, and demand multiplies the price mix")
{
  const Model model = model_from(header("2023/24") + R"(
[indices.a]
default = 0.10
[indices.b]
default = -0.05
[lines.mix]
base = 12.0
prices = { a = 0.25, b = 0.75 }
[lines.pure_a]
base = 12.0
prices = { a = 1.0 }
[lines.pure_b]
base = 12.0
prices = { b = 1.0 }
[lines.demand_a_price_b]
base = 12.0
demand = "a"
prices = { b = 1.0 }
[options.o]
name = "O"
)");
  const Outcome months = evaluate(model, Period::month);
  for (int t = 0; t < 36; ++t) {
    CAPTURE(t);
    CHECK(near(cost(months, 0, 0, t), 0.25 * cost(months, 0, 1, t) + 0.75 * cost(months, 0, 2, t)));
    CHECK(near(cost(months, 0, 3, t), cost(months, 0, 1, t) * cost(months, 0, 2, t)));
  }
  // March 2023: 0.25 x 1.10 + 0.75 x 0.95 = 0.9875; demand x price = 1.10 x 0.95 = 1.045.
  CHECK(cost(months, 0, 0, 23) == doctest::Approx(0.9875).epsilon(1e-12));
  CHECK(cost(months, 0, 3, 23) == doctest::Approx(1.045).epsilon(1e-12));
}

TEST_CASE("a line's `until` stops its baseline after that month, but not its overlays")
{
  const Model model = model_from(header("2023/24") + R"(
[lines.a]
base = 12.0
until = "2022-06"
[options.plain]
name = "Plain"
[options.topped_up]
name = "Topped up"
[options.topped_up.overlays.extra]
type = "recurring"
line = "a"
amount = 1.2
from = "2022-04"
)");
  const Outcome months = evaluate(model, Period::month);
  for (int t = 0; t < 36; ++t) {
    CAPTURE(t);
    // 1.0 a month through June 2022 (month 14), nothing after.
    CHECK(near(cost(months, 0, 0, t), t <= 14 ? 1.0 : 0.0));
  }
  const Outcome years = evaluate(model, Period::year);
  CHECK(near(cost(years, 0, 0, 0), 12.0));
  CHECK(near(cost(years, 0, 0, 1), 3.0)); // April to June
  CHECK(near(cost(years, 0, 0, 2), 0.0));
  // The recurring 1.2 a year continues past `until`.
  CHECK(near(cost(years, 1, 0, 1), 3.0 + 1.2));
  CHECK(near(cost(years, 1, 0, 2), 1.2));
}

TEST_CASE("stop_line keep 0.25 from October leaves 6 months full and 6 at a quarter")
{
  const Model model = model_from(header("2023/24") + R"(
[lines.a]
base = 12.0
[options.stop]
name = "Stop"
[options.stop.overlays.stop]
type = "stop_line"
line = "a"
from = "2022-10"
keep = 0.25
[options.stop_and_add]
name = "Stop and add"
extends = "stop"
[options.stop_and_add.overlays.extra]
type = "recurring"
line = "a"
amount = 1.2
from = "2022-04"
[options.two_halves]
name = "Two halves"
[options.two_halves.overlays.first]
type = "stop_line"
line = "a"
from = "2022-10"
keep = 0.5
[options.two_halves.overlays.second]
type = "stop_line"
line = "a"
from = "2022-10"
keep = 0.5
)");
  const Outcome years = evaluate(model, Period::year);
  CHECK(near(cost(years, 0, 0, 0), 12.0));
  CHECK(near(cost(years, 0, 0, 1), 6.0 + 6.0 * 0.25)); // 7.5
  CHECK(near(cost(years, 0, 0, 2), 12.0 * 0.25));      // 3.0
  const Outcome months = evaluate(model, Period::month);
  CHECK(near(cost(months, 0, 0, 17), 1.0));  // September 2022
  CHECK(near(cost(months, 0, 0, 18), 0.25)); // October 2022
  // keep applies to the baseline only: a recurring 1.2 on the line is not reduced.
  CHECK(near(cost(years, 1, 0, 1), 7.5 + 1.2));
  CHECK(near(cost(years, 1, 0, 2), 3.0 + 1.2));
  // Two stops multiply: 0.5 x 0.5 = 0.25.
  CHECK(near(cost(years, 2, 0, 1), 7.5));
  CHECK(near(cost(years, 2, 0, 2), 3.0));
}

TEST_CASE("a recurring amount is amount/12 a month in its window, indexed from its first month")
{
  const Model model = model_from(header("2023/24") + R"(
[indices.pay]
default = 0.12
[lines.a]
base = 0.0
[options.o]
name = "O"
[options.o.overlays.team]
type = "recurring"
line = "a"
amount = 1.2
from = "2022-10"
indexed = "pay"
[options.p]
name = "P"
[options.p.overlays.short]
type = "recurring"
line = "a"
amount = 1.2
from = "2022-04"
until = "2022-06"
)");
  const Outcome months = evaluate(model, Period::month);
  CHECK(near(cost(months, 0, 0, 17), 0.0));
  // Exactly amount/12 in October 2022, although pay has grown since April 2022.
  CHECK(cost(months, 0, 0, 18) == doctest::Approx(0.1).epsilon(1e-12));
  for (int t = 18; t < 36; ++t) {
    CAPTURE(t);
    // level(t) / level(October 2022): 1 until pay steps by 12% in April 2023.
    CHECK(cost(months, 0, 0, t) == doctest::Approx(t < 24 ? 0.1 : 0.112).epsilon(1e-12));
  }
  // Unindexed, April to June 2022 inclusive: three months of 0.1.
  for (int t = 0; t < 36; ++t) {
    CAPTURE(t);
    CHECK(near(cost(months, 1, 0, t), t >= 12 && t <= 14 ? 0.1 : 0.0));
  }
  const Outcome years = evaluate(model, Period::year);
  CHECK(near(cost(years, 1, 0, 1), 0.3));
  CHECK(near(cost(years, 1, 0, 2), 0.0));
}

TEST_CASE("DCST monitoring team grows with pay from its first month")
{
  // contract_management adds 0.35 a year from April 2022 indexed by pay, which steps on
  // 1 April: 0.35 in 2022/23, then x 1.03 (the 2023/24 award) and x 1.02 (the default).
  const Model model = carecast::test::dcst_model();
  const Outcome years = evaluate(model, Period::year);
  const int option = *model.find_option("contract_management");
  const int line = 6;
  REQUIRE(model.lines()[line].id == "contract_monitoring");
  CHECK(near(cost(years, option, line, 0), 0.0, 1e-9));
  CHECK(near(cost(years, option, line, 1), 0.35, 1e-12));
  CHECK(near(cost(years, option, line, 2), 0.35 * 1.03, 1e-12));
  CHECK(near(cost(years, option, line, 3), 0.35 * 1.03 * 1.02, 1e-12));
}

TEST_CASE("an index_rate overlay from April of year 2 changes the steps from then")
{
  const Model model = model_from(header("2024/25") + R"(
[indices.d]
default = 0.05
[lines.a]
base = 12.0
demand = "d"
[options.base]
name = "Base"
[options.slow]
name = "Slow for a year"
[options.slow.overlays.r]
type = "index_rate"
index = "d"
rate = 0.10
from = "2023-04"
until = "2024-03"
[options.always]
name = "Changed to the end"
[options.always.overlays.r]
type = "index_rate"
index = "d"
rate = 0.10
from = "2023-04"
)");
  const Outcome months = evaluate(model, Period::month);
  for (int t = 0; t < 24; ++t) {
    CAPTURE(t);
    CHECK(near(cost(months, 1, 0, t), cost(months, 0, 0, t)));
    CHECK(near(cost(months, 2, 0, t), cost(months, 0, 0, t)));
  }
  // Annual steps on 1 April: 2022/23 at 1.05, then the overlay's 10% step in April 2023.
  CHECK(cost(months, 1, 0, 23) == doctest::Approx(1.05).epsilon(1e-12)); // March 2023
  CHECK(cost(months, 1, 0, 24) == doctest::Approx(1.05 * 1.10).epsilon(1e-12));
  CHECK(cost(months, 1, 0, 35) == doctest::Approx(1.05 * 1.10).epsilon(1e-12));
  CHECK(cost(months, 0, 0, 35) == doctest::Approx(1.05 * 1.05).epsilon(1e-12));
  // After `until` the index's own 5% resumes from the level reached, not reset.
  CHECK(cost(months, 1, 0, 47) == doctest::Approx(1.05 * 1.10 * 1.05).epsilon(1e-12));
  // Without `until` the new rate runs to the end of the horizon.
  CHECK(cost(months, 2, 0, 47) == doctest::Approx(1.05 * 1.10 * 1.10).epsilon(1e-12));
}

TEST_CASE("a batch of parameter columns gives each column exactly its own evaluation")
{
  const Model model = carecast::test::dcst_model();
  const Eigen::VectorXd base = model.values();
  Eigen::MatrixXd batch(base.size(), 3);
  batch.col(0) = base;
  batch.col(1) = base * 1.01; // every parameter 1% higher
  batch.col(2) = base;
  batch(*model.find_parameter("ladder.types.ifa.weekly_cost"), 2) += 100.0;
  batch(*model.find_parameter("indices.prices.default"), 2) = 0.05;
  for (const Period period : {Period::month, Period::year}) {
    const Outcome together = Evaluator(model).evaluate(batch, period);
    REQUIRE(together.draws() == 3);
    for (int d = 0; d < 3; ++d) {
      const Eigen::VectorXd column = batch.col(d);
      const Outcome alone = Evaluator(model).evaluate(column, period);
      REQUIRE(alone.draws() == 1);
      int mismatches = 0;
      for (int o = 0; o < together.options(); ++o) {
        for (int l = 0; l < together.lines(); ++l) {
          for (int p = 0; p < together.periods(); ++p) {
            // Bit-identical: a column's result must not depend on its neighbours.
            mismatches += together.cost(o, l, p)[d] != alone.cost(o, l, p)[0] ? 1 : 0;
          }
        }
      }
      for (int y = 0; y < model.grid().years(); ++y) {
        mismatches += together.budget(y)[d] != alone.budget(y)[0] ? 1 : 0;
      }
      for (int o = 0; o < together.options(); ++o) {
        for (int j = 0; j < together.placements(); ++j) {
          for (int p = 0; p < together.periods(); ++p) {
            mismatches += together.children_avg(o, j, p)[d] != alone.children_avg(o, j, p)[0];
            mismatches += together.children_end(o, j, p)[d] != alone.children_end(o, j, p)[0];
            mismatches += together.placement_cost(o, j, p)[d] != alone.placement_cost(o, j, p)[0];
          }
        }
      }
      CAPTURE(d);
      CHECK(mismatches == 0);
    }
    // The perturbed columns really differ from the base (so the check above means something).
    CHECK(together.total(0, together.periods() - 1)[1]
          != together.total(0, together.periods() - 1)[0]);
    CHECK(together.total(0, together.periods() - 1)[2]
          != together.total(0, together.periods() - 1)[0]);
  }
}

TEST_CASE("a year's budget is the sum of its steps, grown after the last stated year")
{
  const Model model = model_from(header("2025/26") + R"(
[lines.a]
base = 1.0
[budget]
growth = 0.1
[budget.years]
"2021/22" = 10.0
[budget.years."2022/23"]
a = 10.0
b = 0.5
c = 0.25
[options.o]
name = "O"
)");
  const Outcome years = evaluate(model, Period::year);
  CHECK(years.budget(0)[0] == doctest::Approx(10.0).epsilon(1e-12));
  CHECK(years.budget(1)[0] == doctest::Approx(10.75).epsilon(1e-12));   // 10 + 0.5 + 0.25
  CHECK(years.budget(2)[0] == doctest::Approx(11.825).epsilon(1e-12));  // 10.75 x 1.1
  CHECK(years.budget(3)[0] == doctest::Approx(13.0075).epsilon(1e-12)); // x 1.1 again
  CHECK(years.budget(4)[0] == doctest::Approx(14.30825).epsilon(1e-12));
  // The monthly evaluation carries the same yearly budget.
  const Outcome months = evaluate(model, Period::month);
  CHECK(months.budget(4)[0] == doctest::Approx(14.30825).epsilon(1e-12));
}

TEST_CASE("budget growth fills a gap between stated years but never works backwards")
{
  const Model model = model_from(header("2024/25") + R"(
[lines.a]
base = 1.0
[budget]
growth = 0.1
[budget.years]
"2022/23" = 10.0
"2024/25" = 20.0
[options.o]
name = "O"
)");
  const Outcome years = evaluate(model, Period::year);
  CHECK(std::isnan(years.budget(0)[0])); // before the first stated year
  CHECK(years.budget(1)[0] == doctest::Approx(10.0).epsilon(1e-12));
  CHECK(years.budget(2)[0] == doctest::Approx(11.0).epsilon(1e-12)); // 10 x 1.1
  CHECK(years.budget(3)[0] == doctest::Approx(20.0).epsilon(1e-12)); // stated
}

TEST_CASE("there is no budget (NaN) in years neither stated nor grown")
{
  const Model without = model_from(header("2022/23") + R"(
[lines.a]
base = 1.0
[options.o]
name = "O"
)");
  const Outcome none = evaluate(without, Period::year);
  CHECK(std::isnan(none.budget(0)[0]));
  CHECK(std::isnan(none.budget(1)[0]));

  const Model no_growth = model_from(header("2023/24") + R"(
[lines.a]
base = 1.0
[budget.years]
"2022/23" = 5.0
[options.o]
name = "O"
)");
  const Outcome stated = evaluate(no_growth, Period::year);
  CHECK(std::isnan(stated.budget(0)[0]));
  CHECK(stated.budget(1)[0] == doctest::Approx(5.0).epsilon(1e-12));
  CHECK(std::isnan(stated.budget(2)[0])); // no growth to carry it forward
}

TEST_CASE("the DCST scenario reproduces the cabinet report's figures")
{
  const Model model = carecast::test::dcst_model();
  const Outcome years = evaluate(model, Period::year);
  // Para 44: the 2021/22 contract value 58.17, the quarter 3 forecast 64.43 (= 58.17
  // + the 6.26 overspend), and the 2022/23 budget 65.15 = 58.17 + 3.54 + 0.70 + 2.74.
  CHECK(near(years.budget(0)[0], 58.17, 1e-9));
  CHECK(near(years.budget(1)[0], 58.17 + 3.54 + 0.70 + 2.74, 1e-9));
  CHECK(near(years.budget(1)[0], 65.15, 1e-9));
  // 2023/24 rolls 2022/23 forward with the stated 3% growth and para 45's first saving
  // step of 0.27.
  CHECK(near(years.budget(2)[0], 65.15 * 1.03 - 0.27, 1e-9));
  REQUIRE(years.options() == 3);
  for (int o = 0; o < years.options(); ++o) {
    CAPTURE(o);
    CHECK(near(years.total(o, 0)[0], 64.43, 1e-9));
    CHECK(near(years.total(o, 0)[0] - years.budget(0)[0], 6.26, 1e-9));
  }
}

namespace {

// Two flat lines of 12 a year over four years (zero rates), with an appraisal section.
carecast::Model appraisal_model(const std::string& appraisal)
{
  return carecast::test::model_from(R"([scenario]
name = "Appraisal"
base_year = "2021/22"
horizon = "2024/25"
[indices.deflator]
default = 0.0
[lines.care]
base = 12.0
[lines.transition]
base = 0.0
[options.only]
name = "Only"
[options.only.overlays.programme]
type = "one_off"
line = "transition"
amount = 2.0
from = "2022-04"
until = "2022-09"
)" + appraisal);
}

} // namespace

TEST_CASE("net present cost discounts each year by 1 / 1.035^t from the first appraisal year")
{
  // Green Book default 3.5%; t = 0 for 2022/23. Costs: 2022/23 = 12 + 2, then 12, 12.
  const carecast::Model model = appraisal_model("[appraisal]\nfirst_year = \"2022/23\"\n");
  const carecast::Outcome outcome = carecast::Evaluator(model).evaluate(model.values());
  const double expected = 14.0 + 12.0 / 1.035 + 12.0 / (1.035 * 1.035);
  CHECK(outcome.net_present_cost(0)[0] == doctest::Approx(expected).epsilon(1e-12));
}

TEST_CASE("a 0% discount rate makes net present cost the plain sum of the years")
{
  // From the base year: 12 + 14 + 12 + 12.
  const carecast::Model model = appraisal_model("[appraisal]\ndiscount_rate = 0.0\n");
  const carecast::Outcome outcome = carecast::Evaluator(model).evaluate(model.values());
  CHECK(outcome.net_present_cost(0)[0] == doctest::Approx(50.0).epsilon(1e-12));
}

TEST_CASE("real costs equal nominal costs when the deflator does not grow")
{
  const carecast::Model model =
    appraisal_model("[appraisal]\ndeflator = \"deflator\"\nprice_year = \"2021/22\"\n");
  const carecast::Outcome outcome = carecast::Evaluator(model).evaluate(model.values());
  for (int y = 0; y < 4; ++y) {
    CHECK(outcome.deflator(y)[0] == doctest::Approx(1.0).epsilon(1e-15));
  }
}

TEST_CASE("a 2% deflator gives 980.4, 961.2, 942.3, 923.8 and 905.7 per 1,000 in years 1 to 5 "
          "under both timings")
{
  // The Green Book's own example of deflating at 2% a year: 1,000 / 1.02^t.
  for (const char* timing : {"annual", "monthly"}) {
    CAPTURE(timing);
    const Model model = model_from(
      header("2026/27") + "[indices.deflator]\ndefault = 0.02\ntiming = \"" + timing + R"("
[lines.care]
base = 12.0
[options.only]
name = "Only"
[appraisal]
deflator = "deflator"
price_year = "2021/22"
)");
    const Outcome outcome = Evaluator(model).evaluate(model.values());
    const double expected[] = {1000.0, 980.4, 961.2, 942.3, 923.8, 905.7};
    for (int y = 0; y < 6; ++y) {
      CAPTURE(y);
      CHECK(1000.0 / outcome.deflator(y)[0] == doctest::Approx(expected[y]).epsilon(0.05 / 1000));
      CHECK(outcome.deflator(y)[0] == doctest::Approx(std::pow(1.02, y)).epsilon(1e-12));
    }
  }
}

TEST_CASE("optimism bias scales exactly the line or overlay it names")
{
  // 40% on the one-off overlay: 2.0 becomes 2.8 in 2022/23; the care line is untouched.
  // 10% on the care line: 12 becomes 13.2 every year.
  const carecast::Model plain = appraisal_model("");
  const carecast::Model biased =
    appraisal_model("[appraisal.optimism_bias]\nprogramme = 0.4\ncare = 0.1\n");
  const carecast::Outcome before = carecast::Evaluator(plain).evaluate(plain.values());
  const carecast::Outcome after = carecast::Evaluator(biased).evaluate(biased.values());
  CHECK(after.cost(0, 1, 1)[0] == doctest::Approx(before.cost(0, 1, 1)[0] * 1.4).epsilon(1e-12));
  CHECK(after.cost(0, 1, 1)[0] == doctest::Approx(2.8).epsilon(1e-12));
  for (int y = 0; y < 4; ++y) {
    CHECK(after.cost(0, 0, y)[0] == doctest::Approx(13.2).epsilon(1e-12));
  }
}

TEST_CASE("an evaluation of costs only gives the same costs, without the ladder's detail")
{
  // Invariant: Figures::costs leaves out the per-type ladder figures and nothing else,
  // so every cost, budget and net present cost is the same to the bit.
  const Model model = carecast::test::dcst_model();
  const carecast::Evaluator evaluator(model);
  const Outcome all = evaluator.evaluate(model.values(), Period::year);
  const Outcome costs = evaluator.evaluate(model.values(), Period::year, carecast::Figures::costs);
  CHECK(all.placements() == 6);
  CHECK(costs.placements() == 0);
  for (int o = 0; o < all.options(); ++o) {
    CHECK(costs.net_present_cost(o) == all.net_present_cost(o));
    for (int y = 0; y < all.periods(); ++y) {
      CHECK(costs.total(o, y) == all.total(o, y));
      for (int l = 0; l < all.lines(); ++l) {
        CHECK(costs.cost(o, l, y) == all.cost(o, l, y));
      }
    }
  }
  for (int y = 0; y < model.grid().years(); ++y) {
    CHECK(costs.deflator(y) == all.deflator(y));
  }
}

TEST_CASE("calibration scales each draw's baseline so that its base year comes to the known total")
{
  // Lines of 10 and 20 growing 10% a year; a known base-year total of 33 is 1.1 x 30, so
  // the calibration line adds 0.1 x the baselines: 3 in the base year, 3.3 the next. The
  // one-off overlay is not scaled.
  const Model model = model_from(header("2022/23") + R"(
[indices.growth]
default = 0.10
[lines.a]
base = 10.0
demand = "growth"
[lines.b]
base = 20.0
demand = "growth"
[options.o]
name = "O"
[options.o.overlays.once]
type = "one_off"
line = "a"
amount = 1.0
from = "2022-04"
until = "2022-04"
[uncertainty]
known_base_year = 33.0
)");
  const int calibration = model.calibration().line;
  REQUIRE(calibration == 2);
  REQUIRE(model.lines()[2].id == "base_year_calibration");
  Eigen::MatrixXd batch(model.values().size(), 2);
  batch.col(0) = model.values();
  batch.col(1) = model.values();
  batch(*model.find_parameter("lines.b.base"), 1) = 40.0; // a draw that re-prices the base year
  const Outcome outcome = Evaluator(model).evaluate(batch, Period::year);
  CHECK(outcome.cost(0, calibration, 0)[0] == doctest::Approx(3.0).epsilon(1e-12));
  CHECK(outcome.cost(0, calibration, 1)[0] == doctest::Approx(3.3).epsilon(1e-12));
  CHECK(outcome.total(0, 1)[0] == doctest::Approx(33.0 * 1.1 + 1.0).epsilon(1e-12));
  // Second draw: 50 modelled, so every year is scaled by 33 / 50 (the one-off aside).
  for (int y = 0; y < 2; ++y) {
    CAPTURE(y);
    const double overlays = y == 1 ? 1.0 : 0.0;
    CHECK(outcome.total(0, y)[1] - overlays
          == doctest::Approx(33.0 * std::pow(1.1, y)).epsilon(1e-12));
  }
  // explain splits the calibration line into one term that matches the evaluator.
  const carecast::Explanation explained =
    carecast::explain_cost(model, model.values(), 0, calibration, 1);
  REQUIRE(explained.terms.size() == 1);
  CHECK(explained.terms[0].parameter == model.calibration().known);
  CHECK(explained.total == doctest::Approx(3.3).epsilon(1e-12));
}
