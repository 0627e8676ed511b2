#include "carecast/loader.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <toml++/toml.h>

namespace carecast {
namespace {

constexpr int k_max_extends_depth = 8;
// Financial years a scenario may start or end in; anything else is a typo.
constexpr int k_first_year = 1900;
constexpr int k_last_year = 2200;

using Keys = std::vector<std::string>;

SourcePos position(const toml::source_region& region)
{
  return SourcePos{region.path ? *region.path : std::string{}, static_cast<int>(region.begin.line),
                   static_cast<int>(region.begin.column)};
}

std::string_view type_name(const toml::node& node)
{
  switch (node.type()) {
  case toml::node_type::table:
    return "a table";
  case toml::node_type::array:
    return "an array";
  case toml::node_type::string:
    return "a string";
  case toml::node_type::integer:
    return "an integer";
  case toml::node_type::floating_point:
    return "a number";
  case toml::node_type::boolean:
    return "a boolean";
  default:
    return "a date or time";
  }
}

// A table's entries in the order they were written (toml++ keeps them sorted by key).
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& table)
{
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (auto&& [key, node] : table) {
    entries.emplace_back(&key, &node);
  }
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return position(a.first->source()) < position(b.first->source());
  });
  return entries;
}

// A number written with its provenance, `{ value = ..., source = "..." }`, is one value:
// an override replaces it whole rather than merging into it.
bool is_value_table(const toml::node& node)
{
  return node.is_table() && node.as_table()->contains("value");
}

Keys keys_of(const toml::table& table)
{
  Keys keys;
  for (auto&& [key, node] : table) {
    keys.emplace_back(key.str());
  }
  return keys;
}

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
  std::optional<MonthRef> month(const toml::table& table, std::string_view key,
                                std::string_view path, bool required);
  std::optional<FinancialYear> year_key(const toml::key& key);

  void read_metadata(const toml::table& table, Scenario& scenario);
  Index read_index(const toml::key& key, const toml::table& table);
  Line read_line(const toml::key& key, const toml::table& table);
  Budget read_budget(const toml::table& table);
  std::optional<BudgetStep> budget_step(std::string id, const toml::node& node,
                                        const std::string& path, BudgetStepKind kind);
  std::optional<BudgetStepKind> step_kind(const toml::table& table, const std::string& path);
  Option read_option(const toml::key& key, const toml::table& table);
  Appraisal read_appraisal(const toml::table& table);
  std::optional<YearRef> year_value(const toml::table& table, std::string_view key,
                                    std::string_view path);
  std::optional<Overlay> read_overlay(const toml::key& key, const toml::table& table,
                                      const std::string& path);

  template <typename Item, typename ReadItem>
  std::vector<Item> read_tables(const toml::table& parent, std::string_view path,
                                ReadItem read_item);

  std::vector<Diagnostic>& m_diagnostics;
  std::string m_unit = "£m";
};

void Reader::check_keys(const toml::table& table, const Keys& allowed, std::string_view where)
{
  for (auto&& [key, node] : table) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
      error(key.source(), fmt::format("unknown key '{}' in {}{}", key.str(), where,
                                      did_you_mean(key.str(), allowed)));
    }
  }
}

const toml::table* Reader::table_at(const toml::table& parent, std::string_view key,
                                    std::string_view path, bool required)
{
  const toml::node* node = parent.get(key);
  if (!node) {
    if (required) {
      error(parent.source(), fmt::format("missing table [{}]", path));
    }
    return nullptr;
  }
  if (!node->is_table()) {
    error(node->source(), fmt::format("'{}' must be a table, not {}", path, type_name(*node)));
    return nullptr;
  }
  return node->as_table();
}

std::string Reader::text(const toml::table& table, std::string_view key, std::string_view path,
                         bool required)
{
  const toml::node* node = table.get(key);
  if (!node) {
    if (required) {
      error(table.source(), fmt::format("missing key '{}'", path));
    }
    return {};
  }
  if (!node->is_string()) {
    error(node->source(), fmt::format("'{}' must be a string, not {}", path, type_name(*node)));
    return {};
  }
  return std::string(node->as_string()->get());
}

