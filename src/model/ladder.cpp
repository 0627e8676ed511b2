#include "ladder.hpp"

#include "carecast/kernels.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <optional>

namespace carecast::projection {
namespace {

bool active(const ModelOverlay& overlay, int month)
{
  return month >= overlay.first_month && month < overlay.end_month;
}

int days_in_month(Month month)
{
  static constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int year = month.year();
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return k_days[month.month_of_year() - 1] + (leap && month.month_of_year() == 2 ? 1 : 0);
}

// Annual rates of one regime: moves[i][j] (i != j) and exits[i], one value per draw.
struct AnnualRates
{
  std::vector<std::vector<Array>> moves;
  std::vector<Array> exits;
};

AnnualRates stated_rates(const ModelLadder& ladder, const Parameters& parameters)
{
  const std::size_t n = ladder.types.size();
  AnnualRates rates{std::vector<std::vector<Array>>(n, std::vector<Array>(n)), {}};
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      rates.moves[i][j] = parameters.row(ladder.types[i].moves[j]).array();
    }
    rates.exits.push_back(parameters.row(ladder.types[i].exit_rate).array());
  }
  return rates;
}

bool same_for_every_draw(const Array& rate)
{
  const double first = rate(0, 0);
  return std::all_of(rate.data(), rate.data() + rate.size(),
                     [first](double value) { return value == first; });
}

// The monthly matrix (staying on the diagonal) of annual rates: a type with annual
// outflow o keeps (1 - o)^(1/12) each month, and the monthly outflow is split in
// proportion to the annual rates. A type whose annual rates are the same in every draw
// (move rates are seldom sampled) has its monthly rates worked out once, in one column.
std::vector<std::vector<Array>> monthly_matrix(const AnnualRates& rates)
{
  const std::size_t n = rates.exits.size();
  std::vector<std::vector<Array>> monthly(n, std::vector<Array>(n));
  for (std::size_t i = 0; i < n; ++i) {
    const bool same = same_for_every_draw(rates.exits[i])
                      && std::all_of(rates.moves[i].begin(), rates.moves[i].end(),
                                     [](const Array& rate) { return same_for_every_draw(rate); });
    const Eigen::Index columns = same ? 1 : rates.exits[i].cols();
    Array outflow = rates.exits[i].leftCols(columns);
    for (std::size_t j = 0; j < n; ++j) {
      if (j != i) {
        outflow += rates.moves[i][j].leftCols(columns);
      }
    }
    // Validation keeps outflows within 1 + tolerance; clamp the tolerance away.
    const Array stay = each_draw(
      1.0 - outflow.min(1.0), [](double kept) { return std::pow(kept, 1.0 / k_months_per_year); });
    const Array per_rate = (outflow > 0.0).select((1.0 - stay) / outflow, 0.0);
    for (std::size_t j = 0; j < n; ++j) {
      monthly[i][j] = j == i ? stay : Array(rates.moves[i][j].leftCols(columns) * per_rate);
    }
  }
  return monthly;
}

// The annual rates with the option's move shifts in force in `month` applied.
AnnualRates shifted_rates(AnnualRates rates, const ModelOption& option, int month,
                          const Parameters& parameters)
{
  for (const ModelOverlay& overlay : option.overlays) {
    if (overlay.kind != OverlayKind::shift_moves || !active(overlay, month)) {
      continue;
    }
    const auto share = parameters.row(overlay.value).array();
    for (std::size_t i = 0; i < rates.exits.size(); ++i) {
      const int row = static_cast<int>(i);
      if (row == overlay.target || row == overlay.counterpart) {
        continue;
      }
      const Array moved = rates.moves[i][overlay.target] * share;
      rates.moves[i][overlay.target] -= moved;
      rates.moves[i][overlay.counterpart] += moved;
    }
  }
  return rates;
}

// Which of the option's overlays of `kind` (a shift of moves or of entries) are in force
// in a month: the monthly matrix changes only with the shifts of moves, the entry shares
// only with the shifts of entries.
std::vector<bool> shift_regime(const ModelOption& option, OverlayKind kind, int month)
{
  std::vector<bool> regime;
  for (const ModelOverlay& overlay : option.overlays) {
    regime.push_back(overlay.kind == kind && active(overlay, month));
  }
  return regime;
}

