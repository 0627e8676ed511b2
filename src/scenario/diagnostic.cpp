#include "carecast/diagnostic.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <iterator>

namespace carecast {
namespace {

// Edits between two words, a swap of neighbouring letters counting as one edit
// (optimal string alignment distance).
std::size_t edit_distance(std::string_view a, std::string_view b)
{
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// A source line longer than this is shown as the characters around the column.
constexpr int k_max_quoted_characters = 120;

// Whether a byte continues a UTF-8 character rather than starting one.
bool continues_character(char c)
{
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The byte at which character `index` (from 0) of `text` starts; its size past the end.
std::size_t character_byte(const std::string& text, int index)
{
  std::size_t at = 0;
  for (int seen = -1; at < text.size(); ++at) {
    if (!continues_character(text[at]) && ++seen == index) {
      break;
    }
  }
  return at;
}

} // namespace

// Tabs are kept so that the caret line can follow them.
std::string shown_printable(std::string text, bool lines)
{
  std::string shown;
  shown.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // U+0080 to U+009F, the C1 controls (U+009B is a terminal's CSI), are 0xC2 then
    // 0x80 to 0x9F in UTF-8.
    const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0U;
    if (static_cast<unsigned char>(c) == 0xC2 && next >= 0x80 && next <= 0x9F) {
      shown += '?';
      ++i;
    } else if (c != '\t' && !(lines && c == '\n') && is_control_character(c)) {
      shown += '?';
    } else {
      shown += c;
    }
  }
  return shown;
}

InputText read_input_file(const std::filesystem::path& path, std::string_view kind,
                          const SourcePos& from)
{
  const SourcePos where = from.file.empty() ? SourcePos{path.string(), 0, 0} : from;
  InputText result;
  std::error_code failure;
  const bool regular = std::filesystem::is_regular_file(path, failure);
  const std::uintmax_t size = regular ? std::filesystem::file_size(path, failure) : 0;
  std::ifstream in(path, std::ios::binary);
  if (!regular || failure || !in) {
    result.problem = Diagnostic{where, fmt::format("cannot read {} '{}'", kind, path.string())};
    return result;
  }
  if (size > k_max_input_bytes) {
    result.problem =
      Diagnostic{where, fmt::format("{} '{}' is {} bytes; carecast reads files of at most {} "
                                    "bytes ({} MiB)",
                                    kind, path.string(), size, k_max_input_bytes,
                                    k_max_input_bytes / (1024 * 1024))};
    return result;
  }
  // An empty file is read as empty text; a file that grows while it is read is cut at
  // the limit, so the size check above cannot be outrun.
  std::string text;
  std::copy_n(std::istreambuf_iterator<char>(in), std::min(size, k_max_input_bytes),
              std::back_inserter(text));
  if (in.bad()) {
    result.problem = Diagnostic{where, fmt::format("cannot read {} '{}'", kind, path.string())};
    return result;
  }
  result.text = std::move(text);
  return result;
}

void SourceFiles::add(const std::string& file, std::string text)
{
  m_texts[file] = std::move(text);
}

void SourceFiles::show_as(const std::string& file, std::string text)
{
  m_shown[file] = std::move(text);
}

std::string SourceFiles::line(const std::string& file, int line) const
{
  const auto shown = m_shown.find(file);
  const auto found = m_texts.find(file);
  if ((shown == m_shown.end() && found == m_texts.end()) || line < 1) {
    return {};
  }
  const std::string& text = shown != m_shown.end() ? shown->second : found->second;
  std::size_t start = 0;
  for (int current = 1; current < line; ++current) {
    start = text.find('\n', start);
    if (start == std::string::npos) {
      return {};
    }
    ++start;
  }
  std::size_t end = text.find('\n', start);
  std::string result = text.substr(start, end == std::string::npos ? end : end - start);
  if (!result.empty() && result.back() == '\r') {
    result.pop_back();
  }
  return result;
}

std::string render(const Diagnostic& diagnostic, const SourceFiles& sources)
{
  const SourcePos& pos = diagnostic.pos;
  const std::string message = shown_printable(diagnostic.message);
  if (pos.line == 0) {
    return fmt::format("carecast: error: {}: {}\n", shown_printable(pos.file), message);
  }
  std::string text = fmt::format("carecast: error: {}:{}:{}: {}\n", shown_printable(pos.file),
                                 pos.line, pos.column, message);
  const std::string line = sources.line(pos.file, pos.line);
  if (line.empty()) {
    return text;
  }
  // Columns count characters, not bytes. A long line keeps the characters around the
  // column, with "..." where it was cut; only those are made printable (one character
  // each), so that many errors on one long line cost little each.
  const auto characters = static_cast<int>(
    std::count_if(line.begin(), line.end(), [](char c) { return !continues_character(c); }));
  int column = std::max(pos.column, 1);
  std::string quoted;
  if (characters > k_max_quoted_characters) {
    const int first =
      std::clamp(column - k_max_quoted_characters / 2, 1, characters - k_max_quoted_characters + 1);
    const int last = first + k_max_quoted_characters - 1;
    const std::string before = first > 1 ? "..." : "";
    const std::size_t from = character_byte(line, first - 1);
    quoted = before + shown_printable(line.substr(from, character_byte(line, last) - from))
             + (last < characters ? "..." : "");
    column += static_cast<int>(before.size()) - (first - 1);
  } else {
    quoted = shown_printable(line);
  }
  // Tabs are kept in the caret line so the caret stays under its column.
  std::string caret;
  int at = 1;
  for (const char c : quoted) {
    if (continues_character(c)) {
      continue;
    }
    if (at++ >= column) {
      break;
    }
    caret += c == '\t' ? '\t' : ' ';
  }
  return text + fmt::format("  {}\n  {}^\n", quoted, caret);
}

std::string render_warning(const Diagnostic& warning)
{
  const SourcePos& pos = warning.pos;
  const std::string file = shown_printable(pos.file);
  const std::string at =
    pos.line == 0 ? file : fmt::format("{}:{}:{}", file, pos.line, pos.column);
  return fmt::format("carecast: warning: {}: {}\n", at, shown_printable(warning.message));
}

void sort_by_position(std::vector<Diagnostic>& diagnostics)
{
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.pos < b.pos; });
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates)
{
  // A typo is at most a third of the word's letters away, and never more than 3. Words
  // longer than any name carecast knows are not typos of one, and are not compared.
  constexpr std::size_t k_longest_word = 64;
  const std::size_t limit = std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3));
  const std::string* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t apart =
      std::max(word.size(), candidate.size()) - std::min(word.size(), candidate.size());
    if (word.size() > k_longest_word || apart > limit) {
      continue; // the distance is at least the difference in length
    }
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = &candidate;
      best_distance = distance;
    }
  }
  return best ? fmt::format("; did you mean '{}'?", *best) : std::string{};
}

} // namespace carecast
