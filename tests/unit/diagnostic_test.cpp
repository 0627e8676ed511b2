#include "carecast/diagnostic.hpp"

#include "temp_dir.hpp"
#include "text_lines.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

using namespace carecast;

namespace {

SourceFiles one_file(const std::string& name, std::string text)
{
  SourceFiles sources;
  sources.add(name, std::move(text));
  return sources;
}

} // namespace

TEST_CASE("render gives the located message, the source line and a caret under the column")
{
  const SourceFiles sources = one_file("s.toml", "[lines.staffing]\nbsae = 10.0\n");
  const Diagnostic diagnostic{{"s.toml", 2, 1}, "unknown key 'bsae'"};
  CHECK(render(diagnostic, sources)
        == "carecast: error: s.toml:2:1: unknown key 'bsae'\n"
           "  bsae = 10.0\n"
           "  ^\n");
}

TEST_CASE("the caret stands under the column the diagnostic names")
{
  // Column 8 is the '"' of the value: 7 characters "base = " come before it, so the caret
  // line is the two-space indent, 7 spaces and the caret.
  const SourceFiles sources = one_file("s.toml", "[lines.staffing]\nbase = \"ten\"\n");
  const Diagnostic diagnostic{{"s.toml", 2, 8}, "'lines.staffing.base' must be a number"};
  CHECK(render(diagnostic, sources)
        == "carecast: error: s.toml:2:8: 'lines.staffing.base' must be a number\n"
           "  base = \"ten\"\n"
           "         ^\n");
}

TEST_CASE("a diagnostic at line 0 renders without a quote or a caret")
{
  const SourceFiles sources = one_file("s.toml", "[scenario]\n");
  const Diagnostic diagnostic{{"missing.toml", 0, 0}, "cannot read scenario file 'missing.toml'"};
  CHECK(render(diagnostic, sources)
        == "carecast: error: missing.toml: cannot read scenario file 'missing.toml'\n");
}

TEST_CASE("a diagnostic whose line is not among the sources renders without a quote")
{
  const SourceFiles sources = one_file("s.toml", "[scenario]\nname = \"x\"\n");
  CHECK(render({{"other.toml", 1, 1}, "problem"}, sources)
        == "carecast: error: other.toml:1:1: problem\n");
  CHECK(render({{"s.toml", 9, 1}, "problem"}, sources) == "carecast: error: s.toml:9:1: problem\n");
}

TEST_CASE("tabs before the column are kept in the caret line")
{
  // "\tbase = 1": the tab is column 1 and the '1' column 9, so the caret line keeps the tab
  // and has 7 spaces for "base = ".
  const SourceFiles sources = one_file("s.toml", "\tbase = 1\n");
  CHECK(render({{"s.toml", 1, 9}, "problem"}, sources)
        == "carecast: error: s.toml:1:9: problem\n"
           "  \tbase = 1\n"
           "  \t       ^\n");
}

TEST_CASE("the caret counts a non-ASCII character as one column, as TOML positions do")
{
  // toml++ counts columns in characters: in `unit = "£m"\tx` the 'x' is column 13 although
  // '£' takes two bytes. The caret line needs one space per character before it and keeps
  // the tab (column 12): 11 spaces, the tab, then the caret.
  const SourceFiles sources = one_file("s.toml", "unit = \"£m\"\tx\n");
  CHECK(render({{"s.toml", 1, 13}, "problem"}, sources)
        == "carecast: error: s.toml:1:13: problem\n"
           "  unit = \"£m\"\tx\n"
           "             \t^\n");
}

TEST_CASE("a source line is quoted without its newline or carriage return")
{
  const SourceFiles sources = one_file("s.toml", "[scenario]\r\nname = \"x\"\r\nlast = 1");
  CHECK(sources.line("s.toml", 1) == "[scenario]");
  CHECK(sources.line("s.toml", 2) == "name = \"x\"");
  CHECK(sources.line("s.toml", 3) == "last = 1"); // the last line has no newline at all
}

TEST_CASE("a line that does not exist is quoted as empty")
{
  const SourceFiles sources = one_file("s.toml", "one\ntwo\n");
  CHECK(sources.line("s.toml", 0).empty());
  CHECK(sources.line("s.toml", 4).empty()); // "one\ntwo\n" has lines 1, 2 and an empty 3
  CHECK(sources.line("unknown.toml", 1).empty());
}

