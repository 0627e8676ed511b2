#include "carecast/backtest.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <tuple>

namespace carecast {
namespace {

// The bands of cost are per cost line and the total; the care ladder's counts have
// theirs per placement type and the total.
constexpr std::string_view k_cost_measure = "cost";

// The lines a report has figures for, in its order: the cost lines, the total, then
// the care ladder's placement types.
std::vector<std::string> line_order(const Report& report)
{
  std::vector<std::string> ids;
  for (const Label& line : report.lines) {
    ids.push_back(line.id);
  }
  ids.emplace_back(k_total_line);
  for (const Label& type : report.placements) {
    ids.push_back(type.id);
  }
  return ids;
}

int position(const std::vector<std::string>& ids, std::string_view id)
{
  const auto found = std::find(ids.begin(), ids.end(), id);
  return found == ids.end() ? -1 : static_cast<int>(found - ids.begin());
}

// The measures the report carries for one option's line, in the order it has them.
std::vector<std::string> measures_of(const Report& report, const std::string& option,
                                     const std::string& line)
{
  std::vector<std::string> measures;
  for (const ReportRow& row : report.rows) {
    if (row.option == option && row.line == line
        && std::find(measures.begin(), measures.end(), row.measure) == measures.end()) {
      measures.push_back(row.measure);
    }
  }
  return measures;
}

class Matcher
{
public:
  Matcher(const Report& forecast, const std::string& option)
    : m_forecast(forecast),
      m_option(option),
      m_lines(line_order(forecast))
  {}

  const std::vector<std::string>& lines() const { return m_lines; }

  // The comparison of one actual with its forecast, or nullopt after reporting why
  // the forecast has none.
  std::optional<Comparison> match(const Actual& actual, std::vector<Diagnostic>& diagnostics) const
  {
    const std::optional<int> horizon = horizon_of(actual, diagnostics);
    if (!known_line(actual, diagnostics) || !known_measure(actual, diagnostics) || !horizon) {
      return std::nullopt;
    }
    const std::string& year = m_forecast.years[*horizon];
    const double* forecast = m_forecast.find(m_option, year, actual.line, actual.measure);
    if (!forecast) {
      const bool budget = actual.measure == "budget" || actual.measure == "variance";
      diagnostics.push_back(
        {actual.measure_pos,
         fmt::format("the forecast has no {} of {} in {}{}", actual.measure, actual.line, year,
                     budget ? " (the scenario gives no budget for that year)" : "")});
      return std::nullopt;
    }
    std::optional<Comparison> comparison = compare(actual, *horizon, *forecast);
    if (!std::isfinite(comparison->pct_error)) {
      diagnostics.push_back(
        {actual.value_pos, fmt::format("the percent error of the forecast {} against the actual "
                                       "{} is too large to be a number",
                                       *forecast, actual.value)});
      return std::nullopt;
    }
    return comparison;
  }

private:
  // The year's position on the forecast's grid, which is its horizon.
  std::optional<int> horizon_of(const Actual& actual, std::vector<Diagnostic>& diagnostics) const
  {
    const std::string year = to_string(actual.year);
    const auto found = std::find(m_forecast.years.begin(), m_forecast.years.end(), year);
    if (found == m_forecast.years.end()) {
      diagnostics.push_back(
        {actual.year_pos, fmt::format("{} is outside the scenario's years ({} to {})", year,
                                      m_forecast.years.front(), m_forecast.years.back())});
      return std::nullopt;
    }
    return static_cast<int>(found - m_forecast.years.begin());
  }

  bool known_line(const Actual& actual, std::vector<Diagnostic>& diagnostics) const
  {
    if (position(m_lines, actual.line) >= 0) {
      return true;
    }
    diagnostics.push_back(
      {actual.line_pos, fmt::format("the scenario has no line '{}' (it has {}){}", actual.line,
                                    fmt::join(m_lines, ", "), did_you_mean(actual.line, m_lines))});
    return false;
  }

  bool known_measure(const Actual& actual, std::vector<Diagnostic>& diagnostics) const
  {
    const std::vector<std::string> measures = measures_of(m_forecast, m_option, actual.line);
    if (std::find(measures.begin(), measures.end(), actual.measure) != measures.end()) {
      return true;
    }
    diagnostics.push_back(
      {actual.measure_pos, fmt::format("the forecast has no measure '{}' for line '{}' (it has "
                                       "{}){}",
                                       actual.measure, actual.line, fmt::join(measures, ", "),
                                       did_you_mean(actual.measure, measures))});
    return false;
  }

  static Comparison compare(const Actual& actual, int horizon, double forecast)
  {
    const double error = forecast - actual.value;
    const double pct_error = 100.0 * error / std::abs(actual.value);
    return {to_string(actual.year),
            horizon,
            actual.line,
            actual.measure,
            forecast,
            actual.value,
            error,
            pct_error,
            std::abs(pct_error),
            actual.source,
            actual.note,
            std::nullopt};
  }

