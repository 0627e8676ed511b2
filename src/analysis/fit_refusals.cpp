#include "fit_refusals.hpp"

#include "carecast/figure_range.hpp"
#include "history.hpp"

#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <string_view>

namespace carecast {
namespace {

std::string number(double value)
{
  return fmt::format("{:.6g}", value);
}

// A figure as the fragment writes it, to 6 significant digits (calibrate_fragment.cpp),
// which is what a scenario reads.
double as_written(double value)
{
  return std::strtod(number(value).c_str(), nullptr);
}

class Refusals
{
public:
  explicit Refusals(const CsvTable& table)
    : m_table(table)
  {}

  // Refuses `figure` = `value` unless `range` holds it as written; `rule` names the
  // kind of figure the range is for.
  void check(int column, const std::string& figure, double value, const FigureRange& range,
             std::string_view rule)
  {
    if (!range.holds(as_written(value))) {
      const bool finite = std::isfinite(as_written(value));
      refuse(column,
             fmt::format("{} is {}{}, which a scenario does not accept: {} is {}", figure,
                         number(value), finite ? "" : ", not a finite number", rule, range.text()));
    }
  }

  void refuse(int column, const std::string& message)
  {
    m_found.push_back(
      {m_table.header[static_cast<std::size_t>(column)].pos, message + "; no fragment is written"});
  }

  std::vector<Diagnostic> found() && { return std::move(m_found); }

private:
  const CsvTable& m_table;
  std::vector<Diagnostic> m_found;
};

void check_type(Refusals& refusals, int column, const LadderCalibration& ladder, std::size_t i)
{
  const auto row = static_cast<Eigen::Index>(i);
  const std::string& type = ladder.types[i];
  double outflow = 0.0;
  for (std::size_t j = 0; j < ladder.types.size(); ++j) {
    const double rate = ladder.annual.moves(row, static_cast<Eigen::Index>(j));
    refusals.check(
      column, fmt::format("the fitted annual move rate from '{}' to '{}'", type, ladder.types[j]),
      rate, k_fraction, "an annual move rate");
    outflow += as_written(rate);
  }
  const double exits = ladder.annual.exits(row);
  refusals.check(column, fmt::format("the fitted annual exit rate of '{}'", type), exits,
                 k_fraction, "an annual exit rate");
  outflow += as_written(exits);
  if (outflow > 1.0 + k_ladder_tolerance) {
    refusals.refuse(column, fmt::format("the fitted annual moves and exit rate of '{}' add up to "
                                        "{}, which a scenario does not accept: a placement type "
                                        "loses at most all its children in a year",
                                        type, number(outflow)));
  }
  refusals.check(column, fmt::format("the fitted entry share of '{}'", type), ladder.shares(row),
                 k_fraction, "an entry share");
}

} // namespace

std::vector<Diagnostic> trend_refusals(const CsvTable& table, int column, const TrendFit& fit)
{
  Refusals refusals(table);
  refusals.check(column,
                 fmt::format("the fitted annual growth of '{}'",
                             table.header[static_cast<std::size_t>(column)].text),
                 fit.growth(), k_annual_rate, "an annual rate");
  return std::move(refusals).found();
}

std::vector<Diagnostic> ladder_refusals(const CsvTable& table, const std::vector<int>& columns,
                                        const LadderCalibration& ladder)
{
  Refusals refusals(table);
  for (std::size_t i = 0; i < ladder.types.size(); ++i) {
    check_type(refusals, columns[i], ladder, i);
  }
  const int entries = *table.column(history::k_entries);
  refusals.check(entries, "the fitted entries a year", ladder.per_year, k_non_negative,
                 "a number of entries");
  refusals.check(entries, "the fitted annual growth of the entries", ladder.entries_trend.growth(),
                 k_annual_rate, "an annual rate");
  return std::move(refusals).found();
}

} // namespace carecast