TEST_CASE("did_you_mean suggests the candidate nearest to a misspelt word")
{
  const std::vector<std::string> keys{"name", "base", "demand", "prices", "until"};
  CHECK(did_you_mean("bsae", keys) == "; did you mean 'base'?");
  CHECK(did_you_mean("prics", keys) == "; did you mean 'prices'?");
}

TEST_CASE("did_you_mean returns an empty string when no candidate is close")
{
  const std::vector<std::string> keys{"name", "base", "demand", "prices", "until"};
  CHECK(did_you_mean("staffing", keys).empty());
  CHECK(did_you_mean("base", {}).empty());
}

TEST_CASE("did_you_mean prefers the closest candidate over the first one")
{
  // "demnad" is 1 edit (a swap) from "demand" and 2 from "demands".
  CHECK(did_you_mean("demnad", {"demands", "demand"}) == "; did you mean 'demand'?");
}

TEST_CASE("a swap of neighbouring letters counts as a single edit")
{
  // A 4-letter word may be 1 edit away (a third of 4, at least 1). "bsae" is a swap from
  // "base" but 2 substitutions, so it is only suggested if the swap counts as one edit.
  CHECK(did_you_mean("bsae", {"base"}) == "; did you mean 'base'?");
  CHECK(did_you_mean("bxye", {"base"}).empty()); // 2 substitutions
}

TEST_CASE("a suggestion is at most a third of the word's letters away, and at most 3 edits")
{
  // 6 letters: up to 2 edits.
  CHECK(did_you_mean("abcxyf", {"abcdef"}) == "; did you mean 'abcdef'?");
  CHECK(did_you_mean("axyzef", {"abcdef"}).empty());
  // 12 letters: a third would be 4, but the limit is 3.
  CHECK(did_you_mean("abcdefghiXYZ", {"abcdefghijkl"}) == "; did you mean 'abcdefghijkl'?");
  CHECK(did_you_mean("abcdefghWXYZ", {"abcdefghijkl"}).empty());
}

TEST_CASE("sort_by_position orders diagnostics by file, then line, then column")
{
  std::vector<Diagnostic> diagnostics{
    {{"b.toml", 1, 1}, "b 1:1"},   {{"a.toml", 10, 2}, "a 10:2"},     {{"a.toml", 2, 30}, "a 2:30"},
    {{"a.toml", 10, 1}, "a 10:1"}, {{"a.toml", 0, 0}, "a unlocated"},
  };
  sort_by_position(diagnostics);
  std::vector<std::string> order;
  for (const Diagnostic& diagnostic : diagnostics) {
    order.push_back(diagnostic.message);
  }
  // Line 10 comes after line 2 (numerically, not as text).
  CHECK(order == std::vector<std::string>{"a unlocated", "a 2:30", "a 10:1", "a 10:2", "b 1:1"});
}

TEST_CASE("sort_by_position keeps diagnostics at the same position in their order")
{
  std::vector<Diagnostic> diagnostics{
    {{"a.toml", 1, 1}, "second"}, {{"a.toml", 1, 1}, "first"}, {{"a.toml", 0, 0}, "zero"}};
  sort_by_position(diagnostics);
  CHECK(diagnostics[0].message == "zero");
  CHECK(diagnostics[1].message == "second");
  CHECK(diagnostics[2].message == "first");
}

TEST_CASE("a long source line is cut to the characters around the column, marked with ...")
{
  // 300 characters: 200 'a', the 'X' at column 201, then 99 'b'.
  const std::string line = std::string(200, 'a') + "X" + std::string(99, 'b');
  const SourceFiles sources = one_file("s.toml", line + "\n");
  const std::string text = render({{"s.toml", 1, 201}, "here"}, sources);
  const std::vector<std::string> lines = carecast::test::lines_of(text);
  REQUIRE(lines.size() == 3);
  // 120 characters kept, from column 141 (201 - 60) to column 260.
  CHECK(lines[1] == "  ..." + std::string(60, 'a') + "X" + std::string(59, 'b') + "...");
  // The caret stands under the X: after the 2 spaces, "..." and 60 'a'.
  CHECK(lines[2] == std::string(2 + 3 + 60, ' ') + "^");
}

