#include "carecast/csv_table.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace carecast {
namespace {

// Splits CSV text into records of cells. Quoted fields may hold commas, doubled
// quotes and newlines; a record ends at an unquoted LF or CRLF.
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
      end_of_record();
      if (!(record.size() == 1 && record.front().text.empty())) { // skip blank lines
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

  void end_of_record()
  {
    if (m_at < m_text.size() && m_text[m_at] == '\r') {
      advance();
    }
    if (m_at < m_text.size() && m_text[m_at] == '\n') {
      advance();
    }
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
      if (m_at < m_text.size() && m_text[m_at] != ',' && m_text[m_at] != '\r'
          && m_text[m_at] != '\n') {
        diagnostics.push_back({here(), "unexpected text after a quoted field"});
        return std::nullopt;
      }
      return cell;
    }
    while (m_at < m_text.size() && m_text[m_at] != ',' && m_text[m_at] != '\n'
           && !(m_text[m_at] == '\r' && m_at + 1 < m_text.size() && m_text[m_at + 1] == '\n')) {
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
  result.sources.add(file_name, text);
  if (text.starts_with("\xEF\xBB\xBF")) { // a byte-order mark, as spreadsheets write it
    text.replace(0, 3, "   ");
  }
  Parser parser(text, file_name);
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
