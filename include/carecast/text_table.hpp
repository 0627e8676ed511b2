#pragma once

// A plain-text table with a header row, columns sized to their widest cell.

#include <string>
#include <vector>

namespace carecast {

class TextTable
{
public:
  enum class Align { left, right };

  void add_column(std::string header, Align align);
  void add_row(std::vector<std::string> cells);
  void add_rule(); // a line of dashes under the previous row
  std::string render() const;

private:
  struct Column
  {
    std::string header;
    Align align;
  };

  std::vector<Column> m_columns;
  std::vector<std::vector<std::string>> m_rows; // an empty row is a rule
};

// The number of characters a UTF-8 string shows as (one per code point).
std::size_t display_width(const std::string& text);

// Words laid out in lines of at most `width` columns, the first indented by `first`
// spaces and the others by `rest`, each line ending in a newline.
std::string wrapped(const std::string& text, std::size_t first, std::size_t rest,
                    std::size_t width = 80);

} // namespace carecast
