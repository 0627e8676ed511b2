#include "carecast/savings.hpp"

#include "carecast/evaluator.hpp"

#include "test_model.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <string>

using namespace carecast;

namespace {

bool near(double actual, double expected)
{
  return std::fabs(actual - expected) < 1e-9;
}

// A flat line of 10 a year from 2021/22 to 2023/24, an option without savings and
// one with the saving written in `saving` (on line a).
Model model_with_saving(const std::string& saving)
{
  return test::model_from(R"(
[scenario]
name = "Savings test"
base_year = "2021/22"
horizon = "2023/24"
[lines.a]
base = 10.0
[options.base]
name = "Base"
[options.cut]
name = "Cut"
extends = "base"
[options.cut.overlays.s]
type = "saving"
line = "a"
)" + saving);
}

SavingsTrack track(const Model& model, std::string_view option)
{
  return track_savings(model, model.values(), *model.find_option(option));
}

} // namespace

TEST_CASE("without a saving step in the budget, an option's own saving overlays are its target")
{
  // The DCST transfer's saving (0.8 ramped 0.33, 0.67 from October 2022, para 45), to
  // this scenario's horizon.
  const Model model = model_with_saving(R"(
target = 0.8
from = "2022-10"
ramp = { "2022/23" = 0.33, "2023/24" = 0.67 }
)");
  CHECK(savings_basis(model) == SavingsBasis::overlays);
  const SavingsTrack cut = track(model, "cut");
  // Target 0.8 from 2022/23; none in force in 2021/22; the horizon ends in 2023/24.
  REQUIRE(cut.years.size() == 2);
  CHECK(cut.years.front().year == 1);
  CHECK(near(cut.years[0].target, 0.8));
  CHECK(near(cut.years[0].delivered, 0.8 * 0.33 * 6 / 12)); // October to March: 0.132
  CHECK(near(cut.years[1].delivered, 0.8 * 0.67));          // 0.536
  CHECK(near(cut.years[0].shortfall(), 0.8 - 0.132));
  CHECK_FALSE(cut.met.has_value());
}

TEST_CASE("the evaluator's overlay savings count the months of a part year")
{
  // The saving above (0.8 ramped 0.33 then 0.67 from October 2022), a recurring
  // reduction of 1.2 a year on line b from October 2022 to June 2023 and a stop keeping
  // half of line b (4 a year) from October 2022, both marked as savings. By hand, year by
  // year: the saving 0, 0.8 x 0.33 x 6/12 = 0.132 (October to March), 0.8 x 0.67 =
  // 0.536; the reduction 0, 1.2 x 6/12 = 0.6, 1.2 x 3/12 = 0.3 (April to June); the stop
  // 0, 4/12 x 0.5 x 6 = 1.0, 4 x 0.5 = 2.0.
  const Model model = model_with_saving(R"(
target = 0.8
from = "2022-10"
ramp = { "2022/23" = 0.33, "2023/24" = 0.67 }
[lines.b]
base = 4.0
[options.cut.overlays.reduction]
type = "recurring"
line = "b"
amount = -1.2
from = "2022-10"
until = "2023-06"
delivers_saving = true
[options.cut.overlays.stop]
type = "stop_line"
line = "b"
from = "2022-10"
keep = 0.5
delivers_saving = true
)");
  const int cut = *model.find_option("cut");
  const Outcome outcome = Evaluator(model).evaluate(model.values());
  const double saving[] = {0.0, 0.132, 0.536};
  const double reduction[] = {0.0, 0.6, 0.3};
  const double stop[] = {0.0, 1.0, 2.0};
  for (int year = 0; year < 3; ++year) {
    CAPTURE(year);
    CHECK(near(outcome.overlay_saving(cut, 0, year)[0], saving[year]));
    CHECK(near(outcome.overlay_saving(cut, 1, year)[0], reduction[year]));
    CHECK(near(outcome.overlay_saving(cut, 2, year)[0], stop[year]));
  }
}

