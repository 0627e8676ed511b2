#include "reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace carecast::reading {
namespace {

// Financial years a scenario may start or end in; anything else is a typo.
constexpr int k_first_year = 1900;
constexpr int k_last_year = 2200;

} // namespace

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

std::optional<bool> Reader::flag(const toml::table& table, std::string_view key,
                                 std::string_view path)
{
  const toml::node* node = table.get(key);
  if (!node) {
    return std::nullopt;
  }
  if (!node->is_boolean()) {
    error(node->source(),
          fmt::format("'{}' must be true or false, not {}", path, type_name(*node)));
    return std::nullopt;
  }
  return node->as_boolean()->get();
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
  check_keys(table, {"name", "rates", "default", "timing", "step_month"},
             fmt::format("[{}]", path));
  Index index;
  index.id = std::string(key.str());
  index.name = text(table, "name", path + ".name", false);
  index.pos = position(key.source());
  read_timing(table, path, index);
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

// `timing = "annual"`, or with its reason, `timing = { value = "monthly", assumption = "..." }`;
// and `step_month`, the calendar month of an annual step.
void Reader::read_timing(const toml::table& table, const std::string& path, Index& index)
{
  if (const toml::node* node = table.get("timing")) {
    const toml::node* value = node;
    if (const toml::table* written = node->as_table()) {
      // The reason is for readers of the file: it need only be text.
      check_keys(*written, {"value", "source", "assumption"}, path + ".timing");
      text(*written, "source", path + ".timing.source", false);
      text(*written, "assumption", path + ".timing.assumption", false);
      value = written->get("value");
      if (!value) {
        error(node->source(), fmt::format("'{}.timing' has no 'value'", path));
      }
    }
    if (value && !value->is_string()) {
      error(value->source(),
            fmt::format("'{}.timing' must be a string, not {}", path, type_name(*value)));
    } else if (value) {
      const std::string written{value->as_string()->get()};
      if (choice(*value, written, {"annual", "monthly"}, path + ".timing", "a timing") == 1) {
        index.timing = IndexTiming::monthly;
      }
    }
  }
  if (const toml::node* node = table.get("step_month")) {
    index.step_month_pos = position(node->source());
    if (!node->is_integer()) {
      error(node->source(), fmt::format("'{}.step_month' must be an integer (4 for April), not {}",
                                        path, type_name(*node)));
    } else {
      index.step_month = static_cast<int>(
        std::clamp<std::int64_t>(*node->value<std::int64_t>(), std::numeric_limits<int>::min(),
                                 std::numeric_limits<int>::max()));
    }
  }
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
  // A base that is there but wrong is reported here and held as 0; one that is missing
  // is for validation, which knows whether the care ladder feeds the line.
  if (table.contains("base")) {
    line.base = number_at(table, "base", path + ".base", m_unit + "/yr", true)
                  .value_or(Number{0.0, path + ".base", m_unit + "/yr", line.pos, {}});
  }
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

static const std::vector<std::pair<BudgetStepKind, std::string>>& budget_step_kinds()
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
  for (const auto& entry : budget_step_kinds()) {
    names.push_back(entry.second);
  }
  if (const std::optional<std::size_t> found =
        choice(*node, written, names, path, "a budget step kind")) {
    return budget_step_kinds()[*found].first;
  }
  return std::nullopt;
}

std::optional<std::size_t> Reader::choice(const toml::node& node, const std::string& written,
                                          const Keys& names, std::string_view path,
                                          std::string_view what)
{
  const auto found = std::find(names.begin(), names.end(), written);
  if (found != names.end()) {
    return static_cast<std::size_t>(found - names.begin());
  }
  error(node.source(), fmt::format("'{}' = \"{}\" is not {} (one of {}){}", path, written, what,
                                   fmt::join(names, ", "), did_you_mean(written, names)));
  return std::nullopt;
}

// `kind` is the step's kind when its table does not state one.
std::optional<BudgetStep> Reader::budget_step(std::string id, const toml::node& node,
                                              const std::string& path, BudgetStepKind kind)
{
  auto amount = number(node, path, m_unit, {"name", "kind", "one_off"});
  if (!amount) {
    return std::nullopt;
  }
  const toml::table* table = node.as_table();
  std::string name = table ? text(*table, "name", path + ".name", false) : "";
  bool one_off = false;
  if (table) {
    kind = step_kind(*table, path + ".kind").value_or(kind);
    one_off = flag(*table, "one_off", path + ".one_off").value_or(false);
  }
  return BudgetStep{id, name.empty() ? id : std::move(name), std::move(*amount), kind, one_off};
}

Budget Reader::read_budget(const toml::table& table)
{
  check_keys(table, {"years", "growth", "roll_forward"}, "[budget]");
  Budget budget;
  budget.growth = number_at(table, "growth", "budget.growth", "rate/yr", false);
  budget.roll_forward = flag(table, "roll_forward", "budget.roll_forward").value_or(false);
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

Scenario Reader::read(const toml::table& root)
{
  check_keys(root,
             {"scenario", "indices", "lines", "budget", "options", "appraisal", "ladder",
              "uncertainty", "correlation", "ledger", "extends"},
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
  if (const toml::table* ladder = table_at(root, "ladder", "ladder", false)) {
    scenario.ladder = read_ladder(*ladder);
  }
  if (const toml::table* inputs = table_at(root, "uncertainty", "uncertainty", false)) {
    read_uncertainty(*inputs, scenario);
  }
  if (const toml::table* correlation = table_at(root, "correlation", "correlation", false)) {
    scenario.correlation = read_correlation(*correlation);
  }
  if (const toml::table* ledger = table_at(root, "ledger", "ledger", false)) {
    scenario.ledger = read_ledger(*ledger);
  }
  return scenario;
}

} // namespace carecast::reading
