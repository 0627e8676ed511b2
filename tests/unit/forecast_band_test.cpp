// The forecast's P10-P90 bands: zero variance gives the deterministic cost and, with a
// care ladder, the deterministic numbers of children; the bands are the draws' own
// quantiles, and neither the thread count nor anything but the seed changes them.

#include "carecast/evaluator.hpp"
#include "carecast/forecast_band.hpp"

#include "test_ladder.hpp"
#include "test_model.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace carecast;

namespace {

// Two lines over four years, 2021/22 to 2024/25, and two options (test::k_pay_scenario
// and its option `change`); `uncertainty` is appended.
std::string inline_scenario(const std::string& uncertainty)
{
  return test::k_pay_scenario + test::k_change_option + uncertainty;
}

// Pay's rate and the team's amount uncertain, with the distributions given.
std::string pay_and_team(const std::string& pay, const std::string& team)
{
  return test::uncertain("pay", "indices.pay.default", pay)
         + test::uncertain("team", "options.change.overlays.team.amount", team);
}

const std::string k_spread =
  pay_and_team(test::triangular(0.01, 0.02, 0.04), test::normal(0.1, 0.05));

// The same inputs at the figures the scenario gives them, with no spread.
const std::string k_no_spread = pay_and_team(test::uniform(0.02, 0.02), test::normal(0.1, 0.0));

ForecastBands bands_of(const Model& model, int option, std::int64_t draws, std::uint64_t seed,
                       int threads = 1)
{
  SimulationSettings settings;
  settings.draws = draws;
  settings.seed = seed;
  settings.threads = threads;
  ForecastBandsResult result = forecast_bands(model, option, settings);
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.bands);
  return std::move(*result.bands);
}

// Every band as its bit patterns, so that == means bit-identical.
std::vector<std::uint64_t> fingerprint(const ForecastBands& bands)
{
  std::vector<std::uint64_t> all;
  const auto add = [&](const std::vector<Band>& years) {
    for (const Band& band : years) {
      all.push_back(std::bit_cast<std::uint64_t>(band.p10));
      all.push_back(std::bit_cast<std::uint64_t>(band.p90));
    }
  };
  for (const LineBands& line : bands.lines) {
    add(line.years);
  }
  add(bands.total);
  for (const CountBands& count : bands.counts) {
    add(count.years);
  }
  return all;
}

// test::k_ladder_scenario with its demand rate and its entries uncertain.
Model ladder_model(const std::string& demand, const std::string& entries)
{
  return test::model_from(test::k_ladder_scenario
                          + test::uncertain("demand", "indices.demand.default", demand)
                          + test::uncertain("entries", "ladder.entries.per_year", entries));
}

const CountBands& count_of(const ForecastBands& bands, const std::string& line,
                           const std::string& measure)
{
  const auto found =
    std::find_if(bands.counts.begin(), bands.counts.end(), [&](const CountBands& count) {
      return count.line == line && count.measure == measure;
    });
  REQUIRE(found != bands.counts.end());
  return *found;
}

} // namespace

TEST_CASE("zero variance gives P10 = P90 = the deterministic cost of every line and the total")
{
  const Model model = test::model_from(inline_scenario(k_no_spread));
  const Outcome deterministic = Evaluator(model).evaluate(model.values(), Period::year);
  // 300 draws: a full block and a short one, on two threads.
  const ForecastBands bands = bands_of(model, 1, 300, 7, 2);
  REQUIRE(bands.lines.size() == 2);
  CHECK(bands.lines[0].line == "staffing");
  CHECK(bands.lines[1].line == "care");
  for (int y = 0; y < model.grid().years(); ++y) {
    CAPTURE(y);
    for (int l = 0; l < 2; ++l) {
      const double cost = deterministic.cost(1, l, y)[0];
      CHECK(bands.lines[l].years[y].p10 == cost);
      CHECK(bands.lines[l].years[y].p90 == cost);
    }
    CHECK(bands.total[y].p10 == deterministic.total(1, y)[0]);
    CHECK(bands.total[y].p90 == deterministic.total(1, y)[0]);
  }
}

