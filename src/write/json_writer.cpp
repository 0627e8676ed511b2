#include "carecast/writers.hpp"

#include <fmt/format.h>

namespace carecast {
namespace {

std::string json_string(const std::string& text)
{
  std::string quoted = "\"";
  for (const char c : text) {
    switch (c) {
    case '"':
      quoted += "\\\"";
      break;
    case '\\':
      quoted += "\\\\";
      break;
    case '\n':
      quoted += "\\n";
      break;
    case '\r':
      quoted += "\\r";
      break;
    case '\t':
      quoted += "\\t";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        quoted += fmt::format("\\u{:04x}", static_cast<int>(c));
      } else {
        quoted += c;
      }
    }
  }
  return quoted + "\"";
}

std::string labels(const std::vector<Label>& items)
{
  std::vector<std::string> objects;
  for (const Label& item : items) {
    objects.push_back(
      fmt::format("{{\"id\": {}, \"name\": {}}}", json_string(item.id), json_string(item.name)));
  }
  return fmt::format("[\n    {}\n  ]", fmt::join(objects, ",\n    "));
}

} // namespace

std::string write_json(const Report& report)
{
  std::vector<std::string> rows;
  for (const ReportRow& row : report.rows) {
    rows.push_back(
      fmt::format("{{\"option\": {}, \"year\": {}, \"line\": {}, \"measure\": {}, \"value\": {}}}",
                  json_string(row.option), json_string(row.year), json_string(row.line),
                  json_string(row.measure), full_precision(row.value)));
  }
  return fmt::format("{{\n  \"scenario\": {},\n  \"title\": {},\n  \"unit\": {},\n"
                     "  \"options\": {},\n  \"lines\": {},\n  \"rows\": [\n    {}\n  ]\n}}\n",
                     json_string(report.scenario), json_string(report.title),
                     json_string(report.unit), labels(report.options), labels(report.lines),
                     fmt::join(rows, ",\n    "));
}

} // namespace carecast
