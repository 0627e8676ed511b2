// Sobol' indices of a scenario: the design drawn from its inputs, evaluated in blocks,
// and the indices of one option's cost per year and over the horizon.
//
// The scenario's cost is linear in its uncertain inputs and has no growth: each year
// costs a + b (option `base`) or a + b + c (option `more`), with a ~ U(8, 12),
// b ~ U(4, 6) and c ~ U(0, 2), so Var(a) = 16/12 and Var(b) = Var(c) = 4/12. Without
// interactions the first-order and total indices of an input both equal its share of
// the variance, a_i^2 Var(X_i) / sum_j a_j^2 Var(X_j): 0.8 and 0.2 for `base`, 2/3,
// 1/6 and 1/6 for `more`. The horizon (two years) costs twice as much with the same
// shares. At N = 4096 the estimators' standard errors are at most about 0.015, so
// estimates are checked to 0.04 (not against their 95% intervals, which miss the true
// value one time in twenty), and the intervals must be narrow enough to rank by.

#include "carecast/sobol_analysis.hpp"

#include "carecast/sobol_sequence.hpp"

#include "test_model.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <fmt/format.h>
#include <string>

using namespace carecast;

namespace {

const std::string k_scenario = R"(
[scenario]
name = "Sobol test"
base_year = "2021/22"
horizon = "2022/23"
[lines.a]
base = 10.0
[lines.b]
base = 5.0
[options.base]
name = "Base"
[options.more]
name = "More"
extends = "base"
[options.more.overlays.extra]
type = "recurring"
line = "a"
amount = 1.0
from = "2021-04"
[uncertainty.a]
parameter = "lines.a.base"
distribution = "uniform"
low = 8.0
high = 12.0
[uncertainty.b]
parameter = "lines.b.base"
distribution = "uniform"
low = 4.0
high = 6.0
[uncertainty.c]
parameter = "options.more.overlays.extra.amount"
distribution = "uniform"
low = 0.0
high = 2.0
)";

constexpr double k_tolerance = 0.04;

SobolAnalysis analysed(const Model& model, int option, SobolSettings settings = {})
{
  SobolRun run = sobol_analysis(model, option, settings);
  INFO(run.problem);
  REQUIRE(run.analysis.has_value());
  return std::move(*run.analysis);
}

void check_share(const SobolIndex& index, double share)
{
  CHECK(std::abs(index.first.estimate - share) < k_tolerance);
  CHECK(std::abs(index.total.estimate - share) < k_tolerance);
  CHECK(index.first.width() < k_sobol_max_width);
  CHECK(index.total.width() < k_sobol_max_width);
}

bool same(const Interval& x, const Interval& y)
{
  return x.estimate == y.estimate && x.low == y.low && x.high == y.high;
}

bool same(const SobolResult& x, const SobolResult& y)
{
  if (x.indices.size() != y.indices.size() || x.variance != y.variance) {
    return false;
  }
  for (std::size_t output = 0; output < x.indices.size(); ++output) {
    for (std::size_t i = 0; i < x.indices[output].size(); ++i) {
      if (!same(x.indices[output][i].first, y.indices[output][i].first)
          || !same(x.indices[output][i].total, y.indices[output][i].total)) {
        return false;
      }
    }
  }
  return x.constant == y.constant && x.too_wide == y.too_wide;
}

} // namespace

TEST_CASE("the indices of a linear cost are each input's analytic share of its variance")
{
  const Model model = test::model_from(k_scenario);
  const SobolAnalysis analysis = analysed(model, 0);
  // Two years, then the horizon.
  REQUIRE(analysis.result.indices.size() == 3);
  for (const auto& indices : analysis.result.indices) {
    REQUIRE(indices.size() == 3);
    check_share(indices[0], 0.8);
    check_share(indices[1], 0.2);
  }
  CHECK(analysis.result.variance[0] == doctest::Approx(20.0 / 12.0).epsilon(0.05));
  CHECK(analysis.result.variance[2] == doctest::Approx(4.0 * 20.0 / 12.0).epsilon(0.05));
}

TEST_CASE("an input that does not affect an option's cost has indices of exactly 0")
{
  const Model model = test::model_from(k_scenario);
  const SobolAnalysis base = analysed(model, 0);
  for (const auto& indices : base.result.indices) {
    const SobolIndex& c = indices[2];
    CHECK(c.first.estimate == 0.0);
    CHECK(c.total.estimate == 0.0);
    CHECK(c.total.high == 0.0);
  }
  // The option the input changes shares its variance three ways.
  const SobolAnalysis more = analysed(model, 1);
  for (const auto& indices : more.result.indices) {
    check_share(indices[0], 2.0 / 3.0);
    check_share(indices[1], 1.0 / 6.0);
    check_share(indices[2], 1.0 / 6.0);
  }
}

TEST_CASE("the same seed gives the same indices, and another seed other ones")
{
  const Model model = test::model_from(k_scenario);
  for (const SobolDesign design : {SobolDesign::sobol, SobolDesign::random}) {
    CAPTURE(to_string(design));
    SobolSettings settings;
    settings.design = design;
    settings.samples = 512;
    settings.resamples = 50;
    settings.seed = 7;
    const SobolAnalysis first = analysed(model, 1, settings);
    const SobolAnalysis again = analysed(model, 1, settings);
    CHECK(same(first.result, again.result));
    CHECK(first.seed == 7);
    CHECK(first.samples == 512);
    CHECK(first.design == design);
    // Each design records only the count its intervals come from.
    CHECK(first.resamples == (design == SobolDesign::random ? 50 : 0));
    CHECK(first.scramblings == (design == SobolDesign::sobol ? 16 : 0));
    CHECK(first.evaluations == 512 * (3 + 2));
    settings.seed = 8;
    CHECK_FALSE(same(first.result, analysed(model, 1, settings).result));
  }
}

