// The care ladder's projection (docs/scenario-format.md, section 9b): children moved
// month by month by the monthly form of the annual rates, entries, costs, and the
// ladder overlays.

#include "carecast/evaluator.hpp"

#include "test_model.hpp"

#include <algorithm>
#include <cmath>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <string>
#include <vector>

using carecast::Evaluator;
using carecast::Model;
using carecast::Outcome;
using carecast::Period;
using carecast::test::model_from;

namespace {

// One placement type of a test ladder; `moves` are its annual rates to each type, in
// the order the types are given.
struct Rung
{
  std::string id;
  double weekly_cost = 0.0;
  double children = 0.0;
  double entry_share = 0.0;
  double exit_rate = 0.0;
  std::vector<double> moves;
  std::string prices = {}; // an index id, when the price moves
};

struct LadderSpec
{
  std::vector<Rung> rungs;
  double per_year = 0.0;
  std::string growth = {}; // the TOML value of `entries.growth`, when given
  std::string rest = {};   // indices and further options, appended as written
  std::string horizon = "2022/23";
  std::string unit = "£m";
};

std::string number(double value)
{
  return fmt::format("{}", value);
}

// A scenario over 2021/22 to `horizon` whose only line, `placements` (line 0), is fed
// by the ladder, with the types in the order given (type index = position), and a
// first option `base` (option 0) without overlays. Its grid starts in April 2021:
// month 0 is 2021-04, 3 is 2021-07, 6 is 2021-10, 9 is 2022-01, 12 is 2022-04.
std::string ladder_scenario(const LadderSpec& spec)
{
  std::string order;
  std::string types;
  std::string moves;
  for (const Rung& rung : spec.rungs) {
    order += (order.empty() ? "\"" : ", \"") + rung.id + "\"";
    types += fmt::format("[ladder.types.{}]\nweekly_cost = {}\nchildren = {}\nentry_share = {}\n"
                         "exit_rate = {}\n",
                         rung.id, number(rung.weekly_cost), number(rung.children),
                         number(rung.entry_share), number(rung.exit_rate));
    if (!rung.prices.empty()) {
      types += "prices = \"" + rung.prices + "\"\n";
    }
    std::string row;
    for (const double rate : rung.moves) {
      row += (row.empty() ? "" : ", ") + number(rate);
    }
    moves += rung.id + " = [" + row + "]\n";
  }
  std::string text = "[scenario]\nname = \"Ladder test\"\nbase_year = \"2021/22\"\nhorizon = \""
                     + spec.horizon + "\"\nunit = \"" + spec.unit + "\"\n\n";
  text += "[lines.placements]\nname = \"Placements\"\n\n";
  text += "[ladder]\nline = \"placements\"\norder = [" + order + "]\n\n";
  text += "[ladder.entries]\nper_year = " + number(spec.per_year) + "\n";
  if (!spec.growth.empty()) {
    text += "growth = " + spec.growth + "\n";
  }
  text += "\n" + types + "\n[ladder.moves]\n" + moves + "\n";
  text += "[options.base]\nname = \"Base\"\n\n" + spec.rest;
  return text;
}

Outcome evaluate(const Model& model, Period period)
{
  return Evaluator(model).evaluate(model.values(), period);
}

// The first (only) draw of each measure.
double end(const Outcome& outcome, int option, int type, int period)
{
  return outcome.children_end(option, type, period)[0];
}
double avg(const Outcome& outcome, int option, int type, int period)
{
  return outcome.children_avg(option, type, period)[0];
}
double cost(const Outcome& outcome, int option, int type, int period)
{
  return outcome.placement_cost(option, type, period)[0];
}

// Children at the start of month t: the closing count of the month before, or the
// type's starting count in the first month.
double opening(const Outcome& months, int option, int type, int t, double start)
{
  return t == 0 ? start : end(months, option, type, t - 1);
}

// Days in month t of the grid for 2021/22 and 2022/23 (neither February is a leap one).
double days(int t)
{
  static constexpr int k_days[] = {30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28, 31};
  return k_days[t % 12];
}

// A month's cost of `children` (the month's average) at `weekly` pounds, in £m.
double month_cost(double children, double weekly, int t)
{
  return children * weekly * days(t) / 7.0 / 1e6;
}

doctest::Approx approx(double value)
{
  return doctest::Approx(value).epsilon(1e-12);
}

} // namespace