TEST_CASE("a band is the P10 and P90 of the option's draws, and spreads as the inputs do")
{
  const Model model = test::model_from(inline_scenario(k_spread));
  const ForecastBands bands = bands_of(model, 1, 500, 3);
  CHECK(bands.draws == 500);
  CHECK(bands.seed == 3);
  // The same draws evaluated in one batch, as simulate() would take them.
  const SampledInputs inputs = input_sampler(model, 3, false);
  REQUIRE(inputs.sampler);
  const Outcome outcome =
    Evaluator(model).evaluate(parameter_block(model, *inputs.sampler, 0, 500), Period::year);
  for (int y = 0; y < model.grid().years(); ++y) {
    CAPTURE(y);
    const Eigen::RowVectorXd staffing = outcome.cost(1, 0, y);
    std::vector<double> values(staffing.begin(), staffing.end());
    const Statistics expected = statistics_of(values);
    CHECK(bands.lines[0].years[y].p10 == expected.p10);
    CHECK(bands.lines[0].years[y].p90 == expected.p90);
    CHECK(bands.total[y].p10 <= bands.total[y].p90);
  }
  // Care has no uncertain input; staffing grows with an uncertain pay rate.
  CHECK(bands.lines[1].years.back().p10 == bands.lines[1].years.back().p90);
  CHECK(bands.lines[0].years.back().p10 < bands.lines[0].years.back().p90);
}

TEST_CASE("one and two threads give bit-identical bands, and another seed other bands")
{
  const Model model = test::model_from(inline_scenario(k_spread));
  // 1000 draws are not a multiple of the block size, so the last block is short.
  const ForecastBands one = bands_of(model, 1, 1000, 11, 1);
  const ForecastBands two = bands_of(model, 1, 1000, 11, 2);
  CHECK(fingerprint(one) == fingerprint(two));
  CHECK(fingerprint(one) != fingerprint(bands_of(model, 1, 1000, 12)));
}

