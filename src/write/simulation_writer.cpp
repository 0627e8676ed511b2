#include "carecast/simulation_writer.hpp"

#include "carecast/text_table.hpp"
#include "carecast/writers.hpp"

#include <cmath>
#include <fmt/format.h>
#include <optional>

namespace carecast {
namespace {

std::string optional_field(const std::optional<double>& value)
{
  return value ? full_precision(*value) : std::string{};
}

std::string json_optional(const std::optional<double>& value)
{
  return value ? full_precision(*value) : std::string("null");
}

std::vector<std::string> statistic_fields(const Statistics& s)
{
  return {full_precision(s.central), full_precision(s.mean), full_precision(s.p5),
          full_precision(s.p10),     full_precision(s.p50),  full_precision(s.p90),
          full_precision(s.p95)};
}

std::string json_statistics(const Statistics& s)
{
  return fmt::format("\"central\": {}, \"mean\": {}, \"p5\": {}, \"p10\": {}, \"p50\": {}, "
                     "\"p90\": {}, \"p95\": {}",
                     full_precision(s.central), full_precision(s.mean), full_precision(s.p5),
                     full_precision(s.p10), full_precision(s.p50), full_precision(s.p90),
                     full_precision(s.p95));
}

// A probability to 0.1%; a share of draws that is not all or none never reads as
// 100.0% or 0.0%.
std::string percent(double probability)
{
  if (probability > 0.999 && probability < 1.0) {
    return ">99.9%";
  }
  if (probability > 0.0 && probability < 0.001) {
    return "<0.1%";
  }
  return fmt::format("{:.1f}%", probability * 100.0);
}

std::string optional_percent(const std::optional<double>& probability)
{
  return probability ? percent(*probability) : std::string{};
}

// An amount for a sentence: "£10.27m" in £m, otherwise the number and the unit.
std::string amount(double value, const std::string& unit)
{
  const std::string size = two_decimals(std::abs(value));
  const std::string sign = value < 0.0 && size != "0.00" ? "-" : "";
  return unit == "£m" ? fmt::format("{}£{}m", sign, size)
                      : fmt::format("{}{} {}", sign, size, unit);
}

// One CSV row: the identifying fields, the statistics, then the probability and risk
// columns, blank where they do not apply.
struct CsvRow
{
  std::string option;
  std::string vs;
  std::string year;
  std::string measure;
  const Statistics* statistics = nullptr;
  std::optional<double> over_budget;
  std::optional<double> expected_overspend;
  std::optional<double> cheapest;
  std::optional<double> cheaper;
  std::optional<double> expected_shortfall;
  std::optional<double> shortfall;
};

CsvRow csv_row(std::string option, std::string vs, std::string year, std::string measure,
              const Statistics& statistics)
{
  CsvRow row;
  row.option = std::move(option);
  row.vs = std::move(vs);
  row.year = std::move(year);
  row.measure = std::move(measure);
  row.statistics = &statistics;
  return row;
}

std::string csv_row(const SimulationReport& report, const CsvRow& row)
{
  std::vector<std::string> fields{report.scenario, std::to_string(report.simulation.seed),
                                  std::to_string(report.simulation.draws), row.option, row.vs,
                                  row.year, row.measure};
  for (std::string& field : statistic_fields(*row.statistics)) {
    fields.push_back(std::move(field));
  }
  for (const auto& value : {row.over_budget, row.expected_overspend, row.cheapest, row.cheaper,
                            row.expected_shortfall, row.shortfall}) {
    fields.push_back(optional_field(value));
  }
  return csv_record(fields);
}

std::string pair_name(const SimulationReport& report, const Difference& difference)
{
  return fmt::format("{} against {}", report.options[difference.pair.option].id,
                     report.options[difference.pair.reference].id);
}

// The answer to "how much cheaper, and how sure", for one series of differences.
std::string answer(const SimulationReport& report, const Difference& difference,
                   const DifferenceSeries& series, std::string_view basis, std::size_t width)
{
  const std::string& option = report.options[difference.pair.option].id;
  const std::string& reference = report.options[difference.pair.reference].id;
  if (!series.cheaper) {
    return wrapped(fmt::format("{}: {} and {} cost the same in every draw.", basis, option,
                               reference),
                   0, 2, width);
  }
  // A saving is the difference negated: its P10 is the difference's P90.
  const Statistics& s = series.statistics;
  const bool saves = s.p50 < 0.0;
  return wrapped(fmt::format("{}: {} costs less than {} in {} of draws; median {} {} (P10 to "
                             "P90 {} to {}; central {}).",
                             basis, option, reference, percent(*series.cheaper),
                             saves ? "saving" : "extra cost", amount(std::abs(s.p50), report.unit),
                             amount(saves ? -s.p90 : s.p10, report.unit),
                             amount(saves ? -s.p10 : s.p90, report.unit),
                             amount(saves ? -s.central : s.central, report.unit)),
                 0, 2, width);
}

std::string difference_table(const SimulationReport& report, const Difference& difference,
                             std::size_t width)
{
  TextTable table;
  table.add_column("Year", TextTable::Align::left);
  for (const char* heading : {"Central", "Mean", "P10", "P50", "P90", "P(cheaper)"}) {
    table.add_column(heading, TextTable::Align::right);
  }
  const auto add = [&](const std::string& label, const DifferenceSeries& series) {
    const Statistics& s = series.statistics;
    table.add_row({label, two_decimals(s.central), two_decimals(s.mean), two_decimals(s.p10),
                   two_decimals(s.p50), two_decimals(s.p90), optional_percent(series.cheaper)});
  };
  for (std::size_t y = 0; y < report.years.size(); ++y) {
    add(report.years[y], difference.cost[y]);
  }
  table.add_rule();
  add("Total", difference.total);
  add("NPC", difference.npc);
  return table.render(width);
}

} // namespace

std::string write_csv(const SimulationReport& report)
{
  const Simulation& s = report.simulation;
  std::string text = csv_record({"scenario", "seed", "draws", "option", "vs", "year", "measure",
                                 "central", "mean", "p5", "p10", "p50", "p90", "p95",
                                 "prob_over_budget", "expected_overspend", "prob_cheapest",
                                 "prob_cheaper", "expected_shortfall", "prob_shortfall"});
  for (std::size_t o = 0; o < report.options.size(); ++o) {
    for (std::size_t y = 0; y < report.years.size(); ++y) {
      CsvRow row = csv_row(report.options[o].id, "", report.years[y], "cost", s.cost[o][y]);
      if (const auto& budget = s.budget[o][y]) {
        row.over_budget = budget->over;
        row.expected_overspend = budget->expected_overspend;
      }
      if (const auto& shortfall = s.shortfall[o][y]) {
        row.expected_shortfall = shortfall->expected;
        row.shortfall = shortfall->beyond_threshold;
      }
      text += csv_row(report, row);
    }
    CsvRow row = csv_row(report.options[o].id, "", std::string(k_all_years), "npc", s.npc[o]);
    row.cheapest = s.cheapest[o];
    text += csv_row(report, row);
  }
  for (const Difference& difference : s.differences) {
    const std::string& option = report.options[difference.pair.option].id;
    const std::string& vs = report.options[difference.pair.reference].id;
    const auto add = [&](const std::string& year, std::string measure,
                         const DifferenceSeries& series) {
      CsvRow row = csv_row(option, vs, year, std::move(measure), series.statistics);
      row.cheaper = series.cheaper;
      text += csv_row(report, row);
    };
    for (std::size_t y = 0; y < report.years.size(); ++y) {
      add(report.years[y], "difference", difference.cost[y]);
    }
    add(std::string(k_total_line), "difference", difference.total);
    add(std::string(k_all_years), "npc_difference", difference.npc);
  }
  return text;
}

std::string write_json(const SimulationReport& report)
{
  const Simulation& s = report.simulation;
  std::vector<std::string> options;
  for (std::size_t o = 0; o < report.options.size(); ++o) {
    std::vector<std::string> years;
    for (std::size_t y = 0; y < report.years.size(); ++y) {
      const auto& budget = s.budget[o][y];
      const auto& shortfall = s.shortfall[o][y];
      years.push_back(fmt::format(
        "{{\"year\": {}, {}, \"prob_over_budget\": {}, \"expected_overspend\": {}, "
        "\"expected_shortfall\": {}, \"prob_shortfall\": {}}}",
        json_string(report.years[y]), json_statistics(s.cost[o][y]),
        json_optional(budget ? std::optional(budget->over) : std::nullopt),
        json_optional(budget ? std::optional(budget->expected_overspend) : std::nullopt),
        json_optional(shortfall ? std::optional(shortfall->expected) : std::nullopt),
        json_optional(shortfall ? std::optional(shortfall->beyond_threshold) : std::nullopt)));
    }
    options.push_back(fmt::format("    {{\"id\": {}, \"name\": {}, \"prob_cheapest\": {},\n"
                                  "      \"npc\": {{{}}},\n      \"cost\": [\n        {}\n      ]}}",
                                  json_string(report.options[o].id),
                                  json_string(report.options[o].name),
                                  full_precision(s.cheapest[o]), json_statistics(s.npc[o]),
                                  fmt::join(years, ",\n        ")));
  }
  const auto series = [](const DifferenceSeries& d) {
    return fmt::format("{{{}, \"prob_cheaper\": {}}}", json_statistics(d.statistics),
                       json_optional(d.cheaper));
  };
  std::vector<std::string> differences;
  for (const Difference& difference : s.differences) {
    std::vector<std::string> years;
    for (std::size_t y = 0; y < report.years.size(); ++y) {
      years.push_back(fmt::format("{{\"year\": {}, {}", json_string(report.years[y]),
                                  series(difference.cost[y]).substr(1)));
    }
    differences.push_back(fmt::format(
      "    {{\"option\": {}, \"vs\": {},\n      \"npc\": {},\n      \"total\": {},\n"
      "      \"cost\": [\n        {}\n      ]}}",
      json_string(report.options[difference.pair.option].id),
      json_string(report.options[difference.pair.reference].id), series(difference.npc),
      series(difference.total), fmt::join(years, ",\n        ")));
  }
  const std::string repair =
    s.repair_distance ? full_precision(*s.repair_distance) : std::string("null");
  return fmt::format("{{\n  \"scenario\": {},\n  \"title\": {},\n  \"unit\": {},\n  \"seed\": {},\n"
                     "  \"draws\": {},\n  \"correlation_repair_distance\": {},\n"
                     "  \"shortfall_threshold\": {},\n"
                     "  \"options\": [\n{}\n  ],\n  \"differences\": [\n{}\n  ]\n}}\n",
                     json_string(report.scenario), json_string(report.title),
                     json_string(report.unit), s.seed, s.draws, repair,
                     full_precision(s.shortfall_threshold), fmt::join(options, ",\n"),
                     fmt::join(differences, ",\n"));
}

std::string write_terminal(const SimulationReport& report, std::size_t width)
{
  const Simulation& s = report.simulation;
  std::string text = wrapped(report.title, 0, 0, width)
                     + wrapped(fmt::format("Monte Carlo: {} draws, seed {}. Amounts in {}; "
                                           "financial years run April to March.",
                                           s.draws, s.seed, report.unit),
                               0, 0, width);
  if (s.repair_distance) {
    text += wrapped(fmt::format("The correlation matrix was not valid; the nearest valid one was "
                                "used (Frobenius distance {:.4g}).",
                                *s.repair_distance),
                    0, 0, width);
  }
  for (const Difference& difference : s.differences) {
    text += "\n" + answer(report, difference, difference.npc, "Net present cost", width)
            + answer(report, difference, difference.total, "Cash over the horizon", width);
  }
  TextTable npc;
  npc.add_column("Option", TextTable::Align::left, TextTable::Fit::shorten);
  for (const char* heading : {"Central", "Mean", "P10", "P50", "P90", "P(cheapest)"}) {
    npc.add_column(heading, TextTable::Align::right);
  }
  for (std::size_t o = 0; o < report.options.size(); ++o) {
    const Statistics& n = s.npc[o];
    npc.add_row({report.options[o].id, two_decimals(n.central), two_decimals(n.mean),
                 two_decimals(n.p10), two_decimals(n.p50), two_decimals(n.p90),
                 percent(s.cheapest[o])});
  }
  text += "\nNet present cost\n" + npc.render(width);
  for (const Difference& difference : s.differences) {
    text += "\n"
            + wrapped(fmt::format("Difference: {} (negative: {} costs less)",
                                  pair_name(report, difference),
                                  report.options[difference.pair.option].id),
                      0, 2, width)
            + difference_table(report, difference, width);
  }
  for (std::size_t o = 0; o < report.options.size(); ++o) {
    TextTable years;
    years.add_column("Year", TextTable::Align::left);
    for (const char* heading : {"Central", "Mean", "P10", "P50", "P90", "P(over)", "Overspend"}) {
      years.add_column(heading, TextTable::Align::right);
    }
    bool savings = false;
    for (std::size_t y = 0; y < report.years.size(); ++y) {
      const Statistics& c = s.cost[o][y];
      const auto& budget = s.budget[o][y];
      years.add_row({report.years[y], two_decimals(c.central), two_decimals(c.mean),
                     two_decimals(c.p10), two_decimals(c.p50), two_decimals(c.p90),
                     budget ? percent(budget->over) : std::string{},
                     budget ? two_decimals(budget->expected_overspend) : std::string{}});
      savings = savings || s.shortfall[o][y].has_value();
    }
    text += "\n"
            + wrapped(fmt::format("Cost: {} [{}]", report.options[o].name, report.options[o].id),
                      0, 0, width)
            + years.render(width);
    if (!savings) {
      continue;
    }
    TextTable shortfall;
    shortfall.add_column("Year", TextTable::Align::left);
    shortfall.add_column("Mean shortfall", TextTable::Align::right);
    shortfall.add_column(fmt::format("P(short by more than {})", two_decimals(s.shortfall_threshold)),
                         TextTable::Align::right);
    for (std::size_t y = 0; y < report.years.size(); ++y) {
      if (const auto& risk = s.shortfall[o][y]) {
        shortfall.add_row({report.years[y], two_decimals(risk->expected),
                           percent(risk->beyond_threshold)});
      }
    }
    text += "Savings target\n" + shortfall.render(width);
  }
  text += "\n"
          + wrapped("P(over): the share of draws over the year's budget; Overspend: the mean "
                    "amount over it, draws within budget counting as 0. Central: every input at "
                    "its value.",
                    0, 0, width);
  return text;
}

} // namespace carecast