std::optional<Number> Reader::number(const toml::node& node, const std::string& path,
                                     std::string unit, const Keys& extra_keys)
{
  Number result{0.0, path, std::move(unit), position(node.source()), {}};
  const toml::node* value_node = &node;
  if (const toml::table* table = node.as_table()) {
    Keys allowed{"value", "source", "assumption"};
    allowed.insert(allowed.end(), extra_keys.begin(), extra_keys.end());
    check_keys(*table, allowed, path);
    result.provenance.source = text(*table, "source", path + ".source", false);
    result.provenance.assumption = text(*table, "assumption", path + ".assumption", false);
    value_node = table->get("value");
    if (!value_node) {
      error(node.source(), fmt::format("'{}' has no 'value'", path));
      return std::nullopt;
    }
  }
  if (!value_node->is_number()) {
    error(value_node->source(),
          fmt::format("'{}' must be a number, not {}", path, type_name(*value_node)));
    return std::nullopt;
  }
  result.value = *value_node->value<double>();
  result.pos = position(value_node->source());
  if (!std::isfinite(result.value)) {
    error(value_node->source(), fmt::format("'{}' must be a finite number", path));
    return std::nullopt;
  }
  return result;
}

std::optional<Number> Reader::number_at(const toml::table& table, std::string_view key,
                                        const std::string& path, std::string unit, bool required)
{
  const toml::node* node = table.get(key);
  if (!node) {
    if (required) {
      error(table.source(), fmt::format("missing key '{}'", path));
    }
    return std::nullopt;
  }
  return number(*node, path, std::move(unit));
}

std::optional<Reference> Reader::reference(const toml::table& table, std::string_view key,
                                           std::string_view path, bool required)
{
  const toml::node* node = table.get(key);
  std::string id = text(table, key, path, required);
  if (id.empty()) {
    if (node && node->is_string()) {
      error(node->source(), fmt::format("'{}' must not be empty", path));
    }
    return std::nullopt;
  }
  return Reference{std::move(id), position(node->source())};
}

std::optional<MonthRef> Reader::month(const toml::table& table, std::string_view key,
                                      std::string_view path, bool required)
{
  const std::string written = text(table, key, path, required);
  const toml::node* node = table.get(key);
  if (!node || !node->is_string()) {
    return std::nullopt;
  }
  const std::optional<Month> parsed = parse_month(written);
  if (!parsed) {
    error(node->source(), fmt::format("'{}' = \"{}\" is not a month; write months as YYYY-MM, "
                                      "e.g. \"2022-10\"",
                                      path, written));
    return std::nullopt;
  }
  return MonthRef{*parsed, position(node->source())};
}

std::optional<FinancialYear> Reader::year_key(const toml::key& key)
{
  const std::optional<FinancialYear> year = parse_financial_year(key.str());
  if (!year) {
    error(key.source(), fmt::format("'{}' is not a financial year; write years as YYYY/YY, "
                                    "e.g. \"2022/23\"",
                                    key.str()));
  }
  return year;
}

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

void Reader::read_metadata(const toml::table& table, Scenario& scenario)
{
  check_keys(table, {"name", "description", "base_year", "horizon", "unit"}, "[scenario]");
  scenario.name = text(table, "name", "scenario.name", true);
  scenario.description = text(table, "description", "scenario.description", false);
  const std::string unit = text(table, "unit", "scenario.unit", false);
  if (!unit.empty()) {
    m_unit = unit;
  }
  scenario.unit = m_unit;
  const auto year = [&](std::string_view key, FinancialYear& out, SourcePos& pos) {
    const std::string written = text(table, key, fmt::format("scenario.{}", key), true);
    const toml::node* node = table.get(key);
    if (!node || !node->is_string()) {
      return;
    }
    pos = position(node->source());
    const auto parsed = parse_financial_year(written);
    if (parsed && parsed->start_year >= k_first_year && parsed->start_year <= k_last_year) {
      out = *parsed;
    } else {
      error(node->source(),
            fmt::format("'scenario.{}' = \"{}\" is not a financial year; write "
                        "years as YYYY/YY between {}/{:02} and {}/{:02}, e.g. \"2021/22\"",
                        key, written, k_first_year, (k_first_year + 1) % 100, k_last_year,
                        (k_last_year + 1) % 100));
    }
  };
  year("base_year", scenario.base_year, scenario.base_year_pos);
  year("horizon", scenario.horizon, scenario.horizon_pos);
}