// Entries per month: per_year / 12, grown at the ladder's own rate as a monthly index
// (averaging per_year in the base year) or like an index, and changed by the option's entries
// overlays; from month `first` on, the rows before it left unset for a projection that
// starts there.
Array monthly_entries(const ModelLadder& ladder, const ModelOption& option,
                      const IndexLevels& levels, const Parameters& parameters, int months,
                      int first)
{
  Array own_level;
  const Array* level = nullptr;
  if (ladder.growth != k_none) {
    ModelIndex growth;
    growth.rate_by_year.assign(static_cast<std::size_t>(months / k_months_per_year), ladder.growth);
    growth.timing = IndexTiming::monthly;
    own_level = index_level(growth, {}, parameters, months);
    level = &own_level;
  } else if (ladder.growth_index != k_none) {
    level = &levels[ladder.growth_index];
  }
  const Array per_month = parameters.row(ladder.entries).array() / k_months_per_year;
  const kernels::Table& loops = kernels::active();
  Array entries(months, parameters.cols());
  for (int t = first; t < months; ++t) {
    if (level) {
      loops.multiply(level->row(t).data(), per_month.data(), entries.row(t).data(),
                     per_month.cols());
    } else {
      entries.row(t) = per_month; // 1 x per_month
    }
  }
  for (const ModelOverlay& overlay : option.overlays) {
    if (overlay.kind == OverlayKind::entries) {
      for (int t = std::max(first, overlay.first_month); t < overlay.end_month; ++t) {
        entries.row(t) *= 1.0 + parameters.row(overlay.value).array();
      }
    }
  }
  return entries;
}

// The share of a month's entries placed in each type, after the option's shifts in
// force in `month`.
std::vector<Array> entry_shares(const ModelLadder& ladder, const ModelOption& option, int month,
                                const Parameters& parameters)
{
  std::vector<Array> shares;
  for (const ModelPlacement& type : ladder.types) {
    shares.push_back(parameters.row(type.entry_share).array());
  }
  for (const ModelOverlay& overlay : option.overlays) {
    if (overlay.kind == OverlayKind::shift_entries && active(overlay, month)) {
      const Array moved = shares[overlay.target] * parameters.row(overlay.value).array();
      shares[overlay.target] -= moved;
      shares[overlay.counterpart] += moved;
    }
  }
  return shares;
}

// The types whose children new places count elsewhere in `month`: those the option's
// capacity overlays in force fill and fill from.
std::vector<bool> filled_types(const ModelOption& option, int types, int month)
{
  std::vector<bool> filled(static_cast<std::size_t>(types), false);
  for (const ModelOverlay& overlay : option.overlays) {
    if (overlay.kind == OverlayKind::capacity && active(overlay, month)) {
      filled[overlay.target] = true;
      filled[overlay.counterpart] = true;
    }
  }
  return filled;
}

// Children in new places are counted in their placement instead of where they would
// otherwise be, up to the places and to the children there are. `counts` holds one
// month's children, a row per type; only the rows of filled_types() are read and written.
void fill_capacity(const ModelOption& option, const Parameters& parameters, int month,
                   Array& counts)
{
  for (const ModelOverlay& overlay : option.overlays) {
    if (overlay.kind != OverlayKind::capacity || !active(overlay, month)) {
      continue;
    }
    const Array moved = counts.row(overlay.counterpart).min(parameters.row(overlay.value).array());
    counts.row(overlay.counterpart) -= moved;
    counts.row(overlay.target) += moved;
  }
}

// The parameter of each month's weekly price of a type: its own, or an option's
// unit cost where one is in force.
std::vector<int> weekly_costs(const ModelOption& option, int type, int placement_cost, int months)
{
  std::vector<int> cost_by_month(static_cast<std::size_t>(months), placement_cost);
  for (const ModelOverlay& overlay : option.overlays) {
    if (overlay.kind == OverlayKind::unit_cost && overlay.target == type) {
      std::fill(cost_by_month.begin() + overlay.first_month,
                cost_by_month.begin() + overlay.end_month, overlay.value);
    }
  }
  return cost_by_month;
}

// inflows[j]: the monthly rates into type j from each type i, as one value when every
// draw has the same (move rates are seldom sampled), so the step loads it once. A rate
// of 0 for every draw is left out: it would add opening x 0 = 0 to a sum of children,
// which changes no count.
std::vector<Inflows> inflows(const std::vector<std::vector<Array>>& monthly)
{
  const std::size_t n = monthly.size();
  std::vector<Inflows> into(n);
  for (std::size_t j = 0; j < n; ++j) {
    for (std::size_t i = 0; i < n; ++i) {
      const Array& rate = monthly[i][j];
      if (!same_for_every_draw(rate)) {
        into[j].rates.push_back({rate.data(), 0.0});
      } else if (rate(0, 0) != 0.0) {
        into[j].rates.push_back({nullptr, rate(0, 0)});
      } else {
        continue;
      }
      into[j].from.push_back(static_cast<int>(i));
    }
  }
  return into;
}

