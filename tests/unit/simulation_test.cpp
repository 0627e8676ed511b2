// Monte Carlo: the invariants of simulate() (zero variance gives the deterministic run,
// quantiles are ordered, the seed and nothing else fixes the result), statistics_of's
// quantiles on hand cases, and the correlation matrix checked before any draw.

#include "carecast/blocks.hpp"
#include "carecast/evaluator.hpp"
#include "carecast/savings.hpp"
#include "carecast/simulation.hpp"

#include "test_model.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace carecast;

namespace {

// Two options over four years, 2021/22 to 2024/25: test::k_pay_scenario and its option
// `change`, with pay's rate in 2022/23, 3%, and a budget in 2022/23 only (no growth, so
// the other three years have none), in four lines (28 to 31). `uncertainty` is appended:
// it starts on line 32.
std::string inline_scenario(const std::string& uncertainty)
{
  return test::k_pay_scenario + test::k_change_option + R"([indices.pay.rates]
"2022/23" = 0.03
[budget.years]
"2022/23" = 15.5
)" + uncertainty;
}

// The five uncertain inputs of the scenario above, with `distributions` (test::uniform
// and the like) in this order: pay's trend, pay's rate in 2022/23, care, staffing, and
// the change option's team.
std::string five_inputs(const std::array<std::string, 5>& distributions)
{
  const std::array<std::pair<const char*, const char*>, 5> inputs{{
    {"pay_trend", "indices.pay.default"},
    {"pay_first", "indices.pay.rates.2022/23"},
    {"care", "lines.care.base"},
    {"staffing", "lines.staffing.base"},
    {"team", "options.change.overlays.team.amount"},
  }};
  std::string text;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    text += test::uncertain(inputs[i].first, inputs[i].second, distributions[i]);
  }
  return text;
}

// One input of each distribution around the figures above; the lognormal has no upper
// end, so it is truncated to the rate's domain (which, at 17 sigmas, moves no draw).
const std::string k_spread =
  five_inputs({test::triangular(0.01, 0.02, 0.04), test::lognormal(0.03, 0.2) + "truncate = true\n",
               test::pert(4.0, 5.0, 6.5), test::uniform(9.5, 10.5), test::normal(0.1, 0.5)});

// The same inputs with no spread: uniforms with low = high at the figure each parameter
// has above, and a normal with sd 0 at its own mean.
const std::string k_no_spread =
  five_inputs({test::uniform(0.02, 0.02), test::uniform(0.03, 0.03), test::uniform(5.0, 5.0),
               test::normal(10.0, 0.0), test::normal(0.1, 0.0)});

std::string read_text(const std::filesystem::path& path)
{
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// The DCST scenario with every uncertain input replaced by a uniform with low = high =
// the parameter's own value (written to 17 significant digits, which round-trips a
// double), keeping its ids and so its correlation matrix.
std::string dcst_without_spread()
{
  const std::string text = read_text(test::dcst_path());
  const std::size_t first = text.find("\n[uncertainty]");
  const std::size_t correlation = text.find("\n[correlation]");
  REQUIRE(first != std::string::npos);
  REQUIRE(correlation != std::string::npos);
  const Model model = test::dcst_model();
  REQUIRE(model.calibration().known != k_none);
  std::string inputs =
    fmt::format("\n[uncertainty]\nknown_base_year = {{ value = {:.17g}, sd = 0.0 }}\n",
                model.parameters()[model.calibration().known].value);
  for (const ModelInput& input : model.inputs()) {
    if (input.id == "known_base_year") {
      continue;
    }
    const Parameter& parameter = model.parameters()[input.parameter];
    inputs += fmt::format("\n[uncertainty.{}]\nparameter = \"{}\"\ndistribution = "
                          "\"uniform\"\nlow = {:.17g}\nhigh = {:.17g}\n",
                          input.id, parameter.path, parameter.value, parameter.value);
  }
  return text.substr(0, first) + inputs + text.substr(correlation);
}

Simulation run(const Model& model, std::int64_t draws, std::uint64_t seed, int threads = 1)
{
  SimulationSettings settings;
  settings.draws = draws;
  settings.seed = seed;
  settings.threads = threads;
  SimulationResult result = simulate(model, settings);
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.simulation);
  return std::move(*result.simulation);
}

std::uint64_t bits(double value)
{
  return std::bit_cast<std::uint64_t>(value);
}

