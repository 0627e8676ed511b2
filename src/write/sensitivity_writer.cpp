#include "carecast/sensitivity_writer.hpp"

#include "carecast/text_table.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace carecast {
namespace {

std::string value_text(double value)
{
  return fmt::format("{:.6g}", value);
}

// The `top` largest bars, largest first.
std::string tornado_section(const SensitivityReport& report)
{
  const Sensitivity& s = report.sensitivity;
  TextTable tornado;
  tornado.add_column("Parameter", TextTable::Align::left);
  for (const char* heading : {"Low", "High", "At low", "At high", "Swing"}) {
    tornado.add_column(heading, TextTable::Align::right);
  }
  const std::size_t shown = std::min<std::size_t>(s.tornado.size(), report.top);
  for (std::size_t i = 0; i < shown; ++i) {
    const TornadoBar& bar = s.tornado[i];
    tornado.add_row({report.paths[bar.parameter], value_text(bar.low_value),
                     value_text(bar.high_value), two_decimals(bar.metric_low),
                     two_decimals(bar.metric_high), two_decimals(bar.swing)});
  }
  return fmt::format("\nTornado (the {} largest swings of {})\n{}", shown, s.tornado.size(),
                     tornado.render());
}

// Only the parameters that switch are listed: most parameters switch nothing.
std::string switching_section(const SensitivityReport& report)
{
  const Sensitivity& s = report.sensitivity;
  TextTable switching;
  switching.add_column("Parameter", TextTable::Align::left);
  switching.add_column("Value", TextTable::Align::right);
  switching.add_column("Switches at", TextTable::Align::right);
  switching.add_column("Then cheapest", TextTable::Align::left);
  int shown = 0;
  for (const SwitchingValue& sv : s.switching) {
    if (sv.value) {
      switching.add_row({report.paths[sv.parameter], value_text(sv.base_value),
                         value_text(*sv.value), sv.becomes_cheapest});
      ++shown;
    }
  }
  std::string text = fmt::format("\nSwitching values: where {} stops being the cheapest by {}\n",
                                 s.preferred, s.metric.name);
  if (shown == 0) {
    return text
           + "None: no parameter on its own, within its range, changes which option is "
             "cheapest.\n";
  }
  return text + switching.render()
         + fmt::format("Every other parameter: none within range ({} searched).\n",
                       s.switching.size());
}

} // namespace

std::string write_csv(const SensitivityReport& report)
{
  const Sensitivity& s = report.sensitivity;
  std::string text =
    csv_record({"scenario", "metric", "subject", "kind", "parameter", "input", "base_value",
                "low_value", "high_value", "metric_low", "metric_high", "swing", "preferred",
                "switching_value", "becomes_cheapest", "range_low", "range_high"});
  for (const TornadoBar& bar : s.tornado) {
    text +=
      csv_record({report.scenario, s.metric.name, s.subject, "tornado", report.paths[bar.parameter],
                  bar.input, full_precision(bar.base_value), full_precision(bar.low_value),
                  full_precision(bar.high_value), full_precision(bar.metric_low),
                  full_precision(bar.metric_high), full_precision(bar.swing), "", "", "", "", ""});
  }
  for (const SwitchingValue& sv : s.switching) {
    text += csv_record({report.scenario, s.metric.name, s.subject, "switching",
                        report.paths[sv.parameter], sv.input, full_precision(sv.base_value), "", "",
                        "", "", "", s.preferred, sv.value ? full_precision(*sv.value) : "",
                        sv.becomes_cheapest, full_precision(sv.range_low),
                        full_precision(sv.range_high)});
  }
  return text;
}

std::string write_json(const SensitivityReport& report)
{
  const Sensitivity& s = report.sensitivity;
  std::string bars;
  for (const TornadoBar& bar : s.tornado) {
    bars += fmt::format(
      "{}    {{\"parameter\": {}, \"input\": {}, \"base_value\": {}, "
      "\"low_value\": {}, \"high_value\": {}, \"metric_low\": {}, "
      "\"metric_high\": {}, \"swing\": {}}}",
      bars.empty() ? "" : ",\n", json_string(report.paths[bar.parameter]), json_string(bar.input),
      full_precision(bar.base_value), full_precision(bar.low_value), full_precision(bar.high_value),
      full_precision(bar.metric_low), full_precision(bar.metric_high), full_precision(bar.swing));
  }
  std::string switching;
  for (const SwitchingValue& sv : s.switching) {
    switching += fmt::format(
      "{}    {{\"parameter\": {}, \"input\": {}, \"base_value\": {}, \"switching_value\": {}, "
      "\"becomes_cheapest\": {}, \"range_low\": {}, \"range_high\": {}}}",
      switching.empty() ? "" : ",\n", json_string(report.paths[sv.parameter]),
      json_string(sv.input), full_precision(sv.base_value),
      sv.value ? full_precision(*sv.value) : "null",
      sv.value ? json_string(sv.becomes_cheapest) : "null", full_precision(sv.range_low),
      full_precision(sv.range_high));
  }
  return fmt::format("{{\n  \"scenario\": {},\n  \"title\": {},\n  \"unit\": {},\n"
                     "  \"metric\": {},\n  \"subject\": {},\n  \"base\": {},\n"
                     "  \"swing_share\": {},\n  \"preferred\": {},\n  \"tornado\": [\n{}\n  ],\n"
                     "  \"switching\": [\n{}\n  ]\n}}\n",
                     json_string(report.scenario), json_string(report.title),
                     json_string(report.unit), json_string(s.metric.name), json_string(s.subject),
                     full_precision(s.base), full_precision(s.swing_share),
                     json_string(s.preferred), bars, switching);
}

std::string write_terminal(const SensitivityReport& report)
{
  const Sensitivity& s = report.sensitivity;
  return report.title + "\n"
         + wrapped(fmt::format("Sensitivity of the {} of {} ({} {} with every parameter at its "
                               "value). Amounts in {}.",
                               s.metric.name, s.subject, two_decimals(s.base), report.unit,
                               report.unit),
                   0, 0)
         + wrapped(fmt::format("Ranges: an uncertain input's P10 to P90, any other parameter "
                               "+/- {:g}%.",
                               s.swing_share * 100.0),
                   0, 0)
         + tornado_section(report) + switching_section(report);
}

} // namespace carecast