TEST_CASE("ladder: identity transitions without entries keep every type's count flat")
{
  // No moves, no exits, no entries: every monthly matrix is the identity.
  const Model model = model_from(ladder_scenario(
    {.rungs = {{"a", 700, 10, 1.0, 0.0, {0, 0}}, {"b", 3500, 4, 0.0, 0.0, {0, 0}}}}));
  const Outcome months = evaluate(model, Period::month);
  REQUIRE(months.periods() == 24);
  REQUIRE(months.placements() == 2);
  for (int t = 0; t < 24; ++t) {
    CAPTURE(t);
    CHECK(end(months, 0, 0, t) == approx(10.0));
    CHECK(avg(months, 0, 0, t) == approx(10.0));
    CHECK(end(months, 0, 1, t) == approx(4.0));
    CHECK(avg(months, 0, 1, t) == approx(4.0));
  }
  const Outcome years = evaluate(model, Period::year);
  for (int y = 0; y < 2; ++y) {
    CAPTURE(y);
    CHECK(end(years, 0, 0, y) == approx(10.0));
    CHECK(avg(years, 0, 1, y) == approx(4.0));
    // Both years have 365 days. a: 10 x £700 / 7 = £1,000 a day, £0.365m a year;
    // b: 4 x £3,500 / 7 = £2,000 a day, £0.73m a year; the line is their sum.
    CHECK(cost(years, 0, 0, y) == approx(0.365));
    CHECK(cost(years, 0, 1, y) == approx(0.73));
    CHECK(years.cost(0, 0, y)[0] == approx(1.095));
  }
}

TEST_CASE("ladder: weekly costs in pounds are converted to the scenario's unit")
{
  // As above in £k: a's £365,000 a year is 365 (£k), in £ it is 365,000.
  struct Case
  {
    std::string unit;
    double expected;
  };
  for (const Case& unit : {Case{"£k", 365.0}, Case{"£", 365000.0}}) {
    CAPTURE(unit.unit);
    const Model model =
      model_from(ladder_scenario({.rungs = {{"a", 700, 10, 1.0, 0.0, {0}}}, .unit = unit.unit}));
    const Outcome years = evaluate(model, Period::year);
    CHECK(cost(years, 0, 0, 0) == approx(unit.expected));
    CHECK(years.cost(0, 0, 0)[0] == approx(unit.expected));
  }
}

TEST_CASE("ladder: without exits or entries the total number of children is conserved")
{
  // Moves only: a -> b 0.3, a -> c 0.1, b -> a 0.2, c -> b 0.5; no exits, no entries.
  const Model model =
    model_from(ladder_scenario({.rungs = {{"a", 100, 100, 1.0, 0.0, {0, 0.3, 0.1}},
                                          {"b", 100, 50, 0.0, 0.0, {0.2, 0, 0}},
                                          {"c", 100, 0, 0.0, 0.0, {0, 0.5, 0}}}}));
  const Outcome months = evaluate(model, Period::month);
  for (int t = 0; t < 24; ++t) {
    CAPTURE(t);
    double total_end = 0.0;
    double total_avg = 0.0;
    for (int j = 0; j < 3; ++j) {
      total_end += end(months, 0, j, t);
      total_avg += avg(months, 0, j, t);
    }
    CHECK(total_end == approx(150.0)); // 100 + 50 + 0 at the start
    CHECK(total_avg == approx(150.0));
  }
  // The split changes. Month 0: a keeps 0.6^(1/12) of its 100 (outflow 0.4) and gains
  // all of b's monthly outflow 1 - 0.8^(1/12) of 50; c gets a quarter (0.1 / 0.4) of
  // a's monthly outflow.
  const double a_out = 100.0 * (1.0 - std::pow(0.6, 1.0 / 12.0));
  const double b_out = 50.0 * (1.0 - std::pow(0.8, 1.0 / 12.0));
  CHECK(end(months, 0, 0, 0) == approx(100.0 - a_out + b_out));
  CHECK(end(months, 0, 1, 0) == approx(50.0 - b_out + a_out * 0.75));
  CHECK(end(months, 0, 2, 0) == approx(a_out * 0.25));
  CHECK(end(months, 0, 0, 0) < 99.0); // a_out is about 4.2, b_out about 0.9
}

