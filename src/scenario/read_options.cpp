#include "reader.hpp"

#include <algorithm>

namespace carecast::reading {
namespace {

struct OverlaySchema
{
  OverlayKind kind;
  std::string_view type;
  std::string_view target_key;
  std::string_view value_key;
  std::string_view value_unit;
  Keys keys;
  std::string_view counterpart_key = {}; // a second placement type, when the type has one
};

const std::vector<OverlaySchema>& overlay_schemas()
{
  static const std::vector<OverlaySchema> schemas{
    {OverlayKind::recurring,
     "recurring",
     "line",
     "amount",
     "/yr",
     {"from", "until", "indexed", "delivers_saving"}},
    {OverlayKind::one_off, "one_off", "line", "amount", "", {"from", "until", "delivers_saving"}},
    {OverlayKind::saving, "saving", "line", "target", "/yr", {"from", "ramp"}},
    {OverlayKind::stop_line, "stop_line", "line", "keep", "share", {"from", "delivers_saving"}},
    {OverlayKind::index_rate, "index_rate", "index", "rate", "rate/yr", {"from", "until"}},
    {OverlayKind::shift_entries,
     "shift_entries",
     "out_of",
     "share",
     "share",
     {"from", "until"},
     "into"},
    {OverlayKind::shift_moves,
     "shift_moves",
     "out_of",
     "share",
     "share",
     {"from", "until"},
     "into"},
    {OverlayKind::entries, "entries", "", "change", "share", {"from", "until"}},
    {OverlayKind::unit_cost, "unit_cost", "placement", "weekly_cost", "£/week", {"from", "until"}},
    {OverlayKind::capacity,
     "capacity",
     "placement",
     "places",
     "children",
     {"from", "until"},
     "fill_from"},
  };
  return schemas;
}

} // namespace

std::optional<Overlay> Reader::read_overlay(const toml::key& key, const toml::table& table,
                                            const std::string& path)
{
  const std::string type = text(table, "type", path + ".type", true);
  const auto& schemas = overlay_schemas();
  const toml::node* type_node = table.get("type");
  if (!type_node || !type_node->is_string()) {
    return std::nullopt;
  }
  Keys types;
  for (const OverlaySchema& s : schemas) {
    types.emplace_back(s.type);
  }
  const std::optional<std::size_t> found =
    choice(*type_node, type, types, path + ".type", "an overlay type");
  if (!found) {
    return std::nullopt;
  }
  const auto schema = schemas.begin() + static_cast<std::ptrdiff_t>(*found);
  Keys allowed{"type", "name", std::string(schema->value_key)};
  for (const std::string_view key_name : {schema->target_key, schema->counterpart_key}) {
    if (!key_name.empty()) {
      allowed.emplace_back(key_name);
    }
  }
  allowed.insert(allowed.end(), schema->keys.begin(), schema->keys.end());
  check_keys(table, allowed, fmt::format("[{}] (type \"{}\")", path, type));

  Overlay overlay;
  overlay.id = std::string(key.str());
  overlay.name = text(table, "name", path + ".name", false);
  overlay.kind = schema->kind;
  overlay.pos = position(key.source());
  const bool has_target = !schema->target_key.empty();
  const auto target = has_target ? reference(table, schema->target_key,
                                             fmt::format("{}.{}", path, schema->target_key), true)
                                 : std::optional<Reference>(Reference{{}, overlay.pos});
  if (!schema->counterpart_key.empty()) {
    overlay.counterpart = reference(table, schema->counterpart_key,
                                    fmt::format("{}.{}", path, schema->counterpart_key), true);
  }
  const bool money = schema->value_unit.empty() || schema->value_unit == "/yr";
  auto value = number_at(
    table, schema->value_key, fmt::format("{}.{}", path, schema->value_key),
    money ? m_unit + std::string(schema->value_unit) : std::string(schema->value_unit), true);
  const bool window = schema->kind == OverlayKind::one_off;
  overlay.from =
    month(table, "from", path + ".from", window || schema->kind != OverlayKind::saving);
  overlay.until = month(table, "until", path + ".until", window);
  overlay.indexed_by = reference(table, "indexed", path + ".indexed", false);
  overlay.delivers_saving =
    flag(table, "delivers_saving", path + ".delivers_saving").value_or(false);
  if (const toml::node* node = table.get("delivers_saving")) {
    overlay.delivers_saving_pos = position(node->source());
  }
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

} // namespace carecast::reading
