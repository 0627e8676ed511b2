#include "carecast/distribution.hpp"

#include "carecast/quantiles.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <optional>

namespace carecast {
namespace {

using Quantile = std::function<double(double)>;

constexpr double k_infinity = std::numeric_limits<double>::infinity();

// A distribution of one value.
Quantile point(double value)
{
  return [value](double) { return value; };
}

double step_cdf(double at, double x)
{
  return x < at ? 0.0 : 1.0;
}

Limits bounded_support(const Distribution& d)
{
  return {d.low, d.high};
}

double uniform_cdf(const Distribution& d, double x)
{
  if (d.low == d.high) {
    return step_cdf(d.low, x);
  }
  return std::clamp((x - d.low) / (d.high - d.low), 0.0, 1.0);
}

Quantile uniform_quantile(const Distribution& d, QuantileUse)
{
  if (d.low == d.high) {
    return point(d.low);
  }
  return [low = d.low, high = d.high](double u) { return low + u * (high - low); };
}

double triangular_cdf(const Distribution& d, double x)
{
  if (d.low == d.high) {
    return step_cdf(d.low, x);
  }
  const double width = d.high - d.low;
  if (x <= d.low) {
    return 0.0;
  }
  if (x >= d.high) {
    return 1.0;
  }
  if (x <= d.mode) {
    return (x - d.low) * (x - d.low) / (width * (d.mode - d.low));
  }
  return 1.0 - (d.high - x) * (d.high - x) / (width * (d.high - d.mode));
}

Quantile triangular_quantile(const Distribution& d, QuantileUse)
{
  if (d.low == d.high) {
    return point(d.low);
  }
  return [low = d.low, mode = d.mode, high = d.high](double u) {
    const double width = high - low;
    const double left = mode - low;
    if (u * width < left) {
      return low + std::sqrt(u * width * left);
    }
    return high - std::sqrt((1.0 - u) * width * (high - mode));
  };
}

// PERT with the usual shape 4: a beta distribution on [low, high] with
// alpha = 1 + 4 (mode - low) / (high - low), beta = 1 + 4 (high - mode) / (high - low).
BetaQuantile pert_beta(const Distribution& d, QuantileUse use)
{
  return BetaQuantile(1.0 + 4.0 * (d.mode - d.low) / (d.high - d.low),
                      1.0 + 4.0 * (d.high - d.mode) / (d.high - d.low), use == QuantileUse::many);
}

double pert_cdf(const Distribution& d, double x)
{
  if (d.low == d.high) {
    return step_cdf(d.low, x);
  }
  return pert_beta(d, QuantileUse::few).cdf((x - d.low) / (d.high - d.low));
}

Quantile pert_quantile(const Distribution& d, QuantileUse use)
{
  if (d.low == d.high) {
    return point(d.low);
  }
  return [low = d.low, high = d.high, beta = pert_beta(d, use)](double u) {
    return low + (high - low) * beta(u);
  };
}

// A normal truncated to [low, high]: its standard units a and b, and
// z = sign Phi^-1(start + u step). Below the mean, start = Phi(a) and step = Phi(b) -
// Phi(a); above it the same is done with upper-tail probabilities Q = 1 - Phi,
// z = -Q^-1(Q(a) + u (Q(b) - Q(a))), which keep their precision where Phi rounds to 1.
struct NormalScale
{
  double sign;
  double start;
  double step;
};

NormalScale normal_scale(const Distribution& d)
{
  const double a = (d.low - d.mean) / d.sd;
  const double b = (d.high - d.mean) / d.sd;
  const double sign = a > 0.0 ? -1.0 : 1.0;
  const double start = normal_cdf(sign * a);
  return {sign, start, normal_cdf(sign * b) - start};
}

bool normal_is_point(const Distribution& d)
{
  return d.sd == 0.0 || d.low == d.high;
}

double normal_cdf_of(const Distribution& d, double x)
{
  if (normal_is_point(d)) {
    return step_cdf(std::clamp(d.mean, d.low, d.high), x);
  }
  const NormalScale scale = normal_scale(d);
  const double z = scale.sign * (std::clamp(x, d.low, d.high) - d.mean) / d.sd;
  return std::clamp((normal_cdf(z) - scale.start) / scale.step, 0.0, 1.0);
}

Quantile normal_quantile_of(const Distribution& d, QuantileUse)
{
  if (normal_is_point(d)) {
    return point(std::clamp(d.mean, d.low, d.high));
  }
  return [d, scale = normal_scale(d)](double u) {
    const double p = std::clamp(scale.start + u * scale.step, k_smallest_u, k_largest_u);
    const double z = scale.sign * normal_quantile(p);
    return std::clamp(d.mean + d.sd * z, d.low, d.high);
  };
}

Limits normal_support(const Distribution& d)
{
  if (normal_is_point(d)) {
    const double at = std::clamp(d.mean, d.low, d.high);
    return {at, at};
  }
  return {d.low, d.high};
}

Limits positive(const Distribution& d)
{
  if (d.sigma == 0.0) {
    return {d.median, d.median};
  }
  return {0.0, k_infinity};
}

double lognormal_cdf(const Distribution& d, double x)
{
  if (d.sigma == 0.0) {
    return step_cdf(d.median, x);
  }
  return x <= 0.0 ? 0.0 : normal_cdf(std::log(x / d.median) / d.sigma);
}

Quantile lognormal_quantile(const Distribution& d, QuantileUse)
{
  if (d.sigma == 0.0) {
    return point(d.median);
  }
  return [median = d.median, sigma = d.sigma](double u) {
    return median * std::exp(sigma * normal_quantile(u));
  };
}

bool bounded(const Limits& interval)
{
  return std::isfinite(interval.low) || std::isfinite(interval.high);
}

// A number as a message shows a setting.
std::string shown(double value)
{
  return fmt::format("{:.15g}", value);
}

} // namespace

std::string_view setting_name(Setting setting)
{
  static constexpr std::array<std::string_view, k_settings.size()> k_names{
    "low", "mode", "high", "mean", "sd", "median", "sigma"};
  return k_names[static_cast<std::size_t>(setting)];
}

namespace {

// Each setting's field, in the order of Setting.
constexpr std::array<double Distribution::*, k_settings.size()> k_fields{
  &Distribution::low, &Distribution::mode,   &Distribution::high, &Distribution::mean,
  &Distribution::sd,  &Distribution::median, &Distribution::sigma};

} // namespace

double& Distribution::operator[](Setting setting)
{
  return this->*k_fields[static_cast<std::size_t>(setting)];
}

double Distribution::operator[](Setting setting) const
{
  return this->*k_fields[static_cast<std::size_t>(setting)];
}

const std::vector<DistributionType>& distribution_types()
{
  using enum Setting;
  static const std::vector<DistributionType> k_types{
    {DistributionKind::uniform,
     "uniform",
     {low, high},
     {},
     "every value from low to high equally likely",
     bounded_support,
     uniform_cdf,
     uniform_quantile},
    {DistributionKind::triangular,
     "triangular",
     {low, mode, high},
     {},
     "from low to high, most likely at mode, with straight sides",
     bounded_support,
     triangular_cdf,
     triangular_quantile},
    {DistributionKind::pert,
     "pert",
     {low, mode, high},
     {},
     "from low to high, most likely at mode, smoother than a triangle (a beta of shape 4)",
     bounded_support,
     pert_cdf,
     pert_quantile},
    {DistributionKind::normal,
     "normal",
     {mean, sd},
     {low, high},
     "a normal of mean and sd, truncated to low and high where given",
     normal_support,
     normal_cdf_of,
     normal_quantile_of},
    {DistributionKind::lognormal,
     "lognormal",
     {median, sigma},
     {},
     "a positive value whose logarithm is normal: median, and sigma the sd of its logarithm",
     positive,
     lognormal_cdf,
     lognormal_quantile},
  };
  return k_types;
}

const DistributionType* find_distribution_type(std::string_view name)
{
  const auto& types = distribution_types();
  const auto found = std::ranges::find(types, name, &DistributionType::name);
  return found == types.end() ? nullptr : &*found;
}

const DistributionType& distribution_type(DistributionKind kind)
{
  return *std::ranges::find(distribution_types(), kind, &DistributionType::kind);
}

std::vector<SettingProblem> setting_problems(const Distribution& distribution,
                                             const std::vector<Setting>& given,
                                             const std::function<std::string(Setting)>& path_of)
{
  using enum Setting;
  const auto has = [&](Setting setting) { return std::ranges::count(given, setting) > 0; };
  std::vector<SettingProblem> problems;
  const auto below = [&](Setting a, Setting b) {
    if (has(a) && has(b) && distribution[a] > distribution[b]) {
      problems.push_back(
        {b, fmt::format("'{}' = {} is below '{}' = {}", path_of(b), shown(distribution[b]),
                        path_of(a), shown(distribution[a]))});
    }
  };
  below(low, mode);
  below(mode, high);
  if (!has(mode)) {
    below(low, high);
  }
  for (const Setting spread : {sd, sigma}) {
    if (has(spread) && distribution[spread] < 0.0) {
      problems.push_back({spread, fmt::format("'{}' = {} must not be negative", path_of(spread),
                                              shown(distribution[spread]))});
    }
  }
  if (has(median) && distribution.median <= 0.0) {
    problems.push_back({median, fmt::format("'{}' = {} must be above 0: a lognormal value is "
                                            "always positive",
                                            path_of(median), shown(distribution.median))});
  }
  return problems;
}

Limits draw_range(const Distribution& distribution)
{
  const Limits support = distribution_type(distribution.kind).support(distribution);
  return {std::max(support.low, distribution.truncation.low),
          std::min(support.high, distribution.truncation.high)};
}

double kept_probability(const Distribution& distribution)
{
  if (!bounded(distribution.truncation)) {
    return 1.0;
  }
  const DistributionType& type = distribution_type(distribution.kind);
  const Limits range = draw_range(distribution);
  return type.cdf(distribution, range.high) - type.cdf(distribution, range.low);
}

// Truncated to [a, b], u is first mapped to F(a) + u (F(b) - F(a)), the same share of
// the probability that lies in [a, b].
std::function<double(double)> quantile_function(const Distribution& distribution, QuantileUse use)
{
  const DistributionType& type = distribution_type(distribution.kind);
  Quantile whole = type.quantile(distribution, use);
  if (!bounded(distribution.truncation)) {
    return whole;
  }
  const Limits range = draw_range(distribution);
  const double from = type.cdf(distribution, range.low);
  const double share = kept_probability(distribution);
  return [whole = std::move(whole), range, from, share](double u) {
    return std::clamp(whole(std::clamp(from + u * share, k_smallest_u, k_largest_u)), range.low,
                      range.high);
  };
}

double quantile(const Distribution& distribution, double u)
{
  return quantile_function(distribution)(u);
}

double approximate_mean(const Distribution& distribution)
{
  constexpr int k_points = 4096;
  // Exact quantiles: a PERT table would cost as much to build as these 4,096 points.
  const Quantile at = quantile_function(distribution, QuantileUse::few);
  double sum = 0.0;
  for (int k = 0; k < k_points; ++k) {
    sum += at((k + 0.5) / k_points);
  }
  return sum / k_points;
}

std::string describe(const Distribution& distribution,
                     const std::function<std::string(double)>& shown)
{
  const auto figure = [&](double value) {
    return shown ? shown(value) : fmt::format("{:g}", value);
  };
  const auto setting_text = [&](Setting setting) {
    const double value = distribution[setting];
    return fmt::format("{} {}", setting_name(setting),
                       setting == Setting::sigma ? fmt::format("{:g}", value) : figure(value));
  };
  const DistributionType& type = distribution_type(distribution.kind);
  std::vector<std::string> settings;
  for (const Setting setting : type.required) {
    settings.push_back(setting_text(setting));
  }
  for (const Setting setting : type.optional) {
    if (std::isfinite(distribution[setting])) {
      settings.push_back(setting_text(setting));
    }
  }
  std::string text = fmt::format("{}({})", type.name, fmt::join(settings, ", "));
  if (bounded(distribution.truncation)) {
    const double mean = approximate_mean(distribution);
    text += fmt::format(" truncated to [{}, {}], mean {}", figure(distribution.truncation.low),
                        figure(distribution.truncation.high),
                        shown ? shown(mean) : fmt::format("{:.4g}", mean));
  }
  return text;
}

} // namespace carecast