std::vector<std::uint64_t> bits(const Statistics& s)
{
  return {bits(s.central), bits(s.mean), bits(s.p5), bits(s.p10),
          bits(s.p50),     bits(s.p90),  bits(s.p95)};
}

std::uint64_t bits(const std::optional<double>& value)
{
  return value ? bits(*value) : ~std::uint64_t{0};
}

// Every number of a simulation as its bit pattern, so that == means bit-identical.
std::vector<std::uint64_t> fingerprint(const Simulation& s)
{
  std::vector<std::uint64_t> all{static_cast<std::uint64_t>(s.draws), s.seed};
  const auto add = [&](const std::vector<std::uint64_t>& more) {
    all.insert(all.end(), more.begin(), more.end());
  };
  for (std::size_t o = 0; o < s.cost.size(); ++o) {
    for (std::size_t y = 0; y < s.cost[o].size(); ++y) {
      add(bits(s.cost[o][y]));
      const auto& budget = s.budget[o][y];
      add({budget ? bits(budget->over) : 0, budget ? bits(budget->expected_overspend) : 0});
      const auto& shortfall = s.shortfall[o][y];
      add({shortfall ? bits(shortfall->expected) : 0,
           shortfall ? bits(shortfall->beyond_threshold) : 0});
    }
    add(bits(s.npc[o]));
    add({bits(s.cheapest[o])});
  }
  for (const Difference& difference : s.differences) {
    for (const DifferenceSeries& series : difference.cost) {
      add(bits(series.statistics));
      add({bits(series.cheaper)});
    }
    for (const DifferenceSeries* series : {&difference.total, &difference.npc}) {
      add(bits(series->statistics));
      add({bits(series->cheaper)});
    }
  }
  return all;
}

// The central figure, the mean and every quantile of `s` are `value` exactly.
void check_every_statistic(const Statistics& s, double value)
{
  CHECK(s.central == value);
  CHECK(s.mean == value);
  CHECK(s.p5 == value);
  CHECK(s.p10 == value);
  CHECK(s.p50 == value);
  CHECK(s.p90 == value);
  CHECK(s.p95 == value);
}

// Zero variance: every statistic of every option and year, and of net present cost, is
// the deterministic figure itself.
void check_matches_deterministic(const Model& model, const Simulation& simulation)
{
  const Outcome deterministic = Evaluator(model).evaluate(model.values(), Period::year);
  const int options = static_cast<int>(model.options().size());
  REQUIRE(simulation.cost.size() == model.options().size());
  for (int o = 0; o < options; ++o) {
    for (int y = 0; y < model.grid().years(); ++y) {
      CAPTURE(o);
      CAPTURE(y);
      const double expected = deterministic.total(o, y)[0];
      check_every_statistic(simulation.cost[o][y], expected);
      const double budget = deterministic.budget(y)[0];
      if (!std::isnan(budget)) {
        REQUIRE(simulation.budget[o][y]);
        // Every draw is the deterministic run, so either all are over budget or none,
        // and the mean overspend is the run's own.
        CHECK(simulation.budget[o][y]->over == (expected > budget ? 1.0 : 0.0));
        CHECK(simulation.budget[o][y]->expected_overspend == std::max(expected - budget, 0.0));
      }
    }
    check_every_statistic(simulation.npc[o], deterministic.net_present_cost(o)[0]);
    for (const SavingsYear& year : track_savings(model, model.values(), o).years) {
      CAPTURE(year.year);
      const auto& shortfall = simulation.shortfall[o][year.year];
      REQUIRE(shortfall);
      CHECK(shortfall->expected == year.shortfall());
      CHECK(shortfall->beyond_threshold == (year.shortfall() > 0.05 ? 1.0 : 0.0));
    }
  }
  // Each option against the first: every draw's difference is the deterministic one.
  REQUIRE(simulation.differences.size() == model.options().size() - 1);
  for (const Difference& difference : simulation.differences) {
    const int o = difference.pair.option;
    CHECK(difference.pair.reference == 0);
    // The horizon's difference is of the two options' horizon totals.
    double total = 0.0;
    double reference = 0.0;
    for (int y = 0; y < model.grid().years(); ++y) {
      check_every_statistic(difference.cost[y].statistics,
                            deterministic.total(o, y)[0] - deterministic.total(0, y)[0]);
      total += deterministic.total(o, y)[0];
      reference += deterministic.total(0, y)[0];
    }
    check_every_statistic(difference.total.statistics, total - reference);
    check_every_statistic(difference.npc.statistics, deterministic.net_present_cost(o)[0]
                                                        - deterministic.net_present_cost(0)[0]);
  }
}

