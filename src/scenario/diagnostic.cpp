#include "carecast/diagnostic.hpp"

#include <algorithm>
#include <fmt/format.h>

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

} // namespace

void SourceFiles::add(const std::string& file, std::string text)
{
  m_texts[file] = std::move(text);
}

std::string SourceFiles::line(const std::string& file, int line) const
{
  const auto found = m_texts.find(file);
  if (found == m_texts.end() || line < 1) {
    return {};
  }
  const std::string& text = found->second;
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
  if (pos.line == 0) {
    return fmt::format("carecast: error: {}: {}\n", pos.file, diagnostic.message);
  }
  std::string text = fmt::format("carecast: error: {}:{}:{}: {}\n", pos.file, pos.line, pos.column,
                                 diagnostic.message);
  const std::string quoted = sources.line(pos.file, pos.line);
  if (quoted.empty()) {
    return text;
  }
  // Columns count characters, not bytes; tabs are kept in the caret line so the
  // caret stays under its column.
  std::string caret;
  int column = 1;
  for (const char c : quoted) {
    const bool continuation = (static_cast<unsigned char>(c) & 0xC0) == 0x80;
    if (continuation) {
      continue;
    }
    if (column++ >= pos.column) {
      break;
    }
    caret += c == '\t' ? '\t' : ' ';
  }
  return text + fmt::format("  {}\n  {}^\n", quoted, caret);
}

void sort_by_position(std::vector<Diagnostic>& diagnostics)
{
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.pos < b.pos; });
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates)
{
  // A typo is at most a third of the word's letters away, and never more than 3.
  const std::size_t limit = std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3));
  const std::string* best = nullptr;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = &candidate;
      best_distance = distance;
    }
  }
  return best ? fmt::format("; did you mean '{}'?", *best) : std::string{};
}

} // namespace carecast