TEST_CASE("ladder: a two-type ladder by hand, month by month and by year")
{
  // a: 120 children at £700 a week, annual moves to b 0.19, no exits, no entries.
  // b: 30 children at £3,500 a week, no outflow, all of 24 entries a year: 2 a month.
  // a keeps s = 0.81^(1/12) = 0.9^(1/6) a month and sends 1 - s to b, so at the end of
  // month t it has 120 s^(t+1), and b has 30 + 120 (1 - s^(t+1)) + 2 (t + 1).
  const Model model = model_from(ladder_scenario(
    {.rungs = {{"a", 700, 120, 0.0, 0.0, {0, 0.19}}, {"b", 3500, 30, 1.0, 0.0, {0, 0}}},
     .per_year = 24}));
  const double s = std::pow(0.81, 1.0 / 12.0);
  const auto a_end = [&](int t) { return 120.0 * std::pow(s, t + 1); };
  const auto b_end = [&](int t) {
    return 30.0 + 120.0 * (1.0 - std::pow(s, t + 1)) + 2.0 * (t + 1);
  };
  const auto a_open = [&](int t) { return t == 0 ? 120.0 : a_end(t - 1); };
  const auto b_open = [&](int t) { return t == 0 ? 30.0 : b_end(t - 1); };

  const Outcome months = evaluate(model, Period::month);
  for (int t = 0; t < 3; ++t) { // April (30 days), May (31) and June (30) 2021
    CAPTURE(t);
    CHECK(end(months, 0, 0, t) == approx(a_end(t)));
    CHECK(end(months, 0, 1, t) == approx(b_end(t)));
    const double a_avg = (a_open(t) + a_end(t)) / 2.0;
    const double b_avg = (b_open(t) + b_end(t)) / 2.0;
    CHECK(avg(months, 0, 0, t) == approx(a_avg));
    CHECK(avg(months, 0, 1, t) == approx(b_avg));
    CHECK(cost(months, 0, 0, t) == approx(a_avg * 700.0 * days(t) / 7.0 / 1e6));
    CHECK(cost(months, 0, 1, t) == approx(b_avg * 3500.0 * days(t) / 7.0 / 1e6));
    // The line's baseline is the ladder's cost.
    CHECK(months.cost(0, 0, t)[0] == approx(cost(months, 0, 0, t) + cost(months, 0, 1, t)));
  }
  // Month 0 in figures: s = 0.98259319..., a ends with 117.9112 and b with 34.0888.
  CHECK(end(months, 0, 0, 0) == doctest::Approx(117.9112).epsilon(1e-6));
  CHECK(end(months, 0, 1, 0) == doctest::Approx(34.0888).epsilon(1e-6));

  const Outcome years = evaluate(model, Period::year);
  // March 2022 closes year 0: a has 120 s^12 = 120 x 0.81 = 97.2; b has
  // 30 + 120 x 0.19 + 24 = 76.8.
  CHECK(end(years, 0, 0, 0) == approx(97.2));
  CHECK(end(years, 0, 1, 0) == approx(76.8));
  CHECK(end(years, 0, 0, 0) == approx(end(months, 0, 0, 11)));
  double a_avg = 0.0;
  double b_avg = 0.0;
  double a_cost = 0.0;
  double b_cost = 0.0;
  double months_avg = 0.0;
  double months_cost = 0.0;
  for (int t = 0; t < 12; ++t) {
    const double a_month = (a_open(t) + a_end(t)) / 2.0;
    const double b_month = (b_open(t) + b_end(t)) / 2.0;
    a_avg += a_month / 12.0;
    b_avg += b_month / 12.0;
    a_cost += month_cost(a_month, 700.0, t);
    b_cost += month_cost(b_month, 3500.0, t);
    months_avg += avg(months, 0, 0, t) / 12.0;
    months_cost += cost(months, 0, 1, t);
  }
  // children_avg is the mean of the months' averages, cost the sum of the months.
  CHECK(avg(years, 0, 0, 0) == approx(a_avg));
  CHECK(avg(years, 0, 1, 0) == approx(b_avg));
  CHECK(avg(years, 0, 0, 0) == approx(months_avg));
  CHECK(cost(years, 0, 0, 0) == approx(a_cost));
  CHECK(cost(years, 0, 1, 0) == approx(b_cost));
  CHECK(cost(years, 0, 1, 0) == approx(months_cost));
  CHECK(years.cost(0, 0, 0)[0] == approx(a_cost + b_cost));
}

