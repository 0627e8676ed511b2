#include "carecast/explain_writer.hpp"

#include "carecast/writers.hpp"

#include <fmt/format.h>

namespace carecast {
namespace {

constexpr int k_value_width = 10;

std::string amount(double value)
{
  return fmt::format("{:>{}}", two_decimals(value), k_value_width);
}

std::string row_text(const ExplainRow& row)
{
  const std::string indent(k_value_width + 2, ' ');
  std::string text = fmt::format("{}  {}\n", amount(row.value), row.term);
  if (!row.key.empty()) {
    text += fmt::format("{}{} at {}\n", indent, row.key, row.location);
  }
  if (!row.note.empty()) {
    text += fmt::format("{}{}\n", indent, row.note);
  }
  return text;
}

} // namespace

std::string write_terminal(const ExplainReport& report)
{
  std::string text = fmt::format("{} ({})\n", report.heading, report.unit);
  for (const ExplainPart& part : report.parts) {
    text += part.line.empty() ? "\n" : fmt::format("\n{}\n", part.line);
    for (const ExplainRow& row : part.rows) {
      text += row_text(row);
    }
    if (report.parts.size() > 1) {
      text +=
        fmt::format("{}\n{}  {}\n", std::string(k_value_width, '-'), amount(part.total), part.line);
    }
  }
  return text
         + fmt::format("{}\n{}  Total\n", std::string(k_value_width, '='), amount(report.total));
}

std::string write_csv(const ExplainReport& report)
{
  std::string text = std::string(k_csv_header) + ",term,key,location,note\n";
  for (const ExplainPart& part : report.parts) {
    for (const ExplainRow& row : part.rows) {
      text += csv_record({report.scenario, report.option, report.year, part.line, report.measure,
                          full_precision(row.value), row.term, row.key, row.location, row.note});
    }
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
  return fmt::format("{{\n  \"scenario\": {},\n  \"heading\": {},\n  \"unit\": {},\n"
                     "  \"option\": {},\n  \"year\": {},\n  \"measure\": {},\n  \"total\": {},\n"
                     "  \"terms\": [\n    {}\n  ]\n}}\n",
                     json_string(report.scenario), json_string(report.heading),
                     json_string(report.unit), json_string(report.option), json_string(report.year),
                     json_string(report.measure), full_precision(report.total),
                     fmt::join(rows, ",\n    "));
}

} // namespace carecast
