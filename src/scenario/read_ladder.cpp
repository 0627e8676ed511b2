#include "reader.hpp"

namespace carecast::reading {

Number Reader::required_number(const toml::table& table, std::string_view key,
                               const std::string& path, std::string unit)
{
  return number_at(table, key, path, unit, true)
    .value_or(Number{0.0, path, unit, position(table.source()), {}});
}

Ladder Reader::read_ladder(const toml::table& table)
{
  check_keys(table, {"line", "order", "entries", "types", "moves"}, "[ladder]");
  Ladder ladder;
  ladder.pos = position(table.source());
  ladder.line = reference(table, "line", "ladder.line", true).value_or(Reference{{}, ladder.pos});
  ladder.order_pos = table.get("order") ? position(table.get("order")->source()) : ladder.pos;
  ladder.order = read_ids(table, "order", "ladder.order",
                          "the placement type ids, in the order of the move matrix's rows and "
                          "columns");
  ladder.entries_per_year = Number{0.0, "ladder.entries.per_year", "children/yr", ladder.pos, {}};
  if (const toml::table* entries = table_at(table, "entries", "ladder.entries", true)) {
    check_keys(*entries, {"per_year", "growth"}, "[ladder.entries]");
    ladder.entries_per_year =
      required_number(*entries, "per_year", "ladder.entries.per_year", "children/yr");
    const toml::node* growth = entries->get("growth");
    if (growth && growth->is_string()) {
      ladder.entry_growth_index = reference(*entries, "growth", "ladder.entries.growth", false);
    } else {
      ladder.entry_growth =
        number_at(*entries, "growth", "ladder.entries.growth", "rate/yr", false);
    }
  }
  if (const toml::table* types = table_at(table, "types", "ladder.types", true)) {
    ladder.types = read_tables<PlacementType>(
      *types, "ladder.types", [this](auto& k, auto& t) { return read_placement_type(k, t); });
  }
  ladder.moves_pos = ladder.pos;
  if (const toml::table* moves = table_at(table, "moves", "ladder.moves", true)) {
    ladder.moves_pos = position(moves->source());
    ladder.moves = read_moves(*moves, ladder.order);
  }
  return ladder;
}

PlacementType Reader::read_placement_type(const toml::key& key, const toml::table& table)
{
  const std::string path = fmt::format("ladder.types.{}", key.str());
  check_keys(table, {"name", "weekly_cost", "prices", "children", "entry_share", "exit_rate"},
             fmt::format("[{}]", path));
  return PlacementType{std::string(key.str()),
                       text(table, "name", path + ".name", false),
                       position(key.source()),
                       required_number(table, "weekly_cost", path + ".weekly_cost", "£/week"),
                       reference(table, "prices", path + ".prices", false),
                       required_number(table, "children", path + ".children", "children"),
                       required_number(table, "entry_share", path + ".entry_share", "share"),
                       required_number(table, "exit_rate", path + ".exit_rate", "rate/yr")};
}

// Each row is an array of annual rates in `order`; the table's own source or
// assumption is the provenance of every rate that does not state one.
std::vector<MovesRow> Reader::read_moves(const toml::table& table,
                                         const std::vector<Reference>& order)
{
  const Provenance shared{text(table, "source", "ladder.moves.source", false),
                          text(table, "assumption", "ladder.moves.assumption", false)};
  std::vector<MovesRow> rows;
  for (const auto& [key, node] : in_file_order(table)) {
    const std::string from(key->str());
    if (from == "source" || from == "assumption") {
      continue;
    }
    const std::string path = "ladder.moves." + from;
    const toml::array* rates = node->as_array();
    if (!rates) {
      error(node->source(), fmt::format("'{}' must be an array of annual rates, one for each type "
                                        "in 'ladder.order', not {}",
                                        path, type_name(*node)));
      continue;
    }
    MovesRow row{{from, position(key->source())}, {}};
    for (std::size_t column = 0; column < rates->size(); ++column) {
      const std::string to =
        column < order.size() ? order[column].id : fmt::format("{}", column + 1);
      const toml::node& cell = *rates->get(column);
      const std::string rate_path = fmt::format("{}.{}", path, to);
      // A rate that cannot be read is reported and held as 0, so the row keeps its length.
      Number rate = number(cell, rate_path, "rate/yr")
                      .value_or(Number{0.0, rate_path, "rate/yr", position(cell.source()), {}});
      if (rate.provenance.source.empty() && rate.provenance.assumption.empty()) {
        rate.provenance = shared;
      }
      row.rates.push_back(std::move(rate));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

} // namespace carecast::reading
