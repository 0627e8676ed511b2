#include "carecast/backtest_writer.hpp"

#include "carecast/text_table.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace carecast {
namespace {

using Align = TextTable::Align;

constexpr std::string_view k_all_horizons = "all";

std::string percent(double value)
{
  return fmt::format("{:.1f}%", std::abs(value) < 0.05 ? 0.0 : value);
}

// A measure column is worth its width only when something besides cost is compared.
bool only_cost(const Backtest& backtest)
{
  return std::all_of(backtest.comparisons.begin(), backtest.comparisons.end(),
                     [](const Comparison& c) { return c.measure == k_default_measure; });
}

std::string heading(const Backtest& backtest, std::size_t width)
{
  const auto paragraph = [width](const std::string& text) { return wrapped(text, 0, 0, width); };
  return paragraph(backtest.title)
         + wrapped(fmt::format("Back-test of {} ({}) against {}", backtest.option.id,
                               backtest.option.name, backtest.actuals),
                   0, 2, width)
         + paragraph(fmt::format("Amounts in {}; financial years run April to March.",
                                 backtest.unit))
         + paragraph("Error = forecast - actual (positive: the forecast was too high).")
         + paragraph("% error = the error as a percentage of the actual.")
         + paragraph(fmt::format("h = years after the base year, {}; h = 0 is the calibration "
                                 "year, shown but left out of the MAPE.",
                                 backtest.base_year));
}

std::string comparison_table(const Backtest& backtest, std::size_t width)
{
  const bool with_measure = !only_cost(backtest);
  TextTable table;
  table.add_column("Year", Align::left);
  table.add_column("Line", Align::left);
  if (with_measure) {
    table.add_column("Measure", Align::left);
  }
  for (const char* header : {"h", "Forecast", "Actual", "Error", "% error"}) {
    table.add_column(header, Align::right);
  }
  for (const Comparison& c : backtest.comparisons) {
    std::vector<std::string> cells{c.year, c.line};
    if (with_measure) {
      cells.push_back(c.measure);
    }
    cells.insert(cells.end(),
                 {std::to_string(c.horizon), two_decimals(c.forecast), two_decimals(c.actual),
                  two_decimals(c.error), percent(c.pct_error)});
    table.add_row(std::move(cells));
  }
  return "\n" + table.render(width);
}

std::string mape_table(const Backtest& backtest, std::size_t width)
{
  const bool with_measure = !only_cost(backtest);
  TextTable table;
  table.add_column("Line", Align::left);
  if (with_measure) {
    table.add_column("Measure", Align::left);
  }
  table.add_column("h", Align::right);
  table.add_column("Years", Align::right);
  table.add_column("MAPE", Align::right);
  const auto add = [&](const MapeGroup& group, std::string horizon, const Mape& mape) {
    std::vector<std::string> cells{group.line};
    if (with_measure) {
      cells.push_back(group.measure);
    }
    cells.insert(cells.end(),
                 {std::move(horizon), std::to_string(mape.points), percent(mape.value)});
    table.add_row(std::move(cells));
  };
  for (const MapeGroup& group : backtest.mape) {
    for (const HorizonMape& by : group.by_horizon) {
      add(group, std::to_string(by.horizon), by.mape);
    }
    if (group.overall) {
      add(group, std::string(k_all_horizons), *group.overall);
    }
  }
  return "\n"
         + wrapped("Mean absolute % error (MAPE) by horizon h ('all': every year from h = 1 on)",
                   0, 0, width)
         + table.render(width);
}

std::string mape_section(const Backtest& backtest, std::size_t width)
{
  const bool any = std::any_of(backtest.mape.begin(), backtest.mape.end(),
                               [](const MapeGroup& group) { return group.overall.has_value(); });
  if (!any) {
    return "\nNo actuals after the base year, so no MAPE.\n";
  }
  return mape_table(backtest, width);
}

// A measure column in the band and coverage tables only when a count has a band.
bool only_cost_banded(const Backtest& backtest)
{
  return std::all_of(backtest.comparisons.begin(), backtest.comparisons.end(),
                     [](const Comparison& c) { return !c.band || c.measure == k_default_measure; });
}

// Each figure with a band: the forecast, its P10 and P90, the actual, and whether
// the actual is inside.
std::string band_table(const Backtest& backtest, std::size_t width)
{
  const bool with_measure = !only_cost_banded(backtest);
  TextTable table;
  table.add_column("Year", Align::left);
  table.add_column("Line", Align::left);
  if (with_measure) {
    table.add_column("Measure", Align::left);
  }
  for (const char* header : {"h", "Forecast", "P10", "P90", "Actual"}) {
    table.add_column(header, Align::right);
  }
  table.add_column("In", Align::left);
  for (const Comparison& c : backtest.comparisons) {
    if (!c.band) {
      continue;
    }
    std::vector<std::string> cells{c.year, c.line};
    if (with_measure) {
      cells.push_back(c.measure);
    }
    cells.insert(cells.end(), {std::to_string(c.horizon), two_decimals(c.forecast),
                               two_decimals(c.band->p10), two_decimals(c.band->p90),
                               two_decimals(c.actual), c.band->inside ? "yes" : "no"});
    table.add_row(std::move(cells));
  }
  return table.render(width);
}

// The draws behind the bands, and how far a repair moved the correlations.
std::string band_heading(const BandSampling& sampling, std::size_t width)
{
  std::string text =
    "\n"
    + wrapped(fmt::format("P10-P90: the forecast's 80% band from {} Monte Carlo draws, seed {}.",
                          sampling.draws, sampling.seed),
              0, 0, width)
    + "In: whether the actual fell inside it.\n";
  if (sampling.repair_distance) {
    text += wrapped(fmt::format("The correlation matrix was not valid; the nearest valid one was "
                                "used (Frobenius distance {:.4g}).",
                                *sampling.repair_distance),
                    0, 0, width);
  }
  return text;
}

// Per line and measure, as the MAPE: the cost's coverage and the counts' apart.
std::string coverage_table(const Backtest& backtest, std::size_t width)
{
  const bool with_measure = !only_cost_banded(backtest);
  TextTable table;
  table.add_column("Line", Align::left);
  if (with_measure) {
    table.add_column("Measure", Align::left);
  }
  for (const char* header : {"h", "Inside", "Years", "Coverage"}) {
    table.add_column(header, Align::right);
  }
  const auto add = [&](const CoverageGroup& group, std::string horizon, const Coverage& coverage) {
    std::vector<std::string> cells{group.line};
    if (with_measure) {
      cells.push_back(group.measure);
    }
    cells.insert(cells.end(), {std::move(horizon), std::to_string(coverage.inside),
                               std::to_string(coverage.points), percent(coverage.value)});
    table.add_row(std::move(cells));
  };
  for (const CoverageGroup& group : backtest.coverage) {
    for (const HorizonCoverage& by : group.by_horizon) {
      add(group, std::to_string(by.horizon), by.coverage);
    }
    if (group.overall) {
      add(group, std::string(k_all_horizons), *group.overall);
    }
  }
  return "\n"
         + wrapped("Coverage: the share of actuals inside their band, by horizon h ('all': h >= 1)",
                   0, 0, width)
         + table.render(width)
         + wrapped("A well-calibrated 80% band holds about 80% of actuals.", 0, 0, width);
}

// Nothing without bands, so that a scenario without uncertain inputs reads as before.
std::string band_section(const Backtest& backtest, std::size_t width)
{
  if (!backtest.sampling) {
    return "";
  }
  const std::string heading = band_heading(*backtest.sampling, width);
  if (std::none_of(backtest.comparisons.begin(), backtest.comparisons.end(),
                   [](const Comparison& c) { return c.band.has_value(); })) {
    return heading
           + wrapped("No actual is the cost of a line or of the total, or a number of "
                     "children, so none has a band.",
                     0, 0, width);
  }
  const bool any =
    std::any_of(backtest.coverage.begin(), backtest.coverage.end(),
                [](const CoverageGroup& group) { return group.overall.has_value(); });
  return heading + band_table(backtest, width)
         + (any ? coverage_table(backtest, width)
                : "\nNo actual after the base year has a band, so no coverage.\n");
}

std::string notes_section(const Backtest& backtest, std::size_t width)
{
  std::string text;
  for (const Comparison& c : backtest.comparisons) {
    if (c.source.empty() && c.note.empty()) {
      continue;
    }
    const std::string measure = c.measure == k_default_measure ? "" : " " + c.measure;
    text += fmt::format("{} {}{}\n", c.year, c.line, measure);
    if (!c.source.empty()) {
      text += wrapped("source: " + c.source, 2, 4, width);
    }
    if (!c.note.empty()) {
      text += wrapped("note: " + c.note, 2, 4, width);
    }
  }
  return text.empty() ? "" : "\nThe actuals' sources and notes\n" + text;
}

std::string csv_rows(const Backtest& backtest, const Comparison& c)
{
  std::string text;
  const auto add = [&](std::string_view measure, double value) {
    text +=
      csv_record({backtest.scenario, backtest.option.id, c.year, c.line, std::string(measure),
                  full_precision(value), std::to_string(c.horizon), c.measure, c.source, c.note});
  };
  add("forecast", c.forecast);
  add("actual", c.actual);
  add("error", c.error);
  add("pct_error", c.pct_error);
  add("abs_pct_error", c.abs_pct_error);
  if (c.band) {
    add("p10", c.band->p10);
    add("p90", c.band->p90);
    add("inside", c.band->inside ? 1.0 : 0.0);
  }
  return text;
}

std::string csv_rows(const Backtest& backtest, const MapeGroup& group)
{
  std::string text;
  const auto add = [&](const std::string& horizon, const Mape& mape) {
    for (const auto& [measure, value] :
         {std::pair{"mape", mape.value}, std::pair{"points", static_cast<double>(mape.points)}}) {
      text +=
        csv_record({backtest.scenario, backtest.option.id, std::string(k_all_years), group.line,
                    measure, full_precision(value), horizon, group.measure, "", ""});
    }
  };
  for (const HorizonMape& by : group.by_horizon) {
    add(std::to_string(by.horizon), by.mape);
  }
  if (group.overall) {
    add(std::string(k_all_horizons), *group.overall);
  }
  return text;
}

// The coverage rows: of the MAPE's `points` actuals of the same line, figure and
// horizon, the percentage and the number inside their bands.
std::string csv_rows(const Backtest& backtest, const CoverageGroup& group)
{
  std::string text;
  const auto add = [&](const std::string& horizon, const Coverage& coverage) {
    for (const auto& [measure, value] :
         {std::pair{"coverage", coverage.value},
          std::pair{"inside", static_cast<double>(coverage.inside)}}) {
      text +=
        csv_record({backtest.scenario, backtest.option.id, std::string(k_all_years), group.line,
                    measure, full_precision(value), horizon, group.measure, "", ""});
    }
  };
  for (const HorizonCoverage& by : group.by_horizon) {
    add(std::to_string(by.horizon), by.coverage);
  }
  if (group.overall) {
    add(std::string(k_all_horizons), *group.overall);
  }
  return text;
}

// The draws and the seed behind the bands, as rows of their own: written as integers,
// since a seed can have more digits than full_precision keeps.
std::string csv_sampling(const Backtest& backtest)
{
  if (!backtest.sampling) {
    return "";
  }
  std::string text;
  for (const auto& [measure, value] :
       {std::pair{"draws", std::to_string(backtest.sampling->draws)},
        std::pair{"seed", std::to_string(backtest.sampling->seed)}}) {
    text += csv_record({backtest.scenario, backtest.option.id, std::string(k_all_years), "",
                        measure, value, "", "", "", ""});
  }
  return text;
}

std::string json_mape(const Mape& mape)
{
  return fmt::format("\"mape\": {}, \"points\": {}", full_precision(mape.value), mape.points);
}

std::string json_group(const MapeGroup& group)
{
  std::vector<std::string> horizons;
  for (const HorizonMape& by : group.by_horizon) {
    horizons.push_back(fmt::format("{{\"horizon\": {}, {}}}", by.horizon, json_mape(by.mape)));
  }
  const std::string overall = group.overall ? "{" + json_mape(*group.overall) + "}" : "null";
  return fmt::format("{{\"line\": {}, \"measure\": {}, \"by_horizon\": [{}], \"overall\": {}}}",
                     json_string(group.line), json_string(group.measure), fmt::join(horizons, ", "),
                     overall);
}

std::string json_coverage(const Coverage& coverage)
{
  return fmt::format("\"coverage\": {}, \"inside\": {}, \"points\": {}",
                     full_precision(coverage.value), coverage.inside, coverage.points);
}

std::string json_group(const CoverageGroup& group)
{
  std::vector<std::string> horizons;
  for (const HorizonCoverage& by : group.by_horizon) {
    horizons.push_back(
      fmt::format("{{\"horizon\": {}, {}}}", by.horizon, json_coverage(by.coverage)));
  }
  const std::string overall = group.overall ? "{" + json_coverage(*group.overall) + "}" : "null";
  return fmt::format("{{\"line\": {}, \"measure\": {}, \"by_horizon\": [{}], \"overall\": {}}}",
                     json_string(group.line), json_string(group.measure), fmt::join(horizons, ", "),
                     overall);
}

// The band's keys of a comparison when the back-test has bands, null for a figure
// without one; nothing otherwise.
std::string json_band(const Backtest& backtest, const Comparison& c)
{
  if (!backtest.sampling) {
    return "";
  }
  if (!c.band) {
    return ", \"p10\": null, \"p90\": null, \"inside\": null";
  }
  return fmt::format(", \"p10\": {}, \"p90\": {}, \"inside\": {}", full_precision(c.band->p10),
                     full_precision(c.band->p90), c.band->inside ? "true" : "false");
}

std::string json_comparison(const Backtest& backtest, const Comparison& c)
{
  return fmt::format("{{\"year\": {}, \"horizon\": {}, \"line\": {}, \"measure\": {}, "
                     "\"forecast\": {}, \"actual\": {}, \"error\": {}, \"pct_error\": {}, "
                     "\"abs_pct_error\": {}, \"source\": {}, \"note\": {}{}}}",
                     json_string(c.year), c.horizon, json_string(c.line), json_string(c.measure),
                     full_precision(c.forecast), full_precision(c.actual), full_precision(c.error),
                     full_precision(c.pct_error), full_precision(c.abs_pct_error),
                     json_string(c.source), json_string(c.note), json_band(backtest, c));
}

// The array layout of the other JSON documents: one element a line.
std::string array(const std::vector<std::string>& elements)
{
  return elements.empty() ? "[]" : fmt::format("[\n    {}\n  ]", fmt::join(elements, ",\n    "));
}

} // namespace

