#include "carecast/backtest_writer.hpp"

#include "carecast/text_table.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace carecast {
namespace {

using Align = TextTable::Align;

constexpr std::size_t k_width = 80;
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

// Words laid out in lines of at most 80 columns, the first indented by `first` spaces
// and the others by `rest`.
std::string wrapped(const std::string& text, std::size_t first, std::size_t rest)
{
  std::string result;
  std::string line(first, ' ');
  bool has_words = false;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t found = text.find(' ', start);
    const std::size_t end = found == std::string::npos ? text.size() : found;
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) {
      continue;
    }
    if (has_words && display_width(line) + 1 + display_width(word) > k_width) {
      result += line + "\n";
      line = std::string(rest, ' ');
      has_words = false;
    }
    line += (has_words ? " " : "") + word;
    has_words = true;
  }
  return result + line + "\n";
}

std::string heading(const Backtest& backtest)
{
  return fmt::format("{}\n", backtest.title)
         + wrapped(fmt::format("Back-test of {} ({}) against {}", backtest.option.id,
                               backtest.option.name, backtest.actuals),
                   0, 2)
         + fmt::format("Amounts in {}; financial years run April to March.\n"
                       "Error = forecast - actual (positive: the forecast was too high).\n"
                       "% error = the error as a percentage of the actual.\n"
                       "h = years after the base year, {}; h = 0 is the calibration year,\n"
                       "shown but left out of the MAPE.\n",
                       backtest.unit, backtest.base_year);
}

std::string comparison_table(const Backtest& backtest)
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
  return "\n" + table.render();
}

std::string mape_table(const Backtest& backtest)
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
  return "\nMean absolute % error (MAPE) by horizon h ('all': every year from h = 1 on)\n"
         + table.render();
}

std::string mape_section(const Backtest& backtest)
{
  const bool any = std::any_of(backtest.mape.begin(), backtest.mape.end(),
                               [](const MapeGroup& group) { return group.overall.has_value(); });
  if (!any) {
    return "\nNo actuals after the base year, so no MAPE.\n";
  }
  return mape_table(backtest);
}

std::string notes_section(const Backtest& backtest)
{
  std::string text;
  for (const Comparison& c : backtest.comparisons) {
    if (c.source.empty() && c.note.empty()) {
      continue;
    }
    const std::string measure = c.measure == k_default_measure ? "" : " " + c.measure;
    text += fmt::format("{} {}{}\n", c.year, c.line, measure);
    if (!c.source.empty()) {
      text += wrapped("source: " + c.source, 2, 4);
    }
    if (!c.note.empty()) {
      text += wrapped("note: " + c.note, 2, 4);
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

std::string json_comparison(const Comparison& c)
{
  return fmt::format("{{\"year\": {}, \"horizon\": {}, \"line\": {}, \"measure\": {}, "
                     "\"forecast\": {}, \"actual\": {}, \"error\": {}, \"pct_error\": {}, "
                     "\"abs_pct_error\": {}, \"source\": {}, \"note\": {}}}",
                     json_string(c.year), c.horizon, json_string(c.line), json_string(c.measure),
                     full_precision(c.forecast), full_precision(c.actual), full_precision(c.error),
                     full_precision(c.pct_error), full_precision(c.abs_pct_error),
                     json_string(c.source), json_string(c.note));
}

// The array layout of the other JSON documents: one element a line.
std::string array(const std::vector<std::string>& elements)
{
  return elements.empty() ? "[]" : fmt::format("[\n    {}\n  ]", fmt::join(elements, ",\n    "));
}

} // namespace

std::string write_terminal(const Backtest& backtest)
{
  return heading(backtest) + comparison_table(backtest) + mape_section(backtest)
         + notes_section(backtest);
}

std::string write_csv(const Backtest& backtest)
{
  std::string text = std::string(k_csv_header) + ",horizon,figure,source,note\n";
  for (const Comparison& comparison : backtest.comparisons) {
    text += csv_rows(backtest, comparison);
  }
  for (const MapeGroup& group : backtest.mape) {
    text += csv_rows(backtest, group);
  }
  return text;
}

std::string write_json(const Backtest& backtest)
{
  std::vector<std::string> comparisons;
  for (const Comparison& comparison : backtest.comparisons) {
    comparisons.push_back(json_comparison(comparison));
  }
  std::vector<std::string> groups;
  for (const MapeGroup& group : backtest.mape) {
    groups.push_back(json_group(group));
  }
  return fmt::format(
    "{{\n  \"scenario\": {},\n  \"title\": {},\n  \"unit\": {},\n"
    "  \"option\": {{\"id\": {}, \"name\": {}}},\n  \"actuals\": {},\n  \"base_year\": {},\n"
    "  \"comparisons\": {},\n  \"mape\": {}\n}}\n",
    json_string(backtest.scenario), json_string(backtest.title), json_string(backtest.unit),
    json_string(backtest.option.id), json_string(backtest.option.name),
    json_string(backtest.actuals), json_string(backtest.base_year), array(comparisons),
    array(groups));
}

} // namespace carecast
