#include "carecast/params.hpp"

#include "carecast/text_table.hpp"
#include "carecast/writers.hpp"

#include <cmath>
#include <fmt/format.h>

namespace carecast {

std::string describe(const Distribution& distribution)
{
  const auto bounds = [&] {
    std::string text;
    if (std::isfinite(distribution.low)) {
      text += fmt::format(", low {:g}", distribution.low);
    }
    if (std::isfinite(distribution.high)) {
      text += fmt::format(", high {:g}", distribution.high);
    }
    return text;
  };
  switch (distribution.kind) {
  case DistributionKind::uniform:
    return fmt::format("uniform(low {:g}, high {:g})", distribution.low, distribution.high);
  case DistributionKind::triangular:
  case DistributionKind::pert:
    return fmt::format("{}(low {:g}, mode {:g}, high {:g})",
                       distribution.kind == DistributionKind::pert ? "pert" : "triangular",
                       distribution.low, distribution.mode, distribution.high);
  case DistributionKind::normal:
    return fmt::format("normal(mean {:g}, sd {:g}{})", distribution.mean, distribution.sd,
                       bounds());
  case DistributionKind::lognormal:
    return fmt::format("lognormal(median {:g}, sigma {:g})", distribution.median,
                       distribution.sigma);
  }
  return {};
}

ParameterList parameter_list(const Model& model, const std::string& scenario)
{
  ParameterList list{scenario, {}};
  for (const Parameter& parameter : model.parameters()) {
    list.entries.push_back({parameter.path, parameter.value, parameter.unit,
                            parameter.pos.file.empty()
                              ? std::string{}
                              : fmt::format("{}:{}", parameter.pos.file, parameter.pos.line),
                            parameter.provenance.source, parameter.provenance.assumption,
                            std::string{}, parameter.derived});
  }
  for (const ModelInput& input : model.inputs()) {
    list.entries[static_cast<std::size_t>(input.parameter)].distribution =
      describe(input.distribution);
  }
  return list;
}

std::string write_csv(const ParameterList& list)
{
  std::string text = csv_record({"scenario", "path", "value", "unit", "location", "source",
                                 "assumption", "distribution", "derived"});
  for (const ParameterEntry& entry : list.entries) {
    text += csv_record({list.scenario, entry.path, full_precision(entry.value), entry.unit,
                        entry.location, entry.source, entry.assumption, entry.distribution,
                        entry.derived ? "1" : "0"});
  }
  return text;
}

std::string write_json(const ParameterList& list)
{
  std::string items;
  for (const ParameterEntry& entry : list.entries) {
    items +=
      fmt::format("{}    {{\"path\": {}, \"value\": {}, \"unit\": {}, \"location\": {}, "
                  "\"source\": {}, \"assumption\": {}, \"distribution\": {}, \"derived\": {}}}",
                  items.empty() ? "" : ",\n", json_string(entry.path), full_precision(entry.value),
                  json_string(entry.unit), json_string(entry.location), json_string(entry.source),
                  json_string(entry.assumption), json_string(entry.distribution),
                  entry.derived ? "true" : "false");
  }
  return fmt::format("{{\n  \"scenario\": {},\n  \"parameters\": [\n{}\n  ]\n}}\n",
                     json_string(list.scenario), items);
}

std::string write_terminal(const ParameterList& list)
{
  TextTable table;
  table.add_column("Parameter", TextTable::Align::left);
  table.add_column("Value", TextTable::Align::right);
  table.add_column("Unit", TextTable::Align::left);
  table.add_column("Distribution", TextTable::Align::left);
  for (const ParameterEntry& entry : list.entries) {
    table.add_row({entry.path, fmt::format("{:g}", entry.value), entry.unit,
                   entry.derived ? "derived, not an input" : entry.distribution});
  }
  std::string provenance;
  for (const ParameterEntry& entry : list.entries) {
    provenance +=
      fmt::format("\n{} ({})\n", entry.path, entry.location.empty() ? "default" : entry.location);
    if (!entry.source.empty()) {
      provenance += fmt::format("  source: {}\n", entry.source);
    }
    if (!entry.assumption.empty()) {
      provenance += fmt::format("  assumption: {}\n", entry.assumption);
    }
  }
  return fmt::format("Parameters of {} ({})\n{}\nWhere each is set, and its source or "
                     "assumption\n{}",
                     list.scenario, list.entries.size(), table.render(), provenance);
}

} // namespace carecast
