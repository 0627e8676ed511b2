#include "carecast/text_table.hpp"

#include <algorithm>

namespace carecast {
namespace {

constexpr std::string_view k_gap = "  ";

std::string pad(const std::string& text, std::size_t width, TextTable::Align align)
{
  const std::string fill(width - std::min(width, display_width(text)), ' ');
  return align == TextTable::Align::left ? text + fill : fill + text;
}

} // namespace

std::size_t display_width(const std::string& text)
{
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void TextTable::add_column(std::string header, Align align)
{
  m_columns.push_back({std::move(header), align});
}

void TextTable::add_row(std::vector<std::string> cells)
{
  cells.resize(m_columns.size());
  m_rows.push_back(std::move(cells));
}

void TextTable::add_rule()
{
  m_rows.emplace_back();
}

std::string TextTable::render() const
{
  std::vector<std::size_t> widths;
  for (const Column& column : m_columns) {
    widths.push_back(display_width(column.header));
  }
  for (const auto& row : m_rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  }
  std::size_t total = 0;
  for (const std::size_t width : widths) {
    total += width;
  }
  total += k_gap.size() * (widths.empty() ? 0 : widths.size() - 1);

  const auto render_cells = [&](const auto& cell_of) {
    std::string line;
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
      line += (c == 0 ? "" : std::string(k_gap)) + pad(cell_of(c), widths[c], m_columns[c].align);
    }
    line.erase(line.find_last_not_of(' ') + 1);
    return line + "\n";
  };
  std::string text = render_cells([&](std::size_t c) { return m_columns[c].header; });
  text += std::string(total, '-') + "\n";
  for (const auto& row : m_rows) {
    text += row.empty() ? std::string(total, '-') + "\n"
                        : render_cells([&](std::size_t c) { return row[c]; });
  }
  return text;
}

std::string wrapped(const std::string& text, std::size_t first, std::size_t rest, std::size_t width)
{
  std::string result;
  std::string line(first, ' ');
  bool has_words = false;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t found = text.find(' ', start);
    const std::size_t end = found == std::string::npos ? text.size() : found;
    const std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) {
      continue;
    }
    if (has_words && display_width(line) + 1 + display_width(word) > width) {
      result += line + "\n";
      line = std::string(rest, ' ');
      has_words = false;
    }
    line += (has_words ? " " : "") + word;
    has_words = true;
  }
  return result + line + "\n";
}

} // namespace carecast
