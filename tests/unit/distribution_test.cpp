// The one table of distributions (docs/uncertainty.md, "Uncertain inputs"): names,
// settings, their rules, CDFs against quantiles, truncation and descriptions.

#include "carecast/distribution.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <set>
#include <string>

using namespace carecast;

namespace {

Distribution of(DistributionKind kind)
{
  Distribution d;
  d.kind = kind;
  return d;
}

Distribution uniform_on(double low, double high)
{
  Distribution d = of(DistributionKind::uniform);
  d.low = low;
  d.high = high;
  return d;
}

Distribution normal(double mean, double sd)
{
  Distribution d = of(DistributionKind::normal);
  d.mean = mean;
  d.sd = sd;
  return d;
}

// One distribution of each kind, with settings away from any edge case.
std::vector<Distribution> one_of_each()
{
  Distribution triangular = uniform_on(2.0, 10.0);
  triangular.kind = DistributionKind::triangular;
  triangular.mode = 4.0;
  Distribution pert = triangular;
  pert.kind = DistributionKind::pert;
  Distribution bounded = normal(100.0, 15.0);
  bounded.low = 80.0;
  bounded.high = 140.0;
  Distribution lognormal = of(DistributionKind::lognormal);
  lognormal.median = 250.0;
  lognormal.sigma = 0.3;
  return {uniform_on(2.0, 10.0), triangular, pert, normal(100.0, 15.0), bounded, lognormal};
}

std::string path(Setting setting)
{
  return "uncertainty.x." + std::string(setting_name(setting));
}

} // namespace

TEST_CASE("every kind of distribution is in the table once, found by its name")
{
  std::set<std::string_view> names;
  for (const DistributionType& type : distribution_types()) {
    CHECK(names.insert(type.name).second);
    REQUIRE(find_distribution_type(type.name) == &type);
    CHECK(&distribution_type(type.kind) == &type);
    CHECK_FALSE(type.required.empty());
  }
  CHECK(names.size() == 5);
  CHECK(find_distribution_type("traingular") == nullptr);
}

TEST_CASE("a setting reads and writes its own field of a distribution")
{
  Distribution d;
  for (std::size_t i = 0; i < k_settings.size(); ++i) {
    d[k_settings[i]] = static_cast<double>(i) + 0.5;
  }
  CHECK(d.low == 0.5);
  CHECK(d.mode == 1.5);
  CHECK(d.high == 2.5);
  CHECK(d.mean == 3.5);
  CHECK(d.sd == 4.5);
  CHECK(d.median == 5.5);
  CHECK(d.sigma == 6.5);
}

TEST_CASE("a distribution is described by its kind and settings, optional ones where given")
{
  Distribution triangular = uniform_on(0.02, 0.06);
  triangular.kind = DistributionKind::triangular;
  triangular.mode = 0.033;
  CHECK(describe(triangular) == "triangular(low 0.02, mode 0.033, high 0.06)");
  Distribution bounded = normal(0.074, 0.01);
  CHECK(describe(bounded) == "normal(mean 0.074, sd 0.01)");
  bounded.low = 0.04;
  CHECK(describe(bounded) == "normal(mean 0.074, sd 0.01, low 0.04)");
  Distribution truncated = normal(20.0, 20.0);
  truncated.truncation = {0.0, INFINITY};
  // The mean: 25.75, by the hand calculation below.
  CHECK(describe(truncated) == "normal(mean 20, sd 20) truncated to [0, inf], mean 25.75");
}

TEST_CASE("a distribution's figures can be shown in its parameter's unit, all but sigma")
{
  const auto percent = [](double value) { return fmt::format("{:g}%", value * 100.0); };
  Distribution triangular = uniform_on(0.02, 0.06);
  triangular.kind = DistributionKind::triangular;
  triangular.mode = 0.033;
  CHECK(describe(triangular, percent) == "triangular(low 2%, mode 3.3%, high 6%)");
  Distribution lognormal;
  lognormal.kind = DistributionKind::lognormal;
  lognormal.median = 0.05;
  lognormal.sigma = 0.2; // a shape, with no unit
  CHECK(describe(lognormal, percent) == "lognormal(median 5%, sigma 0.2)");
}

