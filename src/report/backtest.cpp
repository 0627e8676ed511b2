#include "carecast/backtest.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <tuple>

namespace carecast {
namespace {

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
    return compare(actual, *horizon, *forecast);
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
            actual.note};
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
  return {sum / static_cast<double>(errors.size()), static_cast<int>(errors.size())};
}

// MAPE per line and measure, by horizon and overall, leaving out the base year.
std::vector<MapeGroup> mape_groups(const std::vector<Comparison>& comparisons,
                                   const std::vector<std::string>& lines)
{
  using Key = std::pair<int, std::string>; // line position, measure
  std::map<Key, std::map<int, std::vector<double>>> errors;
  for (const Comparison& comparison : comparisons) {
    auto& group = errors[{position(lines, comparison.line), comparison.measure}];
    if (comparison.horizon > 0) {
      group[comparison.horizon].push_back(comparison.abs_pct_error);
    }
  }
  std::vector<MapeGroup> groups;
  for (const auto& [key, by_horizon] : errors) {
    MapeGroup group{lines[key.first], key.second, {}, std::nullopt};
    std::vector<double> all;
    for (const auto& [horizon, values] : by_horizon) {
      group.by_horizon.push_back({horizon, mean(values)});
      all.insert(all.end(), values.begin(), values.end());
    }
    if (!all.empty()) {
      group.overall = mean(all);
    }
    groups.push_back(std::move(group));
  }
  return groups;
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
  result.backtest = Backtest{
    forecast.scenario,      forecast.title, forecast.unit,          option_label(forecast, option),
    forecast.years.front(), actuals_file,   std::move(comparisons), std::move(groups)};
  return result;
}

} // namespace carecast
