#include "carecast/csv_table.hpp"

#include "carecast/windows_1252.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace carecast {
namespace {

// Splits CSV text into records of cells. Quoted fields may hold commas, doubled
// quotes and newlines; a record ends at an unquoted newline (the text's line ends are
// all LF by now).
class Parser
{
public:
  Parser(const std::string& text, const std::string& file)
    : m_text(text),
      m_file(file)
  {}

  std::vector<std::vector<CsvCell>> records(std::vector<Diagnostic>& diagnostics)
  {
    std::vector<std::vector<CsvCell>> result;
    while (m_at < m_text.size()) {
      std::vector<CsvCell> record;
      bool more = true;
      while (more) {
        std::optional<CsvCell> cell = field(diagnostics);
        if (!cell) {
          return {};
        }
        record.push_back(std::move(*cell));
        more = m_at < m_text.size() && m_text[m_at] == ',';
        if (more) {
          advance();
        }
      }
      if (m_at < m_text.size()) {
        advance(); // the newline
      }
      if (!blank(record)) {
        result.push_back(std::move(record));
      }
    }
    return result;
  }

private:
  SourcePos here() const { return {m_file, m_line, m_column}; }

  void advance()
  {
    if (m_text[m_at] == '\n') {
      ++m_line;
      m_column = 1;
    } else {
      ++m_column;
    }
    ++m_at;
  }

  // A blank line, or a row of empty cells (",,,,"), as a spreadsheet leaves after its
  // last row.
  static bool blank(const std::vector<CsvCell>& record)
  {
    return std::all_of(record.begin(), record.end(),
                       [](const CsvCell& cell) { return trimmed(cell.text).empty(); });
  }

  std::optional<CsvCell> field(std::vector<Diagnostic>& diagnostics)
  {
    CsvCell cell{{}, here()};
    if (m_at < m_text.size() && m_text[m_at] == '"') {
      advance();
      while (true) {
        if (m_at >= m_text.size()) {
          diagnostics.push_back({cell.pos, "quoted field is never closed"});
          return std::nullopt;
        }
        if (m_text[m_at] == '"') {
          advance();
          if (m_at < m_text.size() && m_text[m_at] == '"') {
            cell.text += '"';
            advance();
            continue;
          }
          break;
        }
        cell.text += m_text[m_at];
        advance();
      }
      if (m_at < m_text.size() && m_text[m_at] != ',' && m_text[m_at] != '\n') {
        diagnostics.push_back({here(), "unexpected text after a quoted field"});
        return std::nullopt;
      }
      return cell;
    }
    while (m_at < m_text.size() && m_text[m_at] != ',' && m_text[m_at] != '\n') {
      cell.text += m_text[m_at];
      advance();
    }
    return cell;
  }

  const std::string& m_text;
  const std::string& m_file;
  std::size_t m_at = 0;
  int m_line = 1;
  int m_column = 1;
};

// A spreadsheet's byte-order mark, which says the file is UTF-8.
constexpr std::string_view k_byte_order_mark = "\xEF\xBB\xBF";

// `text` with each CRLF or lone CR (a line end of classic Mac OS, as Excel for Mac
// still writes) made LF.
std::string with_lf_line_ends(std::string_view text)
{
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      result += text[i];
    } else if (i + 1 == text.size() || text[i + 1] != '\n') {
      result += '\n';
    }
  }
  return result;
}

// Text that is not UTF-8 read as Windows-1252, what Excel's "CSV (Comma delimited)"
// writes, with a warning at its first byte that is not UTF-8. Its columns count bytes,
// as each of them is one character once read.
std::string as_utf8(std::string text, const std::string& file, std::vector<Diagnostic>& warnings)
{
  const std::optional<std::size_t> invalid = first_invalid_utf8(text);
  if (!invalid) {
    return text;
  }
  const std::size_t line_start = text.rfind('\n', *invalid) + 1; // npos + 1 is 0
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + *invalid, '\n'));
  const auto byte = static_cast<unsigned char>(text[*invalid]);
  warnings.push_back({{file, line, static_cast<int>(*invalid - line_start) + 1},
                      fmt::format("not UTF-8: read as Windows-1252 (byte 0x{:02X} read as '{}')",
                                  byte, windows_1252_character(byte))});
  return windows_1252_to_utf8(text);
}

