#include "carecast/sobol_writer.hpp"

#include "carecast/text_table.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace carecast {
namespace {

using Align = TextTable::Align;

std::vector<std::string> interval_fields(const Interval& interval)
{
  return {full_precision(interval.estimate), full_precision(interval.low),
          full_precision(interval.high)};
}

std::string json_interval(const Interval& interval)
{
  return fmt::format("{{\"estimate\": {}, \"low\": {}, \"high\": {}}}",
                     full_precision(interval.estimate), full_precision(interval.low),
                     full_precision(interval.high));
}

std::string json_bool(bool value)
{
  return value ? "true" : "false";
}

// An index as tables show it: 3 decimals, never "-0.000".
std::string three_decimals(double value)
{
  return fmt::format("{:.3f}", std::abs(value) < 0.0005 ? 0.0 : value);
}

std::string interval_cell(const Interval& interval)
{
  return fmt::format("[{}, {}]", three_decimals(interval.low), three_decimals(interval.high));
}

// 95 for 0.95, 99.5 for 0.995.
std::string percent(double confidence)
{
  return fmt::format("{:g}%", confidence * 100.0);
}

// The input has no effect at all on the output: f(AB_i) = f(A) for every sample.
bool no_effect(const SobolIndex& index)
{
  for (const Interval& interval : {index.first, index.total}) {
    if (interval.estimate != 0.0 || interval.low != 0.0 || interval.high != 0.0) {
      return false;
    }
  }
  return true;
}

// The count behind the intervals of the analysis's design, as CSV and JSON give it: an
// empty cell or null for the other design's.
std::string count_or(int count, const char* missing)
{
  return count > 0 ? std::to_string(count) : missing;
}

std::string output_name(const SobolReport& report, std::size_t output)
{
  if (report.outputs[output] != k_all_years) {
    return report.outputs[output];
  }
  return fmt::format("the horizon, {} to {}", report.outputs.front(),
                     report.outputs[report.outputs.size() - 2]);
}

std::string heading(const SobolReport& report, std::size_t width)
{
  const SobolAnalysis& a = report.analysis;
  std::string text =
    wrapped(report.title, 0, 0, width)
    + wrapped(fmt::format("Sobol' indices of the cost of option {} ({}): {} samples of {} inputs "
                          "({} model runs), seed {}; {}.",
                          report.option.id, report.option.name, a.samples, report.inputs.size(),
                          a.evaluations, a.seed, design_text(a)),
              0, 0, width)
    + wrapped(fmt::format("Shares of the variance of each year's cost and of the horizon's, the "
                          "inputs ranked by total index. Amounts in {}.",
                          report.unit),
              0, 0, width);
  if (a.correlation_ignored) {
    text += wrapped("The inputs are drawn independently: the scenario's [correlation] is not used.",
                    0, 0, width);
  }
  return text;
}

std::string output_table(const SobolReport& report, std::size_t output, std::size_t width)
{
  const SobolResult& r = report.analysis.result;
  std::vector<std::size_t> order;
  std::vector<std::string> unaffected;
  for (std::size_t i = 0; i < report.inputs.size(); ++i) {
    if (no_effect(r.indices[output][i])) {
      unaffected.push_back(report.inputs[i].id);
    } else {
      order.push_back(i);
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return r.indices[output][x].total.estimate > r.indices[output][y].total.estimate;
  });
  const std::string interval = percent(report.analysis.confidence) + " interval";
  TextTable table;
  table.add_column("Input", Align::left, TextTable::Fit::wrap);
  for (const std::string& header :
       {std::string("First"), interval, std::string("Total"), interval}) {
    table.add_column(header, Align::right);
  }
  for (const std::size_t i : order) {
    const SobolIndex& index = r.indices[output][i];
    table.add_row({report.inputs[i].id, three_decimals(index.first.estimate),
                   interval_cell(index.first), three_decimals(index.total.estimate),
                   interval_cell(index.total)});
  }
  return table.render(width)
         + (unaffected.empty()
              ? ""
              : wrapped(fmt::format("No effect: {}.", fmt::join(unaffected, ", ")), 0, 2, width));
}

std::string output_section(const SobolReport& report, std::size_t output, std::size_t width)
{
  const SobolResult& r = report.analysis.result;
  const std::string name = output_name(report, output);
  if (r.constant[output]) {
    return "\n" + wrapped(fmt::format("Cost in {}: does not vary with the inputs.", name), 0, 0, width);
  }
  std::string text = "\n"
                     + wrapped(fmt::format("Cost in {}: standard deviation {}", name,
                                           two_decimals(std::sqrt(r.variance[output]))),
                               0, 0, width);
  if (r.too_wide[output]) {
    text += wrapped("Intervals too wide to rank the inputs: more samples would narrow them.", 0, 0,
                    width);
  }
  return text + output_table(report, output, width);
}

} // namespace