void check_ordered(const Statistics& s, double min, double max)
{
  CHECK(s.p5 <= s.p10);
  CHECK(s.p10 <= s.p50);
  CHECK(s.p50 <= s.p90);
  CHECK(s.p90 <= s.p95);
  CHECK(min <= s.mean);
  CHECK(s.mean <= max);
  CHECK(min <= s.p5);
  CHECK(s.p95 <= max);
}

} // namespace

TEST_CASE("statistics_of gives type-7 quantiles: linear between order statistics")
{
  // Quantile p of n sorted values x(1..n) is x(j) + g (x(j+1) - x(j)) with h = (n - 1) p,
  // j = floor(h) + 1, g = h - floor(h) (Hyndman and Fan 1996, type 7; R's default).
  SUBCASE("the values 1 to 5, in any order")
  {
    std::vector<double> values{4.0, 1.0, 5.0, 3.0, 2.0};
    const Statistics s = statistics_of(values);
    CHECK(s.mean == 3.0);                                // 15 / 5
    CHECK(s.p5 == doctest::Approx(1.2).epsilon(1e-15));  // h = 0.2: 1 + 0.2 x (2 - 1)
    CHECK(s.p10 == doctest::Approx(1.4).epsilon(1e-15)); // h = 0.4
    CHECK(s.p50 == 3.0);                                 // h = 2: the middle value
    CHECK(s.p90 == doctest::Approx(4.6).epsilon(1e-15)); // h = 3.6: 4 + 0.6 x (5 - 4)
    CHECK(s.p95 == doctest::Approx(4.8).epsilon(1e-15)); // h = 3.8
    std::sort(values.begin(), values.end());             // reordered, but nothing lost
    CHECK(values == std::vector<double>{1.0, 2.0, 3.0, 4.0, 5.0});
  }
  SUBCASE("two values")
  {
    std::vector<double> values{20.0, 10.0};
    const Statistics s = statistics_of(values);
    CHECK(s.mean == 15.0);
    CHECK(s.p5 == doctest::Approx(10.5).epsilon(1e-15));  // h = 0.05: 10 + 0.05 x 10
    CHECK(s.p50 == 15.0);                                 // h = 0.5
    CHECK(s.p95 == doctest::Approx(19.5).epsilon(1e-15)); // h = 0.95
  }
  SUBCASE("ties: the quantiles of 1, 1, 1, 1, 9")
  {
    std::vector<double> values{1.0, 9.0, 1.0, 1.0, 1.0};
    const Statistics s = statistics_of(values);
    CHECK(s.mean == doctest::Approx(2.6).epsilon(1e-15)); // 13 / 5
    CHECK(s.p50 == 1.0);                                  // h = 2, x(3) = x(4) = 1
    CHECK(s.p90 == doctest::Approx(5.8).epsilon(1e-15));  // h = 3.6: 1 + 0.6 x (9 - 1)
    CHECK(s.p95 == doctest::Approx(7.4).epsilon(1e-15));  // h = 3.8: 1 + 0.8 x 8
  }
  SUBCASE("one value is every quantile")
  {
    std::vector<double> values{7.25};
    const Statistics s = statistics_of(values);
    CHECK(s.mean == 7.25);
    CHECK(s.p5 == 7.25);
    CHECK(s.p95 == 7.25);
  }
  SUBCASE("the same quantiles as the type-7 formula on a full sort, for 1 to 300 values")
  {
    // The partial sorts place each order statistic within bounds set by the ones
    // before; the formula above on a sorted copy must give the same bits. Values
    // repeat (ties), and the sizes cover ranks that coincide for small n.
    std::uint64_t state = 12345;
    for (std::size_t n = 1; n <= 300; ++n) {
      std::vector<double> values;
      for (std::size_t i = 0; i < n; ++i) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        values.push_back(static_cast<double>((state >> 33) % 50));
      }
      std::vector<double> sorted = values;
      std::sort(sorted.begin(), sorted.end());
      const auto type7 = [&](double p) {
        const double h = (static_cast<double>(n) - 1.0) * p;
        const auto j = static_cast<std::size_t>(std::floor(h));
        const double next = j + 1 < n ? sorted[j + 1] : sorted[j];
        return sorted[j] + (h - std::floor(h)) * (next - sorted[j]);
      };
      const Statistics s = statistics_of(values);
      INFO("n = " << n);
      CHECK(s.p5 == type7(0.05));
      CHECK(s.p10 == type7(0.10));
      CHECK(s.p50 == type7(0.50));
      CHECK(s.p90 == type7(0.90));
      CHECK(s.p95 == type7(0.95));
    }
  }
  SUBCASE("no values give zeros")
  {
    std::vector<double> values;
    const Statistics s = statistics_of(values);
    CHECK(s.mean == 0.0);
    CHECK(s.p50 == 0.0);
  }
}