std::string write_terminal(const Backtest& backtest, std::size_t width)
{
  return heading(backtest, width) + comparison_table(backtest, width) + mape_section(backtest, width)
         + band_section(backtest, width) + notes_section(backtest, width);
}

std::string write_csv(const Backtest& backtest)
{
  std::string text = std::string(k_csv_header) + ",horizon,figure,source,note\n";
  text += csv_sampling(backtest);
  for (const Comparison& comparison : backtest.comparisons) {
    text += csv_rows(backtest, comparison);
  }
  for (const MapeGroup& group : backtest.mape) {
    text += csv_rows(backtest, group);
  }
  for (const CoverageGroup& group : backtest.coverage) {
    text += csv_rows(backtest, group);
  }
  return text;
}

// The seed, the draws and the repair distance, then the comparisons, the MAPE and the
// coverage; only the comparisons and the MAPE without bands.
std::string json_body(const Backtest& backtest)
{
  std::vector<std::string> comparisons;
  for (const Comparison& comparison : backtest.comparisons) {
    comparisons.push_back(json_comparison(backtest, comparison));
  }
  std::vector<std::string> mape;
  for (const MapeGroup& group : backtest.mape) {
    mape.push_back(json_group(group));
  }
  const std::string body =
    fmt::format("  \"comparisons\": {},\n  \"mape\": {}", array(comparisons), array(mape));
  if (!backtest.sampling) {
    return body;
  }
  std::vector<std::string> coverage;
  for (const CoverageGroup& group : backtest.coverage) {
    coverage.push_back(json_group(group));
  }
  const BandSampling& sampling = *backtest.sampling;
  return fmt::format(
    "  \"seed\": {},\n  \"draws\": {},\n  \"correlation_repair_distance\": {},\n{},\n"
    "  \"coverage\": {}",
    sampling.seed, sampling.draws,
    sampling.repair_distance ? full_precision(*sampling.repair_distance) : "null", body,
    array(coverage));
}

std::string write_json(const Backtest& backtest)
{
  return fmt::format(
    "{{\n  \"scenario\": {},\n  \"title\": {},\n  \"unit\": {},\n"
    "  \"option\": {{\"id\": {}, \"name\": {}}},\n  \"actuals\": {},\n  \"base_year\": {},\n"
    "{}\n}}\n",
    json_string(backtest.scenario), json_string(backtest.title), json_string(backtest.unit),
    json_string(backtest.option.id), json_string(backtest.option.name),
    json_string(backtest.actuals), json_string(backtest.base_year), json_body(backtest));
}

} // namespace carecast
