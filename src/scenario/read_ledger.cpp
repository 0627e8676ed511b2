#include "reader.hpp"

namespace carecast::reading {

// [ledger]: the ledger file's unit, the RAG thresholds, each line's codes and
// forecasting method, and line budgets by year (docs/outturn.md).
LedgerMap Reader::read_ledger(const toml::table& table)
{
  check_keys(table, {"unit", "rag", "lines", "budgets"}, "[ledger]");
  LedgerMap ledger;
  ledger.pos = position(table.source());
  ledger.unit = text(table, "unit", "ledger.unit", false);
  if (const toml::node* unit = table.get("unit")) {
    ledger.unit_pos = position(unit->source());
  }
  if (const toml::table* rag = table_at(table, "rag", "ledger.rag", false)) {
    check_keys(*rag, {"amber", "red"}, "ledger.rag");
    ledger.amber = number_at(*rag, "amber", "ledger.rag.amber", "share", true);
    ledger.red = number_at(*rag, "red", "ledger.rag.red", "share", true);
  }
  if (const toml::table* lines = table_at(table, "lines", "ledger.lines", true)) {
    ledger.lines = read_tables<LedgerLine>(
      *lines, "ledger.lines", [this](auto& k, auto& t) { return read_ledger_line(k, t); });
  }
  if (const toml::table* budgets = table_at(table, "budgets", "ledger.budgets", false)) {
    ledger.budgets = read_tables<LedgerBudgetYear>(
      *budgets, "ledger.budgets", [this](auto& k, auto& t) { return read_line_budgets(k, t); });
  }
  return ledger;
}

LedgerLine Reader::read_ledger_line(const toml::key& key, const toml::table& table)
{
  const std::string path = fmt::format("ledger.lines.{}", key.str());
  check_keys(table, {"codes", "method", "reason", "periods", "profile"},
             fmt::format("[{}]", path));
  LedgerLine line;
  line.line = Reference{std::string(key.str()), position(key.source())};
  line.codes = read_codes(table, path + ".codes");
  line.method_pos = line.line.pos;
  const std::string method = text(table, "method", path + ".method", true);
  if (const toml::node* node = table.get("method"); node && node->is_string()) {
    line.method_pos = position(node->source());
    if (const auto chosen = choice(*node, method, {"projection", "run_rate", "profile", "committed"},
                                   path + ".method", "a forecasting method")) {
      line.method = static_cast<OutturnMethod>(*chosen);
    }
  }
  line.reason = text(table, "reason", path + ".reason", true);
  line.periods = number_at(table, "periods", path + ".periods", "periods", false);
  line.profile_pos = line.line.pos;
  if (const toml::node* node = table.get("profile")) {
    line.profile_pos = position(node->source());
    if (const toml::array* weights = node->as_array()) {
      for (std::size_t i = 0; i < weights->size(); ++i) {
        if (auto weight = number((*weights)[i], fmt::format("{}.profile[{}]", path, i + 1), "weight")) {
          line.profile.push_back(std::move(*weight));
        }
      }
    } else {
      error(node->source(), fmt::format("'{}.profile' must be an array of 12 weights, April to "
                                        "March, not {}",
                                        path, type_name(*node)));
    }
  }
  return line;
}

std::vector<CodePattern> Reader::read_codes(const toml::table& table, const std::string& path)
{
  std::vector<CodePattern> codes;
  const toml::node* node = table.get("codes");
  if (!node) {
    error(table.source(), fmt::format("missing key '{}'", path));
    return codes;
  }
  const toml::array* array = node->as_array();
  if (!array) {
    error(node->source(), fmt::format("'{}' must be an array of cost codes, not {}", path,
                                      type_name(*node)));
    return codes;
  }
  for (const toml::node& code : *array) {
    if (!code.is_string() || code.as_string()->get().empty()) {
      error(code.source(), fmt::format("'{}' must hold cost codes as text, not {}", path,
                                       code.is_string() ? "an empty string" : type_name(code)));
      continue;
    }
    codes.push_back({std::string(code.as_string()->get()), position(code.source())});
  }
  return codes;
}

LedgerBudgetYear Reader::read_line_budgets(const toml::key& key, const toml::table& table)
{
  LedgerBudgetYear budgets;
  budgets.year = year_key(key).value_or(FinancialYear{});
  budgets.pos = position(key.source());
  for (const auto& [line, node] : in_file_order(table)) {
    const std::string path = fmt::format("ledger.budgets.{}.{}", key.str(), line->str());
    if (auto amount = number(*node, path, m_unit + "/yr")) {
      budgets.lines.push_back({Reference{std::string(line->str()), position(line->source())},
                               std::move(*amount)});
    }
  }
  return budgets;
}

} // namespace carecast::reading