TEST_CASE("an option without saving overlays has no savings target of its own")
{
  const Model model = model_with_saving(R"(
target = 0.8
from = "2022-10"
ramp = { "2022/23" = 1.0 }
)");
  const SavingsTrack nothing = track(model, "base");
  CHECK(nothing.years.empty());
  CHECK_FALSE(nothing.met.has_value());
}

TEST_CASE("the DCST budget's saving steps are the target: 0.27, 0.54, then 0.80")
{
  const Model model = test::dcst_model();
  CHECK(savings_basis(model) == SavingsBasis::budget);
  const SavingsTrack transfer = track(model, "transfer");
  // Saving steps of -0.27 (2023/24), -0.27 (2024/25) and -0.26 (2025/26), as running
  // sums, from 2023/24 (year 2) to 2026/27 (year 5).
  REQUIRE(transfer.years.size() == 4);
  CHECK(transfer.years.front().year == 2);
  const double targets[] = {0.27, 0.54, 0.80, 0.80};
  // The transfer's overlay delivers 0.8 x 0.67 in 2023/24, then the full 0.8; its
  // duplicated overheads' stop has no delivers_saving, so it adds nothing here.
  const double delivered[] = {0.536, 0.8, 0.8, 0.8};
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(near(transfer.years[i].target, targets[i]));
    CHECK(near(transfer.years[i].delivered, delivered[i]));
    CHECK(transfer.years[i].shortfall() == 0.0);
  }
  REQUIRE(transfer.met.has_value());
  CHECK(*transfer.met == 2); // 2023/24
  // Doing nothing delivers none of it: the whole target falls short every year.
  const SavingsTrack nothing = track(model, "do_nothing");
  REQUIRE(nothing.years.size() == 4);
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK(nothing.years[i].delivered == 0.0);
    CHECK(near(nothing.years[i].shortfall(), targets[i]));
  }
  CHECK_FALSE(nothing.met.has_value());
}

TEST_CASE("a ramp that never reaches 1 leaves the target not met within the horizon")
{
  const Model model = model_with_saving(R"(
target = 1.2
from = "2022-04"
ramp = { "2022/23" = 0.5, "2023/24" = 0.75 }
)");
  const SavingsTrack cut = track(model, "cut");
  REQUIRE(cut.years.size() == 2);
  CHECK(near(cut.years[0].delivered, 0.6)); // 1.2 x 0.5
  CHECK(near(cut.years[1].delivered, 0.9)); // 1.2 x 0.75
  CHECK(near(cut.years[1].shortfall(), 0.3));
  CHECK_FALSE(cut.met.has_value());
}

TEST_CASE("a saving from October delivers half its annual amount in its first year")
{
  const Model model = model_with_saving(R"(
target = 2.4
from = "2022-10"
ramp = { "2022/23" = 1.0 }
)");
  const SavingsTrack cut = track(model, "cut");
  // Six of twelve months at 0.2 a month: 1.2 of 2.4 in 2022/23, then 2.4 in 2023/24.
  REQUIRE(cut.years.size() == 2);
  CHECK(near(cut.years[0].target, 2.4));
  CHECK(near(cut.years[0].delivered, 1.2));
  CHECK(near(cut.years[1].delivered, 2.4));
  REQUIRE(cut.met.has_value());
  CHECK(*cut.met == 2);
}

TEST_CASE("a saving is not in force in a year that ends before its first month")
{
  // The ramp is set from 2022/23 but the saving starts in April 2023.
  const Model model = model_with_saving(R"(
target = 1.0
from = "2023-04"
ramp = { "2022/23" = 1.0 }
)");
  const SavingsTrack cut = track(model, "cut");
  REQUIRE(cut.years.size() == 1);
  CHECK(cut.years[0].year == 2);
  CHECK(*cut.met == 2);
}