Index Reader::read_index(const toml::key& key, const toml::table& table)
{
  const std::string path = fmt::format("indices.{}", key.str());
  check_keys(table, {"name", "rates", "default"}, fmt::format("[{}]", path));
  Index index{std::string(key.str()),
              text(table, "name", path + ".name", false),
              position(key.source()),
              {},
              std::nullopt};
  const std::string rate_unit = "rate/yr";
  if (const toml::table* rates = table_at(table, "rates", path + ".rates", false)) {
    for (const auto& [year_name, node] : in_file_order(*rates)) {
      const std::optional<FinancialYear> year = year_key(*year_name);
      auto rate = number(*node, fmt::format("{}.rates.{}", path, year_name->str()), rate_unit);
      if (year && rate) {
        index.rates.push_back({*year, std::move(*rate)});
      }
    }
  }
  index.default_rate = number_at(table, "default", path + ".default", rate_unit, false);
  return index;
}

Line Reader::read_line(const toml::key& key, const toml::table& table)
{
  const std::string path = fmt::format("lines.{}", key.str());
  check_keys(table, {"name", "base", "demand", "prices", "until"}, fmt::format("[{}]", path));
  Line line{std::string(key.str()),
            text(table, "name", path + ".name", false),
            position(key.source()),
            {},
            {},
            {},
            {}};
  line.base = number_at(table, "base", path + ".base", m_unit + "/yr", true)
                .value_or(Number{0.0, path + ".base", m_unit + "/yr", line.pos, {}});
  line.demand = reference(table, "demand", path + ".demand", false);
  if (const toml::table* prices = table_at(table, "prices", path + ".prices", false)) {
    for (const auto& [index_name, node] : in_file_order(*prices)) {
      auto share = number(*node, fmt::format("{}.prices.{}", path, index_name->str()), "share");
      if (share) {
        line.prices.push_back(
          {Reference{std::string(index_name->str()), position(index_name->source())}, *share});
      }
    }
  }
  line.until = month(table, "until", path + ".until", false);
  return line;
}

const std::vector<std::pair<BudgetStepKind, std::string>>& budget_step_kinds()
{
  static const std::vector<std::pair<BudgetStepKind, std::string>> kinds{
    {BudgetStepKind::base, "base"},           {BudgetStepKind::demand, "demand"},
    {BudgetStepKind::inflation, "inflation"}, {BudgetStepKind::pressure, "pressure"},
    {BudgetStepKind::saving, "saving"},
  };
  return kinds;
}

std::optional<BudgetStepKind> Reader::step_kind(const toml::table& table, const std::string& path)
{
  const std::string written = text(table, "kind", path, false);
  const toml::node* node = table.get("kind");
  if (!node || !node->is_string()) {
    return std::nullopt;
  }
  Keys names;
  for (const auto& [kind, name] : budget_step_kinds()) {
    if (name == written) {
      return kind;
    }
    names.push_back(name);
  }
  error(node->source(), fmt::format("'{}' = \"{}\" is not a budget step kind (one of {}){}", path,
                                    written, fmt::join(names, ", "), did_you_mean(written, names)));
  return std::nullopt;
}

// `kind` is the step's kind when its table does not state one.
std::optional<BudgetStep> Reader::budget_step(std::string id, const toml::node& node,
                                              const std::string& path, BudgetStepKind kind)
{
  auto amount = number(node, path, m_unit, {"name", "kind"});
  if (!amount) {
    return std::nullopt;
  }
  const toml::table* table = node.as_table();
  std::string name = table ? text(*table, "name", path + ".name", false) : "";
  if (table) {
    kind = step_kind(*table, path + ".kind").value_or(kind);
  }
  return BudgetStep{id, name.empty() ? id : std::move(name), std::move(*amount), kind};
}

Budget Reader::read_budget(const toml::table& table)
{
  check_keys(table, {"years", "growth"}, "[budget]");
  Budget budget;
  budget.growth = number_at(table, "growth", "budget.growth", "rate/yr", false);
  const toml::table* years = table_at(table, "years", "budget.years", false);
  if (!years) {
    return budget;
  }
  for (const auto& [year_name, node] : in_file_order(*years)) {
    const std::optional<FinancialYear> year = year_key(*year_name);
    const std::string path = fmt::format("budget.years.{}", year_name->str());
    BudgetYear budget_year{year.value_or(FinancialYear{}), position(year_name->source()), {}};
    const toml::table* steps = node->as_table();
    if (!steps || is_value_table(*node)) {
      // A year given as one figure is a build-up of a single step: its base budget.
      if (auto step = budget_step("budget", *node, path, BudgetStepKind::base)) {
        budget_year.steps.push_back(std::move(*step));
      }
    } else {
      for (const auto& [step_name, step_node] : in_file_order(*steps)) {
        const std::string step_path = fmt::format("{}.{}", path, step_name->str());
        if (auto step = budget_step(std::string(step_name->str()), *step_node, step_path,
                                    BudgetStepKind::pressure)) {
          budget_year.steps.push_back(std::move(*step));
        }
      }
    }
    if (year) {
      budget.years.push_back(std::move(budget_year));
    }
  }
  return budget;
}