TEST_CASE("the indices do not depend on the number of threads")
{
  const Model model = test::model_from(k_scenario);
  for (const SobolDesign design : {SobolDesign::sobol, SobolDesign::random}) {
    CAPTURE(to_string(design));
    SobolSettings settings;
    settings.design = design;
    // 5 evaluations a sample: blocks of 256 evaluations split samples between them, and
    // with the sobol design a block holds points of two replicates.
    settings.samples = design == SobolDesign::sobol ? 512 : 700;
    settings.scramblings = 8;
    settings.resamples = 20;
    settings.threads = 1;
    const SobolAnalysis one = analysed(model, 1, settings);
    settings.threads = 2;
    CHECK(same(one.result, analysed(model, 1, settings).result));
    settings.threads = 5;
    CHECK(same(one.result, analysed(model, 1, settings).result));
  }
}

TEST_CASE("an output whose inputs are sampled too little is flagged too wide to rank")
{
  const Model model = test::model_from(k_scenario);
  for (const SobolDesign design : {SobolDesign::sobol, SobolDesign::random}) {
    CAPTURE(to_string(design));
    SobolSettings settings;
    settings.design = design;
    settings.samples = 16;
    settings.scramblings = 4;
    settings.resamples = 100;
    const SobolAnalysis analysis = analysed(model, 1, settings);
    CHECK(analysis.result.too_wide[0]);
    // At N = 4096 the intervals are narrow enough.
    settings.samples = 4096;
    CHECK_FALSE(analysed(model, 1, settings).result.too_wide[0]);
  }
}

TEST_CASE("a correlation between inputs is noted, and not used")
{
  const std::string correlated = k_scenario + R"(
[correlation]
order = ["a", "b"]
matrix = [[1.0, 0.9], [0.9, 1.0]]
)";
  const Model plain = test::model_from(k_scenario);
  const Model model = test::model_from(correlated);
  const SobolAnalysis analysis = analysed(model, 0);
  CHECK(analysis.correlation_ignored);
  CHECK_FALSE(analysed(plain, 0).correlation_ignored);
  CHECK(same(analysis.result, analysed(plain, 0).result));
}

TEST_CASE("a scenario without uncertain inputs, or a setting out of range, is a problem")
{
  const std::string certain = k_scenario.substr(0, k_scenario.find("[uncertainty.a]"));
  const SobolRun none = sobol_analysis(test::model_from(certain), 0, {});
  CHECK_FALSE(none.analysis.has_value());
  CHECK(none.problem.find("[uncertainty]") != std::string::npos);
  CHECK(none.problem.find("docs/uncertainty.md") != std::string::npos);

  const Model model = test::model_from(k_scenario);
  SobolSettings one_sample;
  one_sample.samples = 1;
  CHECK_FALSE(sobol_analysis(model, 0, one_sample).problem.empty());
  SobolSettings no_resamples;
  no_resamples.design = SobolDesign::random;
  no_resamples.resamples = 0;
  CHECK_FALSE(sobol_analysis(model, 0, no_resamples).problem.empty());
  // The sobol design takes a power of two of samples, and scramblings that are a power
  // of two leaving each at least 2 points.
  SobolSettings uneven;
  uneven.samples = 1000;
  CHECK(sobol_analysis(model, 0, uneven).problem.find("power of two") != std::string::npos);
  for (const int scramblings : {1, 12, 1024}) {
    CAPTURE(scramblings);
    SobolSettings settings;
    settings.samples = 1024;
    settings.scramblings = scramblings;
    CHECK(sobol_analysis(model, 0, settings).problem.find("scramblings") != std::string::npos);
  }
  SobolSettings certain_interval;
  certain_interval.confidence = 1.0;
  CHECK_FALSE(sobol_analysis(model, 0, certain_interval).problem.empty());
  CHECK_FALSE(sobol_analysis(model, 2, {}).problem.empty());
}

TEST_CASE("the sobol design refuses more inputs than the Sobol' sequence has dimensions for")
{
  // A and B take 2 dimensions per input, so one more input than half of
  // sobol_max_dimensions() is one too many; the random design has no such limit.
  const int inputs = sobol_max_dimensions() / 2 + 1;
  std::string scenario = R"(
[scenario]
name = "Many inputs"
base_year = "2021/22"
horizon = "2022/23"
[options.base]
name = "Base"
)";
  for (int k = 0; k < inputs; ++k) {
    scenario += fmt::format("[lines.l{0}]\nbase = 1.0\n[uncertainty.u{0}]\nparameter = "
                            "\"lines.l{0}.base\"\ndistribution = \"uniform\"\nlow = 0.5\n"
                            "high = 1.5\n",
                            k);
  }
  const Model model = test::model_from(scenario);
  REQUIRE(static_cast<int>(model.inputs().size()) == inputs);
  const SobolRun run = sobol_analysis(model, 0, {});
  CHECK_FALSE(run.analysis.has_value());
  CHECK(run.problem.find(std::to_string(2 * inputs) + " dimensions") != std::string::npos);
  CHECK(run.problem.find("random design") != std::string::npos);
}