TEST_CASE("the settings' rules are reported at the setting that breaks them")
{
  Distribution d = uniform_on(5.0, 6.0);
  d.kind = DistributionKind::triangular;
  d.mode = 4.0;
  const auto mode_first = setting_problems(d, {Setting::low, Setting::mode, Setting::high}, path);
  REQUIRE(mode_first.size() == 1);
  CHECK(mode_first[0].setting == Setting::mode);
  CHECK(mode_first[0].message == "'uncertainty.x.mode' = 4 is below 'uncertainty.x.low' = 5");
  const auto no_mode = setting_problems(uniform_on(5.0, 3.0), {Setting::low, Setting::high}, path);
  REQUIRE(no_mode.size() == 1);
  CHECK(no_mode[0].setting == Setting::high);

  Distribution spread = normal(1.0, -0.5);
  spread.kind = DistributionKind::lognormal;
  spread.median = 0.0;
  spread.sigma = -1.0;
  const auto problems =
    setting_problems(spread, {Setting::sd, Setting::median, Setting::sigma}, path);
  REQUIRE(problems.size() == 3);
  CHECK(problems[0].message == "'uncertainty.x.sd' = -0.5 must not be negative");
  CHECK(problems[1].message == "'uncertainty.x.sigma' = -1 must not be negative");
  CHECK(problems[2].message.starts_with("'uncertainty.x.median' = 0 must be above 0"));
}

TEST_CASE("each kind's CDF inverts its quantile function")
{
  // Invariant: F(Q(u)) = u for a continuous distribution.
  for (const Distribution& d : one_of_each()) {
    const DistributionType& type = distribution_type(d.kind);
    INFO(describe(d));
    for (const double u : {0.001, 0.1, 0.37, 0.5, 0.82, 0.999}) {
      CHECK(type.cdf(d, quantile(d, u)) == doctest::Approx(u).epsilon(1e-9));
    }
  }
}

TEST_CASE("a support reaches as far as its distribution: bounded, or open-ended")
{
  CHECK(draw_range(uniform_on(2.0, 10.0)).low == 2.0);
  CHECK(draw_range(uniform_on(2.0, 10.0)).high == 10.0);
  CHECK(std::isinf(draw_range(normal(0.03, 0.01)).high));
  // A point distribution draws one value, whatever its kind could reach.
  CHECK(draw_range(normal(0.03, 0.0)).high == 0.03);
  Distribution lognormal = of(DistributionKind::lognormal);
  lognormal.median = 2.0;
  lognormal.sigma = 0.5;
  CHECK(draw_range(lognormal).low == 0.0);
  CHECK(std::isinf(draw_range(lognormal).high));
}

TEST_CASE("a truncated uniform is the uniform on the part kept")
{
  // Hand calculation: uniform(-500, 300) truncated to [0, inf) keeps 300 / 800 of its
  // probability, and is then uniform on [0, 300]: Q(u) = 300 u.
  Distribution d = uniform_on(-500.0, 300.0);
  d.truncation = {0.0, INFINITY};
  CHECK(kept_probability(d) == doctest::Approx(0.375).epsilon(1e-15));
  CHECK(draw_range(d).low == 0.0);
  for (const double u : {1e-12, 0.25, 0.5, 1.0 - 1e-12}) {
    CHECK(quantile(d, u) == doctest::Approx(300.0 * u).epsilon(1e-12));
  }
}

TEST_CASE("truncating a normal at 0 moves its mean up by sd phi(a) / (1 - Phi(a))")
{
  // Hand calculation, the formula docs/uncertainty.md gives: mean 20, sd 20, cut at 0,
  // a = -1: 20 + 20 x 0.2419707 / 0.8413447 = 25.7520.
  Distribution d = normal(20.0, 20.0);
  CHECK(approximate_mean(d) == doctest::Approx(20.0).epsilon(1e-3));
  d.truncation = {0.0, INFINITY};
  CHECK(approximate_mean(d) == doctest::Approx(25.7520).epsilon(1e-4));
  CHECK(quantile(d, 1e-12) >= 0.0);
}

TEST_CASE("a truncation that keeps no probability keeps none")
{
  Distribution d = uniform_on(2.0, 3.0);
  d.truncation = {0.0, 1.0};
  CHECK(kept_probability(d) == 0.0);
}

TEST_CASE("a distribution whose support lies inside its truncation draws as before, bit for bit")
{
  // F(a) = 0 and F(b) = 1, so u maps to itself.
  for (Distribution d : one_of_each()) {
    const Limits range = draw_range(d);
    d.truncation = {std::isfinite(range.low) ? range.low - 1.0 : -INFINITY, INFINITY};
    if (!std::isfinite(d.truncation.low)) {
      continue;
    }
    Distribution whole = d;
    whole.truncation = {};
    INFO(describe(d));
    for (const double u : {0.1, 0.5, 0.9}) {
      CHECK(quantile(d, u) == quantile(whole, u));
    }
  }
}
