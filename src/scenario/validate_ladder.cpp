#include "validator.hpp"

#include "carecast/figure_range.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <set>

namespace carecast::validation {
namespace {

const std::vector<std::string>& ladder_units()
{
  static const std::vector<std::string> units{"£m", "£k", "£"};
  return units;
}

} // namespace

bool Validator::is_ladder_line(const Line& line) const
{
  return m_scenario.ladder && m_scenario.ladder->line.id == line.id;
}

void Validator::check_lines_have_base()
{
  for (const Line& line : m_scenario.lines) {
    if (!line.base && !is_ladder_line(line)) {
      error(line.pos, fmt::format("missing key 'lines.{}.base'", line.id));
    }
  }
}

void Validator::check_ladder(const Ladder& ladder)
{
  check_ladder_line(ladder);
  const auto& units = ladder_units();
  if (std::find(units.begin(), units.end(), m_scenario.unit) == units.end()) {
    error(ladder.pos, fmt::format("the care ladder's weekly costs are in pounds, so the scenario's "
                                  "unit must be £m, £k or £, not '{}'",
                                  m_scenario.unit));
  }
  if (!k_non_negative.holds(ladder.entries_per_year.value)) {
    error(ladder.entries_per_year.pos,
          fmt::format("'ladder.entries.per_year' = {:.15g} must not be negative",
                      ladder.entries_per_year.value));
  }
  if (ladder.entry_growth) {
    check_rate(*ladder.entry_growth);
  }
  if (ladder.entry_growth_index) {
    check_reference(*ladder.entry_growth_index, m_indices, "index");
  }
  double shares = 0.0;
  for (const PlacementType& type : ladder.types) {
    check_placement_type(type);
    shares += type.entry_share.value;
  }
  if (!ladder.types.empty() && std::abs(shares - 1.0) > k_ladder_tolerance) {
    error(ladder.types.front().entry_share.pos,
          fmt::format("the entry shares of the placement types add up to {:.15g}, not 1", shares));
  }
  if (ladder.types.empty()) {
    error(ladder.pos, "the care ladder defines no placement types under [ladder.types]");
  }
  check_order(ladder);
  check_moves(ladder);
}

void Validator::check_ladder_line(const Ladder& ladder)
{
  check_reference(ladder.line, m_lines, "line");
  const auto line = std::find_if(m_scenario.lines.begin(), m_scenario.lines.end(),
                                 [&](const Line& l) { return l.id == ladder.line.id; });
  if (line == m_scenario.lines.end()) {
    return;
  }
  if (line->base || line->demand || !line->prices.empty() || line->until) {
    error(line->pos,
          fmt::format("line '{}' is fed by the care ladder, so it takes no 'base', 'demand', "
                      "'prices' or 'until': its cost is the ladder's",
                      line->id));
  }
}

void Validator::check_placement_type(const PlacementType& type)
{
  if (std::find(m_lines.begin(), m_lines.end(), type.id) != m_lines.end() || type.id == "total") {
    error(type.pos, fmt::format("placement type '{}' has the id of a cost line (or 'total'); "
                                "reports name both in one column, so give it another id",
                                type.id));
  }
  for (const Number* number : {&type.weekly_cost, &type.children}) {
    if (!k_non_negative.holds(number->value)) {
      error(number->pos,
            fmt::format("'{}' = {:.15g} must not be negative", number->path, number->value));
    }
  }
  check_fraction(type.entry_share);
  check_fraction(type.exit_rate);
  if (type.prices) {
    check_reference(*type.prices, m_indices, "index");
  }
}

void Validator::check_order(const Ladder& ladder)
{
  std::set<std::string> listed;
  for (const Reference& id : ladder.order) {
    check_reference(id, m_placements, "placement type");
    if (!listed.insert(id.id).second) {
      error(id.pos, fmt::format("'ladder.order' lists '{}' twice", id.id));
    }
  }
  for (const PlacementType& type : ladder.types) {
    if (!listed.contains(type.id)) {
      error(type.pos, fmt::format("placement type '{}' is missing from 'ladder.order', which "
                                  "gives the rows and columns of the move matrix",
                                  type.id));
    }
  }
}

// The matrix is square: one row per type, each as long as `order`; the diagonal is 0;
// each row's moves and exit rate leave at most all of the type's children.
void Validator::check_moves(const Ladder& ladder)
{
  std::set<std::string> rows;
  for (const MovesRow& row : ladder.moves) {
    check_reference(row.from, m_placements, "placement type");
    if (!rows.insert(row.from.id).second) {
      error(row.from.pos, fmt::format("'ladder.moves' has two rows for '{}'", row.from.id));
    }
    if (row.rates.size() != ladder.order.size()) {
      error(row.from.pos,
            fmt::format("'ladder.moves.{}' has {} rates, but 'ladder.order' names {} types; the "
                        "move matrix is square",
                        row.from.id, row.rates.size(), ladder.order.size()));
      continue;
    }
    double outflow = 0.0;
    for (std::size_t column = 0; column < row.rates.size(); ++column) {
      const Number& rate = row.rates[column];
      if (!k_fraction.holds(rate.value)) {
        error(rate.pos, fmt::format("'{}' = {:.15g} is out of range: an annual move rate is a "
                                    "share {}, so 5% is written 0.05",
                                    rate.path, rate.value, k_fraction.text()));
      }
      if (ladder.order[column].id == row.from.id && rate.value != 0.0) {
        error(rate.pos, fmt::format("'{}' = {:.15g} moves '{}' to itself; the diagonal is 0, as "
                                    "staying is what is left after moves and exits",
                                    rate.path, rate.value, row.from.id));
      }
      outflow += rate.value;
    }
    const auto type = std::find_if(ladder.types.begin(), ladder.types.end(),
                                   [&](const PlacementType& t) { return t.id == row.from.id; });
    if (type == ladder.types.end()) {
      continue;
    }
    outflow += type->exit_rate.value;
    if (outflow > 1.0 + k_ladder_tolerance) {
      error(row.from.pos,
            fmt::format("'{}' loses more than all its children in a year: its moves and exit rate "
                        "add up to {:.15g}, more than 1",
                        row.from.id, outflow));
    }
  }
  for (const PlacementType& type : ladder.types) {
    if (!rows.contains(type.id)) {
      error(ladder.moves_pos,
            fmt::format("'ladder.moves' has no row for '{}'; write its annual move rates to each "
                        "type in 'ladder.order' (zeros where it makes none)",
                        type.id));
    }
  }
}

void Validator::check_ladder_overlay(const Overlay& overlay, const std::string& path)
{
  if (!m_scenario.ladder) {
    error(overlay.pos, fmt::format("'{}' changes the care ladder, but the scenario has no "
                                   "[ladder]",
                                   path));
    return;
  }
  if (overlay.kind != OverlayKind::entries) {
    check_reference(overlay.target, m_placements, "placement type");
  }
  if (overlay.counterpart) {
    check_reference(*overlay.counterpart, m_placements, "placement type");
    if (overlay.counterpart->id == overlay.target.id) {
      error(overlay.counterpart->pos,
            fmt::format("'{}' moves children from '{}' to itself", path, overlay.target.id));
    }
  }
  const Number& value = overlay.value;
  switch (overlay.kind) {
  case OverlayKind::shift_entries:
  case OverlayKind::shift_moves:
    check_fraction(value);
    break;
  case OverlayKind::entries:
    if (!k_entries_change.holds(value.value)) {
      error(value.pos, fmt::format("'{}' = {:.15g} is out of range: a change of entries is a "
                                   "fraction above -1 and at most {:g}, so 10% fewer is written "
                                   "-0.1",
                                   value.path, value.value, k_entries_change.high));
    }
    break;
  default:
    if (value.value < 0.0) {
      error(value.pos, fmt::format("'{}' = {:.15g} must not be negative", value.path, value.value));
    }
    break;
  }
}

} // namespace carecast::validation
