#include "carecast/savings.hpp"

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

TEST_CASE("the DCST transfer's 0.8 savings are met in 2024/25, the third year of the ramp")
{
  const Model model = test::dcst_model();
  const SavingsTrack transfer = track(model, "transfer");
  // Target 0.8 from 2022/23 (year 1) to 2026/27 (year 5); none in force in 2021/22.
  REQUIRE(transfer.years.size() == 5);
  CHECK(transfer.years.front().year == 1);
  for (const SavingsYear& year : transfer.years) {
    CHECK(near(year.target, 0.8));
  }
  CHECK(near(transfer.years[0].delivered, 0.8 * 0.33 * 6 / 12)); // October to March: 0.132
  CHECK(near(transfer.years[1].delivered, 0.8 * 0.67));          // 0.536
  CHECK(near(transfer.years[2].delivered, 0.8));
  CHECK(near(transfer.years[4].delivered, 0.8));
  CHECK(near(transfer.years[0].shortfall(), 0.8 - 0.132));
  CHECK(transfer.years[2].shortfall() == 0.0); // met: twelve monthly sums leave no noise
  REQUIRE(transfer.met.has_value());
  CHECK(*transfer.met == 3); // 2024/25
}

TEST_CASE("an option without saving overlays has no savings target")
{
  const SavingsTrack nothing = track(test::dcst_model(), "do_nothing");
  CHECK(nothing.years.empty());
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

TEST_CASE("savings rows are added per option for the years with a target only")
{
  const Model model = test::dcst_model();
  const Outcome outcome = Evaluator(model).evaluate(model.values());
  Report report = compare_report(model, outcome, "dcst");
  add_savings_rows(report, model, model.values());
  CHECK(report.find("transfer", "2021/22", "total", "savings_target") == nullptr);
  CHECK(report.find("do_nothing", "2022/23", "total", "savings_target") == nullptr);
  const double* target = report.find("transfer", "2022/23", "total", "savings_target");
  const double* delivered = report.find("transfer", "2022/23", "total", "savings_delivered");
  const double* shortfall = report.find("transfer", "2022/23", "total", "savings_shortfall");
  REQUIRE((target && delivered && shortfall));
  CHECK(near(*target, 0.8));
  CHECK(near(*delivered, 0.132));
  CHECK(near(*shortfall, 0.668));
}
