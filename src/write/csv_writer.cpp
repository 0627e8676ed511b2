#include "carecast/writers.hpp"

#include <charconv>
#include <fmt/format.h>
#include <string_view>

namespace carecast {
std::string neutralised(const std::string& text)
{
  if (text.empty() || std::string_view("=+-@\t\r").find(text.front()) == std::string_view::npos) {
    return text;
  }
  double number = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error == std::errc{} && end == text.data() + text.size()) {
    return text;
  }
  return "'" + text;
}

namespace {

std::string csv_field(const std::string& raw)
{
  const std::string text = neutralised(raw);
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (const char c : text) {
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return quoted + "\"";
}

std::string csv_row(const std::string& scenario, const std::string& option, const std::string& year,
                    const std::string& line, const std::string& measure, double value)
{
  return csv_record({scenario, option, year, line, measure, full_precision(value)});
}

std::string csv_rows(const Report& report)
{
  std::string text;
  for (const ReportRow& row : report.rows) {
    text += csv_row(report.scenario, row.option, row.year, row.line, row.measure, row.value);
  }
  return text;
}

} // namespace

std::string csv_record(const std::vector<std::string>& fields)
{
  std::vector<std::string> quoted;
  for (const std::string& field : fields) {
    quoted.push_back(csv_field(field));
  }
  return fmt::format("{}\n", fmt::join(quoted, ","));
}

std::string full_precision(double value)
{
  return fmt::format("{:.12g}", value == 0.0 ? 0.0 : value);
}

std::string write_csv(const Report& report)
{
  return std::string(k_csv_header) + "\n" + csv_rows(report);
}

std::string write_csv(const ScenarioDiff& diff)
{
  const std::string& scenario = diff.cost.scenario;
  std::string text = std::string(k_csv_header) + "\n";
  for (const ParameterChange& change : diff.parameters) {
    if (change.before) {
      text += csv_row(scenario, "", "", change.path, "before", *change.before);
    }
    if (change.after) {
      text += csv_row(scenario, "", "", change.path, "after", *change.after);
    }
  }
  return text + csv_rows(diff.cost);
}

std::string write_csv(const BatchSummary& summary)
{
  std::string text =
    csv_record({"scenario", "option", "horizon_total", "net_present_cost", "cheapest"});
  for (const BatchSummaryRow& row : summary.rows) {
    text += csv_record({row.scenario, row.option, full_precision(row.horizon_total),
                        full_precision(row.net_present_cost), row.cheapest});
  }
  return text;
}

} // namespace carecast