TEST_CASE("ladder: an annual outflow leaves exactly 1 - outflow after twelve months")
{
  // a: 1,200 children, moves to b 0.1 and to c 0.2, exit 0.3: outflow 0.6. b (10) and
  // c (20) have no outflow, so nobody moves back, and there are no entries.
  const Model model = model_from(ladder_scenario({.rungs = {{"a", 0, 1200, 1.0, 0.3, {0, 0.1, 0.2}},
                                                            {"b", 0, 10, 0.0, 0.0, {0, 0, 0}},
                                                            {"c", 0, 20, 0.0, 0.0, {0, 0, 0}}}}));
  const Outcome years = evaluate(model, Period::year);
  // (1 - 0.6)^(1/12) twelve times is 0.4: 480 stay. The 720 who leave a split as the
  // annual rates do: 0.1 / 0.6 of them (120) to b, 0.2 / 0.6 (240) to c and 0.3 / 0.6
  // (360) out of care.
  CHECK(end(years, 0, 0, 0) == approx(480.0));
  CHECK(end(years, 0, 1, 0) == approx(10.0 + 120.0));
  CHECK(end(years, 0, 2, 0) == approx(20.0 + 240.0));
  // Two years: 1,200 x 0.4^2 = 192 stay; of the 1,008 who leave, b gets 168, c 336.
  CHECK(end(years, 0, 0, 1) == approx(192.0));
  CHECK(end(years, 0, 1, 1) == approx(10.0 + 168.0));
  CHECK(end(years, 0, 2, 1) == approx(20.0 + 336.0));

  // Month 0: the monthly outflow 1 - 0.4^(1/12) of 1,200 splits 1 : 2 : 3 between b, c
  // and leaving care.
  const Outcome months = evaluate(model, Period::month);
  const double out = 1200.0 * (1.0 - std::pow(0.4, 1.0 / 12.0));
  CHECK(end(months, 0, 0, 0) == approx(1200.0 - out));
  CHECK(end(months, 0, 1, 0) == approx(10.0 + out / 6.0));
  CHECK(end(months, 0, 2, 0) == approx(20.0 + out / 3.0));
  const double total = end(months, 0, 0, 0) + end(months, 0, 1, 0) + end(months, 0, 2, 0);
  CHECK(total == approx(1230.0 - out / 2.0));
}