TEST_CASE("zero variance reproduces the deterministic run of an inline scenario exactly")
{
  const Model model = test::model_from(inline_scenario(k_no_spread));
  REQUIRE(model.inputs().size() == 5);
  const Simulation simulation = run(model, 1000, 7);
  check_matches_deterministic(model, simulation);
}

TEST_CASE("zero variance reproduces the deterministic run of the DCST scenario exactly")
{
  const Model model = test::model_from(dcst_without_spread());
  REQUIRE(model.inputs().size() == 17);      // the 16 [uncertainty] tables and known_base_year
  REQUIRE(model.correlation().rows() == 17); // its 5 x 5 matrix, placed among the 17
  // 1000 draws: three full blocks of 256 and one of 232, on two threads.
  const Simulation simulation = run(model, 1000, 20220330, 2);
  check_matches_deterministic(model, simulation);
  // The same figures as the shipped file evaluated with its own values.
  const Model shipped = test::dcst_model();
  const Outcome deterministic = Evaluator(shipped).evaluate(shipped.values(), Period::year);
  CHECK(simulation.npc[2].p50 == deterministic.net_present_cost(2)[0]);
}

TEST_CASE("quantiles are ordered and the mean lies between the smallest and largest draw")
{
  const Model model = test::dcst_model();
  constexpr std::int64_t draws = 1000;
  const Simulation simulation = run(model, draws, 7);
  // The draws themselves, evaluated in one batch: the same columns simulate() evaluates
  // in blocks.
  const SampledInputs inputs = input_sampler(model, 7, false);
  REQUIRE(inputs.sampler);
  const Outcome outcome =
    Evaluator(model).evaluate(parameter_block(model, *inputs.sampler, 0, draws), Period::year);
  for (int o = 0; o < static_cast<int>(model.options().size()); ++o) {
    for (int y = 0; y < model.grid().years(); ++y) {
      CAPTURE(o);
      CAPTURE(y);
      const Eigen::RowVectorXd total = outcome.total(o, y);
      check_ordered(simulation.cost[o][y], total.minCoeff(), total.maxCoeff());
      // The same statistics as statistics_of on the draws taken in one batch, beside the
      // central figure.
      std::vector<double> values(total.begin(), total.end());
      Statistics expected = statistics_of(values);
      expected.central = Evaluator(model).evaluate(model.values(), Period::year).total(o, y)[0];
      CHECK(bits(expected) == bits(simulation.cost[o][y]));
    }
    const Eigen::RowVectorXd npc = outcome.net_present_cost(o);
    check_ordered(simulation.npc[o], npc.minCoeff(), npc.maxCoeff());
  }
  // The inputs do spread the results: 2026/27's cost of the first option is uncertain.
  CHECK(simulation.cost[0].back().p5 < simulation.cost[0].back().p95);
}

TEST_CASE("the seed fixes the simulation bit for bit, and another seed changes it")
{
  const Model model = test::model_from(inline_scenario(k_spread));
  const Simulation first = run(model, 1000, 42);
  const Simulation again = run(model, 1000, 42);
  const Simulation other = run(model, 1000, 43);
  CHECK(fingerprint(first) == fingerprint(again));
  CHECK(first.seed == 42);
  CHECK(first.draws == 1000);
  CHECK(fingerprint(first) != fingerprint(other));
  CHECK(first.npc[0].mean != other.npc[0].mean);
}

