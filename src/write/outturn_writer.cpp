// Budget monitoring's tidy CSV and JSON, and the labels every outturn output shares.

#include "carecast/outturn_writer.hpp"

#include "carecast/writers.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace carecast {
namespace {

// A difference smaller than half a penny of the unit reads as none.
constexpr double k_half_penny = 0.005;

// Every line, then the total.
std::vector<const OutturnLine*> lines_and_total(const Outturn& outturn)
{
  std::vector<const OutturnLine*> all;
  for (const OutturnLine& line : outturn.lines) {
    all.push_back(&line);
  }
  all.push_back(&outturn.total);
  return all;
}

// A line's figures of the whole year, as (measure, value), in the CSV's order.
std::vector<std::pair<std::string_view, double>> year_measures(const OutturnLine& line)
{
  std::vector<std::pair<std::string_view, double>> measures{
    {"budget", line.budget},
    {"actual_to_date", line.actual_to_date},
    {"forecast_remaining", line.forecast_remaining},
    {"forecast_outturn", line.forecast_outturn},
    {"variance", line.variance}};
  if (const auto& m = line.movement) {
    measures.insert(measures.end(), {{"movement", m->total},
                                     {"movement_restated", m->restated},
                                     {"movement_spent_vs_forecast", m->spent_vs_forecast},
                                     {"movement_reforecast", m->reforecast}});
  }
  if (line.band) {
    measures.insert(measures.end(), {{"p10", line.band->p10}, {"p90", line.band->p90}});
  }
  return measures;
}

std::string csv_rows(const Outturn& outturn, const OutturnLine& line)
{
  const std::string year = to_string(outturn.year);
  const auto row = [&](int period, std::string_view measure, double value) {
    return csv_record({outturn.scenario, outturn.option, year, std::to_string(period), line.id,
                       std::string(measure), full_precision(value)});
  };
  std::string text;
  for (const auto& [measure, value] : year_measures(line)) {
    text += row(outturn.period, measure, value);
  }
  for (int p = 1; p <= k_periods_per_year; ++p) {
    const auto at = static_cast<std::size_t>(p - 1);
    if (p <= outturn.period) {
      text += row(p, "actual", line.actual[at]);
    }
    text += row(p, "projection", line.projection[at]);
    text += row(p, "forecast", line.forecast[at]);
  }
  return text;
}

std::string json_strings(const std::vector<std::string>& texts)
{
  std::vector<std::string> quoted;
  for (const std::string& text : texts) {
    quoted.push_back(json_string(text));
  }
  return fmt::format("[{}]", fmt::join(quoted, ", "));
}

std::string json_movement(const Movement& m)
{
  return fmt::format("{{\"previous_outturn\": {}, \"total\": {}, \"restated\": {}, "
                     "\"spent_vs_forecast\": {}, \"reforecast\": {}}}",
                     full_precision(m.previous_outturn), full_precision(m.total),
                     full_precision(m.restated), full_precision(m.spent_vs_forecast),
                     full_precision(m.reforecast));
}

std::string json_by_period(const Outturn& outturn, const OutturnLine& line)
{
  std::vector<std::string> periods;
  for (int p = 1; p <= k_periods_per_year; ++p) {
    const auto at = static_cast<std::size_t>(p - 1);
    periods.push_back(
      fmt::format("{{\"period\": {}, \"actual\": {}, \"projection\": {}, \"forecast\": {}}}", p,
                  p <= outturn.period ? full_precision(line.actual[at]) : "null",
                  full_precision(line.projection[at]), full_precision(line.forecast[at])));
  }
  return fmt::format("[\n        {}\n      ]", fmt::join(periods, ",\n        "));
}

// A line as an object; the total has no method.
std::string json_line(const Outturn& outturn, const OutturnLine& line, bool with_method)
{
  std::string text = fmt::format("{{\n      \"id\": {},\n      \"name\": {},\n",
                                 json_string(line.id), json_string(line.name));
  if (with_method) {
    text += fmt::format("      \"method\": {},\n",
                        line.method ? json_string(std::string(method_name(*line.method))) : "null");
  }
  std::string rag(rag_name(line.rag));
  rag[0] = static_cast<char>(rag[0] - 'A' + 'a');
  text += fmt::format(
    "      \"reason\": {},\n      \"basis\": {},\n      \"codes\": {},\n"
    "      \"budget\": {},\n      \"budget_stated\": {},\n      \"actual_to_date\": {},\n"
    "      \"forecast_remaining\": {},\n      \"forecast_outturn\": {},\n      \"variance\": {},\n"
    "      \"rag\": {},\n",
    json_string(line.reason), json_string(line.basis), json_strings(line.codes),
    full_precision(line.budget), line.budget_stated ? "true" : "false",
    full_precision(line.actual_to_date), full_precision(line.forecast_remaining),
    full_precision(line.forecast_outturn), full_precision(line.variance), json_string(rag));
  if (line.band) {
    text += fmt::format("      \"band\": {{\"p10\": {}, \"p90\": {}}},\n",
                        full_precision(line.band->p10), full_precision(line.band->p90));
  }
  if (line.movement) {
    text += fmt::format("      \"movement\": {},\n", json_movement(*line.movement));
  }
  return text + fmt::format("      \"by_period\": {}\n    }}", json_by_period(outturn, line));
}

std::string json_children(const Outturn& outturn)
{
  std::vector<std::string> counts;
  for (const ChildrenCount& count : outturn.children) {
    counts.push_back(fmt::format("{{\"placement\": {}, \"children\": {}}}",
                                 json_string(count.placement), full_precision(count.children)));
  }
  return fmt::format("[{}]", fmt::join(counts, ", "));
}

// The members that an outturn has only with draws, an earlier forecast or children.
std::string json_optional_members(const Outturn& outturn)
{
  std::string text;
  if (outturn.draws > 0) {
    text += fmt::format("  \"draws\": {},\n  \"seed\": {},\n", outturn.draws, outturn.seed);
  }
  if (!outturn.previous_file.empty()) {
    text += fmt::format("  \"previous\": {{\"file\": {}, \"period\": {}}},\n",
                        json_string(outturn.previous_file), outturn.previous_period);
  }
  if (!outturn.children.empty()) {
    text += fmt::format("  \"children\": {},\n", json_children(outturn));
  }
  return text;
}

} // namespace

