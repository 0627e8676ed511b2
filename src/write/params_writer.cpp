#include "carecast/params_writer.hpp"

#include "carecast/text_table.hpp"
#include "carecast/unit_format.hpp"
#include "carecast/writers.hpp"

#include <fmt/format.h>

namespace carecast {

std::string description(const ParameterEntry& entry,
                        const std::function<std::string(double)>& shown)
{
  return entry.distribution ? describe(*entry.distribution, shown) : std::string{};
}

std::string description_in_unit(const ParameterEntry& entry)
{
  return description(entry, [&](double value) { return unit_text_in_full(value, entry.unit); });
}

std::string write_csv(const ParameterList& list)
{
  std::string text = csv_record({"scenario", "path", "value", "unit", "location", "source",
                                 "assumption", "distribution", "derived"});
  for (const ParameterEntry& entry : list.entries) {
    text += csv_record({list.scenario, entry.path, full_precision(entry.value), entry.unit,
                        entry.location, entry.source, entry.assumption, description(entry),
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
                  json_string(entry.assumption), json_string(description(entry)),
                  entry.derived ? "true" : "false");
  }
  return fmt::format("{{\n  \"scenario\": {},\n  \"parameters\": [\n{}\n  ]\n}}\n",
                     json_string(list.scenario), items);
}

std::string write_terminal(const ParameterList& list, std::size_t width)
{
  TextTable table;
  table.add_column("Parameter", TextTable::Align::left, TextTable::Fit::wrap);
  table.add_column("Value", TextTable::Align::right);
  table.add_column("Unit", TextTable::Align::left);
  table.add_column("Distribution", TextTable::Align::left, TextTable::Fit::wrap);
  for (const ParameterEntry& entry : list.entries) {
    table.add_row({entry.path, unit_text_in_full(entry.value, entry.unit), entry.unit,
                   entry.derived ? "derived, not an input" : description_in_unit(entry)});
  }
  std::string provenance;
  for (const ParameterEntry& entry : list.entries) {
    provenance += "\n"
                  + wrapped(fmt::format("{} ({})", entry.path,
                                        entry.location.empty() ? "default" : entry.location),
                            0, 2, width);
    if (!entry.source.empty()) {
      provenance += wrapped("source: " + entry.source, 2, 4, width);
    }
    if (!entry.assumption.empty()) {
      provenance += wrapped("assumption: " + entry.assumption, 2, 4, width);
    }
  }
  return wrapped(fmt::format("Parameters of {} ({})", list.scenario, list.entries.size()), 0, 0,
                 width)
         + table.render(width) + "\n"
         + wrapped("Where each is set, and its source or assumption", 0, 0, width) + provenance;
}

} // namespace carecast
