#include "carecast/loader.hpp"

#include "carecast/file_names.hpp"

#include "reader.hpp"

#include <algorithm>

namespace carecast {
namespace {

using namespace reading;

constexpr int k_max_extends_depth = 8;

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
  InputText input = read_input_file(path, "scenario file", from);
  if (!input.text) {
    m_diagnostics.push_back(std::move(*input.problem));
    return std::nullopt;
  }
  return load_text(std::move(*input.text), path.string());
}

// The first line longer than k_max_line_bytes, if any. A TOML key or table header
// lies on one line, so this also bounds how deep keys can nest, which the parser
// follows by recursion.
std::optional<SourcePos> overlong_line(const std::string& text, const std::string& file_name)
{
  int line = 1;
  for (std::size_t start = 0; start <= text.size(); ++line) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    if (end - start > k_max_line_bytes) {
      return SourcePos{file_name, line, static_cast<int>(k_max_line_bytes) + 1};
    }
    start = end + 1;
  }
  return std::nullopt;
}

// The first control character of `text` (a newline or tab allowed where `layout` is),
// which would reach a terminal or a spreadsheet from the names and notes.
std::optional<unsigned char> control_character(std::string_view text, bool layout)
{
  for (const char c : text) {
    if (is_control_character(c) && !(layout && (c == '\n' || c == '\t'))) {
      return static_cast<unsigned char>(c);
    }
  }
  return std::nullopt;
}

// Every key and string of a parsed file with a control character in it, as a diagnostic:
// TOML's escapes (\u001b) let a file hold any.
void check_printable(const toml::node& node, const std::string& path,
                     std::vector<Diagnostic>& diagnostics)
{
  const auto report = [&](const toml::source_region& where, const std::string& what,
                          unsigned char byte) {
    diagnostics.push_back(
      {position(where), fmt::format("{} holds the control character U+{:04X}; a scenario's keys "
                                    "and texts must be printable (a text may hold tabs and "
                                    "newlines)",
                                    what, byte)});
  };
  if (const toml::table* table = node.as_table()) {
    for (auto&& [key, value] : *table) {
      const std::string inner =
        path.empty() ? std::string(key.str()) : path + "." + std::string(key.str());
      if (const auto byte = control_character(key.str(), false)) {
        report(key.source(), path.empty() ? "a key of the top level" : "a key of [" + path + "]",
               *byte);
        continue;
      }
      check_printable(value, inner, diagnostics);
    }
  } else if (const toml::array* array = node.as_array()) {
    for (const toml::node& element : *array) {
      check_printable(element, path, diagnostics);
    }
  } else if (const toml::value<std::string>* text = node.as_string()) {
    if (const auto byte = control_character(text->get(), true)) {
      report(node.source(), "'" + path + "'", *byte);
    }
  }
}

std::optional<toml::table> TreeLoader::load_text(std::string text, const std::string& file_name)
{
  m_files.push_back(file_name);
  m_sources.add(file_name, text);
  if (text.size() > k_max_input_bytes) {
    m_diagnostics.push_back(
      {{file_name, 0, 0},
       fmt::format("the scenario is {} bytes; carecast reads files of at most {} bytes",
                   text.size(), k_max_input_bytes)});
    return std::nullopt;
  }
  if (const std::optional<SourcePos> line = overlong_line(text, file_name)) {
    m_diagnostics.push_back(
      {*line, fmt::format("line is longer than {} bytes; carecast reads scenario lines of at most "
                          "{} bytes (break a long text with a multi-line string)",
                          k_max_line_bytes, k_max_line_bytes)});
    return std::nullopt;
  }
  try {
    toml::table parsed = toml::parse(text, file_name);
    const std::size_t before = m_diagnostics.size();
    check_printable(parsed, "", m_diagnostics);
    if (m_diagnostics.size() > before) {
      return std::nullopt;
    }
    return extend(std::move(parsed), file_name);
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
  const std::filesystem::path base_path =
    file_path(file_beside(file_name, extends->as_string()->get()));
  // A path the system refuses (a name too long, say) cannot be read: the overloads that
  // report it, rather than throw.
  std::error_code refused;
  const std::filesystem::path self =
    std::filesystem::weakly_canonical(file_path(file_name), refused);
  const std::filesystem::path base_canonical =
    refused ? std::filesystem::path() : std::filesystem::weakly_canonical(base_path, refused);
  if (refused) {
    m_diagnostics.push_back({where, fmt::format("cannot read scenario file '{}': {}",
                                                base_path.string(), refused.message())});
    return std::nullopt;
  }
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
      const std::string_view name = key.str();
      node.visit([&](auto&& replacement) { base.insert_or_assign(name, std::move(replacement)); });
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