struct OverlaySchema
{
  OverlayKind kind;
  std::string_view type;
  std::string_view target_key;
  std::string_view value_key;
  std::string_view value_unit;
  Keys keys;
};

const std::vector<OverlaySchema>& overlay_schemas()
{
  static const std::vector<OverlaySchema> schemas{
    {OverlayKind::recurring, "recurring", "line", "amount", "/yr", {"from", "until", "indexed"}},
    {OverlayKind::one_off, "one_off", "line", "amount", "", {"from", "until"}},
    {OverlayKind::saving, "saving", "line", "target", "/yr", {"from", "ramp"}},
    {OverlayKind::stop_line, "stop_line", "line", "keep", "share", {"from"}},
    {OverlayKind::index_rate, "index_rate", "index", "rate", "rate/yr", {"from", "until"}},
  };
  return schemas;
}

std::optional<Overlay> Reader::read_overlay(const toml::key& key, const toml::table& table,
                                            const std::string& path)
{
  const std::string type = text(table, "type", path + ".type", true);
  const auto& schemas = overlay_schemas();
  const auto schema = std::find_if(schemas.begin(), schemas.end(),
                                   [&](const OverlaySchema& s) { return s.type == type; });
  if (schema == schemas.end()) {
    if (table.get("type") && table.get("type")->is_string()) {
      Keys types;
      for (const OverlaySchema& s : schemas) {
        types.emplace_back(s.type);
      }
      error(table.get("type")->source(),
            fmt::format("'{}.type' = \"{}\" is not an overlay type (one of recurring, one_off, "
                        "saving, stop_line, index_rate){}",
                        path, type, did_you_mean(type, types)));
    }
    return std::nullopt;
  }
  Keys allowed{"type", "name", std::string(schema->target_key), std::string(schema->value_key)};
  allowed.insert(allowed.end(), schema->keys.begin(), schema->keys.end());
  check_keys(table, allowed, fmt::format("[{}] (type \"{}\")", path, type));

  Overlay overlay;
  overlay.id = std::string(key.str());
  overlay.name = text(table, "name", path + ".name", false);
  overlay.kind = schema->kind;
  overlay.pos = position(key.source());
  const auto target =
    reference(table, schema->target_key, fmt::format("{}.{}", path, schema->target_key), true);
  const bool money = schema->value_unit.empty() || schema->value_unit == "/yr";
  auto value = number_at(
    table, schema->value_key, fmt::format("{}.{}", path, schema->value_key),
    money ? m_unit + std::string(schema->value_unit) : std::string(schema->value_unit), true);
  const bool window = schema->kind == OverlayKind::one_off;
  overlay.from =
    month(table, "from", path + ".from", window || schema->kind != OverlayKind::saving);
  overlay.until = month(table, "until", path + ".until", window);
  overlay.indexed_by = reference(table, "indexed", path + ".indexed", false);
  if (const toml::table* ramp =
        table_at(table, "ramp", path + ".ramp", schema->kind == OverlayKind::saving)) {
    for (const auto& [year_name, node] : in_file_order(*ramp)) {
      const std::optional<FinancialYear> year = year_key(*year_name);
      auto fraction = number(*node, fmt::format("{}.ramp.{}", path, year_name->str()), "fraction");
      if (year && fraction) {
        overlay.ramp.push_back({*year, std::move(*fraction)});
      }
    }
  }
  if (!target || !value) {
    return std::nullopt;
  }
  overlay.target = *target;
  overlay.value = std::move(*value);
  return overlay;
}

