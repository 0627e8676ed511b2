#include "carecast/writers.hpp"

#include <fmt/format.h>

namespace carecast {
namespace {

// The array layout every list in the document shares: one element a line.
std::string array(const std::vector<std::string>& elements)
{
  return fmt::format("[\n    {}\n  ]", fmt::join(elements, ",\n    "));
}

std::string labels(const std::vector<Label>& items)
{
  std::vector<std::string> objects;
  for (const Label& item : items) {
    objects.push_back(
      fmt::format("{{\"id\": {}, \"name\": {}}}", json_string(item.id), json_string(item.name)));
  }
  return array(objects);
}

std::string rows(const Report& report)
{
  std::vector<std::string> objects;
  for (const ReportRow& row : report.rows) {
    objects.push_back(
      fmt::format("{{\"option\": {}, \"year\": {}, \"line\": {}, \"measure\": {}, \"value\": {}}}",
                  json_string(row.option), json_string(row.year), json_string(row.line),
                  json_string(row.measure), full_precision(row.value)));
  }
  return array(objects);
}

std::string side(const Label& scenario)
{
  return fmt::format("{{\"scenario\": {}, \"title\": {}}}", json_string(scenario.id),
                     json_string(scenario.name));
}

std::string number_or_null(const std::optional<double>& value)
{
  return value ? full_precision(*value) : "null";
}

std::string parameters(const std::vector<ParameterChange>& changes)
{
  std::vector<std::string> objects;
  for (const ParameterChange& change : changes) {
    objects.push_back(fmt::format("{{\"path\": {}, \"unit\": {}, \"before\": {}, \"after\": {}}}",
                                  json_string(change.path), json_string(change.unit),
                                  number_or_null(change.before), number_or_null(change.after)));
  }
  return array(objects);
}

} // namespace

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

std::string write_json(const Report& report)
{
  return fmt::format("{{\n  \"scenario\": {},\n  \"title\": {},\n  \"unit\": {},\n"
                     "  \"options\": {},\n  \"lines\": {},\n  \"placements\": {},\n"
                     "  \"rows\": {}\n}}\n",
                     json_string(report.scenario), json_string(report.title),
                     json_string(report.unit), labels(report.options), labels(report.lines),
                     labels(report.placements), rows(report));
}

std::string write_json(const ScenarioDiff& diff)
{
  return fmt::format("{{\n  \"a\": {},\n  \"b\": {},\n  \"unit\": {},\n  \"options\": {},\n"
                     "  \"parameters\": {},\n  \"rows\": {}\n}}\n",
                     side(diff.a), side(diff.b), json_string(diff.cost.unit),
                     labels(diff.cost.options), parameters(diff.parameters), rows(diff.cost));
}

std::string write_json(const BatchSummary& summary)
{
  std::vector<std::string> runs;
  for (const BatchRun& run : summary.runs) {
    std::vector<std::string> reasons;
    for (const std::string& reason : run.reasons) {
      reasons.push_back(json_string(reason));
    }
    std::vector<std::string> options;
    std::string cheapest = "null";
    for (const BatchSummaryRow& row : summary.rows) {
      if (row.scenario == run.scenario) {
        options.push_back(
          fmt::format("{{\"option\": {}, \"horizon_total\": {}, \"net_present_cost\": {}}}",
                      json_string(row.option), full_precision(row.horizon_total),
                      full_precision(row.net_present_cost)));
        cheapest = json_string(row.cheapest);
      }
    }
    runs.push_back(fmt::format(
      "{{\"file\": {}, \"scenario\": {}, \"status\": {}, \"exit_code\": {}, \"csv\": {}, "
      "\"reasons\": [{}], \"cheapest\": {}, \"options\": [{}]}}",
      json_string(run.file), json_string(run.scenario), json_string(run.status), run.exit_code,
      run.csv.empty() ? "null" : json_string(run.csv), fmt::join(reasons, ", "), cheapest,
      fmt::join(options, ", ")));
  }
  return fmt::format("{{\n  \"scenarios\": [\n    {}\n  ]\n}}\n", fmt::join(runs, ",\n    "));
}

} // namespace carecast