TEST_CASE("a target is met within the tolerance, not only when exactly equal")
{
  CHECK(target_met(0.8, 0.8 - 1e-12));
  CHECK(target_met(0.8, 0.9));
  CHECK_FALSE(target_met(0.8, 0.79));
}

TEST_CASE("the budget's target is the running sum of its saving steps, a one-off only once")
{
  // Flat line of 10; saving steps -1.0 (2022/23, one-off) and -0.5 (2023/24): by hand
  // the target is 1.0 in 2022/23 and 0.5 in 2023/24 (the one-off does not carry).
  const Model model = model_with_saving(R"(
target = 0.5
from = "2022-04"
ramp = { "2022/23" = 1.0 }
[budget]
roll_forward = true
[budget.years."2021/22"]
base = { kind = "base", value = 10.0 }
[budget.years."2022/23"]
review = { kind = "saving", value = -1.0, one_off = true }
[budget.years."2023/24"]
cut = { kind = "saving", value = -0.5 }
)");
  const SavingsTrack cut = track(model, "cut");
  REQUIRE(cut.years.size() == 2);
  CHECK(near(cut.years[0].target, 1.0));
  CHECK(near(cut.years[1].target, 0.5));
  CHECK(near(cut.years[0].delivered, 0.5));
  CHECK(near(cut.years[0].shortfall(), 0.5)); // 1.0 - 0.5
  CHECK_FALSE(cut.years[0].met());
  CHECK(cut.years[1].met());
  REQUIRE(cut.met.has_value());
  CHECK(*cut.met == 2); // met from 2023/24, the first year met in every later year
}

TEST_CASE("the year met is the first from which every later year is met")
{
  // A saving of 1.0 a year from 2022/23 against saving steps of -0.5 (2022/23) and
  // -1.0 (2023/24): met in 2022/23 (1.0 >= 0.5), short in 2023/24 (1.0 < 1.5).
  const Model model = model_with_saving(R"(
target = 1.0
from = "2022-04"
ramp = { "2022/23" = 1.0 }
[budget.years."2022/23"]
base = { kind = "base", value = 9.5 }
cut = { kind = "saving", value = -0.5 }
[budget.years."2023/24"]
base = { kind = "base", value = 8.5 }
cut = { kind = "saving", value = -1.0 }
)");
  const SavingsTrack cut = track(model, "cut");
  REQUIRE(cut.years.size() == 2);
  CHECK(cut.years[0].met());
  CHECK(near(cut.years[1].shortfall(), 0.5));
  CHECK_FALSE(cut.met.has_value());
}

TEST_CASE("an overlay marked delivers_saving counts against the budget's target")
{
  // A stop keeping half of line b (4 a year) from April 2022 saves 2.0 a year; the
  // budget relies on 1.5 in 2022/23.
  const Model model = test::model_from(R"(
[scenario]
name = "Delivers test"
base_year = "2021/22"
horizon = "2022/23"
[lines.a]
base = 10.0
[lines.b]
base = 4.0
[budget.years."2022/23"]
base = { kind = "base", value = 14.0 }
cut = { kind = "saving", value = -1.5 }
[options.base]
name = "Base"
[options.stop]
name = "Stop"
[options.stop.overlays.half]
type = "stop_line"
line = "b"
from = "2022-04"
keep = 0.5
delivers_saving = true
[options.unmarked]
name = "Unmarked"
[options.unmarked.overlays.half]
type = "stop_line"
line = "b"
from = "2022-04"
keep = 0.5
)");
  const SavingsTrack stop = track(model, "stop");
  REQUIRE(stop.years.size() == 1);
  CHECK(near(stop.years[0].target, 1.5));
  CHECK(near(stop.years[0].delivered, 2.0));
  CHECK(stop.met == 1);
  const SavingsTrack unmarked = track(model, "unmarked");
  REQUIRE(unmarked.years.size() == 1);
  CHECK(unmarked.years[0].delivered == 0.0);
  CHECK(near(unmarked.years[0].shortfall(), 1.5));
  // The evaluator's batch gives the marked stop's saving the same 2.0 in 2022/23 (year
  // 1), and the unmarked stop, which cannot count, none.
  const Outcome outcome = Evaluator(model).evaluate(model.values());
  CHECK(near(outcome.overlay_saving(*model.find_option("stop"), 0, 1)[0], 2.0));
  CHECK(outcome.overlay_saving(*model.find_option("unmarked"), 0, 1)[0] == 0.0);
}