MonthlyMoves monthly_moves(const AnnualRates& rates)
{
  MonthlyMoves moves;
  moves.monthly = monthly_matrix(rates);
  moves.into = inflows(moves.monthly);
  return moves;
}

} // namespace

int first_ladder_month(const Model& model, const ModelOption& option)
{
  const ModelLadder& ladder = model.ladder();
  std::vector<int> indices{ladder.growth_index};
  for (const ModelPlacement& type : ladder.types) {
    indices.push_back(type.price_index);
  }
  int first = first_rate_change(option, indices, model.grid().months());
  for (const ModelOverlay& overlay : option.overlays) {
    if (changes_ladder(overlay.kind)) {
      first = std::min(first, overlay.first_month);
    }
  }
  return first;
}

MonthlyMoves stated_moves(const Model& model, const Parameters& parameters)
{
  return monthly_moves(stated_rates(model.ladder(), parameters));
}

LadderProjection project_ladder(const Model& model, const ModelOption& option,
                                const IndexLevels& levels, const Parameters& parameters,
                                LadderFigures figures, const MonthlyMoves& stated_monthly,
                                const LadderShare& share)
{
  const ModelLadder& ladder = model.ladder();
  const int months = model.grid().months();
  const std::size_t n = ladder.types.size();
  const int types = static_cast<int>(n);
  const Eigen::Index draws = parameters.cols();
  const int start = share.unchanged ? share.start : 0;
  const Array entries = monthly_entries(ladder, option, levels, parameters, months, start);
  // The stated annual rates, read only for a shift of moves: the projection is handed
  // their monthly form.
  std::optional<AnnualRates> stated;
  const auto stated_once = [&]() -> const AnnualRates& {
    if (!stated) {
      stated = stated_rates(ladder, parameters);
    }
    return *stated;
  };
  std::vector<std::vector<int>> weekly;
  for (int j = 0; j < types; ++j) {
    weekly.push_back(weekly_costs(option, j, ladder.types[j].weekly_cost, months));
  }

  const kernels::Table& loops = kernels::active();
  LadderProjection result;
  result.total = Array(months, draws); // each month's written by month_cost
  result.weeks = Array(months, 1);
  if (figures == LadderFigures::by_type) {
    for (std::size_t j = 0; j < n; ++j) {
      for (auto* by_type : {&result.closing, &result.children, &result.price, &result.cost}) {
        by_type->emplace_back(months, draws);
      }
    }
  }
  // One month at a time, a row per type: the children at its start and end as the
  // moves leave them, and as counted once new places are filled.
  Array opening(types, draws);
  Array closing(types, draws);
  Array counted_opening(types, draws);
  Array counted_closing(types, draws);
  // The level of a price without an index: w x 1 x scale is w x scale exactly.
  const Array unit_level = Array::Ones(1, draws);
  if (start > 0) {
    const LadderProjection& unchanged = *share.unchanged;
    assert(unchanged.cost.size() == result.cost.size() && "the same figures");
    const auto kept = std::find_if(unchanged.openings.begin(), unchanged.openings.end(),
                                   [start](const auto& month) { return month.first == start; });
    assert(kept != unchanged.openings.end() && "the unchanged projection kept the start");
    opening = kept->second;
    result.total.topRows(start) = unchanged.total.topRows(start);
    result.weeks.topRows(start) = unchanged.weeks.topRows(start);
    for (std::size_t j = 0; j < result.cost.size(); ++j) {
      result.closing[j].topRows(start) = unchanged.closing[j].topRows(start);
      result.children[j].topRows(start) = unchanged.children[j].topRows(start);
      result.price[j].topRows(start) = unchanged.price[j].topRows(start);
      result.cost[j].topRows(start) = unchanged.cost[j].topRows(start);
    }
  } else {
    for (int j = 0; j < types; ++j) {
      opening.row(j) = parameters.row(ladder.types[j].children).array();
    }
  }
  std::vector<bool> moves_regime;
  std::vector<bool> entries_regime;
  std::vector<Array> shares;
  std::vector<const double*> from;
  // Each type's rows of the month, for its cost.
  std::vector<const double*> starts(n);
  std::vector<const double*> ends(n);
  std::vector<const double*> weekly_cost(n);
  std::vector<const double*> price_level(n);
  std::optional<MonthlyMoves> shifted_moves;
  const MonthlyMoves* moves = nullptr;
  for (int t = start; t < months; ++t) {
    if (std::find(share.keep.begin(), share.keep.end(), t) != share.keep.end()) {
      result.openings.emplace_back(t, opening);
    }
    if (ladder.reset && ladder.reset->month == t) {
      for (int j = 0; j < types; ++j) {
        opening.row(j).setConstant(ladder.reset->children[j]);
      }
    }
    if (std::vector<bool> now = shift_regime(option, OverlayKind::shift_moves, t);
        t == start || now != moves_regime) {
      moves_regime = std::move(now);
      const bool shifted = std::find(moves_regime.begin(), moves_regime.end(), true)
                           != moves_regime.end();
      if (shifted) {
        shifted_moves = monthly_moves(shifted_rates(stated_once(), option, t, parameters));
        moves = &*shifted_moves;
      } else {
        moves = &stated_monthly;
      }
    }
    if (std::vector<bool> now = shift_regime(option, OverlayKind::shift_entries, t);
        t == start || now != entries_regime) {
      entries_regime = std::move(now);
      shares = entry_shares(ladder, option, t, parameters);
    }
    for (int j = 0; j < types; ++j) {
      const Inflows& terms = moves->into[j];
      from.clear();
      for (const int i : terms.from) {
        from.push_back(opening.row(i).data());
      }
      loops.step(entries.row(t).data(), shares[j].data(), from.data(), terms.rates.data(),
                 static_cast<int>(from.size()), closing.row(j).data(), draws);
    }
    // Where new places are filled, the rows of the types they count elsewhere are copied
    // and counted again; the other types are counted as the moves leave them.
    const std::vector<bool> filled = filled_types(option, types, t);
    for (int j = 0; j < types; ++j) {
      if (filled[static_cast<std::size_t>(j)]) {
        counted_opening.row(j) = opening.row(j);
        counted_closing.row(j) = closing.row(j);
      }
    }
    if (std::find(filled.begin(), filled.end(), true) != filled.end()) {
      fill_capacity(option, parameters, t, counted_opening);
      fill_capacity(option, parameters, t, counted_closing);
    }
    // Each type's children counted in the month (the mean of its opening and closing),
    // weekly price and cost: children x price x weeks in the month.
    const double weeks = days_in_month(model.grid().month(t)) / 7.0;
    result.weeks(t, 0) = weeks;
    for (int j = 0; j < types; ++j) {
      const int index = ladder.types[j].price_index;
      const bool counted = filled[static_cast<std::size_t>(j)];
      starts[j] = (counted ? counted_opening : opening).row(j).data();
      ends[j] = (counted ? counted_closing : closing).row(j).data();
      weekly_cost[j] = parameters.row(weekly[j][t]).data();
      price_level[j] = index != k_none ? levels[index].row(t).data() : unit_level.data();
    }
    loops.month_cost(starts.data(), ends.data(), weekly_cost.data(), price_level.data(), types,
                     ladder.money_scale, weeks, result.total.row(t).data(), draws);
    if (figures == LadderFigures::by_type) {
      using Row = Eigen::Map<const Eigen::Array<double, 1, Eigen::Dynamic>>;
      for (int j = 0; j < types; ++j) {
        // The same figures as month_cost's, type by type.
        const auto price =
          Row(weekly_cost[j], draws) * Row(price_level[j], draws) * ladder.money_scale;
        const auto opened = Row(starts[j], draws);
        const auto closed = Row(ends[j], draws);
        const auto children = (opened + closed) * 0.5;
        result.closing[j].row(t) = closed;
        result.children[j].row(t) = children;
        result.price[j].row(t) = price;
        result.cost[j].row(t) = children * price * weeks;
      }
    }
    opening.swap(closing);
  }
  return result;
}

Array line_baseline(const Model& model, int line, const IndexLevels& levels,
                    const LadderProjection* ladder, const Parameters& parameters)
{
  if (ladder && line == model.ladder().line) {
    return ladder->total;
  }
  return baseline_cost(model.lines()[line], levels, parameters, model.grid().months());
}

} // namespace carecast::projection