TEST_CASE("ladder: shift_entries places its share of out_of's entries in into from its month")
{
  // Nobody in care at the start, no moves or exits: each month's entries are the month's
  // change in closing counts. 120 entries a year, 10 a month: 6 to a, 4 to b, 0 to c.
  // From July 2021 (month 3) a quarter of a's entries go to c: a 4.5, c 1.5, b still 4.
  const Model model = model_from(ladder_scenario({.rungs = {{"a", 100, 0, 0.6, 0.0, {0, 0, 0}},
                                                            {"b", 100, 0, 0.4, 0.0, {0, 0, 0}},
                                                            {"c", 100, 0, 0.0, 0.0, {0, 0, 0}}},
                                                  .per_year = 120,
                                                  .rest = R"(
[options.change]
name = "Change"
[options.change.overlays.shift]
type = "shift_entries"
out_of = "a"
into = "c"
share = 0.25
from = "2021-07"
)"}));
  const Outcome months = evaluate(model, Period::month);
  for (int t = 0; t < 24; ++t) {
    CAPTURE(t);
    const auto entered = [&](int option, int type) {
      return end(months, option, type, t) - opening(months, option, type, t, 0.0);
    };
    CHECK(entered(0, 0) == approx(6.0));
    CHECK(entered(0, 1) == approx(4.0));
    CHECK(entered(0, 2) == doctest::Approx(0.0));
    CHECK(entered(1, 0) == approx(t < 3 ? 6.0 : 6.0 - 0.25 * 6.0));
    CHECK(entered(1, 1) == approx(4.0));
    CHECK(entered(1, 2) == doctest::Approx(t < 3 ? 0.0 : 0.25 * 6.0));
  }
}

TEST_CASE("ladder: shift_moves redirects other types' moves into out_of to into from its month")
{
  // x: 1,200 children, moves to a 0.3 and to b 0.1, exit 0.2 (outflow 0.6); a: no
  // outflow; b: 100 children, moves to a 0.12. No entries. From October 2021 (month 6)
  // the option sends half of x's moves into a to b instead: x -> a 0.15, x -> b 0.25, so
  // x's outflow stays 0.6. b's own row (into) is left as it is: b -> a stays 0.12.
  const Model model =
    model_from(ladder_scenario({.rungs = {{"x", 100, 1200, 1.0, 0.2, {0, 0.3, 0.1}},
                                          {"a", 100, 0, 0.0, 0.0, {0, 0, 0}},
                                          {"b", 100, 100, 0.0, 0.0, {0, 0.12, 0}}},
                                .rest = R"(
[options.change]
name = "Change"
[options.change.overlays.redirect]
type = "shift_moves"
out_of = "a"
into = "b"
share = 0.5
from = "2021-10"
)"}));
  const Outcome months = evaluate(model, Period::month);
  const double s_x = std::pow(0.4, 1.0 / 12.0);  // x keeps (1 - 0.6)^(1/12) a month
  const double s_b = std::pow(0.88, 1.0 / 12.0); // b keeps (1 - 0.12)^(1/12) a month
  for (int option = 0; option < 2; ++option) {
    CAPTURE(option);
    // By hand: x_t = 1,200 s_x^t at the start of month t in both options; each month x
    // sends x_t (1 - s_x) split by rate / 0.6, and b sends b_t (1 - s_b) to a.
    double x = 1200.0;
    double a = 0.0;
    double b = 100.0;
    for (int t = 0; t < 24; ++t) {
      CAPTURE(t);
      const bool shifted = option == 1 && t >= 6;
      const double to_a = x * (1.0 - s_x) * (shifted ? 0.15 : 0.3) / 0.6 + b * (1.0 - s_b);
      const double to_b = x * (1.0 - s_x) * (shifted ? 0.25 : 0.1) / 0.6;
      x *= s_x;
      a += to_a;
      b = b * s_b + to_b;
      CHECK(end(months, option, 0, t) == approx(x));
      CHECK(end(months, option, 1, t) == approx(a));
      CHECK(end(months, option, 2, t) == approx(b));
    }
  }
  // Before month 6 the options agree.
  CHECK(end(months, 1, 1, 5) == approx(end(months, 0, 1, 5)));
  CHECK(end(months, 1, 1, 6) < end(months, 0, 1, 6));
}

TEST_CASE("ladder: an entries change multiplies entries within its window only")
{
  // One type, 120 entries a year (10 a month); -0.25 from July to September 2021
  // (months 3 to 5) leaves 7.5 a month there.
  const Model model = model_from(
    ladder_scenario({.rungs = {{"a", 100, 0, 1.0, 0.0, {0}}}, .per_year = 120, .rest = R"(
[options.change]
name = "Change"
[options.change.overlays.fewer]
type = "entries"
change = -0.25
from = "2021-07"
until = "2021-09"
)"}));
  const Outcome months = evaluate(model, Period::month);
  for (int t = 0; t < 24; ++t) {
    CAPTURE(t);
    CHECK(end(months, 0, 0, t) - opening(months, 0, 0, t, 0.0) == approx(10.0));
    CHECK(end(months, 1, 0, t) - opening(months, 1, 0, t, 0.0)
          == approx(t >= 3 && t <= 5 ? 7.5 : 10.0));
  }
  // 120 - 3 x 2.5 by March 2022.
  const Outcome years = evaluate(model, Period::year);
  CHECK(end(years, 1, 0, 0) == approx(112.5));
}

TEST_CASE("ladder: unit_cost changes a type's weekly price in its window, not its children")
{
  // a: 10 children at £700 a week, b: 4 at £3,500, both flat. The option prices a at
  // £1,400 from January to June 2022 (months 9 to 14).
  const Model model = model_from(ladder_scenario(
    {.rungs = {{"a", 700, 10, 1.0, 0.0, {0, 0}}, {"b", 3500, 4, 0.0, 0.0, {0, 0}}}, .rest = R"(
[options.change]
name = "Change"
[options.change.overlays.price]
type = "unit_cost"
placement = "a"
weekly_cost = 1400
from = "2022-01"
until = "2022-06"
)"}));
  const Outcome months = evaluate(model, Period::month);
  for (int t = 0; t < 24; ++t) {
    CAPTURE(t);
    const double weekly = t >= 9 && t <= 14 ? 1400.0 : 700.0;
    CHECK(cost(months, 1, 0, t) == approx(month_cost(10.0, weekly, t)));
    CHECK(cost(months, 1, 1, t) == approx(month_cost(4.0, 3500.0, t)));
    CHECK(cost(months, 0, 0, t) == approx(month_cost(10.0, 700.0, t)));
    CHECK(avg(months, 1, 0, t) == approx(avg(months, 0, 0, t)));
    CHECK(end(months, 1, 0, t) == approx(end(months, 0, 0, t)));
  }
  // January 2022: 10 x £1,400 x 31 / 7 = £62,000.
  CHECK(cost(months, 1, 0, 9) == approx(0.062));
}

TEST_CASE("ladder: capacity counts up to `places` of fill_from's children in placement")
{
  // r: 2 children at £5,000 a week and every entry, 12 a year (1 a month), no outflow,
  // so r opens month t with 2 + t and closes it with 3 + t. h: empty, £4,750 a week,
  // exit rate 0.5. The option keeps 8 places of h full from r from July to December
  // 2021 (months 3 to 8): min(8, r's count) of r's children are counted in h, at
  // opening and at closing.
  const Model model = model_from(
    ladder_scenario({.rungs = {{"r", 5000, 2, 1.0, 0.0, {0, 0}}, {"h", 4750, 0, 0.0, 0.5, {0, 0}}},
                     .per_year = 12,
                     .rest = R"(
[options.change]
name = "Change"
[options.change.overlays.homes]
type = "capacity"
placement = "h"
fill_from = "r"
places = 8
from = "2021-07"
until = "2021-12"
)"}));
  const Outcome months = evaluate(model, Period::month);
  for (int t = 0; t < 24; ++t) {
    CAPTURE(t);
    const bool filled = t >= 3 && t <= 8;
    const double r_open = 2.0 + t;
    const double r_close = 3.0 + t;
    const double h_open = filled ? std::min(8.0, r_open) : 0.0;
    const double h_close = filled ? std::min(8.0, r_close) : 0.0;
    CHECK(end(months, 1, 1, t) == approx(h_close));
    CHECK(end(months, 1, 0, t) == doctest::Approx(r_close - h_close));
    CHECK(avg(months, 1, 1, t) == approx((h_open + h_close) / 2.0));
    CHECK(cost(months, 1, 1, t) == approx(month_cost((h_open + h_close) / 2.0, 4750.0, t)));
    CHECK(cost(months, 1, 0, t)
          == doctest::Approx(month_cost((r_open - h_open + r_close - h_close) / 2.0, 5000.0, t))
               .epsilon(1e-12));
    // The children in the places keep r's rates (h's exit rate does not apply to
    // them), so the total is the baseline's in every month.
    CHECK(end(months, 1, 0, t) + end(months, 1, 1, t) == approx(r_close));
    CHECK(avg(months, 1, 0, t) + avg(months, 1, 1, t) == approx((r_open + r_close) / 2.0));
    CHECK(end(months, 0, 1, t) == doctest::Approx(0.0));
    CHECK(end(months, 0, 0, t) == approx(r_close));
  }
  // Never more than r has: in July 2021 r closes with 6, all of them in h.
  CHECK(end(months, 1, 1, 3) == approx(6.0));
  CHECK(end(months, 1, 0, 3) == doctest::Approx(0.0));
  // From September (r closes with 8) the places are full.
  CHECK(end(months, 1, 1, 8) == approx(8.0));
  CHECK(end(months, 1, 0, 8) == approx(3.0)); // 11 - 8
}

TEST_CASE(
  "ladder: entries grow at a stated rate month by month, averaging per_year in the base year")
{
  // 120 a year growing 10% a year like a monthly index: each month's entries are 1.1^(1/12)
  // times the month before's, and the years' entries are 120 and 132.
  const Model model = model_from(
    ladder_scenario({.rungs = {{"a", 100, 0, 1.0, 0.0, {0}}}, .per_year = 120, .growth = "0.1"}));
  const Outcome months = evaluate(model, Period::month);
  const auto entries = [&](int t) { return end(months, 0, 0, t) - opening(months, 0, 0, t, 0.0); };
  double base_year = 0.0;
  double first_year = 0.0;
  for (int t = 0; t < 24; ++t) {
    CAPTURE(t);
    (t < 12 ? base_year : first_year) += entries(t);
    if (t > 0) {
      CHECK(entries(t) / entries(t - 1) == approx(std::pow(1.1, 1.0 / 12.0)));
    }
  }
  CHECK(base_year == approx(120.0));
  CHECK(first_year == approx(132.0));
}

TEST_CASE("ladder: entries that grow with an index follow the option's level of it")
{
  // growth = "demand", a monthly index at 20% a year: entries are 10 a month x demand's
  // level, which grows by 1.2^(1/12) a month and averages 1 in 2021/22. The second option
  // holds demand flat from October 2022 (month 18).
  const Model model = model_from(ladder_scenario(
    {.rungs = {{"a", 100, 0, 1.0, 0.0, {0}}}, .per_year = 120, .growth = "\"demand\"", .rest = R"(
[indices.demand]
rates."2022/23" = 0.2
timing = "monthly"

[options.change]
name = "Change"
[options.change.overlays.hold]
type = "index_rate"
index = "demand"
rate = 0.0
from = "2022-10"
)"}));
  const Outcome months = evaluate(model, Period::month);
  const double g = std::pow(1.2, 1.0 / 12.0);
  double sum = 0.0; // g + g^2 + ... + g^12
  for (int j = 1; j <= 12; ++j) {
    sum += std::pow(g, j);
  }
  for (int t = 0; t < 24; ++t) {
    CAPTURE(t);
    const double level = 12.0 / sum * std::pow(g, t + 1);
    const double held = 12.0 / sum * std::pow(g, std::min(t, 17) + 1);
    CHECK(end(months, 0, 0, t) - opening(months, 0, 0, t, 0.0) == approx(10.0 * level));
    CHECK(end(months, 1, 0, t) - opening(months, 1, 0, t, 0.0) == approx(10.0 * held));
  }
}

TEST_CASE("ladder: a price index moves the weekly price after the base year")
{
  // a: 10 children at £700 a week, prices = "x", x stepping 12% on 1 April 2022: the
  // price is £700 through 2021/22 and £784 through 2022/23. The second option sets a's
  // price to £1,400 from July 2022 (month 15), still moved by x.
  const Model model =
    model_from(ladder_scenario({.rungs = {{"a", 700, 10, 1.0, 0.0, {0}, "x"}}, .rest = R"(
[indices.x]
rates."2022/23" = 0.12

[options.change]
name = "Change"
[options.change.overlays.price]
type = "unit_cost"
placement = "a"
weekly_cost = 1400
from = "2022-07"
)"}));
  const Outcome months = evaluate(model, Period::month);
  for (int t = 0; t < 24; ++t) {
    CAPTURE(t);
    const double level = t < 12 ? 1.0 : 1.12;
    CHECK(cost(months, 0, 0, t) == approx(month_cost(10.0, 700.0 * level, t)));
    CHECK(cost(months, 1, 0, t) == approx(month_cost(10.0, (t < 15 ? 700.0 : 1400.0) * level, t)));
  }
  // March 2023: 10 x £700 x 1.12 x 31 / 7 = £34,720.
  CHECK(cost(months, 0, 0, 23) == approx(0.03472));
  const Outcome years = evaluate(model, Period::year);
  CHECK(cost(years, 0, 0, 0) == approx(0.365)); // 10 x £100 a day x 365 days
}

// --- The shipped DCST scenario -------------------------------------------------------

namespace {

int type_position(const Model& model, const std::string& id)
{
  const auto& types = model.ladder().types;
  for (std::size_t j = 0; j < types.size(); ++j) {
    if (types[j].id == id) {
      return static_cast<int>(j);
    }
  }
  FAIL("no placement type ", id);
  return -1;
}

} // namespace

TEST_CASE("ladder: the DCST care ladder costs the £33.02m placements line in 2021/22")
{
  const Model model = carecast::test::dcst_model();
  REQUIRE(model.has_ladder());
  const Outcome years = evaluate(model, Period::year);
  const int do_nothing = *model.find_option("do_nothing");
  REQUIRE(do_nothing == 0);
  const int line = model.ladder().line;
  REQUIRE(model.lines()[line].id == "placements");
  const int types = years.placements();
  REQUIRE(types == 6);
  const auto ladder_sum = [&](int option, int year) {
    double sum = 0.0;
    for (int j = 0; j < types; ++j) {
      sum += cost(years, option, j, year);
    }
    return sum;
  };
  // scenarios/dcst_2022.toml: the ladder fitted to DfE's counts of 31 March 2021 and the
  // other lines' base amounts add up to the quarter 3 forecast of 64.43 (para 44), so
  // the calibration to that known total adds nothing.
  const double base_year = ladder_sum(do_nothing, 0);
  CAPTURE(base_year);
  CHECK(years.total(do_nothing, 0)[0] == approx(64.43));
  CHECK(std::fabs(years.cost(do_nothing, model.calibration().line, 0)[0]) < 1e-9);
  // do_nothing has no overlay on the placements line: the line is the ladder's cost.
  for (int y = 0; y < years.periods(); ++y) {
    CAPTURE(y);
    CHECK(years.cost(do_nothing, line, y)[0] == approx(ladder_sum(do_nothing, y)));
  }
}

TEST_CASE("ladder: the DCST transfer option's sufficiency strategy changes the placement mix")
{
  const Model model = carecast::test::dcst_model();
  const Outcome years = evaluate(model, Period::year);
  const int do_nothing = *model.find_option("do_nothing");
  const int transfer = *model.find_option("transfer");
  const int last = years.periods() - 1; // 2026/27
  REQUIRE(last == 5);
  // Fewer agency fostering entries (shift_entries out of ifa) and eight in-house home
  // places filled from external residential (capacity), so by March 2027 fewer children
  // are in ifa and external residential and more in in-house fostering.
  const int ifa = type_position(model, "ifa");
  const int external = type_position(model, "external_residential");
  const int in_house = type_position(model, "in_house_fostering");
  CHECK(end(years, transfer, ifa, last) < end(years, do_nothing, ifa, last));
  CHECK(end(years, transfer, external, last) < end(years, do_nothing, external, last));
  CHECK(end(years, transfer, in_house, last) > end(years, do_nothing, in_house, last));
}

TEST_CASE("ladder: an option's ladder and lines from their first changed month have the bits "
          "of whole projections")
{
  // The evaluator starts an option's ladder projection at the first month its overlays
  // can change the ladder, from the projection without overlays, when it works that out
  // anyway (for `base` here); so too the baseline of a line whose index rate the option
  // changes. Evaluating one option alone (no calibration, `base` not wanted) projects
  // them from month 0: every figure must be the same bits. The overlays start
  // mid-horizon, each changing what the ladder or the line `staff` reads: a price index
  // (x, annual), the index entries and staff grow with (demand, monthly), the moves, the
  // entries, the places.
  const Model model =
    model_from(ladder_scenario({.rungs = {{"a", 700, 40, 0.7, 0.1, {0, 0.2, 0.05}, "x"},
                                          {"b", 900, 30, 0.2, 0.2, {0.1, 0, 0.1}},
                                          {"c", 4000, 5, 0.1, 0.3, {0.2, 0.1, 0}}},
                                .per_year = 60,
                                .growth = "\"demand\"",
                                .rest = R"(
[indices.x]
rates."2022/23" = 0.12
default = 0.03

[indices.demand]
default = 0.04
timing = "monthly"

[lines.staff]
name = "Staff"
base = 2.0
demand = "demand"
prices = { x = 1.0 }

[options.prices]
name = "Prices"
[options.prices.overlays.x]
type = "index_rate"
index = "x"
rate = 0.2
from = "2022-07"

[options.demand]
name = "Demand"
[options.demand.overlays.slower]
type = "index_rate"
index = "demand"
rate = 0.01
from = "2022-11"

[options.ladder]
name = "Ladder"
[options.ladder.overlays.redirect]
type = "shift_moves"
out_of = "a"
into = "b"
share = 0.5
from = "2022-10"
until = "2023-06"
[options.ladder.overlays.fewer]
type = "entries"
change = -0.2
from = "2023-01"
[options.ladder.overlays.homes]
type = "capacity"
placement = "c"
fill_from = "a"
places = 3
from = "2023-02"
)",
                                .horizon = "2023/24"}));
  const Evaluator evaluator(model);
  const int options = static_cast<int>(model.options().size());
  REQUIRE(options == 4);
  const Outcome all = evaluator.evaluate(model.values(), Period::month);
  for (int o = 1; o < options; ++o) {
    CAPTURE(o);
    std::vector<bool> wanted(static_cast<std::size_t>(options), false);
    wanted[static_cast<std::size_t>(o)] = true;
    const Outcome alone =
      evaluator.evaluate(model.values(), Period::month, carecast::Figures::all, wanted);
    bool differs_from_base = false;
    for (int t = 0; t < all.periods(); ++t) {
      CAPTURE(t);
      CHECK(all.cost(o, 0, t)[0] == alone.cost(o, 0, t)[0]);
      CHECK(all.cost(o, 1, t)[0] == alone.cost(o, 1, t)[0]);
      for (int j = 0; j < all.placements(); ++j) {
        CHECK(end(all, o, j, t) == end(alone, o, j, t));
        CHECK(avg(all, o, j, t) == avg(alone, o, j, t));
        CHECK(cost(all, o, j, t) == cost(alone, o, j, t));
        differs_from_base = differs_from_base || end(all, o, j, t) != end(all, 0, j, t)
                            || cost(all, o, j, t) != cost(all, 0, j, t);
      }
    }
    // Each option does change its ladder: the comparison is not of base with itself.
    CHECK(differs_from_base);
  }
}
