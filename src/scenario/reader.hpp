#pragma once

// The reading of a merged scenario tree into a Scenario, shared by the files that
// read each part of the format. Only the scenario loader includes this.

#include "carecast/scenario.hpp"

#include <fmt/format.h>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <vector>

namespace carecast::reading {

using Keys = std::vector<std::string>;

SourcePos position(const toml::source_region& region);
std::string_view type_name(const toml::node& node);
// A table's entries in the order they were written (toml++ keeps them sorted by key).
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& table);
// A number written with its provenance, `{ value = ..., source = "..." }`, is one value:
// an override replaces it whole rather than merging into it.
bool is_value_table(const toml::node& node);
Keys keys_of(const toml::table& table);

// Turns the merged TOML tree into a Scenario, recording every problem on the way.
class Reader
{
public:
  explicit Reader(std::vector<Diagnostic>& diagnostics)
    : m_diagnostics(diagnostics)
  {}

  Scenario read(const toml::table& root);

private:
  void error(const toml::source_region& where, std::string message)
  {
    m_diagnostics.push_back({position(where), std::move(message)});
  }

  void check_keys(const toml::table& table, const Keys& allowed, std::string_view where);
  // The position of `written` in `names`, the words a key `path` may take; otherwise an
  // error at `node`: '`path`' = "`written`" is not `what` (one of ...), with the
  // nearest name, and nullopt.
  std::optional<std::size_t> choice(const toml::node& node, const std::string& written,
                                    const Keys& names, std::string_view path,
                                    std::string_view what);
  const toml::table* table_at(const toml::table& parent, std::string_view key,
                              std::string_view path, bool required);
  std::string text(const toml::table& table, std::string_view key, std::string_view path,
                   bool required);
  std::optional<Number> number(const toml::node& node, const std::string& path, std::string unit,
                               const Keys& extra_keys = {});
  std::optional<Number> number_at(const toml::table& table, std::string_view key,
                                  const std::string& path, std::string unit, bool required);
  std::optional<Reference> reference(const toml::table& table, std::string_view key,
                                     std::string_view path, bool required);
  // A `true` or `false`; nothing when the key is absent or (reported) not a boolean.
  std::optional<bool> flag(const toml::table& table, std::string_view key, std::string_view path);
  std::optional<MonthRef> month(const toml::table& table, std::string_view key,
                                std::string_view path, bool required);
  std::optional<FinancialYear> year_key(const toml::key& key);

  void read_metadata(const toml::table& table, Scenario& scenario);
  Index read_index(const toml::key& key, const toml::table& table);
  void read_timing(const toml::table& table, const std::string& path, Index& index);
  Line read_line(const toml::key& key, const toml::table& table);
  Budget read_budget(const toml::table& table);
  std::optional<BudgetStep> budget_step(std::string id, const toml::node& node,
                                        const std::string& path, BudgetStepKind kind);
  std::optional<BudgetStepKind> step_kind(const toml::table& table, const std::string& path);
  Option read_option(const toml::key& key, const toml::table& table);
  Appraisal read_appraisal(const toml::table& table);
  std::optional<YearRef> year_value(const toml::table& table, std::string_view key,
                                    std::string_view path);
  Number required_number(const toml::table& table, std::string_view key, const std::string& path,
                         std::string unit);
  Ladder read_ladder(const toml::table& table);
  void read_uncertainty(const toml::table& table, Scenario& scenario);
  UncertainInput read_uncertain_input(const toml::key& key, const toml::table& table);
  void read_known_base_year(const toml::node& node, Scenario& scenario);
  CorrelationMatrix read_correlation(const toml::table& table);
  std::vector<Reference> read_ids(const toml::table& table, std::string_view key,
                                  std::string_view path, std::string_view what);
  PlacementType read_placement_type(const toml::key& key, const toml::table& table);
  std::vector<MovesRow> read_moves(const toml::table& table, const std::vector<Reference>& order);
  LedgerMap read_ledger(const toml::table& table);
  LedgerLine read_ledger_line(const toml::key& key, const toml::table& table);
  std::vector<CodePattern> read_codes(const toml::table& table, const std::string& path);
  LedgerBudgetYear read_line_budgets(const toml::key& key, const toml::table& table);
  std::optional<Overlay> read_overlay(const toml::key& key, const toml::table& table,
                                      const std::string& path);

  template <typename Item, typename ReadItem>
  std::vector<Item> read_tables(const toml::table& parent, std::string_view path,
                                ReadItem read_item);

  std::vector<Diagnostic>& m_diagnostics;
  std::string m_unit = "£m";
};

template <typename Item, typename ReadItem>
std::vector<Item> Reader::read_tables(const toml::table& parent, std::string_view path,
                                      ReadItem read_item)
{
  std::vector<Item> items;
  for (const auto& [key, node] : in_file_order(parent)) {
    if (const toml::table* table = node->as_table()) {
      items.push_back(read_item(*key, *table));
    } else {
      error(node->source(),
            fmt::format("'{}.{}' must be a table, not {}", path, key->str(), type_name(*node)));
    }
  }
  return items;
}

} // namespace carecast::reading