Option Reader::read_option(const toml::key& key, const toml::table& table)
{
  const std::string path = fmt::format("options.{}", key.str());
  check_keys(table, {"name", "description", "extends", "overlays"}, fmt::format("[{}]", path));
  Option option{std::string(key.str()),
                text(table, "name", path + ".name", true),
                text(table, "description", path + ".description", false),
                position(key.source()),
                reference(table, "extends", path + ".extends", false),
                {}};
  if (const toml::table* overlays = table_at(table, "overlays", path + ".overlays", false)) {
    for (const auto& [name, node] : in_file_order(*overlays)) {
      const std::string overlay_path = fmt::format("{}.overlays.{}", path, name->str());
      if (const toml::table* overlay_table = node->as_table()) {
        if (auto overlay = read_overlay(*name, *overlay_table, overlay_path)) {
          option.overlays.push_back(std::move(*overlay));
        }
      } else {
        error(node->source(),
              fmt::format("'{}' must be a table, not {}", overlay_path, type_name(*node)));
      }
    }
  }
  return option;
}

std::optional<YearRef> Reader::year_value(const toml::table& table, std::string_view key,
                                          std::string_view path)
{
  const std::string written = text(table, key, path, false);
  const toml::node* node = table.get(key);
  if (!node || !node->is_string()) {
    return std::nullopt;
  }
  if (const auto year = parse_financial_year(written)) {
    return YearRef{*year, position(node->source())};
  }
  error(node->source(), fmt::format("'{}' = \"{}\" is not a financial year; write years as "
                                    "YYYY/YY, e.g. \"2022/23\"",
                                    path, written));
  return std::nullopt;
}

Appraisal Reader::read_appraisal(const toml::table& table)
{
  check_keys(table, {"discount_rate", "first_year", "deflator", "price_year", "optimism_bias"},
             "[appraisal]");
  Appraisal appraisal;
  appraisal.discount_rate =
    number_at(table, "discount_rate", "appraisal.discount_rate", "rate/yr", false);
  appraisal.first_year = year_value(table, "first_year", "appraisal.first_year");
  appraisal.deflator = reference(table, "deflator", "appraisal.deflator", false);
  appraisal.price_year = year_value(table, "price_year", "appraisal.price_year");
  if (const toml::table* biases =
        table_at(table, "optimism_bias", "appraisal.optimism_bias", false)) {
    for (const auto& [target, node] : in_file_order(*biases)) {
      const std::string path = fmt::format("appraisal.optimism_bias.{}", target->str());
      if (auto uplift = number(*node, path, "share")) {
        appraisal.optimism_bias.push_back(
          {Reference{std::string(target->str()), position(target->source())}, *uplift});
      }
    }
  }
  return appraisal;
}

Scenario Reader::read(const toml::table& root)
{
  check_keys(root, {"scenario", "indices", "lines", "budget", "options", "appraisal", "extends"},
             "the top level");
  Scenario scenario;
  if (const toml::table* metadata = table_at(root, "scenario", "scenario", true)) {
    read_metadata(*metadata, scenario);
  }
  if (const toml::table* indices = table_at(root, "indices", "indices", false)) {
    scenario.indices = read_tables<Index>(*indices, "indices",
                                          [this](auto& k, auto& t) { return read_index(k, t); });
  }
  if (const toml::table* lines = table_at(root, "lines", "lines", false)) {
    scenario.lines =
      read_tables<Line>(*lines, "lines", [this](auto& k, auto& t) { return read_line(k, t); });
  }
  if (const toml::table* budget = table_at(root, "budget", "budget", false)) {
    scenario.budget = read_budget(*budget);
  }
  if (const toml::table* options = table_at(root, "options", "options", false)) {
    scenario.options = read_tables<Option>(*options, "options",
                                           [this](auto& k, auto& t) { return read_option(k, t); });
  }
  if (const toml::table* appraisal = table_at(root, "appraisal", "appraisal", false)) {
    scenario.appraisal = read_appraisal(*appraisal);
  }
  return scenario;
}

// Loads one file and the chain of files it extends, merged into one tree.
class TreeLoader
{
public:
  TreeLoader(std::vector<Diagnostic>& diagnostics, SourceFiles& sources,
             std::vector<std::string>& files)
    : m_diagnostics(diagnostics),
      m_sources(sources),
      m_files(files)
  {}

  std::optional<toml::table> load_file(const std::filesystem::path& path, const SourcePos& from);
  std::optional<toml::table> load_text(std::string text, const std::string& file_name);

private:
  std::optional<toml::table> extend(toml::table child, const std::string& file_name);
  void merge(toml::table& base, toml::table& child, const std::string& prefix,
             const std::string& base_file);

  std::vector<Diagnostic>& m_diagnostics;
  SourceFiles& m_sources;
  std::vector<std::string>& m_files;
  std::vector<std::filesystem::path> m_chain;
};

