#include "carecast/validate_writer.hpp"

#include "carecast/writers.hpp"

#include <fmt/format.h>

namespace carecast {
namespace {

// A problem's line or column: empty in CSV and null in JSON when it has none (0).
std::string place(int number, std::string_view none)
{
  return number == 0 ? std::string(none) : std::to_string(number);
}

std::string counted(std::size_t count, std::string_view noun)
{
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

} // namespace

std::string write_csv(const ValidationReport& report)
{
  std::string text = csv_record({"file", "valid", "first_year", "last_year", "lines", "options",
                                 "error_file", "line", "column", "message"});
  for (const ScenarioCheck& check : report.scenarios) {
    if (check.valid) {
      text +=
        csv_record({check.file, "1", check.first_year, check.last_year, std::to_string(check.lines),
                    std::to_string(check.options), "", "", "", ""});
    }
    for (const Diagnostic& error : check.errors) {
      text += csv_record({check.file, "0", "", "", "", "", error.pos.file,
                          place(error.pos.line, ""), place(error.pos.column, ""), error.message});
    }
  }
  return text;
}

std::string write_json(const ValidationReport& report)
{
  std::string items;
  for (const ScenarioCheck& check : report.scenarios) {
    std::string errors;
    for (const Diagnostic& error : check.errors) {
      errors += fmt::format(
        "{}        {{\"file\": {}, \"line\": {}, \"column\": {}, \"message\": {}}}",
        errors.empty() ? "" : ",\n", json_string(error.pos.file), place(error.pos.line, "null"),
        place(error.pos.column, "null"), json_string(error.message));
    }
    const auto text_or_null = [&](const std::string& text) {
      return check.valid ? json_string(text) : std::string("null");
    };
    const auto count_or_null = [&](std::size_t count) {
      return check.valid ? std::to_string(count) : std::string("null");
    };
    items += fmt::format(
      "{}    {{\"file\": {}, \"valid\": {}, \"first_year\": {}, \"last_year\": {}, \"lines\": {}, "
      "\"options\": {}, \"errors\": [{}]}}",
      items.empty() ? "" : ",\n", json_string(check.file), check.valid ? "true" : "false",
      text_or_null(check.first_year), text_or_null(check.last_year), count_or_null(check.lines),
      count_or_null(check.options), errors.empty() ? "" : "\n" + errors + "\n    ");
  }
  return fmt::format("{{\n  \"scenarios\": [\n{}\n  ]\n}}\n", items);
}

std::string write_terminal(const ValidationReport& report, std::size_t)
{
  std::string text;
  for (const ScenarioCheck& check : report.scenarios) {
    if (check.valid) {
      text +=
        fmt::format("{}: valid ({} to {}, {}, {})\n", check.file, check.first_year, check.last_year,
                    counted(check.lines, "line"), counted(check.options, "option"));
    }
  }
  return text;
}

} // namespace carecast
