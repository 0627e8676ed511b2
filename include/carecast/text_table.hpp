#pragma once

// A plain-text table with a header row, columns sized to their widest cell and the whole
// laid out within a width: text columns marked `wrap` are wrapped first, then a table
// still too wide is printed in blocks of columns, each repeating the first column.

#include <string>
#include <vector>

namespace carecast {

// The width text is laid out to when nothing else says: a classic terminal's.
constexpr std::size_t k_default_width = 80;

class TextTable
{
public:
  enum class Align { left, right };
  enum class Fit {
    keep, // never wrapped: a figure, a year, an id
    wrap,   // prose that may be wrapped onto more lines
    shorten // a name that may be cut short, ending in "…", when wrapping is not enough
  };

  void add_column(std::string header, Align align, Fit fit = Fit::keep);
  void add_row(std::vector<std::string> cells);
  void add_rule(); // a line of dashes under the previous row
  std::size_t width() const; // as rendered when nothing need fit
  std::string render(std::size_t width) const;

private:
  struct Column
  {
    std::string header;
    Align align;
    Fit fit;
  };

  std::vector<std::size_t> fitted_widths(std::size_t width) const;
  std::string render_block(const std::vector<std::size_t>& columns,
                           const std::vector<std::size_t>& widths) const;

  std::vector<Column> m_columns;
  std::vector<std::vector<std::string>> m_rows; // an empty row is a rule
};

// The number of characters a UTF-8 string shows as (one per code point).
std::size_t display_width(const std::string& text);

// Words laid out in lines of at most `width` columns, the first indented by `first`
// spaces and the others by `rest`, each line ending in a newline. A word longer than a
// line is broken between characters.
std::string wrapped(const std::string& text, std::size_t first, std::size_t rest,
                    std::size_t width);

// A text cut to at most `width` characters, ending in "…" when cut.
std::string shortened(const std::string& text, std::size_t width);

} // namespace carecast
