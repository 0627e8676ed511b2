#pragma once

// Problems found in a scenario, each located at a file, line and column, and the
// source text needed to show the offending line with a caret under it.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace carecast {

struct SourcePos
{
  std::string file;
  int line = 0;
  int column = 0;

  auto operator<=>(const SourcePos&) const = default;
};

struct Diagnostic
{
  SourcePos pos;
  std::string message;
};

// The text of every file read, so a diagnostic can quote its line.
class SourceFiles
{
public:
  void add(const std::string& file, std::string text);
  // The 1-based line of a file, without its newline; empty when unknown.
  std::string line(const std::string& file, int line) const;
  // The text a file's lines are quoted from when it is not the bytes read: a CSV file
  // read as Windows-1252, or with its line ends or byte-order mark taken out.
  void show_as(const std::string& file, std::string text);
  // Each file's text as read, byte for byte, by file name.
  const std::map<std::string, std::string>& texts() const { return m_texts; }

private:
  std::map<std::string, std::string> m_texts;
  std::map<std::string, std::string> m_shown;
};

// The most bytes carecast reads from one input file, scenario or CSV: two hundred times
// the largest shipped scenario, so that no input can make it allocate without bound.
inline constexpr std::uintmax_t k_max_input_bytes = 4 * 1024 * 1024;

// The whole of an input file, or a diagnostic at the file when it cannot be read, is
// not a regular file or is larger than k_max_input_bytes. `kind` names the file in
// the message ("scenario file", "CSV file"); `from` locates it where another file
// refers to it, and is the file itself otherwise.
struct InputText
{
  std::optional<std::string> text;
  std::optional<Diagnostic> problem;
};
InputText read_input_file(const std::filesystem::path& path, std::string_view kind,
                          const SourcePos& from);

// "carecast: error: FILE:LINE:COL: message", then the source line and a caret. A line
// too long to show whole is cut to the characters around the column.
std::string render(const Diagnostic& diagnostic, const SourceFiles& sources);
// "carecast: warning: FILE:LINE:COL: message", for a problem that does not stop a run.
std::string render_warning(const Diagnostic& warning);

// `text` with each control character (an escape, a bell, a carriage return, and the C1
// controls U+0080 to U+009F) shown as '?', so that none reaches a terminal from an
// input's text; tabs are kept, and newlines too where `lines` is set.
std::string shown_printable(std::string text, bool lines = false);

void sort_by_position(std::vector<Diagnostic>& diagnostics);

// "; did you mean 'x'?" for the candidate closest to a misspelt word, or "" when
// none is close enough to be a likely typo.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Whether a byte is an ASCII control character (below 0x20, or DEL), which must not
// reach a terminal or a spreadsheet from a scenario's text.
inline bool is_control_character(char c)
{
  return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
}

// The one exception family of the library: failures that are not about a
// scenario's content, such as an output file that cannot be written. (A scenario
// file that cannot be read is a diagnostic like any other problem with it.)
class Error : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
};

} // namespace carecast
