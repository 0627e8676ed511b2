#include "carecast/explain_writer.hpp"

#include "carecast/text_table.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace carecast {
namespace {

constexpr std::size_t k_value_width = 10;

std::string amount(double value)
{
  return fmt::format("{:>{}}", two_decimals(value), k_value_width);
}

// A term beside its amount, wrapped under itself.
std::string term_text(double value, const std::string& term, std::size_t width)
{
  constexpr std::size_t k_indent = k_value_width + 2;
  return amount(value) + wrapped(term, k_indent, k_indent, width).substr(k_value_width);
}

std::string row_text(const ExplainRow& row, std::size_t width)
{
  constexpr std::size_t k_indent = k_value_width + 2;
  std::string text = term_text(row.value, row.term, width);
  if (!row.key.empty()) {
    text += wrapped(fmt::format("{} at {}", row.key, row.location), k_indent, k_indent, width);
  }
  if (!row.note.empty()) {
    text += wrapped(row.note, k_indent, k_indent, width);
  }
  return text;
}

std::string end_text(const ExplainEnd& end, std::size_t width)
{
  return term_text(end.value, end.term, width);
}

std::string end_csv(const ExplainReport& report, const ExplainEnd& end)
{
  return csv_record({report.scenario, end.option, end.year, end.line, end.measure,
                     full_precision(end.value), end.term, "", "", ""});
}

std::string end_json(const ExplainEnd& end)
{
  return fmt::format("{{\"option\": {}, \"year\": {}, \"line\": {}, \"measure\": {}, "
                     "\"term\": {}, \"value\": {}}}",
                     json_string(end.option), json_string(end.year), json_string(end.line),
                     json_string(end.measure), json_string(end.term), full_precision(end.value));
}

// A movement from running total `before` to `before + value`, as stacked parts.
WaterfallColumn movement(std::string label, double before, double value)
{
  const double low = std::min(before, before + value);
  const double high = std::max(before, before + value);
  WaterfallColumn column{std::move(label), value, false, 0.0, 0.0, 0.0};
  if (low >= 0.0) {
    column.base = low;
    column.bar = high - low;
  } else if (high <= 0.0) {
    column.base = high;
    column.bar = low - high;
  } else {
    column.bar = high;
    column.below = low;
  }
  return column;
}

} // namespace

std::vector<WaterfallColumn> waterfall(const ExplainReport& report)
{
  std::map<std::string, int> uses;
  for (const ExplainPart& part : report.parts) {
    for (const ExplainRow& row : part.rows) {
      ++uses[row.caption];
    }
  }
  std::vector<WaterfallColumn> columns;
  double running = 0.0;
  if (report.opening) {
    columns.push_back({report.opening->caption, report.opening->value, true, 0.0, 0.0, 0.0});
    running = report.opening->value;
  }
  for (const ExplainPart& part : report.parts) {
    for (const ExplainRow& row : part.rows) {
      const bool shared = uses[row.caption] > 1 && !part.line.empty();
      columns.push_back(movement(
        shared ? fmt::format("{} ({})", row.caption, part.line) : row.caption, running, row.value));
      running += row.value;
    }
  }
  if (report.closing) {
    columns.push_back({report.closing->caption, report.closing->value, true, 0.0, 0.0, 0.0});
  } else {
    columns.push_back({"Total", report.total, true, 0.0, 0.0, 0.0});
  }
  return columns;
}

std::string write_terminal(const ExplainReport& report, std::size_t width)
{
  std::string text = wrapped(fmt::format("{} ({})", report.heading, report.unit), 0, 0, width);
  if (report.opening) {
    text += "\n" + end_text(*report.opening, width);
  }
  for (const ExplainPart& part : report.parts) {
    text += part.line.empty() ? "\n" : fmt::format("\n{}\n", part.line);
    for (const ExplainRow& row : part.rows) {
      text += row_text(row, width);
    }
    if (report.parts.size() > 1) {
      text +=
        fmt::format("{}\n{}  {}\n", std::string(k_value_width, '-'), amount(part.total), part.line);
    }
  }
  text += fmt::format("{}\n{}  {}\n", std::string(k_value_width, '='), amount(report.total),
                      report.closing ? "Change" : "Total");
  return report.closing ? text + end_text(*report.closing, width) : text;
}

std::string write_csv(const ExplainReport& report)
{
  std::string text = std::string(k_csv_header) + ",term,key,location,note\n";
  if (report.opening) {
    text += end_csv(report, *report.opening);
  }
  for (const ExplainPart& part : report.parts) {
    for (const ExplainRow& row : part.rows) {
      text += csv_record({report.scenario, report.option, report.year, part.line, report.measure,
                          full_precision(row.value), row.term, row.key, row.location, row.note});
    }
  }
  if (report.closing) {
    text += end_csv(report, *report.closing);
  }
  return text;
}

std::string write_json(const ExplainReport& report)
{
  std::vector<std::string> rows;
  for (const ExplainPart& part : report.parts) {
    for (const ExplainRow& row : part.rows) {
      rows.push_back(
        fmt::format("{{\"line\": {}, \"term\": {}, \"value\": {}, \"key\": {}, \"location\": {}, "
                    "\"note\": {}}}",
                    json_string(part.line), json_string(row.term), full_precision(row.value),
                    json_string(row.key), json_string(row.location), json_string(row.note)));
    }
  }
  // A bridge reads in order: its opening figure, the terms, its closing figure.
  std::vector<std::string> members{fmt::format("\"scenario\": {}", json_string(report.scenario)),
                                   fmt::format("\"heading\": {}", json_string(report.heading)),
                                   fmt::format("\"unit\": {}", json_string(report.unit)),
                                   fmt::format("\"option\": {}", json_string(report.option)),
                                   fmt::format("\"year\": {}", json_string(report.year)),
                                   fmt::format("\"measure\": {}", json_string(report.measure)),
                                   fmt::format("\"total\": {}", full_precision(report.total))};
  if (report.opening) {
    members.push_back(fmt::format("\"opening\": {}", end_json(*report.opening)));
  }
  members.push_back(fmt::format("\"terms\": [\n    {}\n  ]", fmt::join(rows, ",\n    ")));
  if (report.closing) {
    members.push_back(fmt::format("\"closing\": {}", end_json(*report.closing)));
  }
  return fmt::format("{{\n  {}\n}}\n", fmt::join(members, ",\n  "));
}

} // namespace carecast