std::string write_csv(const SobolReport& report)
{
  const SobolAnalysis& a = report.analysis;
  std::string text = csv_record({"scenario",  "seed",      "samples",    "design",    "scramblings",
                                 "bootstrap", "interval",  "confidence", "option",    "year",
                                 "input",     "parameter", "first",      "first_low", "first_high",
                                 "total",     "total_low", "total_high", "variance",  "too_wide"});
  for (std::size_t output = 0; output < report.outputs.size(); ++output) {
    for (std::size_t i = 0; i < report.inputs.size(); ++i) {
      std::vector<std::string> fields{
        report.scenario,           std::to_string(a.seed),       std::to_string(a.samples),
        to_string(a.design),       count_or(a.scramblings, ""),  count_or(a.resamples, ""),
        interval_method(a.design), full_precision(a.confidence), report.option.id,
        report.outputs[output],    report.inputs[i].id,          report.inputs[i].parameter};
      const SobolIndex& index = a.result.indices[output][i];
      for (const Interval& interval : {index.first, index.total}) {
        for (std::string& field : interval_fields(interval)) {
          fields.push_back(std::move(field));
        }
      }
      fields.push_back(full_precision(a.result.variance[output]));
      fields.push_back(json_bool(a.result.too_wide[output]));
      text += csv_record(fields);
    }
  }
  return text;
}

std::string write_json(const SobolReport& report)
{
  const SobolAnalysis& a = report.analysis;
  std::string inputs;
  for (const SobolInput& input : report.inputs) {
    inputs += fmt::format("{}    {{\"id\": {}, \"parameter\": {}}}", inputs.empty() ? "" : ",\n",
                          json_string(input.id), json_string(input.parameter));
  }
  std::string outputs;
  for (std::size_t output = 0; output < report.outputs.size(); ++output) {
    std::string indices;
    for (std::size_t i = 0; i < report.inputs.size(); ++i) {
      const SobolIndex& index = a.result.indices[output][i];
      indices += fmt::format("{}        {{\"input\": {}, \"first\": {}, \"total\": {}}}",
                             indices.empty() ? "" : ",\n", json_string(report.inputs[i].id),
                             json_interval(index.first), json_interval(index.total));
    }
    outputs +=
      fmt::format("{}    {{\"year\": {}, \"variance\": {}, \"constant\": {}, "
                  "\"too_wide\": {},\n      \"indices\": [\n{}\n      ]}}",
                  outputs.empty() ? "" : ",\n", json_string(report.outputs[output]),
                  full_precision(a.result.variance[output]), json_bool(a.result.constant[output]),
                  json_bool(a.result.too_wide[output]), indices);
  }
  return fmt::format(
    "{{\n  \"scenario\": {},\n  \"title\": {},\n  \"unit\": {},\n"
    "  \"option\": {{\"id\": {}, \"name\": {}}},\n  \"seed\": {},\n  \"samples\": {},\n"
    "  \"design\": {},\n  \"scramblings\": {},\n  \"bootstrap\": {},\n  \"interval\": {},\n"
    "  \"confidence\": {},\n  \"evaluations\": {},\n"
    "  \"correlation_ignored\": {},\n  \"max_width\": {},\n  \"inputs\": [\n{}\n  ],\n"
    "  \"outputs\": [\n{}\n  ]\n}}\n",
    json_string(report.scenario), json_string(report.title), json_string(report.unit),
    json_string(report.option.id), json_string(report.option.name), a.seed, a.samples,
    json_string(to_string(a.design)), count_or(a.scramblings, "null"),
    count_or(a.resamples, "null"), json_string(interval_method(a.design)),
    full_precision(a.confidence), a.evaluations, json_bool(a.correlation_ignored),
    full_precision(k_sobol_max_width), inputs, outputs);
}

std::string design_text(const SobolAnalysis& a)
{
  if (a.design == SobolDesign::sobol) {
    return fmt::format("Sobol' design in {} random digital shifts, {} Student t intervals over "
                       "them",
                       a.scramblings, percent(a.confidence));
  }
  return fmt::format("random design, {} percentile intervals from {} bootstrap resamples",
                     percent(a.confidence), a.resamples);
}

std::string write_terminal(const SobolReport& report, std::size_t width)
{
  std::string text = heading(report, width);
  for (std::size_t output = 0; output < report.outputs.size(); ++output) {
    text += output_section(report, output, width);
  }
  return text;
}

} // namespace carecast