  const Report& m_forecast;
  const std::string& m_option;
  std::vector<std::string> m_lines;
};

Mape mean(const std::vector<double>& errors)
{
  double sum = 0.0;
  for (const double error : errors) {
    sum += error;
  }
  if (!std::isfinite(sum)) { // errors each finite but too large to add up
    sum = 0.0;
    for (const double error : errors) {
      sum += error / static_cast<double>(errors.size());
    }
    return {sum, static_cast<int>(errors.size())};
  }
  return {sum / static_cast<double>(errors.size()), static_cast<int>(errors.size())};
}

// One value per comparison (its error, or 1 or 0 for inside the band or not), by horizon.
using ByHorizon = std::map<int, std::vector<double>>;

// A MapeGroup or a CoverageGroup: the summary of the values at each horizon and of all
// of them together.
template <typename Group, typename Summary>
Group summarise(const std::string& line, const std::string& measure, const ByHorizon& values,
                Summary summary)
{
  Group group{line, measure, {}, std::nullopt};
  std::vector<double> all;
  for (const auto& [horizon, at] : values) {
    group.by_horizon.push_back({horizon, summary(at)});
    all.insert(all.end(), at.begin(), at.end());
  }
  if (!all.empty()) {
    group.overall = summary(all);
  }
  return group;
}

// MAPE per line and measure, by horizon and overall, leaving out the base year.
std::vector<MapeGroup> mape_groups(const std::vector<Comparison>& comparisons,
                                   const std::vector<std::string>& lines)
{
  using Key = std::pair<int, std::string>; // line position, measure
  std::map<Key, ByHorizon> errors;
  for (const Comparison& comparison : comparisons) {
    ByHorizon& group = errors[{position(lines, comparison.line), comparison.measure}];
    if (comparison.horizon > 0) {
      group[comparison.horizon].push_back(comparison.abs_pct_error);
    }
  }
  std::vector<MapeGroup> groups;
  for (const auto& [key, by_horizon] : errors) {
    groups.push_back(summarise<MapeGroup>(lines[key.first], key.second, by_horizon, mean));
  }
  return groups;
}

Coverage coverage_of(const std::vector<double>& inside)
{
  const auto count = static_cast<int>(std::count(inside.begin(), inside.end(), 1.0));
  const auto points = static_cast<int>(inside.size());
  return {100.0 * count / points, count, points};
}

// The groups of the MAPE, in its order, that have bands. Every comparison of a line
// and measure has a band or none does, so a group's points are its MAPE's.
std::vector<CoverageGroup> coverage_groups(const Backtest& backtest)
{
  std::vector<CoverageGroup> groups;
  for (const MapeGroup& mape : backtest.mape) {
    ByHorizon inside;
    bool banded = false;
    for (const Comparison& c : backtest.comparisons) {
      if (c.line != mape.line || c.measure != mape.measure || !c.band) {
        continue;
      }
      banded = true;
      if (c.horizon > 0) {
        inside[c.horizon].push_back(c.band->inside ? 1.0 : 0.0);
      }
    }
    if (banded) {
      groups.push_back(summarise<CoverageGroup>(mape.line, mape.measure, inside, coverage_of));
    }
  }
  return groups;
}

const std::vector<Band>* cost_bands(const ForecastBands& bands, const std::string& line)
{
  if (line == k_total_line) {
    return &bands.total;
  }
  const auto found = std::find_if(bands.lines.begin(), bands.lines.end(),
                                  [&](const LineBands& band) { return band.line == line; });
  return found == bands.lines.end() ? nullptr : &found->years;
}

const std::vector<Band>* count_bands(const ForecastBands& bands, const Comparison& comparison)
{
  const auto found =
    std::find_if(bands.counts.begin(), bands.counts.end(), [&](const CountBands& band) {
      return band.line == comparison.line && band.measure == comparison.measure;
    });
  return found == bands.counts.end() ? nullptr : &found->years;
}

// The years of bands a comparison's figure has; nullptr when it has none (a budget, a
// variance, or a placement type's cost).
const std::vector<Band>* bands_of(const ForecastBands& bands, const Comparison& comparison)
{
  if (comparison.measure == k_cost_measure) {
    return cost_bands(bands, comparison.line);
  }
  return count_bands(bands, comparison);
}

Label option_label(const Report& forecast, const std::string& option)
{
  for (const Label& label : forecast.options) {
    if (label.id == option) {
      return label;
    }
  }
  assert(false && "the back-tested option is one of the report's");
  return {option, option};
}

} // namespace

BacktestResult backtest(const Report& forecast, const std::string& option,
                        const std::vector<Actual>& actuals, const std::string& actuals_file)
{
  BacktestResult result;
  const Matcher matcher(forecast, option);
  std::vector<Comparison> comparisons;
  for (const Actual& actual : actuals) {
    if (std::optional<Comparison> comparison = matcher.match(actual, result.diagnostics)) {
      comparisons.push_back(std::move(*comparison));
    }
  }
  if (!result.diagnostics.empty()) {
    return result;
  }
  const auto order = [&](const Comparison& c) {
    return std::make_tuple(c.horizon, position(matcher.lines(), c.line), c.measure);
  };
  std::stable_sort(comparisons.begin(), comparisons.end(),
                   [&](const Comparison& a, const Comparison& b) { return order(a) < order(b); });
  std::vector<MapeGroup> groups = mape_groups(comparisons, matcher.lines());
  result.backtest = Backtest{forecast.scenario,      forecast.title,
                             forecast.unit,          option_label(forecast, option),
                             forecast.years.front(), actuals_file,
                             std::move(comparisons), std::move(groups),
                             std::nullopt,           {}};
  return result;
}

void add_coverage(Backtest& backtest, const ForecastBands& bands)
{
  for (Comparison& c : backtest.comparisons) {
    if (const std::vector<Band>* years = bands_of(bands, c)) {
      assert(c.horizon < static_cast<int>(years->size()) && "bands on the forecast's years");
      const Band& band = (*years)[c.horizon];
      c.band = BandCheck{band.p10, band.p90, band.p10 <= c.actual && c.actual <= band.p90};
    }
  }
  backtest.sampling = BandSampling{bands.draws, bands.seed, bands.repair_distance};
  backtest.coverage = coverage_groups(backtest);
}

} // namespace carecast