TEST_CASE("a correlation matrix that is not positive semi-definite gives no bands unless "
          "repaired")
{
  // Each entry is a valid correlation, but A with B and B with C at 0.9 leave no room
  // for A against C at -0.9.
  const Model model = test::model_from(inline_scenario(
    k_spread + test::uncertain("care", "lines.care.base", test::uniform(4.0, 6.0)) + R"(
[correlation]
order = ["pay", "team", "care"]
matrix = [[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]]
)"));
  SimulationSettings settings;
  settings.draws = 10;
  const ForecastBandsResult refused = forecast_bands(model, 0, settings);
  CHECK_FALSE(refused.bands);
  REQUIRE(refused.diagnostics.size() == 1);
  CHECK(refused.diagnostics[0].message.find("--repair-correlations") != std::string::npos);
  settings.repair_correlations = true;
  const ForecastBandsResult repaired = forecast_bands(model, 0, settings);
  REQUIRE(repaired.bands);
  CHECK(repaired.bands->repair_distance.value_or(0.0) > 0.0);
}

TEST_CASE("a scenario without a care ladder has no count bands")
{
  const Model model = test::model_from(inline_scenario(k_spread));
  CHECK(bands_of(model, 1, 10, 7).counts.empty());
  // Two lines and the total, four years.
  CHECK(band_values_per_draw(model) == 3 * 4);
}

TEST_CASE("the care ladder's counts have bands per placement type and in all, average and at "
          "the year's end")
{
  const Model model = ladder_model(test::uniform(0.02, 0.02), test::uniform(12.0, 12.0));
  const ForecastBands bands = bands_of(model, 0, 10, 7);
  REQUIRE(bands.counts.size() == 6);
  const char* expected[][2] = {{"home", "children_avg"},  {"away", "children_avg"},
                               {"total", "children_avg"}, {"home", "children_end"},
                               {"away", "children_end"},  {"total", "children_end"}};
  for (std::size_t i = 0; i < 6; ++i) {
    CHECK(bands.counts[i].line == expected[i][0]);
    CHECK(bands.counts[i].measure == expected[i][1]);
    CHECK(bands.counts[i].years.size() == 3);
  }
  // One line and the total, then two measures of two types and their total; three years.
  CHECK(band_values_per_draw(model) == (2 + 2 * 3) * 3);
}

TEST_CASE("zero variance gives count bands of P10 = P90 = the deterministic number of children")
{
  const Model model = ladder_model(test::uniform(0.02, 0.02), test::uniform(12.0, 12.0));
  const Outcome deterministic = Evaluator(model).evaluate(model.values(), Period::year);
  // 300 draws: a full block and a short one, on two threads.
  const ForecastBands bands = bands_of(model, 0, 300, 7, 2);
  for (int y = 0; y < model.grid().years(); ++y) {
    CAPTURE(y);
    // The total is added up in the ladder's order, as the run report adds it.
    double average = 0.0;
    double end = 0.0;
    for (const auto& [t, type] : {std::pair{0, "home"}, std::pair{1, "away"}}) {
      const double avg_count = deterministic.children_avg(0, t, y)[0];
      const double end_count = deterministic.children_end(0, t, y)[0];
      average += avg_count;
      end += end_count;
      CHECK(count_of(bands, type, "children_avg").years[y].p10 == avg_count);
      CHECK(count_of(bands, type, "children_avg").years[y].p90 == avg_count);
      CHECK(count_of(bands, type, "children_end").years[y].p10 == end_count);
      CHECK(count_of(bands, type, "children_end").years[y].p90 == end_count);
    }
    CHECK(count_of(bands, "total", "children_avg").years[y].p10 == average);
    CHECK(count_of(bands, "total", "children_avg").years[y].p90 == average);
    CHECK(count_of(bands, "total", "children_end").years[y].p10 == end);
    CHECK(count_of(bands, "total", "children_end").years[y].p90 == end);
    // And the cost of the line the ladder feeds, evaluated with every figure.
    CHECK(bands.total[y].p10 == deterministic.total(0, y)[0]);
  }
}

TEST_CASE("a count band is the P10 and P90 of the draws' children, and spreads with the entries")
{
  const Model model = ladder_model(test::triangular(0.0, 0.02, 0.1), test::uniform(6.0, 18.0));
  const ForecastBands bands = bands_of(model, 0, 500, 3);
  const SampledInputs inputs = input_sampler(model, 3, false);
  REQUIRE(inputs.sampler);
  const Outcome outcome =
    Evaluator(model).evaluate(parameter_block(model, *inputs.sampler, 0, 500), Period::year);
  for (int y = 0; y < model.grid().years(); ++y) {
    CAPTURE(y);
    const Eigen::RowVectorXd away = outcome.children_end(0, 1, y);
    std::vector<double> values(away.begin(), away.end());
    const Statistics expected = statistics_of(values);
    CHECK(count_of(bands, "away", "children_end").years[y].p10 == expected.p10);
    CHECK(count_of(bands, "away", "children_end").years[y].p90 == expected.p90);
    const Band& total = count_of(bands, "total", "children_avg").years[y];
    CHECK(total.p10 < total.p90); // entries are uncertain from the first month
  }
}

TEST_CASE("one and two threads give bit-identical count bands")
{
  const Model model = ladder_model(test::triangular(0.0, 0.02, 0.1), test::uniform(6.0, 18.0));
  // 1000 draws are not a multiple of the block size, so the last block is short.
  const ForecastBands one = bands_of(model, 0, 1000, 11, 1);
  const ForecastBands two = bands_of(model, 0, 1000, 11, 2);
  REQUIRE(one.counts.size() == 6);
  CHECK(fingerprint(one) == fingerprint(two));
}