TEST_CASE("one, two or three threads give bit-identical simulations")
{
  // 1000 draws are not a multiple of the block size, so the last block is short.
  static_assert(1000 % k_block_draws != 0);
  const Model model = test::dcst_model();
  const Simulation one = run(model, 1000, 11, 1);
  const Simulation two = run(model, 1000, 11, 2);
  const Simulation three = run(model, 1000, 11, 3);
  CHECK(fingerprint(one) == fingerprint(two));
  CHECK(fingerprint(one) == fingerprint(three));
}

TEST_CASE("P(cheapest) adds up to 1 over the options")
{
  SUBCASE("the inline scenario, where either option can be cheaper")
  {
    // The change option's team costs 0.1 a year on average with sd 0.5, so it is the
    // cheaper option in roughly two draws of five.
    const Simulation simulation = run(test::model_from(inline_scenario(k_spread)), 1000, 5);
    REQUIRE(simulation.cheapest.size() == 2);
    CHECK(simulation.cheapest[0] > 0.0);
    CHECK(simulation.cheapest[1] > 0.0);
    // Counted, then divided: each is a whole number of draws over 1000, and they add
    // up to 1 exactly.
    for (const double p : simulation.cheapest) {
      CHECK(p * 1000.0 == std::round(p * 1000.0));
    }
    CHECK(simulation.cheapest[0] + simulation.cheapest[1] == 1.0);
  }
  SUBCASE("the DCST scenario")
  {
    const Simulation simulation = run(test::dcst_model(), 1000, 5);
    REQUIRE(simulation.cheapest.size() == 3);
    double sum = 0.0;
    for (const double p : simulation.cheapest) {
      CHECK(p >= 0.0);
      sum += p;
    }
    CHECK(sum == doctest::Approx(1.0).epsilon(1e-12));
  }
}

TEST_CASE("P(over budget) is given only for years with a budget")
{
  // The inline scenario has a budget in 2022/23 (year 1) and none in 2021/22, 2023/24 or
  // 2024/25.
  const Simulation simulation = run(test::model_from(inline_scenario(k_spread)), 1000, 3);
  for (std::size_t o = 0; o < 2; ++o) {
    CAPTURE(o);
    REQUIRE(simulation.budget[o].size() == 4);
    CHECK_FALSE(simulation.budget[o][0]);
    REQUIRE(simulation.budget[o][1]);
    CHECK(simulation.budget[o][1]->over >= 0.0);
    CHECK(simulation.budget[o][1]->over <= 1.0);
    CHECK(simulation.budget[o][1]->expected_overspend >= 0.0);
    CHECK_FALSE(simulation.budget[o][2]);
    CHECK_FALSE(simulation.budget[o][3]);
  }
}

TEST_CASE("differences are the statistics of the draws' gaps, and P(cheaper) their count")
{
  const Model model = test::dcst_model();
  constexpr std::int64_t draws = 1000;
  const Simulation simulation = run(model, draws, 7);
  const SampledInputs inputs = input_sampler(model, 7, false);
  REQUIRE(inputs.sampler);
  const ParameterRows parameters = parameter_block(model, *inputs.sampler, 0, draws);
  const Outcome outcome = Evaluator(model).evaluate(parameters, Period::year);
  const Outcome central = Evaluator(model).evaluate(model.values(), Period::year);
  // The gaps recomputed draw by draw from one batch: the statistics must match bit for
  // bit, and P(cheaper) is the number of negative gaps over the draws.
  const auto check = [&](const DifferenceSeries& series, const Eigen::RowVectorXd& gaps,
                         double central_gap) {
    std::vector<double> values(gaps.begin(), gaps.end());
    const auto negative = std::count_if(values.begin(), values.end(), [](double v) { return v < 0.0; });
    Statistics expected = statistics_of(values);
    expected.central = central_gap;
    CHECK(bits(series.statistics) == bits(expected));
    // Absent only where the options are equal in every draw (the base year, say).
    const bool equal = (gaps.array() == 0.0).all();
    CHECK(series.cheaper.has_value() == !equal);
    if (series.cheaper) {
      CHECK(*series.cheaper == static_cast<double>(negative) / static_cast<double>(draws));
    }
  };
  REQUIRE(simulation.differences.size() == 2);
  for (const Difference& difference : simulation.differences) {
    const int o = difference.pair.option;
    CAPTURE(o);
    CHECK(difference.pair.reference == 0);
    Eigen::RowVectorXd horizon = Eigen::RowVectorXd::Zero(draws);
    Eigen::RowVectorXd reference = Eigen::RowVectorXd::Zero(draws);
    double central_horizon = 0.0;
    double central_reference = 0.0;
    for (int y = 0; y < model.grid().years(); ++y) {
      check(difference.cost[y], outcome.total(o, y) - outcome.total(0, y),
            central.total(o, y)[0] - central.total(0, y)[0]);
      horizon += outcome.total(o, y);
      reference += outcome.total(0, y);
      central_horizon += central.total(o, y)[0];
      central_reference += central.total(0, y)[0];
    }
    check(difference.total, horizon - reference, central_horizon - central_reference);
    check(difference.npc, outcome.net_present_cost(o) - outcome.net_present_cost(0),
          central.net_present_cost(o)[0] - central.net_present_cost(0)[0]);
  }
}