std::optional<toml::table> TreeLoader::load_file(const std::filesystem::path& path,
                                                 const SourcePos& from)
{
  std::error_code not_a_file;
  std::ifstream in(path, std::ios::binary);
  const bool readable = in && std::filesystem::is_regular_file(path, not_a_file);
  std::string text;
  if (readable) {
    // An empty file is read as empty text, which is valid TOML.
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (!readable || in.bad()) {
    const SourcePos where = from.file.empty() ? SourcePos{path.string(), 0, 0} : from;
    m_diagnostics.push_back({where, fmt::format("cannot read scenario file '{}'", path.string())});
    return std::nullopt;
  }
  return load_text(std::move(text), path.string());
}

std::optional<toml::table> TreeLoader::load_text(std::string text, const std::string& file_name)
{
  m_files.push_back(file_name);
  m_sources.add(file_name, text);
  try {
    return extend(toml::parse(text, file_name), file_name);
  } catch (const toml::parse_error& failure) {
    m_diagnostics.push_back({position(failure.source()), std::string(failure.description())});
    return std::nullopt;
  }
}

std::optional<toml::table> TreeLoader::extend(toml::table child, const std::string& file_name)
{
  const toml::node* extends = child.get("extends");
  if (!extends) {
    return child;
  }
  const SourcePos where = position(extends->source());
  if (!extends->is_string()) {
    m_diagnostics.push_back({where, "'extends' must be a string naming a scenario file"});
    return std::nullopt;
  }
  const std::filesystem::path self = std::filesystem::weakly_canonical(file_name);
  const std::filesystem::path base_path =
    (std::filesystem::path(file_name).parent_path() / extends->as_string()->get())
      .lexically_normal();
  const std::filesystem::path base_canonical = std::filesystem::weakly_canonical(base_path);
  if (std::find(m_chain.begin(), m_chain.end(), base_canonical) != m_chain.end()
      || base_canonical == self) {
    m_diagnostics.push_back(
      {where,
       fmt::format("'extends' makes a cycle: '{}' is already being extended", base_path.string())});
    return std::nullopt;
  }
  if (static_cast<int>(m_chain.size()) >= k_max_extends_depth) {
    m_diagnostics.push_back(
      {where, fmt::format("'extends' chain has more than {} links", k_max_extends_depth)});
    return std::nullopt;
  }
  m_chain.push_back(self);
  std::optional<toml::table> base = load_file(base_path, where);
  m_chain.pop_back();
  if (!base) {
    return std::nullopt;
  }
  child.erase("extends");
  merge(*base, child, "", base_path.string());
  return base;
}

void TreeLoader::merge(toml::table& base, toml::table& child, const std::string& prefix,
                       const std::string& base_file)
{
  for (auto&& [key, node] : child) {
    const std::string path = prefix + std::string(key.str());
    toml::node* existing = base.get(key.str());
    if (!existing) {
      m_diagnostics.push_back(
        {position(key.source()),
         fmt::format("'{}' does not exist in the extended scenario '{}'; an override must name "
                     "an existing key{}",
                     path, base_file, did_you_mean(key.str(), keys_of(base)))});
    } else if (existing->is_table() && node.is_table() && !is_value_table(*existing)
               && !is_value_table(node)) {
      merge(*existing->as_table(), *node.as_table(), path + ".", base_file);
    } else {
      // Moving keeps the override's source position for later diagnostics.
      node.visit(
        [&](auto&& replacement) { base.insert_or_assign(key.str(), std::move(replacement)); });
    }
  }
}

LoadResult finish(std::optional<toml::table> tree, LoadResult result,
                  std::vector<std::string> files)
{
  if (tree) {
    Reader reader(result.diagnostics);
    result.scenario = reader.read(*tree);
    result.scenario->files = std::move(files);
  }
  return result;
}

} // namespace

LoadResult load_scenario_file(const std::filesystem::path& path)
{
  LoadResult result;
  std::vector<std::string> files;
  TreeLoader loader(result.diagnostics, result.sources, files);
  auto tree = loader.load_file(path, SourcePos{});
  return finish(std::move(tree), std::move(result), std::move(files));
}

LoadResult load_scenario_text(std::string text, const std::string& file_name)
{
  LoadResult result;
  std::vector<std::string> files;
  TreeLoader loader(result.diagnostics, result.sources, files);
  auto tree = loader.load_text(std::move(text), file_name);
  return finish(std::move(tree), std::move(result), std::move(files));
}

} // namespace carecast