std::string in_unit(double value, const std::string& unit)
{
  const std::string text = two_decimals(value);
  if (unit.starts_with("£")) {
    const bool negative = text.front() == '-';
    return fmt::format("{}£{}{}", negative ? "-" : "", negative ? text.substr(1) : text,
                       unit.substr(std::string_view("£").size()));
  }
  return unit.empty() ? text : text + " " + unit;
}

std::string movement_causes(const Movement& m)
{
  return fmt::format("{}: restated {}, spent vs forecast {}, reforecast {}", signed_amount(m.total),
                     signed_amount(m.restated), signed_amount(m.spent_vs_forecast),
                     signed_amount(m.reforecast));
}

std::string reconciliation_text(const Outturn& outturn)
{
  const Reconciliation& r = outturn.reconciliation;
  const std::string ledger =
    fmt::format("Ledger to period {}: {} rows, {} codes, {}", outturn.period, r.rows, r.codes,
                in_unit(r.ledger_total, outturn.unit));
  const double difference = r.ledger_total - r.lines_total;
  std::string text =
    std::abs(difference) < k_half_penny
      ? fmt::format("{} = the lines' {}", ledger, in_unit(r.lines_total, outturn.unit))
      : fmt::format("{}; the lines hold {}, {} apart", ledger, in_unit(r.lines_total, outturn.unit),
                    in_unit(difference, outturn.unit));
  if (!outturn.ledger_unit.empty() && outturn.ledger_unit != outturn.unit) {
    text += fmt::format(" (the ledger's amounts converted from {})", outturn.ledger_unit);
  }
  return text + ".";
}

bool any_budget_unstated(const Outturn& outturn)
{
  return std::any_of(outturn.lines.begin(), outturn.lines.end(),
                     [](const OutturnLine& line) { return !line.budget_stated; });
}

std::string_view rag_name(Rag rag)
{
  static constexpr std::string_view k_names[] = {"Green", "Amber", "Red"};
  return k_names[static_cast<int>(rag)];
}

std::string rag_thresholds(const Outturn& outturn)
{
  return fmt::format("Red: forecast over budget by more than {:g}% of it; Amber: by more than "
                     "{:g}%; Green otherwise.",
                     outturn.red * 100.0, outturn.amber * 100.0);
}

std::string write_csv(const Outturn& outturn)
{
  std::string text = "scenario,option,year,period,line,measure,value\n";
  for (const OutturnLine* line : lines_and_total(outturn)) {
    text += csv_rows(outturn, *line);
  }
  return text;
}

std::string write_json(const Outturn& outturn)
{
  std::vector<std::string> lines;
  for (const OutturnLine& line : outturn.lines) {
    lines.push_back(json_line(outturn, line, true));
  }
  const Reconciliation& r = outturn.reconciliation;
  return fmt::format(
    "{{\n  \"scenario\": {},\n  \"option\": {},\n  \"option_name\": {},\n  \"unit\": {},\n"
    "  \"year\": {},\n  \"period\": {},\n  \"actuals_file\": {},\n  \"ledger_unit\": {},\n"
    "  \"rag\": {{\"amber\": {}, \"red\": {}}},\n{}"
    "  \"reconciliation\": {{\"ledger_total\": {}, \"lines_total\": {}, \"rows\": {}, "
    "\"codes\": {}}},\n  \"lines\": [\n    {}\n  ],\n  \"total\": {}\n}}\n",
    json_string(outturn.scenario), json_string(outturn.option), json_string(outturn.option_name),
    json_string(outturn.unit), json_string(to_string(outturn.year)), outturn.period,
    json_string(outturn.actuals_file), json_string(outturn.ledger_unit),
    full_precision(outturn.amber), full_precision(outturn.red), json_optional_members(outturn),
    full_precision(r.ledger_total), full_precision(r.lines_total), r.rows, r.codes,
    fmt::join(lines, ",\n    "), json_line(outturn, outturn.total, false));
}

} // namespace carecast