TEST_CASE("a pair asked for is the only difference, as option minus reference")
{
  const Model model = test::dcst_model();
  SimulationSettings settings;
  settings.draws = 500;
  settings.seed = 3;
  settings.pairs = {{0, 2}};
  const SimulationResult result = simulate(model, settings);
  REQUIRE(result.simulation);
  const Simulation both = run(model, 500, 3);
  REQUIRE(result.simulation->differences.size() == 1);
  const Difference& asked = result.simulation->differences[0];
  CHECK(asked.pair.option == 0);
  CHECK(asked.pair.reference == 2);
  // The reverse of the default pair (2 against 0): the same draws, negated.
  const Difference& reverse = both.differences[1];
  REQUIRE(reverse.pair.option == 2);
  CHECK(asked.npc.statistics.p50 == -reverse.npc.statistics.p50);
  CHECK(asked.npc.statistics.p10 == -reverse.npc.statistics.p90);
  CHECK(asked.npc.statistics.central == -reverse.npc.statistics.central);
  // Neither option is cheaper in a draw where they are equal, so the two shares add up
  // to at most 1; the DCST options always differ, so exactly 1.
  CHECK(*asked.npc.cheaper + *reverse.npc.cheaper == 1.0);
}

TEST_CASE("P(cheaper) is absent where two options cost the same in every draw")
{
  // The change option's team costs exactly 0, so the options are equal draw by draw,
  // while the other inputs still spread the costs.
  const std::string same =
    five_inputs({test::triangular(0.01, 0.02, 0.04), test::lognormal(0.03, 0.2) + "truncate = true\n",
                 test::pert(4.0, 5.0, 6.5), test::uniform(9.5, 10.5), test::normal(0.0, 0.0)});
  const Simulation simulation = run(test::model_from(inline_scenario(same)), 300, 9);
  REQUIRE(simulation.differences.size() == 1);
  const Difference& difference = simulation.differences[0];
  for (const DifferenceSeries& series : difference.cost) {
    CHECK_FALSE(series.cheaper);
    CHECK(series.statistics.p5 == 0.0);
    CHECK(series.statistics.p95 == 0.0);
  }
  CHECK_FALSE(difference.total.cheaper);
  CHECK_FALSE(difference.npc.cheaper);
  CHECK(simulation.cost[0][1].p5 < simulation.cost[0][1].p95); // the costs do spread
}

TEST_CASE("the mean overspend and savings shortfall are the draws' own, 0 where within")
{
  const Model model = test::dcst_model();
  constexpr std::int64_t draws = 600;
  const Simulation simulation = run(model, draws, 13);
  const SampledInputs inputs = input_sampler(model, 13, false);
  REQUIRE(inputs.sampler);
  const ParameterRows parameters = parameter_block(model, *inputs.sampler, 0, draws);
  const Outcome outcome = Evaluator(model).evaluate(parameters, Period::year);
  const int transfer = 2;
  for (int y = 0; y < model.grid().years(); ++y) {
    CAPTURE(y);
    const Eigen::RowVectorXd overspend =
      (outcome.total(transfer, y) - outcome.budget(y)).cwiseMax(0.0);
    REQUIRE(simulation.budget[transfer][y]);
    // Summed in another order (by block), so equal to rounding.
    CHECK(simulation.budget[transfer][y]->expected_overspend
          == doctest::Approx(overspend.mean()).epsilon(1e-12));
  }
  // The savings target: each draw's shortfall from its own parameters.
  std::vector<double> sum(model.grid().years(), 0.0);
  std::vector<int> beyond(model.grid().years(), 0);
  for (Eigen::Index d = 0; d < draws; ++d) {
    for (const SavingsYear& year : track_savings(model, parameters.col(d), transfer).years) {
      sum[year.year] += year.shortfall();
      beyond[year.year] += year.shortfall() > 0.05 ? 1 : 0;
    }
  }
  bool some = false;
  for (int y = 0; y < model.grid().years(); ++y) {
    const auto& shortfall = simulation.shortfall[transfer][y];
    if (!shortfall) {
      continue;
    }
    some = true;
    CHECK(shortfall->expected == doctest::Approx(sum[y] / draws).epsilon(1e-12));
    CHECK(shortfall->beyond_threshold == static_cast<double>(beyond[y]) / draws);
  }
  CHECK(some); // DCST has a savings target
}

