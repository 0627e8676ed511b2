// Budget monitoring as a finance officer reads it at 80 columns.

#include "carecast/outturn_writer.hpp"

#include "carecast/text_table.hpp"
#include "carecast/writers.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace carecast {
namespace {

using Align = TextTable::Align;

// A movement smaller than half a penny of the unit reads as none.
constexpr double k_unmoved = 0.005;

bool any_movement(const Outturn& outturn)
{
  return outturn.total.movement.has_value();
}

bool any_band(const Outturn& outturn)
{
  return outturn.total.band.has_value()
         || std::any_of(outturn.lines.begin(), outturn.lines.end(),
                        [](const OutturnLine& line) { return line.band.has_value(); });
}

std::string heading(const Outturn& outturn, std::size_t width)
{
  const std::string option = outturn.option_name.empty()
                               ? outturn.option
                               : fmt::format("{} ({})", outturn.option, outturn.option_name);
  return fmt::format("Budget monitoring: {}, {}\n", outturn.scenario, to_string(outturn.year))
         + wrapped(fmt::format("Option {}; actuals to {} from {}.", option,
                               period_label(outturn.year, outturn.period), outturn.actuals_file),
                   0, 0, width)
         + wrapped(fmt::format("Amounts in {}. Variance = forecast outturn - budget (+: an "
                               "overspend).",
                               outturn.unit),
                   0, 0, width);
}

std::vector<std::string> line_cells(const OutturnLine& line, const std::string& name,
                                    bool with_movement)
{
  std::vector<std::string> cells{name,
                                 two_decimals(line.budget),
                                 two_decimals(line.actual_to_date),
                                 two_decimals(line.forecast_remaining),
                                 two_decimals(line.forecast_outturn),
                                 signed_amount(line.variance),
                                 std::string(rag_name(line.rag))};
  if (with_movement) {
    cells.push_back(line.movement ? signed_amount(line.movement->total) : "");
  }
  return cells;
}

// A line's id, cut to `longest` characters with an ellipsis when longer, and marked
// when its budget is not the scenario's own.
std::string shown_id(const OutturnLine& line, std::size_t longest)
{
  return shortened(line.id, longest) + (line.budget_stated ? "" : "*");
}

TextTable main_table(const Outturn& outturn, bool with_movement, std::size_t longest_id)
{
  TextTable table;
  table.add_column("Line", Align::left);
  for (const char* header : {"Budget", "Actual", "Remaining", "Outturn", "Variance"}) {
    table.add_column(header, Align::right);
  }
  table.add_column("RAG", Align::left);
  if (with_movement) {
    table.add_column("Moved", Align::right);
  }
  for (const OutturnLine& line : outturn.lines) {
    table.add_row(line_cells(line, shown_id(line, longest_id), with_movement));
  }
  table.add_rule();
  table.add_row(line_cells(outturn.total, "Total", with_movement));
  return table;
}

// The table with a movement column, or without it when that would not fit in 80
// columns (large amounts in £k): the movement's causes below say it then. Line ids
// still too long are cut short; the methods below name them in full.
std::string lines_table(const Outturn& outturn, std::size_t width)
{
  constexpr std::size_t k_shortest_id = 10;
  std::size_t longest_id = 0;
  for (const OutturnLine& line : outturn.lines) {
    longest_id = std::max(longest_id, line.id.size());
  }
  const std::string note =
    any_budget_unstated(outturn) ? wrapped(std::string(k_unstated_budget_note), 0, 3, width) : "";
  if (any_movement(outturn)) {
    const TextTable table = main_table(outturn, true, longest_id);
    if (table.width() <= width) {
      return "\n" + table.render(width) + note;
    }
  }
  TextTable table = main_table(outturn, false, longest_id);
  const std::size_t excess = table.width() - std::min(table.width(), width);
  if (excess > 0 && longest_id > k_shortest_id) {
    table = main_table(outturn, false, std::max(k_shortest_id, longest_id - excess));
  }
  return "\n" + table.render(width) + note;
}

std::string band_section(const Outturn& outturn, std::size_t width)
{
  if (!any_band(outturn)) {
    return "";
  }
  TextTable table;
  table.add_column("Line", Align::left);
  for (const char* header : {"P10", "Outturn", "P90"}) {
    table.add_column(header, Align::right);
  }
  const auto add = [&](const OutturnLine& line, const std::string& name) {
    if (line.band) {
      table.add_row({name, two_decimals(line.band->p10), two_decimals(line.forecast_outturn),
                     two_decimals(line.band->p90)});
    }
  };
  for (const OutturnLine& line : outturn.lines) {
    add(line, line.id);
  }
  table.add_rule();
  add(outturn.total, "Total");
  return "\n"
         + wrapped(fmt::format("Forecast outturn P10-P90: the 80% band over {} draws (seed {}) "
                               "of the months still to come; the actuals stay as posted.",
                               outturn.draws, outturn.seed),
                   0, 0, width)
         + table.render(width);
}

std::string methods_section(const Outturn& outturn, std::size_t width)
{
  std::string text = "\nHow each line is forecast\n";
  for (const OutturnLine& line : outturn.lines) {
    const std::string method = line.method ? std::string(method_name(*line.method)) : "none";
    text += wrapped(fmt::format("{} ({}): {}", line.id, method, line.basis), 0, 4, width);
    if (!line.reason.empty()) {
      text += wrapped("Why: " + line.reason, 4, 4, width);
    }
  }
  return text;
}

std::string movement_line(const std::string& name, const Movement& m, std::size_t width)
{
  return wrapped(name + " " + movement_causes(m), 0, 4, width);
}

// The total's movement, then each line that moved, the largest movement first.
std::string movement_section(const Outturn& outturn, std::size_t width)
{
  if (!any_movement(outturn)) {
    return "";
  }
  std::string text =
    "\n"
    + wrapped(fmt::format("Movement since the forecast of actuals to {} from {}. Restated: the "
                          "actuals of the periods it knew, changed since; spent vs forecast: "
                          "the new periods' actuals less what it expected of them; reforecast: "
                          "the months to come, forecast anew.",
                          period_label(outturn.year, outturn.previous_period),
                          outturn.previous_file),
              0, 0, width);
  text += movement_line("Total", *outturn.total.movement, width);
  std::vector<const OutturnLine*> moved;
  for (const OutturnLine& line : outturn.lines) {
    if (line.movement && std::abs(line.movement->total) >= k_unmoved) {
      moved.push_back(&line);
    }
  }
  std::stable_sort(moved.begin(), moved.end(), [](const OutturnLine* a, const OutturnLine* b) {
    return std::abs(a->movement->total) > std::abs(b->movement->total);
  });
  for (const OutturnLine* line : moved) {
    text += movement_line(line->id, *line->movement, width);
  }
  if (moved.size() < outturn.lines.size()) {
    text += "Lines not listed moved by less than 0.005.\n";
  }
  return text;
}

std::string reconciliation_section(const Outturn& outturn, std::size_t width)
{
  return "\n" + wrapped(reconciliation_text(outturn), 0, 0, width);
}

std::string children_section(const Outturn& outturn, std::size_t width)
{
  if (outturn.children.empty()) {
    return "";
  }
  std::vector<std::string> counts;
  for (const ChildrenCount& count : outturn.children) {
    counts.push_back(fmt::format("{} {:g}", count.placement, count.children));
  }
  return wrapped(fmt::format("Children at the end of period {}, from which the care ladder "
                             "forecasts: {}.",
                             outturn.period, fmt::join(counts, ", ")),
                 0, 0, width);
}

} // namespace

std::string write_terminal(const Outturn& outturn, std::size_t width)
{
  return heading(outturn, width) + lines_table(outturn, width) + band_section(outturn, width) + methods_section(outturn, width)
         + movement_section(outturn, width) + reconciliation_section(outturn, width) + children_section(outturn, width)
         + wrapped("RAG: " + rag_thresholds(outturn), 0, 0, width);
}

} // namespace carecast