// The text to split into cells: without a byte-order mark, with LF line ends, in UTF-8.
std::string prepared(std::string_view text, const std::string& file,
                     std::vector<Diagnostic>& warnings)
{
  if (text.starts_with(k_byte_order_mark)) {
    text.remove_prefix(k_byte_order_mark.size());
  }
  return as_utf8(with_lf_line_ends(text), file, warnings);
}

// A header without commas but with semicolons or tabs: a file saved with another
// separator, as Excel does where the decimal point is a comma. Looked for before the
// cells are split, as quoted headers ("year";"line") are not well-formed CSV then.
std::optional<Diagnostic> other_separator(const std::string& text, const std::string& file)
{
  std::size_t start = text.find_first_not_of('\n');
  if (start == std::string::npos) {
    return std::nullopt;
  }
  const std::string header = text.substr(start, text.find('\n', start) - start);
  const char* separator = header.find(',') != std::string::npos    ? nullptr
                          : header.find(';') != std::string::npos  ? "semicolons"
                          : header.find('\t') != std::string::npos ? "tabs"
                                                                   : nullptr;
  if (!separator) {
    return std::nullopt;
  }
  const int line = 1 + static_cast<int>(start); // the blank lines before it
  return Diagnostic{{file, line, 1},
                    fmt::format("the header has one column '{}': the file looks separated by {}; "
                                "carecast reads comma-separated files (save as 'CSV UTF-8 (Comma "
                                "delimited)')",
                                header, separator)};
}

} // namespace

std::optional<int> CsvTable::column(std::string_view name) const
{
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i].text == name) {
      return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

CsvResult read_csv_text(std::string text, const std::string& file_name)
{
  CsvResult result;
  const std::string shown = prepared(text, file_name, result.warnings);
  if (shown != text) {
    result.sources.show_as(file_name, shown);
  }
  result.sources.add(file_name, std::move(text));
  if (std::optional<Diagnostic> separated = other_separator(shown, file_name)) {
    result.diagnostics.push_back(std::move(*separated));
    return result;
  }
  Parser parser(shown, file_name);
  std::vector<std::vector<CsvCell>> records = parser.records(result.diagnostics);
  if (!result.diagnostics.empty()) {
    return result;
  }
  if (records.empty()) {
    result.diagnostics.push_back({{file_name, 1, 1}, "the file is empty; it needs a header row"});
    return result;
  }
  CsvTable table{file_name, std::move(records.front()), {}};
  for (CsvCell& cell : table.header) {
    const auto start = cell.text.find_first_not_of(' ');
    cell.text.erase(0, start == std::string::npos ? cell.text.size() : start);
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.header.size()) {
      result.diagnostics.push_back(
        {records[r].front().pos, fmt::format("row has {} fields but the header has {}",
                                             records[r].size(), table.header.size())});
      continue;
    }
    table.rows.push_back(std::move(records[r]));
  }
  if (result.diagnostics.empty()) {
    result.table = std::move(table);
  }
  return result;
}

CsvResult read_csv_file(const std::filesystem::path& path)
{
  InputText input = read_input_file(path, "CSV file", {});
  if (!input.text) {
    CsvResult result;
    result.diagnostics.push_back(std::move(*input.problem));
    return result;
  }
  return read_csv_text(std::move(*input.text), path.string());
}

std::optional<double> parse_number(std::string_view text)
{
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  double value = 0.0;
  const auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || failure != std::errc{} || end != text.data() + text.size()
      || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string trimmed(std::string_view text)
{
  const auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) {
    return {};
  }
  return std::string(text.substr(first, text.find_last_not_of(' ') - first + 1));
}

void check_header(const CsvTable& table, const std::vector<std::string>& known,
                  std::string_view what, std::vector<Diagnostic>& diagnostics)
{
  const std::string listed =
    known.size() < 2 ? fmt::format("{}", fmt::join(known, ""))
                     : fmt::format("{} and {}", fmt::join(known.begin(), known.end() - 1, ", "),
                                   known.back());
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    const CsvCell& cell = table.header[i];
    if (std::find(known.begin(), known.end(), cell.text) == known.end()) {
      diagnostics.push_back({cell.pos, fmt::format("unknown column '{}' ({} has the columns {}){}",
                                                   cell.text, what, listed,
                                                   did_you_mean(cell.text, known))});
    } else if (table.column(cell.text) != static_cast<int>(i)) {
      diagnostics.push_back({cell.pos, fmt::format("column '{}' appears twice", cell.text)});
    }
  }
}

} // namespace carecast