TEST_CASE("a correlation matrix that is not positive semi-definite stops simulate unless "
          "repaired")
{
  // A moves with B (0.9) and B with C (0.9), yet A against C (-0.9): each entry is a
  // valid correlation, so the scenario validates, but the set is impossible (smallest
  // eigenvalue -0.8). The matrix's value starts on line 53, column 10.
  const Model model = test::model_from(inline_scenario(R"(
[uncertainty.a]
parameter = "indices.pay.default"
distribution = "uniform"
low = 0.01
high = 0.03

[uncertainty.b]
parameter = "lines.care.base"
distribution = "uniform"
low = 4.0
high = 6.0

[uncertainty.c]
parameter = "lines.staffing.base"
distribution = "uniform"
low = 9.0
high = 11.0

[correlation]
order = ["a", "b", "c"]
matrix = [[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]]
)"));
  SimulationSettings settings;
  settings.draws = 500;
  SUBCASE("without repair: a diagnostic at the matrix, and no simulation")
  {
    const SimulationResult result = simulate(model, settings);
    CHECK_FALSE(result.simulation);
    REQUIRE(result.diagnostics.size() == 1);
    const Diagnostic& problem = result.diagnostics.front();
    CHECK(problem.pos == SourcePos{"test.toml", 53, 10});
    CHECK(problem.message.find("not positive semi-definite") != std::string::npos);
    CHECK(problem.message.find("--repair-correlations") != std::string::npos);
  }
  SUBCASE("with repair: the nearest valid matrix is used and its distance reported")
  {
    settings.repair_correlations = true;
    const SimulationResult result = simulate(model, settings);
    CHECK(result.diagnostics.empty());
    REQUIRE(result.simulation);
    REQUIRE(result.simulation->repair_distance);
    // The nearest valid matrix has every off-diagonal entry +-0.5 (docs/uncertainty.md,
    // "Repairing a matrix"): six entries each moved by 0.4, sqrt(6 x 0.16).
    CHECK(*result.simulation->repair_distance > 0.0);
    CHECK(*result.simulation->repair_distance == doctest::Approx(std::sqrt(0.96)).epsilon(1e-6));
  }
  SUBCASE("a valid matrix needs no repair and reports no distance")
  {
    settings.repair_correlations = true;
    const SimulationResult result = simulate(test::dcst_model(), settings);
    REQUIRE(result.simulation);
    CHECK_FALSE(result.simulation->repair_distance);
  }
}

TEST_CASE("calibrated draws all cost the known base-year total, and spread only after it")
{
  // dcst_2022 with the known total's sd set to 0: whatever a draw samples (weekly costs,
  // entries), its 2021/22 total is scaled to the quarter 3 forecast of 64.43.
  std::string text = read_text(test::dcst_path());
  const std::string sd = "sd = { value = 0.5,";
  const std::size_t at = text.find(sd);
  REQUIRE(at != std::string::npos);
  text.replace(at, sd.size(), "sd = { value = 0.0,");
  const Model model = test::model_from(text);
  const Simulation simulation = run(model, 1000, 7, 2);
  for (std::size_t o = 0; o < model.options().size(); ++o) {
    CAPTURE(o);
    const Statistics& base_year = simulation.cost[o][0];
    CHECK(base_year.p5 == doctest::Approx(64.43).epsilon(1e-12));
    CHECK(base_year.p95 == doctest::Approx(64.43).epsilon(1e-12));
    CHECK(simulation.cost[o][1].p5 < simulation.cost[o][1].p95);
  }
}
