#include "reader.hpp"

namespace carecast::reading {

std::vector<Reference> Reader::read_ids(const toml::table& table, std::string_view key,
                                        std::string_view path, std::string_view what)
{
  std::vector<Reference> ids;
  const toml::node* node = table.get(key);
  if (!node) {
    error(table.source(), fmt::format("missing key '{}' ({})", path, what));
    return ids;
  }
  const toml::array* array = node->as_array();
  if (!array) {
    error(node->source(),
          fmt::format("'{}' must be an array of ids ({}), not {}", path, what, type_name(*node)));
    return ids;
  }
  for (const toml::node& id : *array) {
    if (const auto* text = id.as_string()) {
      ids.push_back({text->get(), position(id.source())});
    } else {
      error(id.source(), fmt::format("'{}' must hold ids (strings), not {}", path, type_name(id)));
    }
  }
  return ids;
}

// [uncertainty]: one table per uncertain input, and `known_base_year`.
void Reader::read_uncertainty(const toml::table& table, Scenario& scenario)
{
  for (const auto& [key, node] : in_file_order(table)) {
    if (key->str() == "known_base_year") {
      read_known_base_year(*node, scenario);
    } else if (const toml::table* input = node->as_table()) {
      scenario.uncertainty.push_back(read_uncertain_input(*key, *input));
    } else {
      error(node->source(),
            fmt::format("'uncertainty.{}' must be a table, not {}", key->str(), type_name(*node)));
    }
  }
}

// `known_base_year = { value = 64.43, sd = 0.5, source = "..." }`. With an sd, the known
// total is drawn too: a normal input of its own, named known_base_year.
void Reader::read_known_base_year(const toml::node& node, Scenario& scenario)
{
  const std::string path = "uncertainty.known_base_year";
  scenario.known_base_year = number(node, path, m_unit, {"sd"});
  const toml::table* table = node.as_table();
  if (!scenario.known_base_year || !table) {
    return;
  }
  std::optional<Number> sd = number_at(*table, "sd", path + ".sd", m_unit, false);
  if (!sd) {
    return;
  }
  UncertainInput input;
  input.id = "known_base_year";
  input.pos = scenario.known_base_year->pos;
  input.parameter = {path, input.pos};
  input.distribution = {"normal", input.pos};
  input.setting(Setting::mean) = scenario.known_base_year;
  input.setting(Setting::mean)->path = path + ".value";
  input.setting(Setting::sd) = std::move(sd);
  input.setting(Setting::low) = Number{0.0, path + ".low", m_unit, input.pos, {}};
  input.provenance = scenario.known_base_year->provenance;
  scenario.uncertainty.push_back(std::move(input));
}

UncertainInput Reader::read_uncertain_input(const toml::key& key, const toml::table& table)
{
  const std::string path = fmt::format("uncertainty.{}", key.str());
  Keys keys{"parameter", "distribution"};
  for (const Setting setting : k_settings) {
    keys.emplace_back(setting_name(setting));
  }
  keys.insert(keys.end(), {"truncate", "source", "assumption"});
  check_keys(table, keys, fmt::format("[{}]", path));
  UncertainInput input;
  input.id = std::string(key.str());
  input.pos = position(key.source());
  input.parameter =
    reference(table, "parameter", path + ".parameter", true).value_or(Reference{{}, input.pos});
  input.distribution = reference(table, "distribution", path + ".distribution", true)
                         .value_or(Reference{{}, input.pos});
  for (const Setting setting : k_settings) {
    input.setting(setting) = number_at(
      table, setting_name(setting), fmt::format("{}.{}", path, setting_name(setting)), "", false);
  }
  input.truncate = flag(table, "truncate", path + ".truncate").value_or(false);
  input.provenance = {text(table, "source", path + ".source", false),
                      text(table, "assumption", path + ".assumption", false)};
  return input;
}

CorrelationMatrix Reader::read_correlation(const toml::table& table)
{
  check_keys(table, {"order", "matrix", "source", "assumption"}, "[correlation]");
  CorrelationMatrix correlation;
  correlation.pos = position(table.source());
  correlation.order = read_ids(table, "order", "correlation.order",
                               "the uncertain inputs' ids, in the order of the "
                               "matrix's rows and columns");
  correlation.provenance = {text(table, "source", "correlation.source", false),
                            text(table, "assumption", "correlation.assumption", false)};
  correlation.matrix_pos = correlation.pos;
  const toml::node* matrix = table.get("matrix");
  if (!matrix) {
    error(table.source(), "missing key 'correlation.matrix' (an array of rows of correlations)");
    return correlation;
  }
  correlation.matrix_pos = position(matrix->source());
  const toml::array* rows = matrix->as_array();
  if (!rows) {
    error(matrix->source(),
          fmt::format("'correlation.matrix' must be an array of rows, not {}", type_name(*matrix)));
    return correlation;
  }
  for (std::size_t r = 0; r < rows->size(); ++r) {
    const toml::node& row_node = *rows->get(r);
    const toml::array* row = row_node.as_array();
    if (!row) {
      error(row_node.source(),
            fmt::format("row {} of 'correlation.matrix' must be an array of numbers, not {}", r + 1,
                        type_name(row_node)));
      continue;
    }
    std::vector<Number> values;
    for (std::size_t c = 0; c < row->size(); ++c) {
      const toml::node& cell = *row->get(c);
      const std::string cell_path = fmt::format("correlation.matrix[{}][{}]", r + 1, c + 1);
      values.push_back(
        number(cell, cell_path, "correlation")
          .value_or(Number{0.0, cell_path, "correlation", position(cell.source()), {}}));
    }
    correlation.rows.push_back(std::move(values));
  }
  return correlation;
}

} // namespace carecast::reading