TEST_CASE("a batch's overlay savings give the same track as explaining each draw")
{
  // The DCST transfer option's saving overlay and its uncertain amount: every draw's
  // delivered savings, read from the evaluator's batch, equal explain's to rounding.
  const Model model = test::dcst_model();
  const int transfer = *model.find_option("transfer");
  constexpr Eigen::Index draws = 40;
  ParameterRows parameters = model.values().replicate(1, draws);
  for (const ModelInput& input : model.inputs()) {
    const Parameter& parameter = model.parameters()[input.parameter];
    for (Eigen::Index d = 0; d < draws; ++d) {
      // Spread each input from 80% to 120% of its value across the draws.
      parameters(input.parameter, d) =
        parameter.value * (0.8 + 0.4 * static_cast<double>(d) / (draws - 1));
    }
  }
  const Outcome outcome = Evaluator(model).evaluate(parameters, Period::year, Figures::costs);
  int compared = 0;
  for (Eigen::Index d = 0; d < draws; ++d) {
    const Eigen::VectorXd column = parameters.col(d);
    const SavingsTrack explained = track_savings(model, column, transfer);
    const SavingsTrack batch = track_savings(model, column, transfer, [&](int overlay, int year) {
      return outcome.overlay_saving(transfer, overlay, year)[d];
    });
    REQUIRE(batch.years.size() == explained.years.size());
    for (std::size_t y = 0; y < batch.years.size(); ++y) {
      CHECK(batch.years[y].target == explained.years[y].target);
      CHECK(batch.years[y].delivered == doctest::Approx(explained.years[y].delivered).epsilon(1e-12));
      compared += explained.years[y].delivered > 0.0 ? 1 : 0;
    }
  }
  CHECK(compared > 0); // some savings were delivered to compare
}

TEST_CASE("savings rows are added per option for the years with a target only")
{
  const Model model = test::dcst_model();
  const Outcome outcome = Evaluator(model).evaluate(model.values());
  Report report = compare_report(model, outcome, "dcst");
  add_savings_rows(report, model, model.values());
  CHECK(report.savings_basis == "the budget's saving steps");
  CHECK(report.find("transfer", "2022/23", "total", "savings_target") == nullptr);
  const double* target = report.find("do_nothing", "2023/24", "total", "savings_target");
  const double* delivered = report.find("do_nothing", "2023/24", "total", "savings_delivered");
  const double* shortfall = report.find("do_nothing", "2023/24", "total", "savings_shortfall");
  const double* met = report.find("do_nothing", "2023/24", "total", "savings_met");
  REQUIRE((target && delivered && shortfall && met));
  CHECK(near(*target, 0.27));
  CHECK(*delivered == 0.0);
  CHECK(near(*shortfall, 0.27));
  CHECK(*met == 0.0);
  CHECK(*report.find("transfer", "2023/24", "total", "savings_met") == 1.0);
  // The transfer delivers 0.536 (0.8 x 0.67) in 2023/24 and 0.8 after it, against targets
  // of 0.27, 0.54, 0.8 and 0.8: met in every year from 2023/24. The other options
  // deliver nothing, so they have no savings_met_from row.
  for (const std::string& year : report.years) {
    CAPTURE(year);
    const bool from = report.find("transfer", year, "total", "savings_met_from") != nullptr;
    CHECK(from == (year == "2023/24"));
    CHECK(report.find("do_nothing", year, "total", "savings_met_from") == nullptr);
  }
}
