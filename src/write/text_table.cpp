#include "carecast/text_table.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

namespace carecast {
namespace {

constexpr std::string_view k_gap = "  ";
// A column is wrapped or cut no narrower than this, nor than its header.
constexpr std::size_t k_narrowest = 10;

std::string pad(const std::string& text, std::size_t width, TextTable::Align align)
{
  const std::string fill(width - std::min(width, display_width(text)), ' ');
  return align == TextTable::Align::left ? text + fill : fill + text;
}

bool starts_character(char c)
{
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

// The byte at which the first `count` characters of `text` end.
std::size_t character_end(const std::string& text, std::size_t count)
{
  std::size_t end = 0;
  for (std::size_t seen = 0; end < text.size(); ++end) {
    if (starts_character(text[end]) && seen++ == count) {
      break;
    }
  }
  return end;
}

// Where a word too long for a line of `room` characters is broken: after its last dot,
// underscore or hyphen that fits (a key's parts and a year such as 2022/23 stay whole),
// else at the room.
std::size_t break_in(const std::string& word, std::size_t room)
{
  const std::size_t end = character_end(word, room);
  const std::size_t after = word.find_last_of("._-", end - 1);
  return after != std::string::npos ? after + 1 : end;
}

// Words in lines of at most `first` characters for the first line and `rest` for the
// others; a word longer than its line is broken between characters.
std::vector<std::string> word_lines(const std::string& text, std::size_t first, std::size_t rest)
{
  std::vector<std::string> lines{""};
  const auto room = [&] { return std::max<std::size_t>(1, lines.size() == 1 ? first : rest); };
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    std::string word = text.substr(start, end - start);
    start = end + 1;
    while (!word.empty()) {
      const std::size_t used = display_width(lines.back());
      const std::size_t needed = display_width(word) + (used > 0 ? 1 : 0);
      if (used + needed <= room()) {
        lines.back() += (used > 0 ? " " : "") + word;
        break;
      }
      if (used > 0) {
        lines.emplace_back();
        continue;
      }
      const std::size_t cut = break_in(word, room());
      lines.back() = word.substr(0, cut);
      word.erase(0, cut);
      lines.emplace_back();
    }
  }
  if (lines.size() > 1 && lines.back().empty()) {
    lines.pop_back();
  }
  return lines;
}

std::size_t total_width(const std::vector<std::size_t>& widths)
{
  return std::accumulate(widths.begin(), widths.end(), std::size_t{0})
         + k_gap.size() * (widths.empty() ? 0 : widths.size() - 1);
}

} // namespace

std::size_t display_width(const std::string& text)
{
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), starts_character));
}

std::string shortened(const std::string& text, std::size_t width)
{
  if (display_width(text) <= width) {
    return text;
  }
  return text.substr(0, character_end(text, std::max<std::size_t>(width, 1) - 1)) + "…";
}

void TextTable::add_column(std::string header, Align align, Fit fit)
{
  m_columns.push_back({std::move(header), align, fit});
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

// Each column's width: its widest cell, then, while the table is wider than `width`, the
// widest column that may be wrapped (then cut) one narrower, down to k_narrowest.
std::vector<std::size_t> TextTable::fitted_widths(std::size_t width) const
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
  for (const Fit fit : {Fit::wrap, Fit::shorten}) {
    while (total_width(widths) > width) {
      std::size_t widest = m_columns.size();
      for (std::size_t c = 0; c < m_columns.size(); ++c) {
        const std::size_t narrowest =
          std::max(k_narrowest, display_width(m_columns[c].header));
        if (m_columns[c].fit == fit && widths[c] > narrowest
            && (widest == m_columns.size() || widths[c] > widths[widest])) {
          widest = c;
        }
      }
      if (widest == m_columns.size()) {
        break;
      }
      --widths[widest];
    }
  }
  return widths;
}

std::string TextTable::render_block(const std::vector<std::size_t>& columns,
                                    const std::vector<std::size_t>& widths) const
{
  std::vector<std::size_t> shown;
  for (const std::size_t c : columns) {
    shown.push_back(widths[c]);
  }
  const std::string rule = std::string(total_width(shown), '-') + "\n";
  const auto render_cells = [&](const std::vector<std::string>& cells) {
    std::vector<std::vector<std::string>> lines;
    std::size_t height = 1;
    for (const std::size_t c : columns) {
      const std::size_t w = widths[c];
      if (display_width(cells[c]) <= w) {
        lines.push_back({cells[c]});
      } else {
        lines.push_back(m_columns[c].fit == Fit::shorten ? std::vector{shortened(cells[c], w)}
                                                         : word_lines(cells[c], w, w));
      }
      height = std::max(height, lines.back().size());
    }
    std::string text;
    for (std::size_t l = 0; l < height; ++l) {
      std::string line;
      for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string& cell = l < lines[i].size() ? lines[i][l] : std::string{};
        line += (i == 0 ? "" : std::string(k_gap)) + pad(cell, shown[i], m_columns[columns[i]].align);
      }
      line.erase(line.find_last_not_of(' ') + 1);
      text += line + "\n";
    }
    return text;
  };
  std::vector<std::string> headers;
  for (const Column& column : m_columns) {
    headers.push_back(column.header);
  }
  std::string text = render_cells(headers) + rule;
  for (const auto& row : m_rows) {
    text += row.empty() ? rule : render_cells(row);
  }
  return text;
}

std::size_t TextTable::width() const
{
  return total_width(fitted_widths(std::numeric_limits<std::size_t>::max()));
}

std::string TextTable::render(std::size_t width) const
{
  const std::vector<std::size_t> widths = fitted_widths(width);
  std::vector<std::size_t> all(m_columns.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  if (total_width(widths) <= width || m_columns.size() < 3) {
    return render_block(all, widths);
  }
  // Blocks of the other columns, as many as fit beside the first, at least one each.
  std::string text;
  for (std::size_t next = 1; next < m_columns.size();) {
    std::vector<std::size_t> block{0, next};
    std::size_t used = widths[0] + k_gap.size() + widths[next];
    for (++next; next < m_columns.size() && used + k_gap.size() + widths[next] <= width; ++next) {
      used += k_gap.size() + widths[next];
      block.push_back(next);
    }
    text += (text.empty() ? "" : "\n") + render_block(block, widths);
  }
  return text;
}

std::string wrapped(const std::string& text, std::size_t first, std::size_t rest, std::size_t width)
{
  const std::vector<std::string> lines =
    word_lines(text, width - std::min(width, first), width - std::min(width, rest));
  std::string result;
  for (std::size_t l = 0; l < lines.size(); ++l) {
    result += std::string(l == 0 ? first : rest, ' ') + lines[l] + "\n";
  }
  return result;
}

} // namespace carecast