TEST_CASE("a long line is cut at its start when the column is near its end")
{
  const std::string line = std::string(199, 'a') + "X";
  const SourceFiles sources = one_file("s.toml", line + "\n");
  const std::vector<std::string> lines =
    carecast::test::lines_of(render({{"s.toml", 1, 200}, "here"}, sources));
  // The last 120 characters, from column 81, and nothing cut after them.
  CHECK(lines[1] == "  ..." + std::string(119, 'a') + "X");
  CHECK(lines[2] == std::string(2 + 3 + 119, ' ') + "^");
}

TEST_CASE("control characters in a quoted line are shown as '?', tabs kept")
{
  const SourceFiles sources = one_file("s.toml", std::string("a\x1b[31m = \0\x7f\t1\n", 14));
  const std::vector<std::string> lines =
    carecast::test::lines_of(render({{"s.toml", 1, 1}, "here"}, sources));
  CHECK(lines[1] == "  a?[31m = ??\t1");
}

TEST_CASE("did_you_mean does not compare words longer than any name")
{
  const std::string long_word(65, 'a');
  CHECK(did_you_mean(long_word, {std::string(64, 'a') + "b"}).empty());
  // A word of 64 letters is still compared.
  CHECK(did_you_mean(std::string(64, 'a'), {std::string(63, 'a') + "b"})
        == "; did you mean '" + std::string(63, 'a') + "b'?");
}

TEST_CASE("an input file is read whole, up to the size limit")
{
  TempDir dir;
  const fs::path file = dir.path() / "s.toml";
  std::ofstream(file, std::ios::binary) << "a = 1\n";
  const InputText read = read_input_file(file, "scenario file", {});
  REQUIRE(read.text);
  CHECK(*read.text == "a = 1\n");
  CHECK_FALSE(read.problem);
}

TEST_CASE("an input file over the size limit is refused without being read")
{
  TempDir dir;
  const fs::path file = dir.path() / "big.csv";
  // One byte over 4 MiB; a file of exactly k_max_input_bytes is read.
  std::ofstream(file).close();
  fs::resize_file(file, k_max_input_bytes + 1);
  const InputText read = read_input_file(file, "CSV file", {});
  CHECK_FALSE(read.text);
  REQUIRE(read.problem);
  CHECK(read.problem->pos == SourcePos{file.string(), 0, 0});
  CHECK(read.problem->message
        == "CSV file '" + file.string()
             + "' is 4194305 bytes; carecast reads files of at most 4194304 bytes (4 MiB)");
  fs::resize_file(file, k_max_input_bytes);
  CHECK(read_input_file(file, "CSV file", {}).text->size() == k_max_input_bytes);
}

TEST_CASE("a directory or a missing file is not an input file, located where it was named")
{
  TempDir dir;
  const SourcePos from{"child.toml", 1, 11};
  const InputText folder = read_input_file(dir.path(), "scenario file", from);
  CHECK_FALSE(folder.text);
  REQUIRE(folder.problem);
  CHECK(folder.problem->pos == from);
  CHECK(folder.problem->message == "cannot read scenario file '" + dir.path().string() + "'");
  CHECK(read_input_file(dir.path() / "missing.toml", "scenario file", {}).problem);
}

TEST_CASE("a warning is located like an error, its control characters shown as '?'")
{
  CHECK(carecast::render_warning({{"a\x1b.csv", 3, 14}, "read \x07 as"})
        == "carecast: warning: a?.csv:3:14: read ? as\n");
  CHECK(carecast::render_warning({{"a.csv", 0, 0}, "whole"}) == "carecast: warning: a.csv: whole\n");
}

TEST_CASE("a file's lines are quoted from the text it is shown as, when it has one")
{
  SourceFiles sources = one_file("a.csv", "caf\xE9\r\n");
  sources.show_as("a.csv", "café\n");
  CHECK(sources.line("a.csv", 1) == "café");
  CHECK(sources.texts().at("a.csv") == "caf\xE9\r\n");
  CHECK(carecast::shown_printable("a\x1b\nb\r", true) == "a?\nb?");
}

TEST_CASE("C1 controls in text are shown as '?', each as one character")
{
  // U+009B (a terminal's CSI) and U+0085 are C1 controls, 2 bytes each in UTF-8;
  // U+00A3 (£) and U+00A0 (no-break space), the characters after them, are not.
  CHECK(carecast::shown_printable("x\xc2\x9b" "2J y\xc2\x85" "\xc2\xa3\xc2\xa0")
        == "x?2J y?\xc2\xa3\xc2\xa0");
}
