#include "carecast/simulation_writer.hpp"

#include "carecast/text_table.hpp"
#include "carecast/writers.hpp"

#include <fmt/format.h>

namespace carecast {
namespace {

std::vector<std::string> statistic_fields(const Statistics& s)
{
  return {full_precision(s.mean), full_precision(s.p5),  full_precision(s.p10),
          full_precision(s.p50),  full_precision(s.p90), full_precision(s.p95)};
}

std::string json_statistics(const Statistics& s)
{
  return fmt::format("\"mean\": {}, \"p5\": {}, \"p10\": {}, \"p50\": {}, \"p90\": {}, \"p95\": {}",
                     full_precision(s.mean), full_precision(s.p5), full_precision(s.p10),
                     full_precision(s.p50), full_precision(s.p90), full_precision(s.p95));
}

std::string percent(double probability)
{
  return fmt::format("{:.1f}%", probability * 100.0);
}

} // namespace

std::string write_csv(const SimulationReport& report)
{
  const Simulation& s = report.simulation;
  std::string text =
    csv_record({"scenario", "seed", "draws", "option", "year", "measure", "mean", "p5", "p10",
                "p50", "p90", "p95", "prob_over_budget", "prob_cheapest"});
  const std::string seed = std::to_string(s.seed);
  const std::string draws = std::to_string(s.draws);
  for (std::size_t o = 0; o < report.options.size(); ++o) {
    for (std::size_t y = 0; y < report.years.size(); ++y) {
      std::vector<std::string> fields{report.scenario, seed,  draws, report.options[o].id,
                                      report.years[y], "cost"};
      for (std::string& field : statistic_fields(s.cost[o][y])) {
        fields.push_back(std::move(field));
      }
      const auto& over = s.over_budget[o][y];
      fields.push_back(over ? full_precision(*over) : std::string{});
      fields.emplace_back();
      text += csv_record(fields);
    }
    std::vector<std::string> fields{report.scenario,          seed, draws, report.options[o].id,
                                    std::string(k_all_years), "npc"};
    for (std::string& field : statistic_fields(s.npc[o])) {
      fields.push_back(std::move(field));
    }
    fields.emplace_back();
    fields.push_back(full_precision(s.cheapest[o]));
    text += csv_record(fields);
  }
  return text;
}

std::string write_json(const SimulationReport& report)
{
  const Simulation& s = report.simulation;
  std::string options;
  for (std::size_t o = 0; o < report.options.size(); ++o) {
    std::string years;
    for (std::size_t y = 0; y < report.years.size(); ++y) {
      const auto& over = s.over_budget[o][y];
      years += fmt::format("{}        {{\"year\": {}, {}, \"prob_over_budget\": {}}}",
                           years.empty() ? "" : ",\n", json_string(report.years[y]),
                           json_statistics(s.cost[o][y]),
                           over ? full_precision(*over) : std::string("null"));
    }
    options += fmt::format("{}    {{\"id\": {}, \"name\": {}, \"prob_cheapest\": {},\n"
                           "      \"npc\": {{{}}},\n      \"cost\": [\n{}\n      ]}}",
                           options.empty() ? "" : ",\n", json_string(report.options[o].id),
                           json_string(report.options[o].name), full_precision(s.cheapest[o]),
                           json_statistics(s.npc[o]), years);
  }
  const std::string repair =
    s.repair_distance ? full_precision(*s.repair_distance) : std::string("null");
  return fmt::format("{{\n  \"scenario\": {},\n  \"title\": {},\n  \"unit\": {},\n  \"seed\": {},\n"
                     "  \"draws\": {},\n  \"correlation_repair_distance\": {},\n"
                     "  \"options\": [\n{}\n  ]\n}}\n",
                     json_string(report.scenario), json_string(report.title),
                     json_string(report.unit), s.seed, s.draws, repair, options);
}

std::string write_terminal(const SimulationReport& report)
{
  const Simulation& s = report.simulation;
  std::string text = fmt::format("{}\nMonte Carlo: {} draws, seed {}. Amounts in {}; financial "
                                 "years run April to March.\n",
                                 report.title, s.draws, s.seed, report.unit);
  if (s.repair_distance) {
    text += fmt::format("The correlation matrix was not valid; the nearest valid one was used "
                        "(Frobenius distance {:.4g}).\n",
                        *s.repair_distance);
  }
  TextTable npc;
  npc.add_column("Option", TextTable::Align::left);
  for (const char* heading : {"Mean", "P5", "P10", "P50", "P90", "P95", "P(cheapest)"}) {
    npc.add_column(heading, TextTable::Align::right);
  }
  for (std::size_t o = 0; o < report.options.size(); ++o) {
    const Statistics& n = s.npc[o];
    npc.add_row({report.options[o].id, two_decimals(n.mean), two_decimals(n.p5),
                 two_decimals(n.p10), two_decimals(n.p50), two_decimals(n.p90), two_decimals(n.p95),
                 percent(s.cheapest[o])});
  }
  text += "\nNet present cost\n" + npc.render();
  for (std::size_t o = 0; o < report.options.size(); ++o) {
    TextTable years;
    years.add_column("Year", TextTable::Align::left);
    for (const char* heading : {"Mean", "P5", "P10", "P50", "P90", "P95", "P(over budget)"}) {
      years.add_column(heading, TextTable::Align::right);
    }
    for (std::size_t y = 0; y < report.years.size(); ++y) {
      const Statistics& c = s.cost[o][y];
      const auto& over = s.over_budget[o][y];
      years.add_row({report.years[y], two_decimals(c.mean), two_decimals(c.p5), two_decimals(c.p10),
                     two_decimals(c.p50), two_decimals(c.p90), two_decimals(c.p95),
                     over ? percent(*over) : std::string{}});
    }
    text += fmt::format("\nCost: {} [{}]\n{}", report.options[o].name, report.options[o].id,
                        years.render());
  }
  return text;
}

} // namespace carecast
