#include "carecast/sensitivity_writer.hpp"

#include "carecast/text_table.hpp"
#include "carecast/unit_format.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <numeric>
#include <utility>

namespace carecast {
namespace {

// The narrowest the label column gets, however wide the other columns.
constexpr std::size_t k_min_label_width = 16;
constexpr std::string_view k_gap = "  "; // TextTable's, between columns

struct Column
{
  std::string header;
  TextTable::Align align;
};

// A table whose first column is a label, wrapped so that the table fits `width` columns:
// the label's first line beside the row's figures, the others beneath it.
std::string labelled_table(const std::vector<Column>& columns,
                           const std::vector<std::vector<std::string>>& rows, std::size_t width)
{
  std::vector<std::size_t> widths;
  for (const Column& column : columns) {
    widths.push_back(display_width(column.header));
  }
  for (const auto& row : rows) {
    for (std::size_t c = 1; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  }
  const std::size_t others = std::accumulate(widths.begin() + 1, widths.end(), std::size_t{0})
                             + k_gap.size() * (columns.size() - 1);
  const std::size_t label_width =
    std::max(k_min_label_width, width - std::min(width, others));
  TextTable table;
  for (const Column& column : columns) {
    table.add_column(column.header, column.align);
  }
  for (const auto& row : rows) {
    const std::vector<std::string> lines = label_lines(row[0], label_width);
    std::vector<std::string> first = row;
    first[0] = lines[0];
    table.add_row(std::move(first));
    for (std::size_t l = 1; l < lines.size(); ++l) {
      table.add_row({lines[l]});
    }
  }
  return table.render(width);
}

std::string scope_name(TornadoScope scope)
{
  switch (scope) {
  case TornadoScope::uncertain:
    return "uncertain inputs";
  case TornadoScope::all:
    return "all parameters";
  case TornadoScope::no_uncertainty:
    break;
  }
  return "no uncertain inputs";
}

std::string swing_text(double swing_share)
{
  return fmt::format("±{:g}%", swing_share * 100.0);
}

// What the ranges are, by the tornado's scope.
std::string ranges_text(const Sensitivity& s)
{
  switch (s.scope) {
  case TornadoScope::uncertain:
    return fmt::format("Ranges: each uncertain input from its P10 to its P90 (--all adds every "
                       "other parameter at {}).",
                       swing_text(s.swing_share));
  case TornadoScope::all:
    return fmt::format("Ranges: an uncertain input's P10 to P90, any other parameter {}, as the "
                       "Range column says.",
                       swing_text(s.swing_share));
  case TornadoScope::no_uncertainty:
    break;
  }
  return "Note: " + tornado_note(s);
}

// The bars that move the metric, up to --top, largest first; a Range column when the
// tornado mixes distributions' ranges with the swing.
std::string tornado_section(const SensitivityReport& report, std::size_t width)
{
  const Sensitivity& s = report.sensitivity;
  const bool mixed = s.scope == TornadoScope::all;
  std::vector<Column> columns{{"Parameter", TextTable::Align::left}};
  if (mixed) {
    columns.push_back({"Range", TextTable::Align::left});
  }
  for (const char* heading : {"Low", "High", "At low", "At high", "Swing"}) {
    columns.push_back({heading, TextTable::Align::right});
  }
  const std::size_t shown = shown_bars(report);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < shown; ++i) {
    const TornadoBar& bar = s.tornado[i];
    const std::string& unit = report.units[bar.parameter];
    std::vector<std::string> row{report.labels[bar.parameter]};
    if (mixed) {
      row.push_back(range_text(bar, s.swing_share));
    }
    for (const std::string& cell :
         {unit_text(bar.low_value, unit), unit_text(bar.high_value, unit),
          two_decimals(bar.metric_low), two_decimals(bar.metric_high), two_decimals(bar.swing)}) {
      row.push_back(cell);
    }
    rows.push_back(std::move(row));
  }
  const auto still = static_cast<std::size_t>(std::count_if(
    s.tornado.begin(), s.tornado.end(), [](const TornadoBar& bar) { return bar.swing == 0.0; }));
  std::string text =
    "\n" + wrapped(fmt::format("Tornado (the {} largest swings of {})", shown, s.tornado.size()), 0, 0, width);
  if (shown > 0) {
    text += labelled_table(columns, rows, width);
  }
  if (still > 0) {
    text += wrapped(fmt::format("{} of the {} {} not move the {} of {}.", still, s.tornado.size(),
                                still == 1 ? "does" : "do", s.metric.name, s.subject),
                    0, 0, width);
  }
  return text;
}

// Only the parameters that switch are listed: most parameters switch nothing.
std::string switching_section(const SensitivityReport& report, std::size_t width)
{
  const Sensitivity& s = report.sensitivity;
  std::vector<std::vector<std::string>> rows;
  for (const SwitchingValue& sv : s.switching) {
    if (sv.value) {
      const std::string& unit = report.units[sv.parameter];
      rows.push_back({report.labels[sv.parameter], unit_text(sv.base_value, unit),
                      unit_text(*sv.value, unit), sv.becomes_cheapest});
    }
  }
  std::string text =
    "\n"
    + wrapped(fmt::format("Switching values: where {} stops being the cheapest by {}", s.preferred,
                          s.metric.name),
              0, 0, width);
  if (rows.empty()) {
    return text
           + wrapped("None: no parameter on its own, within its range, changes which option "
                     "is cheapest.",
                     0, 0, width);
  }
  return text
         + labelled_table({{"Parameter", TextTable::Align::left},
                           {"Value", TextTable::Align::right},
                           {"Switches at", TextTable::Align::right},
                           {"Then cheapest", TextTable::Align::left}},
                          rows, width)
         + wrapped(fmt::format("Every other parameter: none within range ({} searched).",
                               s.switching.size()),
                   0, 0, width);
}

} // namespace

std::string range_text(const TornadoBar& bar, double swing_share)
{
  return bar.input.empty() ? swing_text(swing_share) : "P10–P90";
}

std::string tornado_note(const Sensitivity& sensitivity)
{
  if (sensitivity.scope != TornadoScope::no_uncertainty) {
    return {};
  }
  return fmt::format("the scenario has no uncertain inputs, so every parameter is swung by {} "
                     "of its value.",
                     swing_text(sensitivity.swing_share));
}

std::vector<std::string> label_lines(const std::string& label, std::size_t width)
{
  constexpr std::size_t k_indent = 2;
  std::vector<std::string> lines;
  const std::string text = wrapped(label, 0, k_indent, width);
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string write_csv(const SensitivityReport& report)
{
  const Sensitivity& s = report.sensitivity;
  std::string text = csv_record(
    {"scenario",   "metric",      "subject", "kind",       "parameter",       "label",
     "unit",       "input",       "range",   "base_value", "low_value",       "high_value",
     "metric_low", "metric_high", "swing",   "preferred",  "switching_value", "becomes_cheapest",
     "range_low",  "range_high"});
  for (const TornadoBar& bar : s.tornado) {
    const auto p = static_cast<std::size_t>(bar.parameter);
    text += csv_record({report.scenario,
                        s.metric.name,
                        s.subject,
                        "tornado",
                        report.paths[p],
                        report.labels[p],
                        report.units[p],
                        bar.input,
                        range_text(bar, s.swing_share),
                        full_precision(bar.base_value),
                        full_precision(bar.low_value),
                        full_precision(bar.high_value),
                        full_precision(bar.metric_low),
                        full_precision(bar.metric_high),
                        full_precision(bar.swing),
                        "",
                        "",
                        "",
                        "",
                        ""});
  }
  for (const SwitchingValue& sv : s.switching) {
    const auto p = static_cast<std::size_t>(sv.parameter);
    text += csv_record({report.scenario,
                        s.metric.name,
                        s.subject,
                        "switching",
                        report.paths[p],
                        report.labels[p],
                        report.units[p],
                        sv.input,
                        "",
                        full_precision(sv.base_value),
                        "",
                        "",
                        "",
                        "",
                        "",
                        s.preferred,
                        sv.value ? full_precision(*sv.value) : "",
                        sv.becomes_cheapest,
                        full_precision(sv.range_low),
                        full_precision(sv.range_high)});
  }
  return text;
}

std::string write_json(const SensitivityReport& report)
{
  const Sensitivity& s = report.sensitivity;
  const auto named = [&](int parameter) {
    const auto p = static_cast<std::size_t>(parameter);
    return fmt::format("\"parameter\": {}, \"label\": {}, \"unit\": {}",
                       json_string(report.paths[p]), json_string(report.labels[p]),
                       json_string(report.units[p]));
  };
  std::string bars;
  for (const TornadoBar& bar : s.tornado) {
    bars += fmt::format(
      "{}    {{{}, \"input\": {}, \"range\": {}, \"base_value\": {}, \"low_value\": {}, "
      "\"high_value\": {}, \"metric_low\": {}, \"metric_high\": {}, \"swing\": {}}}",
      bars.empty() ? "" : ",\n", named(bar.parameter), json_string(bar.input),
      json_string(range_text(bar, s.swing_share)), full_precision(bar.base_value),
      full_precision(bar.low_value), full_precision(bar.high_value), full_precision(bar.metric_low),
      full_precision(bar.metric_high), full_precision(bar.swing));
  }
  std::string switching;
  for (const SwitchingValue& sv : s.switching) {
    switching +=
      fmt::format("{}    {{{}, \"input\": {}, \"base_value\": {}, \"switching_value\": {}, "
                  "\"becomes_cheapest\": {}, \"range_low\": {}, \"range_high\": {}}}",
                  switching.empty() ? "" : ",\n", named(sv.parameter), json_string(sv.input),
                  full_precision(sv.base_value), sv.value ? full_precision(*sv.value) : "null",
                  sv.value ? json_string(sv.becomes_cheapest) : "null",
                  full_precision(sv.range_low), full_precision(sv.range_high));
  }
  const std::string note = tornado_note(s);
  return fmt::format("{{\n  \"scenario\": {},\n  \"title\": {},\n  \"unit\": {},\n"
                     "  \"metric\": {},\n  \"subject\": {},\n  \"base\": {},\n"
                     "  \"swing_share\": {},\n  \"scope\": {},\n  \"note\": {},\n"
                     "  \"preferred\": {},\n  \"tornado\": [\n{}\n  ],\n"
                     "  \"switching\": [\n{}\n  ]\n}}\n",
                     json_string(report.scenario), json_string(report.title),
                     json_string(report.unit), json_string(s.metric.name), json_string(s.subject),
                     full_precision(s.base), full_precision(s.swing_share),
                     json_string(scope_name(s.scope)), note.empty() ? "null" : json_string(note),
                     json_string(s.preferred), bars, switching);
}

std::string write_terminal(const SensitivityReport& report, std::size_t width)
{
  const Sensitivity& s = report.sensitivity;
  return wrapped(report.title, 0, 0, width)
         + wrapped(fmt::format("Sensitivity of the {} of {} ({} {} with every parameter at its "
                               "value). Amounts in {}.",
                               s.metric.name, s.subject, two_decimals(s.base), report.unit,
                               report.unit),
                   0, 0, width)
         + wrapped(ranges_text(s), 0, 0, width) + tornado_section(report, width)
         + switching_section(report, width);
}

} // namespace carecast
