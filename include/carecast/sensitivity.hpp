#pragma once

// One-at-a-time sensitivity: a tornado of each parameter's swing of a metric, and
// switching values: where a parameter would have to go for the preferred option to
// stop being the cheapest.

#include "carecast/diagnostic.hpp"
#include "carecast/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carecast {

enum class MetricKind { npc, total, year };

// What an option is judged by: its net present cost, its cost summed over the
// horizon, or its cost in one financial year.
struct Metric
{
  MetricKind kind = MetricKind::npc;
  int year = 0; // grid year, for MetricKind::year
  std::string name;
};

// "npc", "total" or a financial year of the model's grid; nullopt otherwise.
std::optional<Metric> parse_metric(const Model& model, const std::string& text);

struct TornadoBar
{
  int parameter = k_none;
  std::string input; // the uncertain input's id, when the range is its P10-P90
  double base_value = 0.0;
  double low_value = 0.0;
  double high_value = 0.0;
  double metric_low = 0.0; // the subject's metric with the parameter at low_value
  double metric_high = 0.0;
  double swing = 0.0; // |metric_high - metric_low|
};

struct SwitchingValue
{
  int parameter = k_none;
  std::string input; // the uncertain input's id, when the range is its P0.1-P99.9
  double base_value = 0.0;
  double range_low = 0.0; // the values searched
  double range_high = 0.0;
  std::optional<double> value;  // where the preferred option stops being the cheapest
  std::string becomes_cheapest; // the option cheapest beyond it
};

struct SensitivitySettings
{
  Metric metric;
  // The subject: an option's metric, or the difference of two options' (first - second).
  int option = 0;
  std::optional<int> versus;
  double swing = 0.10; // the +/- share for parameters without a distribution
  bool all = false;    // the tornado holds every parameter, not only the uncertain inputs
  int threads = 1;
};

// Which parameters the tornado holds.
enum class TornadoScope {
  uncertain,      // the uncertain inputs, each from its P10 to its P90
  all,            // those, and every other parameter at +/- the swing
  no_uncertainty, // the scenario has no uncertain inputs: every parameter at +/- the swing
};

struct Sensitivity
{
  Metric metric;
  std::string subject;
  double base = 0.0; // the subject's metric with every parameter at its value
  double swing_share = 0.0;
  TornadoScope scope = TornadoScope::uncertain;
  std::vector<TornadoBar> tornado; // largest swing first
  std::string preferred;           // the option with the lowest metric
  std::vector<SwitchingValue> switching;
  // A figure that was not finite in one of the evaluations: then nothing else is set.
  std::optional<Diagnostic> overflow;
};

// The tornado holds the uncertain inputs, each from its P10 to its P90; with
// `settings.all`, or when the scenario has no uncertain inputs, also every other
// parameter at +/- the swing. Switching values are searched for every parameter.
// Parameters without a distribution are left out of both when their value is 0 (a
// share of nothing does not move) or when they are shares that must add up to 1 with
// others (a line's price shares, the ladder's entry shares); derived parameters (a
// budget year's rolled-forward start) always are. Their ranges (+/- the swing for the
// tornado, 0 to twice the value for switching values) stay within what validation
// accepts: fractions within [0, 1], a placement type's outflows at most 1
// (docs/uncertainty.md, "sensitivity").
Sensitivity sensitivity(const Model& model, const SensitivitySettings& settings);

} // namespace carecast
