#pragma once

// The distributions an uncertain input may have, in one table: each kind's name, its
// settings (required and optional, with their defaults), the checks on them, its
// support, its quantile function and how it is described. The scenario reader and
// validation, the model, the sampler and `params` all read this table, so a new
// distribution is a row of it and its functions in distribution.cpp, and a kind here.

#include <array>
#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace carecast {

enum class DistributionKind { uniform, triangular, pert, normal, lognormal };

// Every setting any distribution takes; a kind takes some of them.
enum class Setting { low, mode, high, mean, sd, median, sigma };
inline constexpr std::array<Setting, 7> k_settings{Setting::low,  Setting::mode, Setting::high,
                                                   Setting::mean, Setting::sd,   Setting::median,
                                                   Setting::sigma};
std::string_view setting_name(Setting setting);

// The limits of a set of values; either may be infinite.
struct Limits
{
  double low = -std::numeric_limits<double>::infinity();
  double high = std::numeric_limits<double>::infinity();
};

// One input's marginal distribution; each kind reads only its own settings, and a
// setting left out keeps the default below (low and high unbounded).
struct Distribution
{
  DistributionKind kind = DistributionKind::uniform;
  double low = -std::numeric_limits<double>::infinity();
  double mode = 0.0;
  double high = std::numeric_limits<double>::infinity();
  double mean = 0.0;
  double sd = 0.0;
  double median = 0.0;
  double sigma = 0.0;
  // The distribution conditioned on this interval (`truncate = true` in a scenario, to
  // keep every draw inside its parameter's domain); unbounded means not truncated.
  Limits truncation;

  double& operator[](Setting setting);
  double operator[](Setting setting) const;
};

// How a quantile function will be used: once or a few times (exact), or for many draws
// (a PERT quantile is then tabulated once, to within 1e-12 of the exact value).
enum class QuantileUse { few, many };

// What the rest of carecast knows of one kind of distribution.
struct DistributionType
{
  DistributionKind kind;
  std::string_view name;
  std::vector<Setting> required;
  std::vector<Setting> optional;
  // For messages and documentation: what the settings mean.
  std::string_view summary;
  // The values it can take, before any truncation.
  Limits (*support)(const Distribution&);
  // P(X <= x).
  double (*cdf)(const Distribution&, double x);
  // The inverse CDF on (0, 1), with its constants worked out once.
  std::function<double(double)> (*quantile)(const Distribution&, QuantileUse);
};

// Every kind, in the order documented (docs/uncertainty.md).
const std::vector<DistributionType>& distribution_types();
// The kind a scenario names, or nullptr.
const DistributionType* find_distribution_type(std::string_view name);
const DistributionType& distribution_type(DistributionKind kind);

// A distribution's settings that break its rules (low <= mode <= high, a spread not
// negative, a lognormal median above 0): the setting to point at and the message,
// naming each setting by `path_of`. `given` says which settings the scenario states.
struct SettingProblem
{
  Setting setting;
  std::string message;
};
std::vector<SettingProblem> setting_problems(const Distribution& distribution,
                                             const std::vector<Setting>& given,
                                             const std::function<std::string(Setting)>& path_of);

// The values a draw can take: the support, within the truncation.
Limits draw_range(const Distribution& distribution);
// The probability the truncation keeps (1 without one).
double kept_probability(const Distribution& distribution);

// The inverse CDF, truncation included, at u in (0, 1). Degenerate cases (low == high,
// sd == 0, sigma == 0) give the point value.
std::function<double(double)> quantile_function(const Distribution& distribution,
                                                QuantileUse use = QuantileUse::few);
double quantile(const Distribution& distribution, double u);

// The mean, by the midpoint rule over 4,096 quantiles (good to about 1e-4 relative for
// these shapes; for messages, not figures).
double approximate_mean(const Distribution& distribution);

// "triangular(low 0.02, mode 0.033, high 0.06)": the kind and its settings, the
// optional ones where stated, and any truncation with the mean it leaves. `shown`, when
// given, writes a figure in the parameter's unit (every setting but sigma, which has
// none): "triangular(low 2%, mode 3.3%, high 6%)".
std::string describe(const Distribution& distribution,
                     const std::function<std::string(double)>& shown = {});

} // namespace carecast
