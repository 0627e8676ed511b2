#include "carecast/writers.hpp"

#include <fmt/format.h>

namespace carecast {
namespace {

std::string csv_field(const std::string& text)
{
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (const char c : text) {
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return quoted + "\"";
}

} // namespace

std::string full_precision(double value)
{
  return fmt::format("{:.12g}", value == 0.0 ? 0.0 : value);
}

std::string write_csv(const Report& report)
{
  std::string text = std::string(k_csv_header) + "\n";
  for (const ReportRow& row : report.rows) {
    text += fmt::format("{},{},{},{},{},{}\n", csv_field(report.scenario), csv_field(row.option),
                        csv_field(row.year), csv_field(row.line), csv_field(row.measure),
                        full_precision(row.value));
  }
  return text;
}

} // namespace carecast
